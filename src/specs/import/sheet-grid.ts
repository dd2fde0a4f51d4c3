import ExcelJS from 'exceljs'

/** One cell as the importer sees it: text (formulas → their result, rich text joined) and number details for IDs. */
export interface GridCell {
  /** Text for data rows: a vertically merged cell repeats its top value; a horizontally merged one is empty beside its first cell. */
  readonly text: string
  /** Text for header rows: every cell of a merged range carries the range's text (so a parent header spans its children). */
  readonly headerText: string
  /** Set when the stored value is a number (an ID typed as a number loses its leading zeros). */
  readonly number?: number
  /** The cell's number format, when it has one (e.g. "0000000" keeps the zeros on screen). */
  readonly numFmt?: string
  /** For a cell inside a merged range: the range's top-left address ("A2"). */
  readonly mergedFrom?: string
}

/** A worksheet as a plain grid (row-major, 0-based arrays; row r is Excel row r + 1). */
export interface SheetGrid {
  readonly name: string
  readonly rows: readonly (readonly GridCell[])[]
}

const MAX_COLUMNS = 200

/** A cell value as text, without ever throwing (exceljs's cell.text can throw on merged cells in government workbooks). */
export function valueText(value: unknown, depth = 0): string {
  if (value === null || value === undefined || depth > 4) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (Array.isArray(record.richText))
      return (record.richText as unknown[]).map((run) => valueText((run as {text?: unknown})?.text, depth + 1)).join('')
    if ('formula' in record || 'sharedFormula' in record) return valueText(record.result, depth + 1)
    if ('error' in record) return ''
    if ('text' in record) return valueText(record.text, depth + 1)
    if ('result' in record) return valueText(record.result, depth + 1)
  }
  return ''
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value))
    return numberOf((value as {result?: unknown}).result)
  return undefined
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read()
  } catch {
    return fallback
  }
}

/** Reads a worksheet into a grid, defensively: any cell that cannot be read becomes empty text. */
export function worksheetToGrid(worksheet: ExcelJS.Worksheet): SheetGrid {
  const rowCount = safely(() => worksheet.rowCount, 0)
  const columnCount = Math.min(MAX_COLUMNS, safely(() => worksheet.columnCount, 0))
  const rows: GridCell[][] = []
  for (let r = 1; r <= rowCount; r++) {
    const row = safely(() => worksheet.getRow(r), undefined)
    const cells: GridCell[] = []
    if (!row || !safely(() => row.hasValues, true)) {
      rows.push(cells)
      continue
    }
    for (let c = 1; c <= columnCount; c++) {
      const cell = row ? safely(() => row.getCell(c), undefined) : undefined
      if (!cell) {
        cells.push({text: '', headerText: ''})
        continue
      }
      const master = safely(() => (cell.isMerged ? cell.master : cell), cell) ?? cell
      const value = safely(() => master.value, null)
      const text = valueText(value).replace(/\r\n?/g, '\n')
      const isSelf = master === cell || safely(() => master.address === cell.address, true)
      const sameColumn = safely(() => Number(master.col) === Number(cell.col), true)
      const number = numberOf(value)
      const numFmt = safely(() => master.numFmt, undefined)
      const merged = safely(() => cell.isMerged, false)
      const masterAddress = merged ? safely(() => master.address, undefined) : undefined
      cells.push({
        text: isSelf || sameColumn ? text : '',
        headerText: text,
        ...(number !== undefined ? {number} : {}),
        ...(typeof numFmt === 'string' && numFmt !== '' && numFmt !== 'General' ? {numFmt} : {}),
        ...(masterAddress ? {mergedFrom: masterAddress} : {}),
      })
    }
    rows.push(cells)
  }
  return {name: worksheet.name, rows}
}

/** Reads every worksheet of an .xlsx file. Formulas give their cached results (the file is not recalculated). */
export async function readWorkbookGrids(file: string): Promise<SheetGrid[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  return workbook.worksheets.map((worksheet) => worksheetToGrid(worksheet))
}

const EMPTY: GridCell = {text: '', headerText: ''}

/** The cell at 0-based (row, column); rows may be shorter than the sheet is wide. */
export function cellAt(grid: SheetGrid, row: number, column: number): GridCell {
  return grid.rows[row]?.[column] ?? EMPTY
}

/** The widest row of a grid. */
export function gridWidth(grid: SheetGrid): number {
  return grid.rows.reduce((max, row) => Math.max(max, row.length), 0)
}


/** 0-based column index from letters ("A" → 0), or undefined. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}
