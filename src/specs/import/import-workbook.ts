import {
  ACCEPTED_KIND_LABELS,
  type DataType,
  type ImplementationKind,
  KIND_LABELS,
  type OutputCondition,
  parseOfficialDataType,
} from '../../model/vocabulary.js'
import {type AliasDictionary, addAliases, fieldForLabel, kindForSheetName, loadBundledAliases} from './aliases.js'
import {detectHeader, HEADER_SCAN_ROWS, type HeaderLayout, REQUIRED_FIELDS} from './header-detect.js'
import {type ImportProfile, ruleForSheet} from './profile.js'
import {columnLetter} from '../../io/column-letter.js'
import {cellAt, type GridCell, type SheetGrid} from './sheet-grid.js'
import {
  FIELD_LABELS,
  type ImportWarning,
  SHEET_KIND_LABELS,
  SHEET_KINDS,
  type SheetKind,
  type SheetReport,
  type SkippedRow,
} from './types.js'
import {
  cleanText,
  compact,
  dataTypeLabel,
  ID_CHARACTERS,
  isEndMarkerRow,
  isMarked,
  readCodeCell,
  readCondition,
  readDataType,
  readFunctionRefs,
  readId,
  readKind,
  readLength,
  readNameEn,
  readOutputCondition,
  readRequired,
  readSection,
  readSectionHeading,
} from './values.js'

/** A catalogue as written to YAML (the input shape of src/model/catalog.ts: Japanese labels for 実装区分 and 型). */
export interface CatalogDocument {
  area: string
  edition: string
  title: string
  publishedAt?: string
  provenance: {type: 'official'; source: string; importedAt: string; sha256?: string; note?: string}
  attribution?: string
  functions: FunctionEntry[]
  forms: FormEntry[]
  dataItems: DataItemEntry[]
  codeLists?: CodeListEntry[]
}

export interface FunctionEntry {
  id: string
  section?: string
  category: string[]
  name: string
  text: string
  kind: string
  notes?: string
}

export interface FormFieldEntry {
  name: string
  dataItem?: string
  type?: string
  length?: number
}

export interface FormEntry {
  id: string
  name: string
  category: string
  kind: string
  description?: string
  fields: FormFieldEntry[]
}

export interface DataItemEntry {
  id: string
  group: string
  primaryKey?: boolean
  foreignKey?: boolean
  classes?: string[]
  name: string
  nameRomaji?: string
  nameEn?: string
  description?: string
  explanation?: string
  type: string
  officialType?: string
  length?: number
  scale?: number
  required: boolean
  output?: OutputCondition
  condition?: string
  codeTable?: string
  codeList?: string
  repeat?: number
  functionIds?: string[]
  implementation?: '必須' | '任意'
  sample?: string
  notes?: string
}

export interface CodeListEntry {
  id: string
  name: string
  values: {code: string; label: string; note?: string}[]
  note?: string
}

export interface ImportOptions {
  area: string
  edition: string
  title: string
  publishedAt?: string
  source: string
  importedAt: string
  sha256?: string
  profile?: ImportProfile
  dictionary?: AliasDictionary
}

export interface ImportCounts {
  functions: number
  functionsByKind: Record<ImplementationKind, number>
  forms: number
  formFields: number
  dataItems: number
  codeLists: number
  warnings: number
  skippedRows: number
}

/** The outcome of reading a workbook: either a catalogue or the problems (sheet + row) that stop the import. */
export type ImportResult =
  | {ok: true; catalog: CatalogDocument; sheets: SheetReport[]; warnings: ImportWarning[]; skipped: SkippedRow[]; counts: ImportCounts}
  | {ok: false; problems: string[]; sheets: SheetReport[]; warnings: ImportWarning[]; skipped: SkippedRow[]}

interface Located {
  sheet: string
  row: number
}

interface RawFormField extends Located {
  formId?: string
  formName?: string
  field: FormFieldEntry
}

/** Collects what a run finds; rows are 1-based as Excel shows them. */
class Collector {
  readonly problems: string[] = []
  readonly warnings: ImportWarning[] = []
  readonly skipped: SkippedRow[] = []
  readonly sheets: SheetReport[] = []

  error(sheet: string, row: number | undefined, message: string): void {
    this.problems.push(`シート「${sheet}」${row !== undefined ? `${row}行目` : ''}: ${message}`)
  }

  warn(sheet: string, row: number | undefined, message: string): void {
    this.warnings.push(row !== undefined ? {sheet, row, message} : {sheet, message})
  }

  skip(grid: SheetGrid, row: number, reason: string): void {
    this.skipped.push({sheet: grid.name, row: row + 1, reason, preview: rowPreview(grid, row)})
  }
}

function rowPreview(grid: SheetGrid, row: number): string {
  const texts: string[] = []
  for (const cell of grid.rows[row] ?? []) {
    const t = cell.text.replace(/\s+/g, ' ').trim()
    if (t !== '' && texts.at(-1) !== t) texts.push(t)
  }
  const joined = texts.join(' | ')
  return joined.length > 60 ? `${joined.slice(0, 59)}…` : joined
}

function isBlankRow(grid: SheetGrid, row: number): boolean {
  return (grid.rows[row] ?? []).every((cell) => cell.text.trim() === '')
}

/** Reads one row through a header layout. */
class RowReader {
  constructor(
    readonly grid: SheetGrid,
    readonly layout: HeaderLayout,
    readonly row: number,
  ) {}

  has(field: string): boolean {
    return this.layout.columns.has(field)
  }

  cell(field: string): GridCell | undefined {
    const column = this.layout.columns.get(field)?.[0]
    return column === undefined ? undefined : cellAt(this.grid, this.row, column)
  }

  text(field: string): string {
    const cell = this.cell(field)
    return cell ? cleanText(cell.text) : ''
  }

  cells(field: string): GridCell[] {
    return (this.layout.columns.get(field) ?? []).map((c) => cellAt(this.grid, this.row, c))
  }

  texts(field: string): string[] {
    return (this.layout.columns.get(field) ?? []).map((c) => cleanText(cellAt(this.grid, this.row, c).text))
  }

  /** True when the row repeats the header (a header printed again on every page). */
  repeatsHeader(dictionary: AliasDictionary): boolean {
    let same = 0
    for (const [field, columns] of this.layout.columns) {
      const text = cellAt(this.grid, this.row, columns[0]!).text
      if (text.trim() !== '' && fieldForLabel(dictionary, this.layout.kind, text) === field) same += 1
    }
    return same >= 2
  }
}

const ID_LABEL: Record<SheetKind, string> = {functions: '機能ID', forms: '帳票ID', formFields: '帳票ID', dataItems: 'データ項目ID', codeLists: 'コードID'}

/** Reads an ID cell: restores leading zeros, warns about IDs off the 7-digit pattern; undefined (and an error) if unusable. */
function readEntryId(
  reader: RowReader,
  field: string,
  label: string,
  digits: number | undefined,
  out: Collector,
): string | undefined {
  const cell = reader.cell(field)
  if (!cell || cell.text.trim() === '') return undefined
  const sheet = reader.grid.name
  const row = reader.row + 1
  const parts = reader.cells(field)
  const reading = parts.length > 1 ? joinIdParts(parts) : readId(cell, digits)
  if (!ID_CHARACTERS.test(reading.id)) {
    out.error(sheet, row, `${label}「${cell.text.trim()}」に使えない文字があります (半角英数字と . _ - で書いてください)`)
    return undefined
  }
  if (reading.restoredZeros) out.warn(sheet, row, `${label}が数値として保存されていたため、先頭に0を補って「${reading.id}」としました`)
  if (reading.storedAsNumber) out.warn(sheet, row, `${label}「${reading.id}」が数値として保存されています。先頭の0が失われていないか確認してください`)
  if (digits !== undefined && !new RegExp(`^\\d{${digits}}$`).test(reading.id))
    out.warn(sheet, row, `${label}「${reading.id}」は${digits}桁の数字ではありません (そのまま取り込みます)`)
  return reading.id
}

/** An ID split over cells (業務コード `031` + 項目コード 1 shown `00000`): each part as shown, joined. */
function joinIdParts(cells: readonly GridCell[]): {id: string; storedAsNumber?: boolean; restoredZeros?: boolean} {
  const parts = cells.map((cell) => readId(cell))
  return {id: parts.map((p) => p.id).join(''), ...(parts.some((p) => p.storedAsNumber) ? {storedAsNumber: true} : {})}
}

/** 実装区分 from the kind column, the mark columns, or the last kind heading row; an unknown value is an error. */
function readRowKind(
  reader: RowReader,
  inherited: ImplementationKind | undefined,
  out: Collector,
): {kind?: ImplementationKind; failed?: boolean} {
  const sheet = reader.grid.name
  const row = reader.row + 1
  const raw = reader.text('kind')
  if (raw !== '') {
    const kind = readKind(raw)
    if (!kind) {
      out.error(sheet, row, `実装区分「${raw.replace(/\n/g, ' ')}」は使えません (使える値: ${ACCEPTED_KIND_LABELS.filter((l) => !/^[a-z]/.test(l)).join(' / ')})`)
      return {failed: true}
    }
    return {kind}
  }
  const marked = (
    [
      ['kindMandatory', 'mandatory'],
      ['kindOptional', 'optional'],
      ['kindProhibited', 'prohibited'],
    ] as const
  ).filter(([field]) => reader.has(field) && isMarked(reader.text(field)))
  if (marked.length > 1) {
    out.error(sheet, row, `実装区分の印が複数の列 (${marked.map(([f]) => FIELD_LABELS[f]).join('・')}) にあります`)
    return {failed: true}
  }
  if (marked.length === 1) return {kind: marked[0]![1]}
  return inherited ? {kind: inherited} : {}
}

/**
 * A section row (「1.1 住民データ」) above requirements: one 項番-led text, merged across the row or standing outside the
 * requirement-text column (a text-only row under the text column is a continuation of the previous requirement).
 */
function sectionHeading(reader: RowReader): ReturnType<typeof readSectionHeading> {
  const cells = reader.grid.rows[reader.row] ?? []
  const heading = readSectionHeading(cells)
  if (!heading) return undefined
  const id = reader.text('id')
  if (id !== '' && ID_CHARACTERS.test(compact(id))) return undefined
  const merged = cells.some((cell, c) => cell.mergedFrom !== undefined && cells[c + 1]?.mergedFrom === cell.mergedFrom)
  return merged || !reader.has('text') || reader.text('text') === '' ? heading : undefined
}

/** A row holding nothing but a 実装区分 label (【実装すべき機能】 …): the legacy layout groups requirements under such headings. */
function kindHeading(grid: SheetGrid, row: number): ImplementationKind | undefined {
  const texts = new Set((grid.rows[row] ?? []).map((cell) => cell.text.trim()).filter((t) => t !== ''))
  if (texts.size !== 1) return undefined
  return readKind([...texts][0]!)
}

function joinNotes(...parts: (string | undefined)[]): string | undefined {
  const text = parts.filter((p): p is string => p !== undefined && p !== '').join('\n')
  return text === '' ? undefined : text
}

interface ParsedSheets {
  functions: (FunctionEntry & Located)[]
  forms: (FormEntry & Located)[]
  formFields: RawFormField[]
  dataItems: (DataItemEntry & Located)[]
  codeLists: (CodeListEntry & Located)[]
}

/** Whether the sheet says 実装区分 in a column (one column, or one ○ column per class). */
const hasKindColumns = (layout: HeaderLayout): boolean =>
  layout.columns.has('kind') || ['kindMandatory', 'kindOptional', 'kindProhibited'].some((f) => layout.columns.has(f))

/**
 * The rows of a sheet that may hold entries, as readers: blank rows and repeated headers are passed over (the
 * latter reported as skipped); with `stopAtEndMarker`, reading stops at the end marker (e) row.
 */
function* dataRows(
  grid: SheetGrid,
  layout: HeaderLayout,
  dictionary: AliasDictionary,
  out: Collector,
  options: {stopAtEndMarker: boolean},
): Generator<RowReader> {
  for (let r = layout.dataStart; r < grid.rows.length; r++) {
    if (isBlankRow(grid, r)) continue
    if (options.stopAtEndMarker && isEndMarkerRow(grid.rows[r]!)) {
      out.skip(grid, r, '終端の印 (e) の行。ここから下は読みません')
      break
    }
    const reader = new RowReader(grid, layout, r)
    if (reader.repeatsHeader(dictionary)) {
      out.skip(grid, r, '見出し行の繰り返し')
      continue
    }
    yield reader
  }
}

function parseFunctions(grid: SheetGrid, layout: HeaderLayout, dictionary: AliasDictionary, out: Collector, parsed: ParsedSheets): number {
  let inherited: ImplementationKind | undefined
  let sawKind = hasKindColumns(layout)
  let last: (FunctionEntry & Located) | undefined
  let sections: string[] = []
  let count = 0
  let missingKindRows = 0
  for (const reader of dataRows(grid, layout, dictionary, out, {stopAtEndMarker: false})) {
    const r = reader.row
    const heading = kindHeading(grid, r)
    if (heading) {
      inherited = heading
      sawKind = true
      out.skip(grid, r, `実装区分の見出し行 (以降の行を ${KIND_LABELS[heading]} とします)`)
      continue
    }
    const idCell = reader.text('id')
    const section = sectionHeading(reader)
    if (section) {
      sections = [...sections.slice(0, section.depth - 1), section.name]
      out.skip(grid, r, `分類の見出し行 (以降の機能の分類を「${sections.join(' / ')}」とします)`)
      continue
    }
    if (idCell === '') {
      const text = reader.text('text')
      if (text !== '' && reader.text('name') === '' && reader.text('kind') === '' && last) {
        last.text = `${last.text}\n${text}`
        out.skip(grid, r, `${last.row}行目 (機能ID ${last.id}) の要件の続きとして連結しました`)
        continue
      }
      out.skip(grid, r, reader.text('name') !== '' || text !== '' ? '機能IDがありません' : '見出し・区切りの行 (機能IDなし)')
      continue
    }
    const id = readEntryId(reader, 'id', '機能ID', 7, out)
    if (id === undefined) continue
    const kindReading = readRowKind(reader, inherited, out)
    if (kindReading.failed) continue
    if (!kindReading.kind) {
      missingKindRows += 1
      out.skip(grid, r, '実装区分がありません')
      continue
    }
    let name = reader.text('name')
    let text = reader.text('text')
    if (name === '' && text === '') {
      out.skip(grid, r, '機能名称も要件の本文もありません')
      continue
    }
    if (text === '') {
      text = name
      out.warn(grid.name, r + 1, `機能ID ${id}: 要件の本文がないため機能名称を本文としました`)
    }
    if (name === '') {
      const firstSentence = text.split(/[。\n]/)[0] ?? text
      name = firstSentence.length > 40 ? `${firstSentence.slice(0, 39)}…` : firstSentence
      out.warn(grid.name, r + 1, `機能ID ${id}: 機能名称がないため本文の冒頭「${name}」を名称としました`)
    }
    const sectionReading = readSection(reader.texts('section'))
    if (sectionReading.raw !== undefined)
      out.warn(grid.name, r + 1, `機能ID ${id}: 項番「${sectionReading.raw}」は "1.2.3" の形ではないため備考に残しました`)
    const categories = reader.texts('category').filter((c, i, all) => c !== '' && all.indexOf(c) === i)
    const reason = reader.text('reason')
    const entry: FunctionEntry & Located = {
      sheet: grid.name,
      row: r + 1,
      id,
      ...(sectionReading.section !== undefined ? {section: sectionReading.section} : {}),
      category: categories.length > 0 ? categories.map((c) => c.replace(/\s*\n\s*/g, ' ')) : sections.length > 0 ? [...sections] : [grid.name],
      name: name.replace(/\s*\n\s*/g, ' '),
      text,
      kind: KIND_LABELS[kindReading.kind],
    }
    const notes = joinNotes(
      reader.text('notes'),
      reason !== '' ? `考え方・理由: ${reason}` : undefined,
      sectionReading.raw !== undefined ? `項番: ${sectionReading.raw}` : undefined,
    )
    if (notes !== undefined) entry.notes = notes
    parsed.functions.push(entry)
    last = entry
    count += 1
  }
  if (!sawKind && missingKindRows > 0)
    out.error(grid.name, undefined, `実装区分の列が見つかりません (見出し ${layout.headerRows.map((r) => r + 1).join('・')}行目)。列名を --profile で指定してください`)
  return count
}

function parseForms(grid: SheetGrid, layout: HeaderLayout, dictionary: AliasDictionary, out: Collector, parsed: ParsedSheets): number {
  let inherited: ImplementationKind | undefined
  let count = 0
  let missingKindRows = 0
  let sections: string[] = []
  const hasKindColumn = hasKindColumns(layout)
  for (const reader of dataRows(grid, layout, dictionary, out, {stopAtEndMarker: false})) {
    const r = reader.row
    const heading = kindHeading(grid, r)
    if (heading) {
      inherited = heading
      out.skip(grid, r, `実装区分の見出し行 (以降の行を ${KIND_LABELS[heading]} とします)`)
      continue
    }
    const section = sectionHeading(reader)
    if (section) {
      sections = [...sections.slice(0, section.depth - 1), section.name]
      out.skip(grid, r, `分類の見出し行 (以降の帳票の分類を「${sections.at(-1)}」とします)`)
      continue
    }
    if (reader.text('id') === '') {
      out.skip(grid, r, reader.text('name') !== '' ? '帳票IDがありません' : '見出し・区切りの行 (帳票IDなし)')
      continue
    }
    const id = readEntryId(reader, 'id', '帳票ID', 7, out)
    if (id === undefined) continue
    const name = reader.text('name').replace(/\s*\n\s*/g, ' ')
    if (name === '') {
      out.skip(grid, r, '帳票名称がありません')
      continue
    }
    const kindReading = readRowKind(reader, inherited, out)
    if (kindReading.failed) continue
    if (!kindReading.kind) {
      missingKindRows += 1
      out.skip(grid, r, '実装区分がありません')
      continue
    }
    const category = reader.texts('category').find((c) => c !== '') ?? sections.at(-1) ?? 'その他'
    const description = joinNotes(reader.text('description'), reader.text('notes') !== '' ? `備考: ${reader.text('notes')}` : undefined)
    parsed.forms.push({
      sheet: grid.name,
      row: r + 1,
      id,
      name,
      category: category.replace(/\s*\n\s*/g, ' '),
      kind: KIND_LABELS[kindReading.kind],
      ...(description !== undefined ? {description} : {}),
      fields: [],
    })
    count += 1
  }
  if (!hasKindColumn && missingKindRows > 0)
    out.error(grid.name, undefined, `実装区分の列が見つかりません (見出し ${layout.headerRows.map((r) => r + 1).join('・')}行目)。列名を --profile で指定してください`)
  return count
}

function readTypeCell(reader: RowReader, out: Collector, subject: string): DataType | undefined | 'unreadable' {
  const raw = reader.text('type')
  if (raw === '') return undefined
  const type = readDataType(raw)
  if (!type) {
    out.warn(reader.grid.name, reader.row + 1, `${subject}: 型「${raw}」を解釈できません`)
    return 'unreadable'
  }
  return type
}

function parseFormFields(grid: SheetGrid, layout: HeaderLayout, dictionary: AliasDictionary, out: Collector, parsed: ParsedSheets): number {
  let currentId: string | undefined
  let currentName: string | undefined
  let count = 0
  for (const reader of dataRows(grid, layout, dictionary, out, {stopAtEndMarker: false})) {
    const r = reader.row
    const formIdText = reader.text('formId')
    const formName = reader.text('formName').replace(/\s*\n\s*/g, ' ')
    if (formIdText !== '') {
      const id = readEntryId(reader, 'formId', '帳票ID', 7, out)
      if (id === undefined) continue
      currentId = id
      currentName = formName !== '' ? formName : undefined
    } else if (formName !== '' && formName !== currentName) {
      currentId = undefined
      currentName = formName
    }
    const name = reader.text('name').replace(/\s*\n\s*/g, ' ')
    if (name === '') {
      out.skip(grid, r, currentId || currentName ? '印字項目名がありません' : '見出し・区切りの行')
      continue
    }
    if (currentId === undefined && currentName === undefined) {
      out.skip(grid, r, 'どの帳票の項目か分かりません (帳票ID・帳票名称がありません)')
      continue
    }
    const field: FormFieldEntry = {name}
    const dataItem = reader.text('dataItem')
    if (dataItem !== '') {
      const reading = readId(reader.cell('dataItem')!, undefined)
      if (ID_CHARACTERS.test(reading.id)) field.dataItem = reading.id
      else out.warn(grid.name, r + 1, `印字項目「${name}」: データ項目ID「${dataItem}」に使えない文字があるため参照を外しました`)
    }
    const type = readTypeCell(reader, out, `印字項目「${name}」`)
    if (type !== undefined && type !== 'unreadable') field.type = dataTypeLabel(type)
    const length = readLength(reader.text('length'))
    if (length.length !== undefined) field.length = length.length
    else if (length.unreadable) out.warn(grid.name, r + 1, `印字項目「${name}」: 桁数「${reader.text('length')}」を解釈できません`)
    parsed.formFields.push({
      sheet: grid.name,
      row: r + 1,
      ...(currentId !== undefined ? {formId: currentId} : {}),
      ...(currentName !== undefined ? {formName: currentName} : {}),
      field,
    })
    count += 1
  }
  return count
}

function parseDataItems(grid: SheetGrid, layout: HeaderLayout, dictionary: AliasDictionary, out: Collector, parsed: ParsedSheets): number {
  let count = 0
  if (!layout.columns.has('type'))
    out.warn(grid.name, undefined, '型の列が見つからないため、すべて「文字」として取り込みます')
  for (const reader of dataRows(grid, layout, dictionary, out, {stopAtEndMarker: true})) {
    const r = reader.row
    const name = reader.text('name').replace(/\s*\n\s*/g, ' ')
    if (reader.text('id') === '') {
      out.skip(grid, r, name !== '' ? 'データ項目IDがありません' : '見出し・区切りの行 (データ項目IDなし)')
      continue
    }
    const id = readEntryId(reader, 'id', 'データ項目ID', undefined, out)
    if (id === undefined) continue
    if (name === '') {
      out.skip(grid, r, '項目名がありません')
      continue
    }
    parsed.dataItems.push({sheet: grid.name, row: r + 1, ...readDataItemRow(reader, id, name, out)})
    count += 1
  }
  return count
}

/** One 基本データリスト row (or a simpler データ項目 row) as a catalogue entry; oddities become warnings. */
function readDataItemRow(reader: RowReader, id: string, name: string, out: Collector): DataItemEntry {
  const {grid} = reader
  const row = reader.row + 1
  const subject = `データ項目 ${id}`
  const rawType = reader.text('type')
  const officialType = parseOfficialDataType(rawType)
  const typeReading = officialType ?? readTypeCell(reader, out, subject)
  const type: DataType = typeReading === undefined || typeReading === 'unreadable' ? 'text' : typeReading
  if (typeReading === 'unreadable') out.warn(grid.name, row, `${subject}: 型を「文字」として取り込みます`)
  const length = readLength(reader.text('length'))
  if (length.unreadable) out.warn(grid.name, row, `${subject}: 桁数「${reader.text('length')}」を解釈できません`)
  const scaleText = compact(reader.text('scale'))
  const scale = /^\d+$/.test(scaleText) ? Number(scaleText) : length.scale

  const requiredText = reader.text('required')
  const output = readOutputCondition(requiredText)
  const required = output !== undefined ? output === '必須' : readRequired(requiredText)
  if (required === undefined) out.warn(grid.name, row, `${subject}: 必須「${requiredText}」を解釈できないため「任意」とします`)
  const explanation = reader.text('explanation')
  const condition = readCondition(explanation)
  if (output === '条件付き必須' && condition === undefined)
    out.warn(grid.name, row, `${subject}: 条件付き必須ですが、項目説明に ※※ で始まる条件がありません`)

  const nameEnText = reader.text('nameEn')
  const nameEn = readNameEn(nameEnText)
  if (nameEnText !== '' && nameEn === undefined) out.warn(grid.name, row, `${subject}: 英語名「${nameEnText}」は英字の名前にできないため外しました`)
  const romajiText = reader.text('nameRomaji')
  const nameRomaji = readNameEn(romajiText)
  if (romajiText !== '' && nameRomaji === undefined) out.warn(grid.name, row, `${subject}: ローマ字名「${romajiText}」を英小文字の名前にできないため外しました`)

  const descriptionText = reader.text('description')
  // Without a 項目定義 column, 項目説明 is the only description the matcher can use.
  const description = descriptionText !== '' ? descriptionText : reader.has('description') ? '' : explanation
  const code = reader.has('codeTable') ? readCodeCell(reader.cell('codeTable')!) : {}
  const repeatText = compact(reader.text('repeat'))
  const repeat = /^\d+$/.test(repeatText) && Number(repeatText) > 0 ? Number(repeatText) : undefined
  if (repeatText !== '' && repeat === undefined) out.warn(grid.name, row, `${subject}: 繰り返し「${reader.text('repeat')}」を解釈できません`)
  const functionIds = readFunctionRefs(reader.text('functionRefs'))
  const classes = reader.texts('classes').filter((c) => c !== '').map((c) => c.replace(/\s*\n\s*/g, ' '))
  const group = reader.text('group').replace(/\s*\n\s*/g, ' ')
  const notes = reader.text('notes')
  const sample = reader.text('sample')
  const legacyNotes = !reader.has('explanation') && !reader.has('sample')
  return {
    id,
    group: group !== '' ? group : grid.name,
    ...(reader.has('primaryKey') && isMarked(reader.text('primaryKey')) ? {primaryKey: true} : {}),
    ...(reader.has('foreignKey') && isMarked(reader.text('foreignKey')) ? {foreignKey: true} : {}),
    ...(classes.length > 0 ? {classes} : {}),
    name,
    ...(nameRomaji !== undefined ? {nameRomaji} : {}),
    ...(nameEn !== undefined ? {nameEn} : {}),
    ...(legacyNotes
      ? (() => {
          const joined = joinNotes(description, notes !== '' ? `備考: ${notes}` : undefined)
          return joined !== undefined ? {description: joined} : {}
        })()
      : description !== ''
        ? {description}
        : {}),
    ...(explanation !== '' && reader.has('description') ? {explanation} : {}),
    type: dataTypeLabel(type),
    ...(officialType !== undefined ? {officialType: rawType.trim()} : {}),
    ...(length.length !== undefined ? {length: length.length} : {}),
    ...(scale !== undefined && length.length !== undefined ? {scale} : {}),
    required: required ?? false,
    ...(output !== undefined ? {output} : {}),
    ...(condition !== undefined ? {condition} : {}),
    ...(code.codeTable !== undefined ? {codeTable: code.codeTable} : {}),
    ...(code.codeList !== undefined ? {codeList: code.codeList} : {}),
    ...(repeat !== undefined ? {repeat} : {}),
    ...(functionIds.length > 0 ? {functionIds} : {}),
    ...(reader.has('implementation') ? {implementation: isMarked(reader.text('implementation')) ? ('必須' as const) : ('任意' as const)} : {}),
    ...(sample !== '' ? {sample} : {}),
    ...(!legacyNotes && notes !== '' ? {notes} : {}),
  }
}

/** A コード一覧 sheet: コードID and コード名 only on the first row of each list (carried down), one row per value. */
function parseCodeLists(grid: SheetGrid, layout: HeaderLayout, dictionary: AliasDictionary, out: Collector, parsed: ParsedSheets): number {
  let current: (CodeListEntry & Located) | undefined
  let count = 0
  for (const reader of dataRows(grid, layout, dictionary, out, {stopAtEndMarker: true})) {
    const r = reader.row
    if (reader.text('listId') !== '') {
      const padded = readCodeCell(reader.cell('listId')!).codeList
      if (padded === undefined) {
        out.error(grid.name, r + 1, `コードID「${reader.text('listId')}」は数字ではありません`)
        continue
      }
      const name = reader.text('listName').replace(/\s*\n\s*/g, ' ')
      current = {sheet: grid.name, row: r + 1, id: padded, name: name !== '' ? name : `コード${padded}`, values: []}
      parsed.codeLists.push(current)
      count += 1
    } else if (!current) {
      out.skip(grid, r, 'どのコードの値か分かりません (コードIDがありません)')
      continue
    }
    const code = reader.text('code')
    const label = reader.text('label')
    const note = reader.text('notes')
    if (code === '' && label === '') {
      if (note !== '') current.note = joinNotes(current.note, note)
      continue
    }
    current.values.push({code, label, ...(note !== '' ? {note} : {})})
  }
  return count
}

const PARSERS: Record<SheetKind, typeof parseFunctions> = {
  functions: parseFunctions,
  forms: parseForms,
  formFields: parseFormFields,
  dataItems: parseDataItems,
  codeLists: parseCodeLists,
}

function describeRequired(kind: SheetKind): string {
  const label = (field: string) =>
    field === 'id'
      ? ID_LABEL[kind]
      : field === 'name'
        ? {functions: '機能名称', forms: '帳票名称', formFields: '項目名', dataItems: '項目名', codeLists: 'コード名'}[kind]
        : FIELD_LABELS[field]
  return REQUIRED_FIELDS[kind].map((need) => (typeof need === 'string' ? label(need) : need.map(label).join(' または '))).join('、')
}

function reportColumns(layout: HeaderLayout): SheetReport['columns'] {
  const out: NonNullable<SheetReport['columns']> = {}
  for (const [field, columns] of [...layout.columns].sort(([, a], [, b]) => a[0]! - b[0]!))
    out[field] = columns.map((c) => ({column: columnLetter(c), header: layout.labels.get(c) ?? ''}))
  return out
}

/** Chooses how to read a sheet: profile rule, then sheet name, then the headers themselves. */
function planSheet(
  grid: SheetGrid,
  dictionary: AliasDictionary,
  profile: ImportProfile | undefined,
  out: Collector,
): {layout: HeaderLayout; detectedBy: NonNullable<SheetReport['detectedBy']>} | undefined {
  const rule = ruleForSheet(profile, grid.name)
  if (rule?.kind === 'ignore') {
    out.sheets.push({sheet: grid.name, ignored: 'プロファイルで対象外'})
    return undefined
  }
  const byName = rule ? rule.kind : kindForSheetName(dictionary, grid.name)
  if (byName === 'ignore') {
    out.sheets.push({sheet: grid.name, ignored: 'シート名から対象外 (表紙・履歴など)'})
    return undefined
  }
  if (byName !== undefined) {
    const layout = detectHeader(grid, byName, dictionary, {headerRow: rule?.headerRow, explicit: rule?.columns})
    if (!layout) {
      const where = rule?.headerRow !== undefined ? `${rule.headerRow}行目` : `1〜${Math.min(HEADER_SCAN_ROWS, Math.max(grid.rows.length, 1))}行目`
      out.error(
        grid.name,
        undefined,
        `${where}に${SHEET_KIND_LABELS[byName]}の見出し行が見つかりません (必要な列: ${describeRequired(byName)})。見出し名が違うときは --profile で列を指定してください`,
      )
      out.sheets.push({sheet: grid.name, kind: byName, ignored: '見出し行が見つかりません'})
      return undefined
    }
    return {layout, detectedBy: rule ? 'profile' : 'sheet-name'}
  }
  let best: HeaderLayout | undefined
  for (const kind of SHEET_KINDS) {
    const layout = detectHeader(grid, kind, dictionary)
    if (layout && layout.columns.size >= 3 && (!best || layout.columns.size > best.columns.size)) best = layout
  }
  if (!best) {
    out.sheets.push({sheet: grid.name, ignored: grid.rows.length === 0 ? '空のシート' : '機能・帳票・データ項目の見出しが見つからない'})
    return undefined
  }
  return {layout: best, detectedBy: 'headers'}
}

function checkDuplicates<T extends Located & {id: string}>(entries: readonly T[], label: string, out: Collector): void {
  const seen = new Map<string, T>()
  for (const entry of entries) {
    const first = seen.get(entry.id)
    if (!first) seen.set(entry.id, entry)
    else
      out.error(
        entry.sheet,
        entry.row,
        `${label}「${entry.id}」が重複しています (${first.sheet === entry.sheet ? '' : `シート「${first.sheet}」`}${first.row}行目と同じ)`,
      )
  }
}

const strip = <T extends Located>(entry: T): Omit<T, 'sheet' | 'row'> => {
  const rest: Partial<T> = {...entry}
  delete rest.sheet
  delete rest.row
  return rest as Omit<T, 'sheet' | 'row'>
}

/**
 * Turns the sheets of an official-style workbook into a catalogue document. Pure: grids in, document and report out.
 * Problems that make the result untrustworthy (no header on a spec sheet, unknown 実装区分, duplicate IDs) fail the
 * whole import; everything else becomes a warning or a skipped row with its reason.
 */
export function importGrids(grids: readonly SheetGrid[], options: ImportOptions): ImportResult {
  const dictionary = options.dictionary ?? loadBundledAliases()
  if (options.profile) addAliases(dictionary, options.profile.aliases, options.profile.sheetNames)
  const out = new Collector()
  const parsed: ParsedSheets = {functions: [], forms: [], formFields: [], dataItems: [], codeLists: []}
  for (const grid of grids) {
    const plan = planSheet(grid, dictionary, options.profile, out)
    if (!plan) continue
    const {layout, detectedBy} = plan
    const entries = PARSERS[layout.kind](grid, layout, dictionary, out, parsed)
    out.sheets.push({
      sheet: grid.name,
      kind: layout.kind,
      detectedBy,
      headerRows: layout.headerRows.map((r) => r + 1),
      columns: reportColumns(layout),
      entries,
    })
  }
  for (const ref of options.profile?.sheets ?? [])
    if (!grids.some((g) => g.name.normalize('NFKC').trim() === ref.sheet.normalize('NFKC').trim()))
      out.warn(ref.sheet, undefined, 'プロファイルにあるシートがブックにありません')

  checkDuplicates(parsed.functions, '機能ID', out)
  checkDuplicates(parsed.forms, '帳票ID', out)
  checkDuplicates(parsed.dataItems, 'データ項目ID', out)
  checkDuplicates(parsed.codeLists, 'コードID', out)
  linkFunctionRefs(parsed, out)

  if (parsed.functions.length + parsed.forms.length + parsed.dataItems.length + parsed.codeLists.length === 0 && out.problems.length === 0) {
    const seen = out.sheets.map((s) => `${s.sheet} (${s.ignored ?? `${s.entries ?? 0}件`})`).join('、')
    out.problems.push(
      `取り込める機能要件・帳票要件・データ項目がありません。シート: ${seen || '(なし)'}。シート名か見出しが違うときは --profile で指定してください`,
    )
  }

  attachFormFields(parsed, out)

  if (out.problems.length > 0)
    return {ok: false, problems: out.problems, sheets: out.sheets, warnings: out.warnings, skipped: out.skipped}

  const catalog: CatalogDocument = {
    area: options.area,
    edition: options.edition,
    title: options.title,
    ...(options.publishedAt !== undefined ? {publishedAt: options.publishedAt} : {}),
    provenance: {
      type: 'official',
      source: options.source,
      importedAt: options.importedAt,
      ...(options.sha256 !== undefined ? {sha256: options.sha256} : {}),
    },
    functions: parsed.functions.map(strip),
    forms: parsed.forms.map(strip),
    dataItems: parsed.dataItems.map(strip),
    ...(parsed.codeLists.length > 0 ? {codeLists: parsed.codeLists.map(strip)} : {}),
  }
  const functionsByKind: Record<ImplementationKind, number> = {mandatory: 0, optional: 0, prohibited: 0}
  const kindByLabel = Object.fromEntries(Object.entries(KIND_LABELS).map(([k, v]) => [v, k])) as Record<string, ImplementationKind>
  for (const fn of catalog.functions) functionsByKind[kindByLabel[fn.kind]!] += 1
  return {
    ok: true,
    catalog,
    sheets: out.sheets,
    warnings: out.warnings,
    skipped: out.skipped,
    counts: {
      functions: catalog.functions.length,
      functionsByKind,
      forms: catalog.forms.length,
      formFields: catalog.forms.reduce((n, f) => n + f.fields.length, 0),
      dataItems: catalog.dataItems.length,
      codeLists: catalog.codeLists?.length ?? 0,
      warnings: out.warnings.length,
      skippedRows: out.skipped.length,
    },
  }
}

/** 標準仕様書関連箇所 naming a 機能ID the same workbook lacks is worth a look (only when the workbook has functions). */
function linkFunctionRefs(parsed: ParsedSheets, out: Collector): void {
  if (parsed.functions.length === 0) return
  const known = new Set(parsed.functions.map((fn) => fn.id))
  for (const item of parsed.dataItems) {
    const missing = (item.functionIds ?? []).filter((id) => !known.has(id))
    if (missing.length > 0) out.warn(item.sheet, item.row, `データ項目 ${item.id}: 関連する機能ID ${missing.join(', ')} が機能要件のシートにありません`)
  }
}

/** Puts printed items on their forms (by 帳票ID, else by 帳票名称) and drops references to data items the workbook lacks. */
function attachFormFields(parsed: ParsedSheets, out: Collector): void {
  const byId = new Map(parsed.forms.map((form) => [form.id, form]))
  const byName = new Map(parsed.forms.map((form) => [compact(form.name), form]))
  const itemIds = new Set(parsed.dataItems.map((item) => item.id))
  const missingRefs = new Map<string, {count: number; examples: string[]}>()
  for (const raw of parsed.formFields) {
    const form =
      (raw.formId !== undefined ? byId.get(raw.formId) : undefined) ??
      (raw.formName !== undefined && raw.formId === undefined ? byName.get(compact(raw.formName)) : undefined)
    if (!form) {
      const what = raw.formId !== undefined ? `帳票ID「${raw.formId}」` : `帳票「${raw.formName}」`
      out.skipped.push({sheet: raw.sheet, row: raw.row, reason: `${what}が帳票要件のシートにありません`, preview: raw.field.name})
      continue
    }
    const field = {...raw.field}
    if (field.dataItem !== undefined && !itemIds.has(field.dataItem)) {
      const entry = missingRefs.get(raw.sheet) ?? {count: 0, examples: []}
      entry.count += 1
      if (entry.examples.length < 5) entry.examples.push(`${raw.row}行目 ${field.dataItem}`)
      missingRefs.set(raw.sheet, entry)
      delete field.dataItem
    }
    form.fields.push(field)
  }
  for (const [sheet, {count, examples}] of missingRefs)
    out.warn(sheet, undefined, `印字項目 ${count} 件のデータ項目IDが基本データリストにないため参照を外しました (例: ${examples.join(', ')})`)
}
