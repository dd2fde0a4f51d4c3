import type ExcelJS from 'exceljs'

import {columnLetter} from '../io/column-letter.js'
import {textWidth} from '../io/text-width.js'

/**
 * Page setup every sheet of a fitgap workbook shares, so a printed sheet stays readable: paper and orientation
 * chosen from the printed width, fit to the page width (never below MIN_SCALE), header rows repeated, sheet name
 * and page numbers in the header and footer, technical columns left out of the print area.
 */

/** Body text size of every sheet (pt). */
export const BODY_FONT_SIZE = 10
/** Printed text never gets smaller than this (pt). */
export const MIN_PRINTED_PT = 7.5
export const MIN_SCALE = MIN_PRINTED_PT / BODY_FONT_SIZE

export const PAPER = {a4: 9, a3: 8} as const
export type Paper = keyof typeof PAPER

const MARGINS = {left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25}
/** Printable width in pixels (96 dpi) of each landscape paper, inside the margins. */
const PRINTABLE_PX: Record<Paper, {landscape: number; portrait: number}> = {
  a4: {landscape: (11.69 - MARGINS.left - MARGINS.right) * 96, portrait: (8.27 - MARGINS.left - MARGINS.right) * 96},
  a3: {landscape: (16.54 - MARGINS.left - MARGINS.right) * 96, portrait: (11.69 - MARGINS.left - MARGINS.right) * 96},
}

/**
 * A column width (Excel units: the default font's digit, 7 px in Calibri) in pixels. Planned at 7.5 px so a sheet
 * still fits where Calibri is replaced by a slightly wider font (LibreOffice with Carlito or Liberation).
 */
const UNIT_PX = 7.5
export const columnPx = (width: number) => Math.trunc(width * UNIT_PX + 5)

/** The widest printed sheet (in column-width units) that fits a paper's width at MIN_SCALE. */
export function maxPrintedWidth(paper: Paper, orientation: 'landscape' | 'portrait' = 'landscape', columns = 1): number {
  return (PRINTABLE_PX[paper][orientation] / MIN_SCALE - 5 * columns) / UNIT_PX
}

/**
 * Narrows the widest columns (one cap for all, each never below its floor) until the total fits `limit`.
 * A floor of Infinity keeps a column as it is. Returns undefined when even the floors do not fit.
 */
export function fitColumnWidths(widths: readonly number[], floors: readonly number[], limit: number): number[] | undefined {
  const capped = (cap: number) => widths.map((w, i) => Math.min(w, Math.max(cap, floors[i] ?? Infinity)))
  const total = (cap: number) => capped(cap).reduce((sum, w) => sum + w, 0)
  if (total(Infinity) <= limit) return [...widths]
  if (total(0) > limit) return undefined
  let low = 0
  let high = Math.ceil(Math.max(...widths))
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (total(mid) <= limit) low = mid
    else high = mid - 1
  }
  return capped(low)
}

/**
 * Column widths and paper for a table sheet: A4 landscape when the columns fit it at a readable size after
 * narrowing the text columns (they wrap) down to their floors, else A3 landscape, narrowed as far as needed.
 */
export function layoutColumns(widths: readonly number[], floors: readonly number[]): {paper: Paper; widths: number[]} {
  const a4 = fitColumnWidths(widths, floors, maxPrintedWidth('a4', 'landscape', widths.length))
  if (a4) return {paper: 'a4', widths: a4}
  const a3 = fitColumnWidths(widths, floors, maxPrintedWidth('a3', 'landscape', widths.length))
  return {paper: 'a3', widths: a3 ?? fitColumnWidths(widths, floors.map((f) => Math.min(f, 8)), maxPrintedWidth('a3', 'landscape', widths.length)) ?? [...widths]}
}

/**
 * Lines a text takes in a column of this width. A full-width character of the 10 pt body font is about 1.9
 * column units (13.3 px against the 7 px digit), a half-width one about 0.95; a cell keeps about a unit of padding.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, width - 1)
  // Most cells are short: skip measuring what cannot wrap even if every character were full-width.
  if (text.length * 1.9 <= perLine && !text.includes('\n')) return 1
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((textWidth(line) * 0.95) / perLine)), 0)
}

/** Row height (pt) for this many lines of body text. */
export const rowHeightFor = (lines: number) => Math.ceil(lines * 13.5 + 3)

/** `&` starts a code in header/footer text: a literal one is doubled. */
const headerText = (text: string) => text.replace(/&/g, '&&')

export interface PrintSetupOptions {
  readonly paper: Paper
  readonly orientation?: 'landscape' | 'portrait'
  /** The last column that prints (1-based); technical columns to its right are left out. */
  readonly lastPrintedColumn: number
  /** Last row of the print area; when not known yet, call setPrintArea once it is. */
  readonly lastRow?: number
  /** Rows repeated at the top of every page, e.g. `1:1`. */
  readonly titleRows?: string
  /** The whole sheet on one page (サマリー). Otherwise fit to the page width, as many pages down as needed. */
  readonly onePage?: boolean
  /** Shown on the right of the header of every page (the workbook title). */
  readonly title?: string
}

type Printable = Pick<ExcelJS.Worksheet, 'pageSetup'>

/**
 * Page setup (paper, orientation, fit, margins, print titles, print area) and header/footer for one sheet, to pass
 * to `addWorksheet`: a streaming worksheet writes its fit-to-page flag when it is created, so later is too late.
 */
export function printSetup(options: PrintSetupOptions): {pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter>} {
  // Sheet name left, workbook title right; page n / N centred below. Body size: they shrink with the sheet.
  const header = `&L&${BODY_FONT_SIZE}&A${options.title ? `&R&${BODY_FONT_SIZE}${headerText(options.title)}` : ''}`
  const footer = `&L&${BODY_FONT_SIZE}&A&C&${BODY_FONT_SIZE}&P / &N ページ`
  return {
    pageSetup: {
      // exceljs's PaperSize enum lacks A3 (8), which every spreadsheet reads.
      paperSize: PAPER[options.paper] as ExcelJS.PaperSize,
      orientation: options.orientation ?? 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: options.onePage ? 1 : 0,
      margins: MARGINS,
      ...(options.titleRows ? {printTitlesRow: options.titleRows} : {}),
      ...(options.lastRow === undefined ? {} : {printArea: printArea(options.lastPrintedColumn, options.lastRow)}),
    },
    headerFooter: {oddHeader: header, oddFooter: footer, differentOddEven: false, differentFirst: false},
  }
}

/** exceljs puts `$` before each end of the range: with `A$1` it becomes the absolute `$A$1` spreadsheets all read. */
const printArea = (lastPrintedColumn: number, lastRow: number) => `A$1:${columnLetter(lastPrintedColumn - 1)}$${Math.max(1, lastRow)}`

/** The print area: from A1 to the last printed column, leaving out the technical columns to its right. */
export function setPrintArea(sheet: Printable, lastPrintedColumn: number, lastRow: number): void {
  sheet.pageSetup.printArea = printArea(lastPrintedColumn, lastRow)
}
