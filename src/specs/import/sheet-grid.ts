import type ExcelJS from 'exceljs'

import {excelJs} from '../../io/exceljs.js'

import {cellValueText, MAX_SHEET_COLUMNS, readSafely} from '../../io/cell-text.js'

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

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value))
    return numberOf((value as {result?: unknown}).result)
  return undefined
}

/** Reads a worksheet into a grid, defensively: any cell that cannot be read becomes empty text. */
export function worksheetToGrid(worksheet: ExcelJS.Worksheet): SheetGrid {
  const rowCount = readSafely(() => worksheet.rowCount, 0)
  const columnCount = Math.min(MAX_SHEET_COLUMNS, readSafely(() => worksheet.columnCount, 0))
  const rows: GridCell[][] = []
  for (let r = 1; r <= rowCount; r++) {
    const row = readSafely(() => worksheet.getRow(r), undefined)
    const cells: GridCell[] = []
    if (!row || !readSafely(() => row.hasValues, true)) {
      rows.push(cells)
      continue
    }
    for (let c = 1; c <= columnCount; c++) {
      const cell = row ? readSafely(() => row.getCell(c), undefined) : undefined
      if (!cell) {
        cells.push({text: '', headerText: ''})
        continue
      }
      const master = readSafely(() => (cell.isMerged ? cell.master : cell), cell) ?? cell
      const value = readSafely(() => master.value, null)
      const text = cellValueText(value).replace(/\r\n?/g, '\n')
      const isSelf = master === cell || readSafely(() => master.address === cell.address, true)
      const sameColumn = readSafely(() => Number(master.col) === Number(cell.col), true)
      const number = numberOf(value)
      const numFmt = readSafely(() => master.numFmt, undefined)
      const merged = readSafely(() => cell.isMerged, false)
      const masterAddress = merged ? readSafely(() => master.address, undefined) : undefined
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
export async function readWorkbookGrids(file: string, onSheet?: (done: number, total: number) => void): Promise<SheetGrid[]> {
  const workbook = new (excelJs().Workbook)()
  await workbook.xlsx.readFile(file)
  const grids = workbook.worksheets.map((worksheet, index, all) => {
    onSheet?.(index, all.length)
    return worksheetToGrid(worksheet)
  })
  if (grids.length > 0) onSheet?.(grids.length, grids.length)
  return grids
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
