/**
 * Spreadsheet cell values (exceljs) as text, shared by both importers (current-system exports and spec workbooks).
 * Works on `cell.value`, never on `cell.text`, which can throw on merged cells in government workbooks.
 */

/** Columns read at most: formatting far to the right must not make every row thousands of cells wide. */
export const MAX_SHEET_COLUMNS = 256

/**
 * A cell value as text, without ever throwing: rich text joined, formulas → their cached result, hyperlinks → their
 * text, errors → empty, dates → `YYYY-MM-DD` (or `YYYY-MM-DD hh:mm:ss` when there is a time), numbers without
 * floating-point noise (0.1 + 0.2 → `0.3`). `onFormulaWithoutValue` is told when a formula has no cached result.
 */
export function cellValueText(value: unknown, onFormulaWithoutValue?: () => void, depth = 0): string {
  if (value === null || value === undefined || depth > 4) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ''
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)))
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ''
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
  }
  if (typeof value !== 'object') return ''
  const record = value as Record<string, unknown>
  if (Array.isArray(record.richText))
    return (record.richText as unknown[]).map((run) => cellValueText((run as {text?: unknown} | null)?.text, undefined, depth + 1)).join('')
  if ('formula' in record || 'sharedFormula' in record) {
    if (record.result === undefined) {
      onFormulaWithoutValue?.()
      return ''
    }
    return cellValueText(record.result, undefined, depth + 1)
  }
  // hyperlinks: {text, hyperlink}, the text itself possibly rich; errors ({error: '#N/A'}) and anything else: empty
  if ('text' in record) return cellValueText(record.text, undefined, depth + 1)
  return ''
}

/** Reads a workbook property that may throw (merged-cell masters, row and column counts of odd files). */
export function readSafely<T>(read: () => T, fallback: T): T {
  try {
    return read()
  } catch {
    return fallback
  }
}
