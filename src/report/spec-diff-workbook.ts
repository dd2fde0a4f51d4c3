/**
 * The edition-diff workbook of `fitgap specs diff --out FILE.xlsx`: サマリー, 機能要件, 帳票, 帳票項目, データ項目, 凡例.
 * Requirement text changes are rich text (removed: red strikethrough, added: blue underline); 実装区分 changes are
 * coloured by direction. Every string from a catalogue goes through safeText (never a formula).
 */
import type ExcelJS from 'exceljs'

import {withAtomicTarget} from '../io/atomic-write.js'
import {excelJs} from '../io/exceljs.js'
import {DATA_TYPE_LABELS, type DataType, KIND_LABELS} from '../model/vocabulary.js'
import type {
  AttributeValue,
  CatalogDiff,
  DataItemDiff,
  DiffStatus,
  FormDiff,
  FunctionDiff,
  KindChange,
  Severity,
  TextPart,
} from '../specs/diff.js'
import {fitWidth, safeText} from './cells.js'
import {textWidth} from '../io/text-width.js'

export const SPEC_DIFF_SHEETS = {
  summary: 'サマリー',
  functions: '機能要件',
  forms: '帳票',
  formFields: '帳票項目',
  dataItems: 'データ項目',
  legend: '凡例',
} as const

export const STATUS_LABELS: Record<DiffStatus, string> = {
  added: '追加',
  removed: '削除',
  changed: '変更',
  renumbered: '番号変更',
  unchanged: '変更なし',
}

export const SEVERITY_LABELS: Record<Severity, string> = {error: 'エラー', warning: '警告', info: '情報'}

export const DIRECTION_LABELS: Record<KindChange['direction'], string> = {
  prohibition: '実装不可へ',
  obligation: '実装必須へ',
  relaxation: '標準オプションへ',
}

/** Fonts of the text-diff runs. */
export const REMOVED_FONT: Partial<ExcelJS.Font> = {color: {argb: 'FFC00000'}, strike: true}
export const ADDED_FONT: Partial<ExcelJS.Font> = {color: {argb: 'FF0070C0'}, underline: true}

const fill = (argb: string): ExcelJS.Fill => ({type: 'pattern', pattern: 'solid', fgColor: {argb}})

/** Excel's good / neutral / bad colours by severity of a 実装区分 change. */
export const SEVERITY_STYLE: Record<Severity, {fill: ExcelJS.Fill; font: Partial<ExcelJS.Font>}> = {
  error: {fill: fill('FFFFC7CE'), font: {color: {argb: 'FF9C0006'}, bold: true}},
  warning: {fill: fill('FFFFEB9C'), font: {color: {argb: 'FF9C5700'}, bold: true}},
  info: {fill: fill('FFC6EFCE'), font: {color: {argb: 'FF006100'}}},
}

export const STATUS_FILLS: Record<DiffStatus, ExcelJS.Fill | undefined> = {
  added: fill('FFDDEBF7'),
  removed: fill('FFEDEDED'),
  changed: fill('FFFFF2CC'),
  renumbered: fill('FFE4DFEC'),
  unchanged: undefined,
}

const HEADER_FILL = fill('FF1F4E78')
const HEADER_FONT: Partial<ExcelJS.Font> = {bold: true, color: {argb: 'FFFFFFFF'}}

/** A word-level diff as an Excel rich-text value (strings escaped with safeText). */
export function richTextFromDiff(parts: readonly TextPart[]): ExcelJS.CellRichTextValue {
  const runs: ExcelJS.RichText[] = parts.map((part, i) => {
    const text = i === 0 ? safeText(part.text) : part.text
    if (part.op === 'removed') return {text, font: {...REMOVED_FONT}}
    if (part.op === 'added') return {text, font: {...ADDED_FONT}}
    return {text}
  })
  return {richText: runs.length > 0 ? runs : [{text: ''}]}
}

type Cell = string | number | ExcelJS.CellRichTextValue | undefined

interface ColumnSpec<Row> {
  header: string
  value: (row: Row) => Cell
  /** Long text: wrapped, wider. */
  long?: boolean
  /** Text used to size the column (defaults to the plain text of the value). */
  sample?: (row: Row) => string
  style?: (row: Row) => {fill?: ExcelJS.Fill; font?: Partial<ExcelJS.Font>} | undefined
}

const plain = (value: Cell): string =>
  value === undefined ? '' : typeof value === 'object' ? value.richText.map((r) => r.text).join('') : String(value)

/** An attribute value as people read it (lists joined, 必須/任意 for booleans, empty for none). */
export function displayValue(value: AttributeValue): string {
  if (value === null) return ''
  if (Array.isArray(value)) return value.join(' / ')
  if (typeof value === 'boolean') return value ? '必須' : '任意'
  return String(value)
}

/** One side of an attribute change as people read it (Japanese labels for 実装区分 and 型). */
export function formatChangeValue(change: {attribute: string; from: AttributeValue; to: AttributeValue}, side: 'from' | 'to'): string {
  const value = change[side]
  if (change.attribute === 'kind' && typeof value === 'string') return kindLabel(value) ?? value
  if (change.attribute === 'type' && typeof value === 'string') return typeLabel(value) ?? value
  return displayValue(value)
}

const kindLabel = (kind: string | undefined) => (kind ? (KIND_LABELS[kind as keyof typeof KIND_LABELS] ?? kind) : undefined)
const typeLabel = (type: string | undefined) => (type ? (DATA_TYPE_LABELS[type as DataType] ?? type) : undefined)
const input = (text: string | undefined | null) => (text === undefined || text === null || text === '' ? undefined : safeText(text))

function addTable<Row>(workbook: ExcelJS.Workbook, name: string, columns: readonly ColumnSpec<Row>[], rows: readonly Row[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, {
    views: [{state: 'frozen', ySplit: 1, xSplit: 0}],
    pageSetup: {orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0},
  })
  ws.pageSetup.printTitlesRow = '1:1'
  const header = ws.getRow(1)
  columns.forEach((column, c) => {
    const cell = header.getCell(c + 1)
    cell.value = column.header
    cell.fill = HEADER_FILL
    cell.font = HEADER_FONT
    cell.alignment = {vertical: 'middle', wrapText: true}
  })
  rows.forEach((row, r) => {
    const excelRow = ws.getRow(r + 2)
    columns.forEach((column, c) => {
      const cell = excelRow.getCell(c + 1)
      const value = column.value(row)
      if (value !== undefined) cell.value = value
      cell.alignment = {vertical: 'top', wrapText: column.long === true}
      const style = column.style?.(row)
      if (style?.fill) cell.fill = style.fill
      if (style?.font) cell.font = style.font
    })
  })
  const widths = columns.map((column) => {
    const samples = rows.map((row) => (column.sample ? column.sample(row) : plain(column.value(row))))
    return column.long ? Math.max(30, fitWidth(column.header, samples, 10, 70)) : fitWidth(column.header, samples, 6, 40)
  })
  widths.forEach((width, c) => {
    ws.getColumn(c + 1).width = width
  })
  // Row heights for wrapped text (neither exceljs nor every spreadsheet program fits them on open).
  rows.forEach((row, r) => {
    let lines = 1
    columns.forEach((column, c) => {
      if (!column.long) return
      const text = plain(column.value(row))
      const perLine = Math.max(1, widths[c]! - 2)
      const count = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil((textWidth(line) * 1.1) / perLine)), 0)
      lines = Math.max(lines, count)
    })
    if (lines > 1) ws.getRow(r + 2).height = Math.min(409, 15 * lines)
  })
  ws.autoFilter = {from: {row: 1, column: 1}, to: {row: Math.max(1, rows.length + 1), column: columns.length}}
  return ws
}

const statusColumn = <Row extends {status: DiffStatus}>(): ColumnSpec<Row> => ({
  header: '状態',
  value: (row) => STATUS_LABELS[row.status],
  style: (row) => (STATUS_FILLS[row.status] ? {fill: STATUS_FILLS[row.status]} : undefined),
})

const kindChangeColumns = <Row extends {kindChange: KindChange | null; from: {kind: string} | null; to: {kind: string} | null}>(): ColumnSpec<Row>[] => [
  {header: '実装区分 (旧)', value: (row) => kindLabel(row.from?.kind)},
  {
    header: '実装区分 (新)',
    value: (row) => kindLabel(row.to?.kind),
    style: (row) => (row.kindChange ? SEVERITY_STYLE[row.kindChange.severity] : undefined),
  },
  {
    header: '実装区分の変化',
    value: (row) => (row.kindChange ? `${DIRECTION_LABELS[row.kindChange.direction]} (${SEVERITY_LABELS[row.kindChange.severity]})` : undefined),
    style: (row) => (row.kindChange ? SEVERITY_STYLE[row.kindChange.severity] : undefined),
  },
  {header: '実装区分の変化の意味', long: true, value: (row) => row.kindChange?.message},
]

const matchColumn = <Row extends {match: {by: string; confidence: number} | null}>(): ColumnSpec<Row> => ({
  header: '照合 (番号変更)',
  value: (row) => (row.match ? `${MATCH_LABELS[row.match.by] ?? row.match.by} ${Math.round(row.match.confidence * 100)}%` : undefined),
})

export const MATCH_LABELS: Record<string, string> = {
  'section+name': '項番・名称が一致',
  name: '名称が一致',
  text: '本文がほぼ一致',
  similarity: '名称・本文が類似',
}

const changedAttributes = (changes: readonly {label: string}[]) => (changes.length > 0 ? changes.map((c) => c.label).join('・') : undefined)

/** A text column: rich-text diff when it changed, the text itself otherwise. */
function textCell(from: string | undefined, to: string | undefined, parts: readonly TextPart[] | null | undefined): Cell {
  if (parts && parts.length > 0) return richTextFromDiff(parts)
  return input(to ?? from)
}

const severityOf = (row: {kindChange: KindChange | null}) => (row.kindChange ? SEVERITY_LABELS[row.kindChange.severity] : undefined)

function functionColumns(): ColumnSpec<FunctionDiff>[] {
  return [
    {header: 'キー', value: (row) => row.key},
    statusColumn(),
    {header: '重要度', value: severityOf, style: (row) => (row.kindChange ? SEVERITY_STYLE[row.kindChange.severity] : undefined)},
    {header: '機能ID (旧)', value: (row) => input(row.fromId)},
    {header: '機能ID (新)', value: (row) => input(row.toId)},
    {header: '項番', value: (row) => input(row.section)},
    {header: '分類', value: (row) => input((row.to ?? row.from)?.category.join(' / '))},
    {
      header: '機能名称',
      value: (row) => textCell(row.from?.name, row.to?.name, row.changes.find((c) => c.attribute === 'name')?.textDiff),
    },
    {header: '要件 (差分)', long: true, value: (row) => textCell(row.from?.text, row.to?.text, row.textDiff)},
    ...kindChangeColumns<FunctionDiff>(),
    {header: '変更された項目', value: (row) => changedAttributes(row.changes)},
    matchColumn(),
    {
      header: '備考 (差分)',
      long: true,
      value: (row) => textCell(row.from?.notes, row.to?.notes, row.changes.find((c) => c.attribute === 'notes')?.textDiff),
    },
  ]
}

function fieldSummary(row: FormDiff): string | undefined {
  const count = (status: string) => row.fields.filter((f) => f.status === status).length
  const parts = [
    count('added') > 0 ? `追加 ${count('added')}` : '',
    count('removed') > 0 ? `削除 ${count('removed')}` : '',
    count('changed') > 0 ? `変更 ${count('changed')}` : '',
    row.fieldsReordered ? '順序変更' : '',
  ].filter((p) => p !== '')
  return row.from && row.to && parts.length > 0 ? parts.join(' / ') : undefined
}

function formColumns(): ColumnSpec<FormDiff>[] {
  return [
    {header: 'キー', value: (row) => row.key},
    statusColumn(),
    {header: '重要度', value: severityOf, style: (row) => (row.kindChange ? SEVERITY_STYLE[row.kindChange.severity] : undefined)},
    {header: '帳票ID (旧)', value: (row) => input(row.fromId)},
    {header: '帳票ID (新)', value: (row) => input(row.toId)},
    {
      header: '帳票名称',
      value: (row) => textCell(row.from?.name, row.to?.name, row.changes.find((c) => c.attribute === 'name')?.textDiff),
    },
    {header: '種別', value: (row) => input((row.to ?? row.from)?.category)},
    ...kindChangeColumns<FormDiff>(),
    {header: '印字項目の変化', value: fieldSummary},
    {header: '変更された項目', value: (row) => changedAttributes(row.changes)},
    matchColumn(),
    {
      header: '概要 (差分)',
      long: true,
      value: (row) =>
        textCell(row.from?.description, row.to?.description, row.changes.find((c) => c.attribute === 'description')?.textDiff),
    },
  ]
}

interface FieldRow {
  form: FormDiff
  field: FormDiff['fields'][number]
}

const beforeAfter = (from: string | undefined, to: string | undefined) =>
  from === to ? input(to) : safeText(`${from ?? '(なし)'} → ${to ?? '(なし)'}`)

function formFieldColumns(): ColumnSpec<FieldRow>[] {
  return [
    {header: 'キー (帳票)', value: ({form}) => form.key},
    {header: '帳票ID', value: ({form}) => input(form.toId ?? form.fromId)},
    {header: '帳票名称', value: ({form}) => input(form.name)},
    {
      header: '状態',
      value: ({field}) => STATUS_LABELS[field.status],
      style: ({field}) => (STATUS_FILLS[field.status] ? {fill: STATUS_FILLS[field.status]} : undefined),
    },
    {
      header: '印字項目',
      value: ({field}) => textCell(field.from?.name, field.to?.name, field.changes.find((c) => c.attribute === 'name')?.textDiff),
    },
    {header: '順 (旧)', value: ({field}) => (field.fromIndex !== null ? field.fromIndex + 1 : undefined)},
    {header: '順 (新)', value: ({field}) => (field.toIndex !== null ? field.toIndex + 1 : undefined)},
    {header: 'データ項目', value: ({field}) => beforeAfter(field.from?.dataItem, field.to?.dataItem)},
    {header: '型', value: ({field}) => beforeAfter(typeLabel(field.from?.type), typeLabel(field.to?.type))},
    {
      header: '桁数',
      value: ({field}) => beforeAfter(field.from?.length?.toString(), field.to?.length?.toString()),
    },
    {header: '変更された項目', value: ({field}) => changedAttributes(field.changes)},
  ]
}

function itemChange(row: DataItemDiff, attribute: string, format: (v: AttributeValue) => string = displayValue): Cell {
  const change = row.changes.find((c) => c.attribute === attribute)
  if (change) return safeText(`${formatChangeValue(change, 'from') || '(なし)'} → ${formatChangeValue(change, 'to') || '(なし)'}`)
  const entry = row.to ?? row.from
  const value = entry ? (entry as unknown as Record<string, AttributeValue | undefined>)[attribute] : undefined
  return value === undefined || value === null ? undefined : input(format(value))
}

const changedStyle = (attribute: string) => (row: DataItemDiff) =>
  row.changes.some((c) => c.attribute === attribute) ? {fill: STATUS_FILLS.changed} : undefined

function dataItemColumns(): ColumnSpec<DataItemDiff>[] {
  return [
    {header: 'キー', value: (row) => row.key},
    statusColumn(),
    {header: 'データ項目ID (旧)', value: (row) => input(row.fromId)},
    {header: 'データ項目ID (新)', value: (row) => input(row.toId)},
    {header: 'グループ', value: (row) => itemChange(row, 'group'), style: changedStyle('group')},
    {
      header: '項目名',
      value: (row) => textCell(row.from?.name, row.to?.name, row.changes.find((c) => c.attribute === 'name')?.textDiff),
    },
    {header: '型', value: (row) => itemChange(row, 'type', (v) => typeLabel(v as string) ?? ''), style: changedStyle('type')},
    {header: '桁数', value: (row) => itemChange(row, 'length'), style: changedStyle('length')},
    {header: '必須', value: (row) => itemChange(row, 'required'), style: changedStyle('required')},
    {header: 'コード表', value: (row) => itemChange(row, 'codeTable'), style: changedStyle('codeTable')},
    {header: '変更された項目', value: (row) => changedAttributes(row.changes)},
    matchColumn(),
    {
      header: '説明 (差分)',
      long: true,
      value: (row) =>
        textCell(row.from?.description, row.to?.description, row.changes.find((c) => c.attribute === 'description')?.textDiff),
    },
  ]
}

function addSummary(workbook: ExcelJS.Workbook, diff: CatalogDiff, areaName: string | undefined): void {
  const ws = workbook.addWorksheet(SPEC_DIFF_SHEETS.summary, {pageSetup: {orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0}})
  const put = (row: number, values: (string | number | undefined)[], bold = false) => {
    values.forEach((v, c) => {
      if (v === undefined) return
      const cell = ws.getCell(row, c + 1)
      cell.value = v
      if (bold) cell.font = {bold: true}
    })
  }
  ws.getCell('A1').value = safeText(`版差分: ${areaName ?? diff.area} ${diff.from.edition} → ${diff.to.edition}`)
  ws.getCell('A1').font = {bold: true, size: 14}
  const provenance = (ref: CatalogDiff['from']) =>
    ref.source ? `公式資料 (${ref.source})` : ref.provenance === 'official' ? '公式資料' : '代表例 (公式の本文ではありません)'
  put(3, ['旧版', safeText(`${diff.from.edition} — ${diff.from.title} — ${provenance(diff.from)}`)])
  put(4, ['新版', safeText(`${diff.to.edition} — ${diff.to.title} — ${provenance(diff.to)}`)])
  ws.getCell('A3').font = {bold: true}
  ws.getCell('A4').font = {bold: true}
  ws.mergeCells('B3:F3')
  ws.mergeCells('B4:F4')
  const statuses: DiffStatus[] = ['added', 'removed', 'changed', 'renumbered', 'unchanged']
  put(6, ['件数', ...statuses.map((s) => STATUS_LABELS[s])], true)
  const table: [string, CatalogDiff['summary']['functions']][] = [
    ['機能要件', diff.summary.functions],
    ['帳票', diff.summary.forms],
    ['データ項目', diff.summary.dataItems],
  ]
  table.forEach(([label, counts], i) => {
    put(7 + i, [label, ...statuses.map((s) => counts[s])])
    statuses.forEach((s, c) => {
      const f = STATUS_FILLS[s]
      if (f && counts[s] > 0) ws.getCell(7 + i, c + 2).fill = f
    })
  })
  put(11, ['実装区分の変化', SEVERITY_LABELS.error, SEVERITY_LABELS.warning, SEVERITY_LABELS.info], true)
  put(12, ['(機能・帳票)', diff.summary.kindChanges.error, diff.summary.kindChanges.warning, diff.summary.kindChanges.info])
  ;(['error', 'warning', 'info'] as const).forEach((s, c) => {
    ws.getCell(12, c + 2).fill = SEVERITY_STYLE[s].fill
    ws.getCell(12, c + 2).font = SEVERITY_STYLE[s].font
  })
  put(14, ['凡例'], true)
  ws.getCell('B14').value = {
    richText: [
      {text: '要件の本文などの差分は各シートの「(差分)」列: '},
      {text: '削除された語', font: {...REMOVED_FONT}},
      {text: ' / '},
      {text: '追加された語', font: {...ADDED_FONT}},
      {text: '。色の意味は「凡例」シート。'},
    ],
  }
  ws.getColumn(1).width = 18
  for (let c = 2; c <= 6; c++) ws.getColumn(c).width = 14
}

function addLegend(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet(SPEC_DIFF_SHEETS.legend)
  const rows: [string, string, {fill?: ExcelJS.Fill; font?: Partial<ExcelJS.Font>} | undefined][] = [
    ['追加', '新しい版にだけある', {fill: STATUS_FILLS.added}],
    ['削除', '古い版にだけある', {fill: STATUS_FILLS.removed}],
    ['変更', '同じIDで内容が変わった (「変更された項目」列)', {fill: STATUS_FILLS.changed}],
    ['番号変更', 'IDが変わったが項番・名称・本文で同じ要件と判断した (「照合」列に根拠と確度)', {fill: STATUS_FILLS.renumbered}],
    ['削除された語', '赤の取り消し線', {font: REMOVED_FONT}],
    ['追加された語', '青の下線', {font: ADDED_FONT}],
    ['実装不可へ (エラー)', '利用していれば廃止・業務の見直しが必要', SEVERITY_STYLE.error],
    ['実装必須へ (警告)', '必ず実装する機能になった。現行で未対応なら不適合', SEVERITY_STYLE.warning],
    ['標準オプションへ (情報)', '実装するかどうかを選べるようになった', SEVERITY_STYLE.info],
  ]
  ws.getCell('A1').value = '表示'
  ws.getCell('B1').value = '意味'
  ws.getRow(1).font = {bold: true}
  rows.forEach(([label, meaning, style], i) => {
    const cell = ws.getCell(i + 2, 1)
    cell.value = label
    if (style?.fill) cell.fill = style.fill
    if (style?.font) cell.font = style.font
    ws.getCell(i + 2, 2).value = meaning
  })
  ws.getColumn(1).width = 26
  ws.getColumn(2).width = 80
}

export interface SpecDiffWorkbookOptions {
  /** 業務 name for the title (the slug otherwise). */
  areaName?: string
  /** Also list unchanged entries (they are counted in サマリー either way). */
  includeUnchanged?: boolean
}

/** Builds the workbook in memory (catalogues are small: thousands of rows at most). */
export function buildSpecDiffWorkbook(diff: CatalogDiff, options: SpecDiffWorkbookOptions = {}): ExcelJS.Workbook {
  const workbook = new (excelJs().Workbook)()
  workbook.creator = 'fitgap'
  const keep = <T extends {status: DiffStatus}>(rows: readonly T[]) => (options.includeUnchanged ? rows : rows.filter((r) => r.status !== 'unchanged'))
  addSummary(workbook, diff, options.areaName)
  addTable(workbook, SPEC_DIFF_SHEETS.functions, functionColumns(), keep(diff.functions))
  addTable(workbook, SPEC_DIFF_SHEETS.forms, formColumns(), keep(diff.forms))
  const fieldRows: FieldRow[] = diff.forms
    .filter((form) => form.from && form.to)
    .flatMap((form) => form.fields.filter((field) => options.includeUnchanged || field.status !== 'unchanged' || form.fieldsReordered).map((field) => ({form, field})))
  addTable(workbook, SPEC_DIFF_SHEETS.formFields, formFieldColumns(), fieldRows)
  addTable(workbook, SPEC_DIFF_SHEETS.dataItems, dataItemColumns(), keep(diff.dataItems))
  addLegend(workbook)
  return workbook
}

/** Writes the workbook to a temp file beside `file`, then renames it into place (no half-written workbook). */
export async function writeSpecDiffWorkbook(diff: CatalogDiff, file: string, options: SpecDiffWorkbookOptions = {}): Promise<void> {
  const workbook = buildSpecDiffWorkbook(diff, options)
  await withAtomicTarget(file, async (temp) => {
    await workbook.xlsx.writeFile(temp)
  })
}
