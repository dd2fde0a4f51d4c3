/**
 * Turns the data rows of a table (CSV file, XLSX sheet) into current-system records, given its header.
 * Pure: rows in, records out through a sink; problems and warnings are collected, never thrown.
 */
import {codePoint, PRIVATE_USE, XML_INVALID} from '../io/xml-chars.js'
import type {CurrentField, CurrentForm, CurrentFormField, CurrentFunction, RecordSource} from '../model/current.js'
import {type CompiledAliases, type HeaderMatch, isRepeatedHeader} from './headers.js'
import {parseLength, parseTypeSpec, parseYesNo, requiredFrom} from './type-spec.js'

export interface RecordSink {
  field(record: CurrentField): void
  form(record: CurrentForm): void
  function(record: CurrentFunction): void
}

/** Collects messages up to a limit, counting the rest. */
export class Messages {
  readonly items: string[] = []
  total = 0
  constructor(readonly limit = 20) {}

  add(message: string): void {
    this.total++
    if (this.items.length < this.limit) this.items.push(message)
  }

  get full(): boolean {
    return this.total >= this.limit
  }

  /** The messages, with a last line telling how many were left out. */
  list(): string[] {
    return this.total > this.items.length ? [...this.items, `… ほか ${this.total - this.items.length} 件`] : [...this.items]
  }
}

export interface TableContext {
  /** The file as stored in provenance (relative to the workspace, or its name). */
  readonly file: string
  readonly sheet?: string
  /** Table name when the table has no table column (sheet name, title block, file name). */
  readonly defaultTable: string
  /** "file 12行目" or "file シート「S」E12": where a cell is, for messages. */
  locate(row: number, column?: number, line?: number): string
}

/** Cells that make a row a field definition even without a name (a note row has none of them). */
const FIELD_DATA_ROLES = ['type', 'length', 'scale', 'codeTable', 'codes'] as const
const FIELD_DATA_LABELS: Record<(typeof FIELD_DATA_ROLES)[number], string> = {type: '型', length: '桁数', scale: '小数桁', codeTable: 'コード表', codes: 'コード値'}

/** Trimmed cell text; empty when absent. */
const at = (cells: readonly string[], column: number | undefined): string =>
  column === undefined ? '' : (cells[column] ?? '').trim()

const joinText = (...parts: string[]): string | undefined => {
  const kept = parts.filter((p) => p !== '')
  return kept.length > 0 ? kept.join('\n') : undefined
}

/** A 対応表 cell: one or more standard IDs, separated by 、 , / ; or line breaks (full-width folded). */
export function splitStandardIds(cell: string): string[] {
  return [...new Set(cell.normalize('NFKC').split(/[、,，/;；\s]+/).map((id) => id.trim()).filter((id) => id !== '' && id !== '-' && id !== '−'))]
}

const mergeIds = (a: readonly string[] | undefined, b: readonly string[]): string[] => [...new Set([...(a ?? []), ...b])]

interface PendingForm {
  form: CurrentForm
  items: {item: CurrentFormField; order: number | undefined; seq: number}[]
}

export interface TableStats {
  records: number
  /** Data rows that were not definitions (notes, section titles, repeated headers). */
  skipped: number
}

/** Reads the data rows of one table (after its header) into records. */
export class TableReader {
  private readonly col: ReadonlyMap<string, number>
  private lastTable: string | undefined
  private currentForm: PendingForm | undefined
  private readonly forms = new Map<string, PendingForm>()
  /** Columns of the table being read, for the duplicate check (tables come in blocks; memory stays bounded). */
  private seenTable: string | undefined
  private readonly seenColumns = new Map<string, number>()
  private seq = 0
  readonly stats: TableStats = {records: 0, skipped: 0}

  constructor(
    private readonly aliases: CompiledAliases,
    readonly header: HeaderMatch,
    private readonly context: TableContext,
    private readonly sink: RecordSink,
    private readonly problems: Messages,
    private readonly warnings: Messages,
  ) {
    this.col = header.columns
  }

  private line: number | undefined

  private loc(row: number, column?: number): string {
    return this.context.locate(row, column, this.line)
  }

  private source(row: number, line?: number): RecordSource {
    const source: RecordSource = {file: this.context.file, row}
    if (this.context.sheet !== undefined) source.sheet = this.context.sheet
    if (line !== undefined && line !== row) source.line = line
    return source
  }

  /**
   * Characters that cannot be stored as they are: NUL refuses the row (a binary or broken file, wherever it
   * appears); other XML-invalid characters become U+FFFD and 外字 (private use) stay; both are warned about.
   */
  private checkedCells(cells: readonly string[], row: number): readonly string[] | undefined {
    let out: string[] | undefined
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!
      if (cell.includes('\u0000')) {
        this.problems.add(`${this.loc(row, i)}: NUL 文字 (0x00) があります。バイナリか壊れたファイルです。`)
        return undefined
      }
      const invalid = cell.match(XML_INVALID)
      if (invalid) {
        this.warnings.add(`${this.loc(row, i)}: XML に使えない文字 ${[...new Set(invalid)].map(codePoint).join('・')} を U+FFFD (\uFFFD) に置き換えました。`)
        out ??= [...cells]
        out[i] = cell.replace(XML_INVALID, '\uFFFD')
      }
      const foreign = PRIVATE_USE.exec(cell)
      if (foreign) this.warnings.add(`${this.loc(row, i)}: 外字 (私用領域の文字 ${codePoint(foreign[0])}) があります。ほかのパソコンでは正しく表示されません。標準の文字に置き換えてください。`)
    }
    return out ?? cells
  }

  /** Feeds one data row (1-based row number as the user sees it). */
  push(raw: readonly string[], row: number, line?: number): void {
    if (raw.every((cell) => cell.trim() === '')) return
    this.line = line
    const cells = this.checkedCells(raw, row)
    if (!cells) return
    if (isRepeatedHeader(this.aliases, this.header, cells)) {
      this.stats.skipped++
      return
    }
    if (this.header.kind === 'fields') this.pushField(cells, row, line)
    else if (this.header.kind === 'forms') this.pushForm(cells, row, line)
    else this.pushFunction(cells, row, line)
  }

  private typeAndLength(cells: readonly string[], row: number): {typeRaw: string; spec: ReturnType<typeof parseTypeSpec>; ok: boolean} {
    const typeRaw = at(cells, this.col.get('type'))
    const spec = parseTypeSpec(typeRaw)
    let ok = true
    const lengthColumn = this.col.get('length')
    const lengthRaw = at(cells, lengthColumn)
    if (lengthRaw !== '') {
      const parsed = parseLength(lengthRaw)
      if (parsed.ok) {
        if (parsed.length !== undefined) spec.length = parsed.length
        if (parsed.scale !== undefined) spec.scale = parsed.scale
      } else {
        ok = false
        this.problems.add(
          `${this.loc(row, lengthColumn)}: 桁数「${lengthRaw}」を解釈できません (${parsed.reason})。40・10,2・9(8)・X(40)・VARCHAR2(40)・NUMBER(10,2) のように書いてください。`,
        )
      }
    }
    const scaleColumn = this.col.get('scale')
    const scaleRaw = at(cells, scaleColumn)
    if (scaleRaw !== '') {
      const normalized = scaleRaw.normalize('NFKC').trim()
      if (/^\d+$/.test(normalized)) {
        const scale = Number(normalized)
        if (scale > 0) spec.scale = scale
        else delete spec.scale
      } else if (!/^[-―ー−]$/.test(normalized)) {
        ok = false
        this.problems.add(`${this.loc(row, scaleColumn)}: 小数桁「${scaleRaw}」を解釈できません (数字ではありません)。`)
      }
    }
    return {typeRaw, spec, ok}
  }

  private pushField(cells: readonly string[], row: number, line: number | undefined): void {
    let label = at(cells, this.col.get('label'))
    let column = at(cells, this.col.get('column'))
    const tableCell = at(cells, this.col.get('table')) || at(cells, this.col.get('tableLabel'))
    if (label === '' && column === '') {
      // a note, a section title or a table-name-only row; one carrying a field's type is a field nobody can map
      if (tableCell !== '') this.lastTable = tableCell
      this.stats.skipped++
      const carried = FIELD_DATA_ROLES.filter((role) => at(cells, this.col.get(role)) !== '')
      if (carried.length > 0)
        this.warnings.add(
          `${this.loc(row)}: ${carried.map((role) => FIELD_DATA_LABELS[role]).join('・')}はありますが、カラム名も論理名もないため取り込みませんでした (どの項目か分からず、対応付けできません)。名前を記入してください。`,
        )
      return
    }
    if (tableCell !== '') this.lastTable = tableCell
    const table = tableCell || this.lastTable || this.context.defaultTable
    if (column === '') column = label
    if (label === '') label = column
    const {typeRaw, spec, ok} = this.typeAndLength(cells, row)
    if (!ok) return
    const field: CurrentField = {table, column, label}
    if (spec.type !== undefined) field.type = spec.type
    if (typeRaw !== '') field.typeRaw = typeRaw
    if (spec.length !== undefined) field.length = spec.length
    if (spec.scale !== undefined) field.scale = spec.scale
    for (const role of ['required', 'notNull', 'nullable'] as const) {
      const columnIndex = this.col.get(role)
      if (columnIndex === undefined) continue
      const raw = at(cells, columnIndex)
      const required = requiredFrom(role, raw)
      if (required.unknown) this.warnings.add(`${this.loc(row, columnIndex)}: 必須の値「${raw}」を解釈できないため、未設定にしました。`)
      if (required.value !== undefined) field.required = required.value
      break
    }
    const codeTable = at(cells, this.col.get('codeTable')) || spec.codeTable
    if (codeTable) field.codeTable = codeTable
    const codesText = at(cells, this.col.get('codes'))
    if (codesText) {
      const codes = parseCodeValues(codesText)
      if (codes) field.codes = codes
      else this.warnings.add(`${this.loc(row, this.col.get('codes'))}: コード値「${codesText}」を「1:男, 2:女」の形に読めないため、取り込みませんでした。`)
    }
    const description = joinText(at(cells, this.col.get('description')), at(cells, this.col.get('remarks')))
    if (description !== undefined) field.description = description
    field.source = this.source(row, line)
    if (table !== this.seenTable) {
      this.seenTable = table
      this.seenColumns.clear()
    }
    const previous = this.seenColumns.get(column)
    if (previous === undefined) this.seenColumns.set(column, this.line ?? row)
    else this.warnings.add(`${this.loc(row)}: 項目 ${table}.${column} は ${previous} 行目にもあります (重複)。`)
    this.sink.field(field)
    this.stats.records++
  }

  private pushForm(cells: readonly string[], row: number, line: number | undefined): void {
    const id = at(cells, this.col.get('formId'))
    const name = at(cells, this.col.get('formName'))
    const itemName = at(cells, this.col.get('itemName'))
    let pending: PendingForm | undefined
    if (id !== '' || name !== '') {
      const key = id || [...this.forms.values()].find((p) => p.form.name === name)?.form.id || name
      pending = this.forms.get(key)
      // a form row again after another form, or twice in a list without items: more than the merge of its rows
      if (pending && (pending !== this.currentForm || (itemName === '' && !this.col.has('itemName'))))
        this.warnings.add(`${this.loc(row)}: ${id !== '' ? `帳票ID「${id}」` : `帳票「${name}」`}は ${pending.form.source?.line ?? pending.form.source?.row ?? '?'} 行目にもあります (重複)。`)
      if (!pending) {
        pending = {form: {id: key, name, fields: [], source: this.source(row, line)}, items: []}
        this.forms.set(key, pending)
        this.stats.records++
      } else if (pending.form.name === '' && name !== '') pending.form.name = name
      const description = joinText(at(cells, this.col.get('formDescription')), itemName === '' ? at(cells, this.col.get('remarks')) : '')
      if (description !== undefined && pending.form.description === undefined) pending.form.description = description
      if (this.col.has('standardFormId')) pending.form.standardIds = mergeIds(pending.form.standardIds, splitStandardIds(at(cells, this.col.get('standardFormId'))))
      this.currentForm = pending
    } else pending = this.currentForm
    if (itemName === '') {
      if (id === '' && name === '') this.stats.skipped++
      return
    }
    if (!pending) {
      this.problems.add(`${this.loc(row, this.col.get('itemName'))}: 帳票項目「${itemName}」の帳票 (帳票ID・帳票名) が書かれていません。`)
      return
    }
    const {typeRaw, spec, ok} = this.typeAndLength(cells, row)
    if (!ok) return
    const item: CurrentFormField = {name: itemName}
    if (spec.type !== undefined) item.type = spec.type
    if (typeRaw !== '') item.typeRaw = typeRaw
    if (spec.length !== undefined) item.length = spec.length
    if (spec.scale !== undefined) item.scale = spec.scale
    const sourceField =
      at(cells, this.col.get('sourceField')) ||
      [at(cells, this.col.get('sourceTable')), at(cells, this.col.get('sourceColumn'))].filter((p) => p !== '').join('.')
    if (sourceField !== '') item.sourceField = sourceField
    item.source = this.source(row, line)
    const orderColumn = this.col.get('itemOrder')
    const orderRaw = at(cells, orderColumn).normalize('NFKC')
    let order: number | undefined
    if (orderRaw !== '') {
      order = Number(orderRaw)
      if (!Number.isFinite(order)) {
        this.warnings.add(`${this.loc(row, orderColumn)}: 印字順「${orderRaw}」が数字でないため、行の順にしました。`)
        order = undefined
      }
    }
    pending.items.push({item, order, seq: this.seq++})
  }

  private pushFunction(cells: readonly string[], row: number, line: number | undefined): void {
    let id = at(cells, this.col.get('id'))
    let name = at(cells, this.col.get('name'))
    if (id === '' && name === '') {
      this.stats.skipped++
      return
    }
    if (id === '') id = name
    if (name === '') name = id
    const fn: CurrentFunction = {id, name, inUse: true}
    const category = (this.header.multi.get('category') ?? []).map((c) => at(cells, c)).filter((c) => c !== '')
    if (category.length > 0) fn.category = category
    const description = joinText(at(cells, this.col.get('description')), at(cells, this.col.get('remarks')))
    if (description !== undefined) fn.description = description
    if (this.col.has('standardId')) fn.standardIds = splitStandardIds(at(cells, this.col.get('standardId')))
    const inUseColumn = this.col.get('inUse')
    if (inUseColumn !== undefined) {
      const raw = at(cells, inUseColumn)
      const flag = parseYesNo(raw)
      if (flag.unknown) this.warnings.add(`${this.loc(row, inUseColumn)}: 利用有無「${raw}」を解釈できないため、利用中としました。`)
      if (flag.value !== undefined) fn.inUse = flag.value
    }
    fn.source = this.source(row, line)
    // key order: id, name, category, description, inUse, source
    const ordered: CurrentFunction = {id: fn.id, name: fn.name, ...(fn.category ? {category: fn.category} : {}), ...(fn.description ? {description: fn.description} : {}), ...(fn.standardIds ? {standardIds: fn.standardIds} : {}), inUse: fn.inUse, source: fn.source}
    this.sink.function(ordered)
    this.stats.records++
  }

  /** Emits the forms collected (their items in 印字順 when given, else in row order). */
  finish(): TableStats {
    for (const pending of this.forms.values()) {
      const items = [...pending.items].sort((a, b) => {
        if (a.order !== undefined && b.order !== undefined && a.order !== b.order) return a.order - b.order
        return a.seq - b.seq
      })
      const {form} = pending
      const record: CurrentForm = {id: form.id, name: form.name}  as CurrentForm
      if (form.description !== undefined) record.description = form.description
      if (form.standardIds !== undefined) record.standardIds = form.standardIds
      record.fields = items.map((entry) => entry.item)
      record.source = form.source
      this.sink.form(record)
    }
    this.forms.clear()
    return this.stats
  }
}

const MAX_DUPLICATE_WARNINGS = 10

function where(source: RecordSource | undefined): string {
  if (!source) return '?'
  return `${source.sheet !== undefined ? `シート「${source.sheet}」` : ''}${source.line ?? source.row}行目`
}

/**
 * Watches the records of one file for definitions given twice: function IDs, and forms beyond the intended merge of a
 * 帳票一覧 entry with its 帳票項目 (one entry without items, one with). Records pass through unchanged.
 */
export class DuplicateWatch {
  private readonly functions = new Map<string, RecordSource[]>()
  private readonly forms = new Map<string, {listed: RecordSource[]; itemised: RecordSource[]}>()

  wrap(sink: RecordSink): RecordSink {
    return {
      field: (record) => sink.field(record),
      form: (record) => {
        const seen = this.forms.get(record.id) ?? {listed: [], itemised: []}
        this.forms.set(record.id, seen)
        ;(record.fields.length > 0 ? seen.itemised : seen.listed).push(record.source ?? {file: '', row: 0})
        sink.form(record)
      },
      function: (record) => {
        const seen = this.functions.get(record.id)
        if (seen) seen.push(record.source ?? {file: '', row: 0})
        else this.functions.set(record.id, [record.source ?? {file: '', row: 0}])
        sink.function(record)
      },
    }
  }

  /** Japanese warnings naming the file and the rows of each duplicate. */
  warnings(display: string): string[] {
    const out: string[] = []
    const rows = (sources: readonly RecordSource[]) => sources.slice(0, 5).map(where).join('・') + (sources.length > 5 ? ` ほか ${sources.length - 5} 箇所` : '')
    for (const [id, sources] of this.functions)
      if (sources.length > 1) out.push(`${display}: 機能ID「${id}」が ${sources.length} 回あります (${rows(sources)})。同じ機能が二重に取り込まれます。`)
    for (const [id, {listed, itemised}] of this.forms) {
      if (listed.length > 1) out.push(`${display}: 帳票ID「${id}」が帳票一覧に ${listed.length} 回あります (${rows(listed)})。`)
      if (itemised.length > 1) out.push(`${display}: 帳票ID「${id}」の帳票項目が ${itemised.length} か所にあります (${rows(itemised)})。1つの帳票にまとめて取り込みます。`)
    }
    return out.length > MAX_DUPLICATE_WARNINGS ? [...out.slice(0, MAX_DUPLICATE_WARNINGS), `… ほか ${out.length - MAX_DUPLICATE_WARNINGS} 件`] : out
  }
}

/** "1:男, 2:女" / "1=男;2=女" / one per line → code values; undefined when a part has no code. */
export function parseCodeValues(text: string): {code: string; label: string}[] | undefined {
  const parts = text
    .split(/[,、;；\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const codes = parts.map((part) => /^([^:：=＝\s]+)\s*[:：=＝]\s*(.*)$/u.exec(part))
  if (codes.length === 0 || codes.some((m) => m === null)) return undefined
  return codes.map((m) => ({code: m![1]!.normalize('NFKC'), label: m![2]!.trim()}))
}
