import {renderTable} from '../cli/render.js'
import type {Area} from '../model/area.js'
import type {CurrentSystem} from '../model/current.js'
import {ENCODING_LABELS, type TextEncoding} from './encoding.js'
import {KIND_LABELS_JA} from './headers.js'
import type {ImportReport} from './import.js'

const FORMAT_LABELS: Record<string, string> = {csv: 'CSV', tsv: 'TSV', xlsx: 'XLSX', xml: 'XML', json: 'JSON'}

const encodingLabel = (encoding: string | undefined): string =>
  encoding === undefined ? '-' : (ENCODING_LABELS[encoding as TextEncoding] ?? encoding)

export function renderImportReport(area: Area, report: ImportReport): string {
  const lines: string[] = [`${area.name} (${area.slug}) の現行システム定義に取り込みました。`, '']
  for (const file of report.files) {
    const counts = Object.entries(file.records)
      .map(([kind, n]) => `${KIND_LABELS_JA[kind as keyof typeof KIND_LABELS_JA]} ${n} 件`)
      .join('、')
    lines.push(`${file.file}  [${FORMAT_LABELS[file.format]}${file.encoding ? `, ${encodingLabel(file.encoding)}` : ''}]  ${counts}`)
    for (const note of file.notes) lines.push(`  - ${note}`)
  }
  lines.push(
    '',
    `合計: 項目定義 ${report.totals.fields} 件、帳票 ${report.totals.forms} 件、機能 ${report.totals.functions} 件`,
    `確認: fitgap current show ${area.slug}`,
  )
  return `${lines.join('\n')}\n`
}

export function renderImportWarnings(report: ImportReport): string {
  const warnings = report.files.flatMap((file) => file.warnings)
  return warnings.length > 0 ? `${warnings.map((w) => `注意: ${w}`).join('\n')}\n` : ''
}

export function renderCurrentSystem(area: Area, system: CurrentSystem | undefined): string {
  if (!system || system.sources.length === 0)
    return `${area.name} (${area.slug}) の現行システム定義はまだ取り込まれていません。\n\`fitgap current import ファイル --area ${area.slug}\` で取り込めます。\n`
  const sources = renderTable(
    ['取込元', '形式', '文字コード', '種別', '件数', 'SHA-256'],
    system.sources.map((s) => [s.file, FORMAT_LABELS[s.format] ?? s.format, encodingLabel(s.encoding), KIND_LABELS_JA[s.kind], String(s.records), s.sha256.slice(0, 12)]),
  )
  const tables = new Map<string, number>()
  for (const field of system.fields) tables.set(field.table, (tables.get(field.table) ?? 0) + 1)
  const items = system.forms.reduce((n, form) => n + form.fields.length, 0)
  const inUse = system.functions.filter((fn) => fn.inUse).length
  const lines = [
    `${area.name} (${area.slug}) の現行システム定義`,
    '',
    sources,
    `項目定義: ${system.fields.length} 件 (テーブル ${tables.size})`,
  ]
  if (tables.size > 0) lines.push(renderTable(['テーブル', '項目数'], [...tables].map(([table, n]) => [table, String(n)])))
  lines.push(
    `帳票: ${system.forms.length} 件 (印字項目 ${items})`,
    `機能: ${system.functions.length} 件 (利用中 ${inUse}、利用なし ${system.functions.length - inUse})`,
    '',
    '全件は --json で出力できます (fields・forms・functions と取込元 sources)。',
  )
  return `${lines.join('\n')}\n`
}
