import {normalizeHeader} from '../../io/header-text.js'
import {type AliasDictionary, fieldForLabel, labelCandidates} from './aliases.js'
import {cellAt, columnIndex, gridWidth, type SheetGrid} from './sheet-grid.js'
import {MULTI_COLUMN_FIELDS, type SheetKind} from './types.js'

/** Where a sheet's header is and which column holds which field. */
export interface HeaderLayout {
  readonly kind: SheetKind
  /** 0-based header rows: one row, or a parent row and a child row. */
  readonly headerRows: readonly number[]
  /** 0-based first data row. */
  readonly dataStart: number
  /** field → 0-based columns (several only for 分類 / 項番). */
  readonly columns: ReadonlyMap<string, readonly number[]>
  /** 0-based column → the header text shown for it. */
  readonly labels: ReadonlyMap<number, string>
}

/** How far below the top the header may be (title rows, notes, blank rows). */
export const HEADER_SCAN_ROWS = 30

/** The columns a kind of sheet cannot do without; alternatives are listed as an array. */
export const REQUIRED_FIELDS: Record<SheetKind, readonly (string | readonly string[])[]> = {
  functions: ['id', ['name', 'text']],
  forms: ['id', 'name'],
  formFields: [['formId', 'formName'], 'name'],
  dataItems: ['id', 'name'],
  codeLists: ['listId', 'code', 'label'],
}

export function hasRequiredFields(kind: SheetKind, columns: ReadonlyMap<string, readonly number[]>): boolean {
  return REQUIRED_FIELDS[kind].every((need) => (typeof need === 'string' ? columns.has(need) : need.some((f) => columns.has(f))))
}

interface Candidate {
  columns: Map<string, number[]>
  labels: Map<number, string>
  score: number
}

/** Explicit column choices from a profile: field → column letter(s) or header text(s). */
export type ExplicitColumns = Readonly<Record<string, string | readonly string[]>>

function spansColumns(grid: SheetGrid, row: number, column: number): boolean {
  const from = cellAt(grid, row, column).mergedFrom
  if (!from) return false
  return cellAt(grid, row, column - 1).mergedFrom === from || cellAt(grid, row, column + 1).mergedFrom === from
}

/** A header text shared by more than half of the row's non-empty cells is a title spanning the table, not a parent header. */
function titleLike(grid: SheetGrid, row: number, width: number, text: string): boolean {
  let same = 0
  let filled = 0
  for (let c = 0; c < width; c++) {
    const t = cellAt(grid, row, c).headerText.trim()
    if (t === '') continue
    filled += 1
    if (t === text) same += 1
  }
  return filled > 1 && same * 2 > filled
}

function headerLabel(grid: SheetGrid, rows: readonly number[], column: number): string {
  const parts: string[] = []
  for (const row of rows) {
    const text = cellAt(grid, row, column).headerText.trim()
    if (text !== '' && !parts.includes(text) && !(rows.length > 1 && row === rows[0] && titleLike(grid, row, gridWidth(grid), text)))
      parts.push(text)
  }
  return parts.join(' / ').replace(/\s*\n\s*/g, ' ')
}

/** Maps columns to fields for one header band (one row, or parent + child rows). */
function evaluateBand(
  grid: SheetGrid,
  kind: SheetKind,
  dictionary: AliasDictionary,
  rows: readonly number[],
  extra?: ReadonlyMap<string, string>,
): Candidate | undefined {
  const width = gridWidth(grid)
  const bottom = rows.at(-1)!
  const top = rows[0]!
  const lookup = (label: string): string | undefined => {
    if (extra) for (const candidate of labelCandidates(label)) if (extra.has(candidate)) return extra.get(candidate)
    return fieldForLabel(dictionary, kind, label)
  }
  if (rows.length > 1) {
    // The parent row must be a header itself (two or more known names), not a title spanning the table.
    let parentNames = 0
    for (let c = 0; c < width; c++) if (lookup(cellAt(grid, top, c).headerText) !== undefined) parentNames += 1
    if (parentNames < 2) return undefined
    // A child row is a header only if each of its texts sits under a multi-column parent, repeats a vertically merged
    // parent, stands under an empty parent, or is a known header name itself; and one of them is a real child label.
    let genuineChild = false
    for (let c = 0; c < width; c++) {
      const child = cellAt(grid, bottom, c).headerText.trim()
      if (child === '') continue
      const parent = cellAt(grid, top, c).headerText.trim()
      if (child === parent) continue
      const underParent = parent === '' || spansColumns(grid, top, c)
      if (!underParent && lookup(child) === undefined) return undefined
      genuineChild = true
    }
    if (!genuineChild) return undefined
  }
  const columns = new Map<string, number[]>()
  const labels = new Map<number, string>()
  const claim = (field: string, column: number) => {
    const existing = columns.get(field)
    if (existing && !MULTI_COLUMN_FIELDS.has(field)) return false
    if (existing) existing.push(column)
    else columns.set(field, [column])
    labels.set(column, headerLabel(grid, rows, column))
    return true
  }
  const taken = new Set<number>()
  const passes: ((c: number) => string | undefined)[] = [
    (c) => cellAt(grid, bottom, c).headerText,
    (c) => (rows.length > 1 ? `${cellAt(grid, top, c).headerText}${cellAt(grid, bottom, c).headerText}` : undefined),
    (c) => {
      if (rows.length === 1) return undefined
      const parent = cellAt(grid, top, c).headerText.trim()
      return parent !== '' && !titleLike(grid, top, width, parent) ? parent : undefined
    },
  ]
  for (const pass of passes) {
    for (let c = 0; c < width; c++) {
      if (taken.has(c)) continue
      const label = pass(c)
      if (label === undefined || label.trim() === '') continue
      const field = lookup(label)
      if (field !== undefined && claim(field, c)) taken.add(c)
    }
  }
  for (const list of columns.values()) list.sort((a, b) => a - b)
  return {columns, labels, score: columns.size}
}

/**
 * Finds the header of a sheet for a kind: the band (one row, or parent + child rows) within the first
 * HEADER_SCAN_ROWS rows that names the most fields. Title rows above it and note rows are passed over.
 * Ties go to the band that starts first (a header repeated further down never wins), and a real parent + child band
 * beats its parent row alone.
 */
export function detectHeader(
  grid: SheetGrid,
  kind: SheetKind,
  dictionary: AliasDictionary,
  options: {headerRow?: number; explicit?: ExplicitColumns} = {},
): HeaderLayout | undefined {
  const extra = explicitHeaderAliases(options.explicit)
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS)
  const bands: number[][] = []
  if (options.headerRow !== undefined) {
    const bottom = options.headerRow - 1
    if (bottom > 0) bands.push([bottom - 1, bottom])
    bands.push([bottom])
  } else {
    for (let r = 0; r < last; r++) {
      bands.push([r])
      if (r + 1 < grid.rows.length) bands.push([r, r + 1])
    }
  }
  let best: {rows: number[]; candidate: Candidate} | undefined
  for (const rows of bands) {
    const candidate = evaluateBand(grid, kind, dictionary, rows, extra)
    if (!candidate) continue
    // Without an explicit header row, a band must name at least one field by itself (column letters fit any row).
    if (options.headerRow === undefined && candidate.score === 0) continue
    applyExplicitLetters(candidate, grid, rows, options.explicit)
    if (!hasRequiredFields(kind, candidate.columns) || candidate.score < 2) continue
    if (
      !best ||
      candidate.score > best.candidate.score ||
      (candidate.score === best.candidate.score && rows[0]! === best.rows[0]! && rows.length > best.rows.length)
    )
      best = {rows, candidate}
  }
  if (!best) return undefined
  spreadMergedId(grid, best.rows.at(-1)!, best.candidate)
  return {
    kind,
    headerRows: best.rows,
    dataStart: best.rows.at(-1)! + 1,
    columns: best.candidate.columns,
    labels: best.candidate.labels,
  }
}

/**
 * An ID whose header is one merged cell over several columns is split over those cells (基本データリスト: the 業務コード
 * `031` in B, the 項目コード `1` shown `00000` in C); the ID field then reads all of them, left to right.
 */
function spreadMergedId(grid: SheetGrid, headerRow: number, candidate: Candidate): void {
  for (const field of ['id', 'formId', 'listId']) {
    const first = candidate.columns.get(field)?.[0]
    if (first === undefined) continue
    const from = cellAt(grid, headerRow, first).mergedFrom
    if (!from) continue
    const columns = [first]
    for (let c = first + 1; cellAt(grid, headerRow, c).mergedFrom === from; c++) {
      if ([...candidate.columns.values()].some((cols) => cols.includes(c))) break
      columns.push(c)
      candidate.labels.set(c, candidate.labels.get(first) ?? '')
    }
    if (columns.length > 1) candidate.columns.set(field, columns)
  }
}

/** Header texts named in a profile act as extra aliases for that sheet (column letters are applied afterwards). */
function explicitHeaderAliases(explicit: ExplicitColumns | undefined): Map<string, string> | undefined {
  if (!explicit) return undefined
  const out = new Map<string, string>()
  for (const [field, refs] of Object.entries(explicit)) {
    for (const ref of typeof refs === 'string' ? [refs] : refs) {
      if (columnIndex(ref) === undefined) out.set(normalizeHeader(ref), field)
    }
  }
  return out
}

/** Column letters from a profile override whatever the aliases found for that field. */
function applyExplicitLetters(candidate: Candidate, grid: SheetGrid, rows: readonly number[], explicit: ExplicitColumns | undefined): void {
  if (!explicit) return
  for (const [field, refs] of Object.entries(explicit)) {
    const list = typeof refs === 'string' ? [refs] : refs
    const letters = list.map((ref) => columnIndex(ref)).filter((c): c is number => c !== undefined)
    if (letters.length === 0) continue
    for (const [other, cols] of candidate.columns) {
      const kept = cols.filter((c) => !letters.includes(c))
      if (other === field || kept.length === 0) candidate.columns.delete(other)
      else candidate.columns.set(other, kept)
    }
    candidate.columns.set(field, [...letters].sort((a, b) => a - b))
    for (const c of letters) candidate.labels.set(c, headerLabel(grid, rows, c) || `(${field})`)
  }
  candidate.score = candidate.columns.size
}
