
import {XML_INVALID} from '../io/xml-chars.js'
import {textWidth} from '../io/text-width.js'

/** Characters that make a spreadsheet treat text as a formula (OWASP CSV/formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** Excel's "Text" number format: what is typed into such a cell stays text, even `=A1`. */
export const TEXT_FORMAT = '@'

/** Excel refuses longer cell text. */
export const MAX_CELL_TEXT = 32_767
const CUT_MARK = '…(Excel のセルの上限のため以下省略)'


/** Text any cell can hold: XML-invalid characters become U+FFFD, and text past Excel's limit is cut with a mark. */
export function cellSafeText(value: string): string {
  const clean = value.replace(XML_INVALID, '\uFFFD')
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT - CUT_MARK.length) + CUT_MARK : clean
}

/**
 * Text from an input file for a table cell, and whether the cell needs the Text format. Formula-like text is
 * written as it is in a Text-formatted cell, so editing it in Excel keeps it text and reading it back gives the
 * same string (a leading apostrophe would not survive the round trip: see unescapeLegacyText).
 */
export function inputCellText(value: string): {text: string; textFormat: boolean} {
  const text = cellSafeText(value)
  return {text, textFormat: FORMULA_START.test(text) || text.startsWith("'")}
}

/** Text from an input file for a cell that is never read back (summary, version diff): formula-like text gets an apostrophe. */
export function safeText(value: string | undefined): string {
  if (value === undefined) return ''
  const text = cellSafeText(value)
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** Undoes the apostrophe escape of workbooks written before the Text-format one (cells without that format). */
export function unescapeLegacyText(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

/** A string literal inside an Excel formula. */
export function formulaString(value: string): string {
  return `"${value.replace(/"/g, '""')}"`
}

/** Column width in Excel units from the widest sample (full-width characters count double). */
export function fitWidth(header: string, samples: Iterable<string>, min = 6, max = 60): number {
  let widest = textWidth(header) + 2
  let seen = 0
  for (const sample of samples) {
    const longestLine = sample.split('\n').reduce((max, line) => Math.max(max, textWidth(line)), 0)
    widest = Math.max(widest, longestLine + 2)
    if (++seen >= 500) break
  }
  return Math.min(max, Math.max(min, widest))
}

