import path from 'node:path'

import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {BaseCommand} from '../../base-command.js'
import {createProgress} from '../../cli/progress.js'
import {renderTable} from '../../cli/render.js'
import {InputError} from '../../errors.js'
import type {Area} from '../../model/area.js'
import type {SpecCatalog} from '../../model/catalog.js'
import {KIND_LABELS} from '../../model/vocabulary.js'
import {displayPath} from '../../paths.js'
import {
  DIRECTION_LABELS,
  formatChangeValue,
  MATCH_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  writeSpecDiffWorkbook,
} from '../../report/spec-diff-workbook.js'
import {type CatalogFile, listEditions, loadCatalogFile} from '../../specs/catalog-store.js'
import {type CatalogDiff, DIFF_STATUSES, diffCatalogs, type TextPart} from '../../specs/diff.js'
import {resolveArea} from '../../specs/registry.js'
import {findWorkspace, specsDirsOf} from '../../workspace/workspace.js'

export default class SpecsDiff extends BaseCommand {
  static override summary = '同じ業務の2つの版のカタログを比べます (追加・削除・変更・番号変更・実装区分の変化)'
  static override description = `機能要件・帳票 (印字項目を含む)・データ項目を ID で突き合わせ、ID が変わったものは項番・名称・本文の近さで
「番号変更」として確度付きで対応付けます。要件の本文は語単位で比べます。実装区分の変化は向きで重要度を付けます
(実装不可へ = エラー、実装必須へ = 警告、標準オプションへ = 情報)。
カタログはワークスペースの specs/ (取り込んだ公式資料) を先に、次に同梱の specs/ を探します。
--from / --to を省くと、最新の版とその1つ前の版を比べます。--out で Excel (差分は色付きの書式付き文字列) を書き出します。`
  static override examples = [
    '<%= config.bin %> specs diff jumin',
    '<%= config.bin %> specs diff 住民基本台帳 --from rep-1 --to rep-2 --out 版差分.xlsx',
    '<%= config.bin %> specs diff 1 --from rep-1 --to rep-2 --json',
  ]
  static override args = {
    area: Args.string({description: '業務 (slug・名称・番号)', required: true}),
  }
  static override flags = {
    from: Flags.string({description: '古い版 (省略時は --to の1つ前の版)'}),
    to: Flags.string({description: '新しい版 (省略時は最新の版)'}),
    out: Flags.string({description: '差分の Excel ブックを書き出すファイル (.xlsx)'}),
    all: Flags.boolean({description: 'Excel に変更のない行も載せます', default: false}),
    workspace: Flags.string({description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(SpecsDiff)
    const area = resolveArea(args.area)
    const workspace = findWorkspace(flags.workspace)
    const editions = listEditions(area.slug, specsDirsOf(workspace))
    const inWorkspace = (e: CatalogFile) => workspace !== undefined && e.file.startsWith(workspace.specsDir + path.sep)
    const pick = (edition: string) => {
      const found = editions.find((e) => e.edition === edition)
      if (!found)
        throw new InputError(`${area.name} の版「${edition}」はありません。使える版: ${editions.map((e) => e.edition).join(', ') || '(なし)'}`)
      return found
    }
    const to = flags.to !== undefined ? pick(flags.to) : editions.at(-1)
    if (!to) throw new InputError(`${area.name} (${area.slug}) のカタログがありません。`)
    const from =
      flags.from !== undefined ? pick(flags.from) : editions[editions.findIndex((e) => e.edition === to.edition) - 1]
    if (!from)
      throw new InputError(
        `${area.name} には比べる版が1つしかありません (${to.edition})。--from で版を指定するか、\`fitgap specs import\` で版を取り込んでください。`,
      )
    if (from.edition === to.edition) throw new InputError('--from と --to に同じ版が指定されています。')
    const older: SpecCatalog = loadCatalogFile(from.file)
    const newer: SpecCatalog = loadCatalogFile(to.file)
    const diff = diffCatalogs(older, newer)
    if (flags.out !== undefined) {
      const out = path.resolve(flags.out)
      if (!out.toLowerCase().endsWith('.xlsx')) throw new InputError(`--out には .xlsx のファイル名を指定してください (${flags.out})。`)
      const progress = createProgress({enabled: !flags.json})
      progress.step('Excel ブックを書いています')
      try {
        await writeSpecDiffWorkbook(diff, out, {areaName: area.name, includeUnchanged: flags.all})
      } finally {
        progress.done()
      }
    }
    if (flags.json) this.printJson(diff)
    else {
      process.stdout.write(renderDiff(diff, area, inWorkspace(from), inWorkspace(to)))
      if (flags.out !== undefined) process.stdout.write(`\nExcel に書き出しました: ${displayPath(path.resolve(flags.out))}\n`)
    }
  }
}

const LIST_LIMIT = 30

function inlineDiff(parts: readonly TextPart[], context = 12): string {
  const colour = chalk.level > 0
  return parts
    .map((part, i) => {
      if (part.op === 'removed') return colour ? chalk.red.strikethrough(part.text) : `[-${part.text}-]`
      if (part.op === 'added') return colour ? chalk.blue.underline(part.text) : `{+${part.text}+}`
      const chars = [...part.text.replace(/\n/g, ' ')]
      if (chars.length <= context * 2) return chars.join('')
      if (i === 0) return `…${chars.slice(-context).join('')}`
      if (i === parts.length - 1) return `${chars.slice(0, context).join('')}…`
      return `${chars.slice(0, context).join('')}…${chars.slice(-context).join('')}`
    })
    .join('')
}

function renderDiff(diff: CatalogDiff, area: Area, fromWorkspace: boolean, toWorkspace: boolean): string {
  const origin = (inWorkspace: boolean) => (inWorkspace ? ' (ワークスペース)' : '')
  const lines: string[] = [`${area.name} (${area.slug}): ${diff.from.edition}${origin(fromWorkspace)} → ${diff.to.edition}${origin(toWorkspace)}`, '']
  const statuses = DIFF_STATUSES
  lines.push(
    renderTable(
      ['', ...statuses.map((s) => STATUS_LABELS[s])],
      (
        [
          ['機能要件', diff.summary.functions],
          ['帳票', diff.summary.forms],
          ['データ項目', diff.summary.dataItems],
        ] as const
      ).map(([label, counts]) => [label, ...statuses.map((s) => String(counts[s]))]),
    ).trimEnd(),
  )
  const k = diff.summary.kindChanges
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return
    lines.push('', `${title} (${items.length}):`)
    for (const item of items.slice(0, LIST_LIMIT)) lines.push(`  ${item}`)
    if (items.length > LIST_LIMIT) lines.push(`  ほか ${items.length - LIST_LIMIT} 件`)
  }
  const kindEntries = [
    ...diff.functions.map((f) => ({label: '機能', id: f.toId, name: f.name, change: f.kindChange})),
    ...diff.forms.map((f) => ({label: '帳票', id: f.toId, name: f.name, change: f.kindChange})),
  ]
    .filter((e) => e.change)
    .sort((a, b) => ['error', 'warning', 'info'].indexOf(a.change!.severity) - ['error', 'warning', 'info'].indexOf(b.change!.severity))
  if (kindEntries.length > 0) {
    lines.push('', `実装区分の変化 (エラー ${k.error} / 警告 ${k.warning} / 情報 ${k.info}):`)
    for (const e of kindEntries) {
      const severity = SEVERITY_LABELS[e.change!.severity]
      const tag = chalk.level > 0 ? (e.change!.severity === 'error' ? chalk.red(severity) : e.change!.severity === 'warning' ? chalk.yellow(severity) : chalk.green(severity)) : severity
      lines.push(`  ${tag}  ${e.label} ${e.id} ${e.name}: ${KIND_LABELS[e.change!.from]} → ${KIND_LABELS[e.change!.to]} (${DIRECTION_LABELS[e.change!.direction]})`)
    }
  }
  const renumbered = [...diff.functions, ...diff.forms, ...diff.dataItems].filter((e) => e.status === 'renumbered')
  list(
    '番号変更',
    renumbered.map(
      (e) =>
        `${e.key.split(':')[0] === 'fn' ? '機能' : e.key.startsWith('form') ? '帳票' : 'データ項目'} ${e.fromId} → ${e.toId} ${e.name} (${MATCH_LABELS[e.match!.by] ?? e.match!.by}, 確度 ${Math.round(e.match!.confidence * 100)}%)${e.changes.length > 0 ? ` 変更: ${e.changes.map((c) => c.label).join('・')}` : ''}`,
    ),
  )
  list('追加された機能', diff.functions.filter((f) => f.status === 'added').map((f) => `${f.toId} ${f.name} [${KIND_LABELS[f.to!.kind]}]`))
  list('削除された機能', diff.functions.filter((f) => f.status === 'removed').map((f) => `${f.fromId} ${f.name} [${KIND_LABELS[f.from!.kind]}]`))
  const textChanged = diff.functions.filter((f) => f.textDiff)
  if (textChanged.length > 0) {
    lines.push('', `要件の本文の変更 (${textChanged.length}):`)
    for (const f of textChanged.slice(0, LIST_LIMIT)) lines.push(`  ${f.toId} ${f.name}`, `    ${inlineDiff(f.textDiff!)}`)
    if (textChanged.length > LIST_LIMIT) lines.push(`  ほか ${textChanged.length - LIST_LIMIT} 件`)
  }
  list(
    '変更された機能 (本文以外)',
    diff.functions
      .filter((f) => f.status === 'changed' && !f.textDiff)
      .map((f) => `${f.toId} ${f.name}: ${f.changes.map((c) => c.label).join('・')}`),
  )
  list(
    '帳票',
    diff.forms
      .filter((f) => f.status !== 'unchanged')
      .map((f) => {
        const fields = f.fields.filter((x) => x.status !== 'unchanged')
        const detail =
          f.status === 'changed' || f.status === 'renumbered'
            ? `: ${f.changes.map((c) => c.label).join('・')}${fields.length > 0 ? ` (印字項目 ${fields.map((x) => `${STATUS_LABELS[x.status]} ${x.name}`).join(', ')})` : ''}${f.fieldsReordered ? ' 順序変更' : ''}`
            : ''
        return `${STATUS_LABELS[f.status]} ${f.toId ?? f.fromId} ${f.name}${detail}`
      }),
  )
  list(
    'データ項目',
    diff.dataItems
      .filter((d) => d.status !== 'unchanged')
      .map((d) => {
        const detail = d.changes
          .map((c) => (c.textDiff ? `${c.label}の文言` : `${c.label} ${formatChangeValue(c, 'from') || '(なし)'} → ${formatChangeValue(c, 'to') || '(なし)'}`))
          .join(', ')
        return `${STATUS_LABELS[d.status]} ${d.toId ?? d.fromId} ${d.name}${detail ? `: ${detail}` : ''}`
      }),
  )
  lines.push('', '全件は --json、色付きの差分は --out FILE.xlsx で確認できます。')
  return `${lines.join('\n')}\n`
}
