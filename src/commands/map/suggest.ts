import {Args, Flags, type Interfaces} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {createProgress} from '../../cli/progress.js'
import {renderTable} from '../../cli/render.js'
import {InputError} from '../../errors.js'
import {loadMapContext} from '../../mapping/context.js'
import {loadPairEvidence} from '../../mapping/evidence.js'
import {stringifyMappingFile} from '../../mapping/file.js'
import {mergeSuggestions} from '../../mapping/merge.js'
import {emptyMappingFile, HUMAN_STATUSES, type MappingFile, type PairItem} from '../../mapping/model.js'
import {pairSuggestions} from '../../mapping/pair-suggest.js'
import {fieldSuggestions, renderFieldSuggestions, suggestionsToMappingFile} from '../../mapping/suggest.js'
import {displayPath} from '../../paths.js'
import {ownDictionaryDirs} from '../../workspace/dictionary-dirs.js'
import {withWorkspaceLock} from '../../workspace/lock.js'
import {saveMergedMapping} from '../../workspace/mapping-save.js'
import {requireWorkspace} from '../../workspace/workspace.js'

const pairCounts = (pairs: readonly PairItem[] | undefined) => ({
  suggested: (pairs ?? []).filter((p) => p.entries.some((e) => e.status === 'suggested')).length,
  decided: (pairs ?? []).filter((p) => p.entries.some((e) => HUMAN_STATUSES.has(e.status))).length,
})

export default class MapSuggest extends BaseCommand {
  static override summary = '標準データ項目・機能・帳票ごとに、対応する現行の候補を提案して対応付けファイルに書きます'
  static override description = `取り込んだ現行システムの項目 (fitgap current import) と標準仕様のデータ項目を照合し、
名称・読み (ローマ字/カナ)・英語名・同義語辞書・説明・型と桁・表とグループの信号からスコア (0〜1) と理由を付けた候補を
ワークスペースの mappings/<業務>.yaml に書きます。
標準機能 ↔ 現行機能 (functions)・標準帳票 ↔ 現行帳票 (forms) の候補も、名称と要件の文・現行の概要・分類から
一致度と理由を付けて同じファイルに書きます。候補は判定に使われず、分析では「候補 (要確認)」と表示されます。
現行の機能一覧・帳票一覧に標準機能ID・標準帳票IDの列 (業者の対応表) があれば、その行は確定した対応として扱い、候補は作りません。
人が確定 (confirmed)・却下 (rejected)・対応なし (no-counterpart) にした対応は、再実行しても変わりません。
同じ入力で再実行してもファイルは変わりません (順序は安定)。形式は docs/mapping-file.md を参照。`
  static override examples = [
    '<%= config.bin %> map suggest jumin',
    '<%= config.bin %> map suggest 住民基本台帳 --top 5 --min-score 0.5',
    '<%= config.bin %> map suggest jumin --assign --dry-run',
    '<%= config.bin %> map suggest jumin --json',
    '<%= config.bin %> map suggest jumin --by-field --json',
  ]
  static override args = {
    area: Args.string({description: '業務 (slug・名称・番号のいずれか)', required: true}),
  }
  static override flags = {
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    edition: Flags.string({description: '標準仕様の版 (省略時はワークスペースの指定か最新)'}),
    top: Flags.integer({description: '標準項目ごとに書く候補の数 (1〜20。--by-field では現行項目ごとに示す数)', default: 3, min: 1, max: 20}),
    'by-field': Flags.boolean({
      description: '逆向き: 現行項目ごとに、対応しそうな標準項目を点数順に示す (「この列はどこへ行くか」)。ファイルには書きません',
      default: false,
    }),
    'min-score': Flags.string({description: 'この値未満の候補は書かない (0〜1)', default: '0.45'}),
    assign: Flags.boolean({description: '1対1の割り当て (スコアの高い順に、標準項目・現行項目をそれぞれ1回だけ使う) で候補を1つに絞る', default: false}),
    'dry-run': Flags.boolean({description: 'ファイルを書かずに結果だけ表示する', default: false}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(MapSuggest)
    const minScore = Number(flags['min-score'])
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) throw new InputError(`--min-score は 0〜1 の数です (「${flags['min-score']}」)。`)
    if (flags['dry-run']) return this.suggest(args.area, flags, minScore)
    const workspace = requireWorkspace(flags.workspace)
    await withWorkspaceLock(workspace.root, 'map suggest', () => this.suggest(args.area, flags, minScore))
  }

  private async suggest(areaQuery: string, flags: Interfaces.InferredFlags<typeof MapSuggest.flags>, minScore: number): Promise<void> {
    const context = loadMapContext(areaQuery, flags)
    const {area, catalog, current} = context
    if (!current || current.fields.length + current.functions.length + current.forms.length === 0)
      throw new InputError(
        `${area.name} (${area.slug}) の現行システムの定義がありません。先に \`fitgap current import ファイル --area ${area.slug}\` で項目定義・機能一覧・帳票一覧を取り込んでください。`,
      )
    let fresh = emptyMappingFile(area.slug, catalog.edition)
    if (current.fields.length > 0 || flags['by-field']) {
      const progress = createProgress({enabled: !flags.json})
      progress.step('辞書を読み込んでいます')
      const topK = Math.max(flags.top, 5)
      let result
      try {
        // The matcher and its dictionaries are loaded only here (they are heavy).
        const {createMatcher, DICTIONARY_FILES, loadMatchResources} = await import('../../matching/dictionary-loader.js')
        const {applyEvidence} = await import('../../matching/learned.js')
        const matcher = createMatcher(loadMatchResources({extraDirs: ownDictionaryDirs(context.workspace.mappingsDir, Object.values(DICTIONARY_FILES))}))
        progress.step(`照合しています (標準データ項目 ${catalog.dataItems.length} 件)`, current.fields.length)
        // Decisions in the other 業務 and the vendor's column dictionary count as evidence here.
        const evidence = loadPairEvidence(context.workspace.mappingsDir, area.slug)
        result = applyEvidence(
          matcher.match(catalog.dataItems, current.fields, {topK, minScore: Math.min(minScore, 0.3), onProgress: (done) => progress.update(done)}),
          catalog.dataItems,
          current.fields,
          evidence,
          topK,
        )
      } finally {
        progress.done()
      }
      const {assignOneToOne} = await import('../../matching/engine.js')
      if (flags['by-field']) {
        const byField = fieldSuggestions(catalog.dataItems, current.fields, result, {perField: flags.top, minScore})
        if (flags.json) this.printJson({area: area.slug, edition: catalog.edition, fields: byField})
        else process.stdout.write(renderFieldSuggestions(byField))
        return
      }
      fresh = suggestionsToMappingFile(area.slug, catalog.edition, catalog.dataItems, result, {
        perItem: flags.top,
        minScore,
        assignment: flags.assign ? assignOneToOne(result, minScore) : undefined,
      })
    }
    fresh = {...fresh, ...pairSuggestions(catalog, current, context.mapping)}
    let merged = mergeSuggestions(context.mapping, fresh)
    if (!flags['dry-run']) refuseToEmpty(context.mapping, merged, catalog.edition, catalog.dataItems.length, displayPath(context.mappingPath))
    let changed = !context.mapping || stringifyMappingFile(context.mapping) !== stringifyMappingFile(merged)
    // Merged again onto the file as it is at the moment of writing: a confirmation saved meanwhile is kept.
    if (!flags['dry-run']) ({mapping: merged, written: changed} = saveMergedMapping(context.mappingPath, context.mappingText, (existing) => mergeSuggestions(existing, fresh)))

    const decided = merged.items.filter((item) => item.entries.some((e) => HUMAN_STATUSES.has(e.status))).length
    const withSuggestion = merged.items.filter((item) => item.entries.some((e) => e.status === 'suggested')).length
    const counts = {
      items: catalog.dataItems.length,
      currentFields: current.fields.length,
      decided,
      withSuggestion,
      withoutCandidate: catalog.dataItems.length - merged.items.filter((item) => item.entries.length > 0 && catalog.dataItems.some((d) => d.id === item.item)).length,
      functions: pairCounts(merged.functions),
      forms: pairCounts(merged.forms),
    }
    if (flags.json) {
      this.printJson({
        area: area.slug,
        edition: catalog.edition,
        file: displayPath(context.mappingPath),
        written: !flags['dry-run'] && changed,
        counts,
        items: merged.items,
        functions: merged.functions ?? [],
        forms: merged.forms ?? [],
      })
      return
    }
    const names = new Map(catalog.dataItems.map((item) => [item.id, item.name]))
    const rows = merged.items
      .filter((item) => item.entries[0]?.status === 'suggested')
      .map((item) => {
        const top = item.entries[0]!
        return [item.item, names.get(item.item) ?? item.name ?? '', top.refs.join('+'), (top.score ?? 0).toFixed(2), top.reason ?? '']
      })
    const shown = rows.slice(0, 30)
    const lines = [
      `${area.name} (${area.slug}) 版 ${catalog.edition}: 標準データ項目 ${counts.items} 件 / 現行項目 ${counts.currentFields} 件`,
      `候補あり ${counts.withSuggestion} 件・人が判断済み ${counts.decided} 件・候補なし ${counts.withoutCandidate} 件`,
      `機能の対応: 候補 ${counts.functions.suggested} 件・判断済み ${counts.functions.decided} 件 / 帳票の対応: 候補 ${counts.forms.suggested} 件・判断済み ${counts.forms.decided} 件 (業者の対応表の行は確定扱いで書きません)`,
      '',
      shown.length > 0 ? renderTable(['ID', '標準項目', '第1候補', 'スコア', '理由'], shown) : '新しい候補はありません。\n',
      rows.length > shown.length ? `… ほか ${rows.length - shown.length} 件 (--json で全件)\n` : '',
      flags['dry-run']
        ? '(--dry-run のため書き込んでいません)'
        : changed
          ? `書き込みました: ${displayPath(context.mappingPath)}\n候補を確認し、status を confirmed / rejected / no-counterpart に書き換えてください (by・at・note も書けます)。`
          : `変更はありません: ${displayPath(context.mappingPath)}`,
    ]
    process.stdout.write(`${lines.join('\n')}\n`)
  }
}

const entryCount = (file: MappingFile | undefined) => (file?.items ?? []).reduce((n, item) => n + item.entries.length, 0)

/** A run that would leave a mapping file with entries empty (a wrong edition, a too strict --min-score) stops instead. */
function refuseToEmpty(before: MappingFile | undefined, after: MappingFile, edition: string, items: number, shown: string): void {
  const had = entryCount(before)
  if (had === 0 || entryCount(after) > 0) return
  throw new InputError(
    `${shown} には ${had} 件の対応付けがありますが、版 ${edition} (標準データ項目 ${items} 件) で提案し直すとすべて消えるため、書き込みません。` +
      (items === 0
        ? '基本データリストを `fitgap specs import … --add` で同じ版に加えるか、--edition でデータ項目のある版を指定してください。'
        : '--min-score を下げるか、--edition で対応付けを作った版を指定してください。'),
  )
}
