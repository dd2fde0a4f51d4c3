import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {renderTable} from '../../cli/render.js'
import {InputError} from '../../errors.js'
import {CHECK_KIND_LABELS, checkMapping, summarizeFindings} from '../../mapping/check.js'
import {checkPairs, pairProgress} from '../../mapping/check-pairs.js'
import {loadMapContext} from '../../mapping/context.js'
import {SEVERITY_LABELS} from '../../model/finding.js'
import {displayPath} from '../../paths.js'

export default class MapCheck extends BaseCommand {
  static override summary = '対応付けファイルを検査します (業者・CI 向け。重大な問題があれば終了コード 1)'
  static override description = `mappings/<業務>.yaml を標準仕様のデータ項目と取り込んだ現行項目に照らして検査します:
存在しない参照 (標準・現行)、重複、必須項目の未対応、型・桁数の不一致 (現行の方が長い = 移行時の切り捨て = 重大、短い = 情報)、
必須の差異、コード表の差異。
機能・帳票の対応 (functions / forms と、現行の機能一覧・帳票一覧の標準機能ID・標準帳票ID列 = 業者の対応表) も検査します:
存在しない標準ID・現行ID、対応表のIDの誤り (重大)、実装不可の機能・帳票に対応する現行 (注意)。確定・候補の件数も示します。型・桁などは確定 (confirmed) した対応だけを見ます (--include-suggested で提案も)。
終了コード: 0 問題なし (注意・情報のみ) / 1 重大な問題あり / 2 入力の誤り。`
  static override examples = [
    '<%= config.bin %> map check jumin',
    '<%= config.bin %> map check jumin --json > map-check.json',
    '<%= config.bin %> map check 住民基本台帳 --include-suggested',
  ]
  static override args = {
    area: Args.string({description: '業務 (slug・名称・番号のいずれか)', required: true}),
  }
  static override flags = {
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    edition: Flags.string({description: '標準仕様の版 (省略時はワークスペースの指定か最新)'}),
    'include-suggested': Flags.boolean({description: '提案 (suggested) の対応も型・桁などを検査する (重大にはしません)', default: false}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(MapCheck)
    const context = loadMapContext(args.area, flags)
    if (!context.mapping)
      throw new InputError(`対応付けファイル ${displayPath(context.mappingPath)} がありません。\`fitgap map suggest ${context.area.slug}\` で作成できます。`)
    const findings = [
      ...checkMapping(context.mapping, context.catalog.dataItems, context.current?.fields, {includeSuggested: flags['include-suggested'], codeLists: context.catalog.codeLists}),
      ...checkPairs(context.mapping, context.catalog, context.current),
    ]
    const pairs = pairProgress(context.mapping, context.catalog, context.current)
    const counts = summarizeFindings(findings)
    if (flags.json) {
      this.printJson({
        area: context.area.slug,
        edition: context.catalog.edition,
        file: displayPath(context.mappingPath),
        currentImported: context.current !== undefined,
        ok: counts.error === 0,
        counts,
        pairs,
        findings,
      })
    } else {
      const lines = [`${context.area.name} (${context.area.slug}) ${displayPath(context.mappingPath)} の検査`]
      if (!context.current) lines.push('現行システムの定義が取り込まれていないため、現行項目の存在は検査していません。')
      const progress = (p: typeof pairs.functions) => `確定 ${p.confirmed}・対応なし ${p['no-counterpart']}・候補のみ ${p.candidate}・未対応 ${p.none}`
      lines.push(`機能の対応: ${progress(pairs.functions)} / 帳票の対応: ${progress(pairs.forms)}`)
      if (findings.length > 0)
        lines.push(
          '',
          renderTable(
            ['重大度', '種類', '標準項目', '現行項目', '内容'],
            findings.map((f) => [SEVERITY_LABELS[f.severity], CHECK_KIND_LABELS[f.kind], f.item ?? '', f.ref ?? '', f.message]),
          ).trimEnd(),
        )
      lines.push('', `重大 ${counts.error} 件・注意 ${counts.warning} 件・情報 ${counts.info} 件${counts.error === 0 ? ' — 重大な問題はありません。' : ''}`)
      process.stdout.write(`${lines.join('\n')}\n`)
    }
    if (counts.error > 0) this.exit(1)
  }
}
