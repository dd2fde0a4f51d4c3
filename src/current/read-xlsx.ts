/**
 * XLSX reader: every visible sheet with a recognisable header is a table (項目定義 / 帳票 / 機能一覧).
 * Title rows above the header, multi-line header cells, merged cells and formulas (their cached values)
 * are handled; a sheet without a header (表紙, 改訂履歴) is skipped with a note.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'

import ExcelJS from 'exceljs'

import {InputError} from '../errors.js'
import {checkXlsxSize} from '../io/xlsx-limits.js'
import {cellValueText, MAX_SHEET_COLUMNS, readSafely} from '../io/cell-text.js'
import {columnLetter} from '../io/column-letter.js'
import {detectHeader, type ImportKind} from './headers.js'
import type {ReaderOptions, ReadResult} from './reader.js'
import {Messages, type RecordSink, TableReader} from './records.js'
import {duplicateHeaderProblems, HEADER_HINT, HEADER_SEARCH_ROWS, headerNotFoundProblems, kindLabel, titleBlockTable} from './table-import.js'

/**
 * A cell's text. A merged cell repeats its master's value only within the master's column (a table name
 * merged down over rows); to the right of the master (a title merged across columns) it is empty.
 */
function cellText(cell: ExcelJS.Cell, onFormula: (address: string) => void): string {
  const source = readSafely(() => (cell.isMerged ? cell.master : cell), cell)
  if (source !== cell && readSafely(() => source.address !== cell.address, false)) {
    if (readSafely(() => source.col !== cell.col, true)) return ''
  }
  return cellValueText(
    readSafely(() => source.value, null),
    () => onFormula(source.address),
  )
}

function rowCells(sheet: ExcelJS.Worksheet, row: number, width: number, onFormula: (address: string) => void): string[] {
  const r = sheet.getRow(row)
  const cells: string[] = []
  for (let c = 1; c <= width; c++) cells.push(cellText(r.getCell(c), onFormula))
  return cells
}

export async function readXlsx(options: ReaderOptions, sink: RecordSink): Promise<ReadResult> {
  const where = options.display
  const bytes = readFileSync(options.path)
  if (bytes.length === 0) throw new InputError(`${where}: ファイルが空です (0 バイト)。`)
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw new InputError(
      bytes[0] === 0xd0 && bytes[1] === 0xcf
        ? `${where}: Excel 97-2003 形式 (.xls) か、パスワードで保護されたブックです。Excel で .xlsx として保存し直してください。`
        : `${where}: XLSX ではありません (ZIP 形式ではありません)。`,
    )
  checkXlsxSize(bytes, where)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch (error) {
    throw new InputError(`${where}: XLSX として読めません (${(error as Error).message})。Excel で開けるか確かめてください。`)
  }

  const problems = new Messages()
  const warnings = new Messages(10)
  const notes: string[] = []
  const counts: Partial<Record<ImportKind, number>> = {}
  const noHeader: string[] = []
  const wanted = options.profile?.sheets
  const formulas: string[] = []

  for (const sheet of workbook.worksheets) {
    const sheetWhere = `${where} シート「${sheet.name}」`
    if (wanted && !wanted.includes(sheet.name)) continue
    if (sheet.state !== 'visible') {
      notes.push(`シート「${sheet.name}」は非表示のため読み飛ばしました`)
      continue
    }
    // formatting far to the right must not make every row thousands of cells wide
    const width = Math.min(sheet.columnCount, MAX_SHEET_COLUMNS)
    const last = sheet.rowCount
    if (width === 0 || last === 0) {
      notes.push(`シート「${sheet.name}」は空のため読み飛ばしました`)
      continue
    }
    const onFormula = (address: string) => {
      if (formulas.length < 5) formulas.push(`${sheet.name}!${address}`)
    }
    const searched = Math.min(last, options.profile?.headerRow ?? HEADER_SEARCH_ROWS)
    const top: string[][] = []
    for (let r = 1; r <= searched; r++) top.push(rowCells(sheet, r, width, onFormula))
    const header = detectHeader(options.aliases, top, {
      kinds: options.kinds,
      headerIndex: options.profile?.headerRow === undefined ? undefined : options.profile.headerRow - 1,
    })
    if (!header) {
      noHeader.push(
        `シート「${sheet.name}」:`,
        ...headerNotFoundProblems(
          options.aliases,
          top.map((cells, i) => ({row: i + 1, cells})),
          options.kinds,
          '  ',
        ),
      )
      continue
    }
    const headerRow = header.index + 1
    for (const problem of duplicateHeaderProblems(header, sheetWhere, headerRow)) problems.add(problem)
    if (header.duplicates.some((d) => d.role !== 'category')) continue
    const table = options.profile?.table ?? titleBlockTable(options.aliases, top.slice(0, header.index)) ?? sheet.name
    const reader = new TableReader(
      options.aliases,
      header,
      {file: options.fileKey, sheet: sheet.name, defaultTable: table, locate: (row, column) => `${sheetWhere} ${column === undefined ? `${row}行目` : `セル ${columnLetter(column)}${row}`}`},
      sink,
      problems,
      warnings,
    )
    // only the rows that exist (a sheet formatted down to row 1,048,576 has few real rows)
    sheet.eachRow({includeEmpty: false}, (_row, r) => {
      if (r > headerRow && !problems.full) reader.push(rowCells(sheet, r, width, onFormula), r)
    })
    const stats = reader.finish()
    counts[header.kind] = (counts[header.kind] ?? 0) + stats.records
    notes.push(
      `シート「${sheet.name}」: ${kindLabel(header.kind)} ${stats.records} 件 (見出し ${headerRow}行目${header.kind === 'fields' ? `、テーブル ${table}` : ''}${stats.skipped > 0 ? `、定義でない行 ${stats.skipped} 行を読み飛ばし` : ''})`,
    )
    if (stats.records === 0) warnings.add(`${sheetWhere}: 見出し行 (${headerRow}行目) の下に定義の行がありません。`)
  }

  if (problems.total > 0) throw new InputError(`${where} に誤りがあります (${problems.total} 件)。ファイルは取り込んでいません。`, problems.list())
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  if (total === 0) {
    if (noHeader.length === 0) throw new InputError(`${where}: 読めるシートがありません (空か、すべて非表示か、--profile の sheets に当たるシートがありません)。`)
    throw new InputError(`${where}: どのシートにも見出し行が見つかりません。${HEADER_HINT}`, noHeader)
  }
  for (const line of noHeader.filter((l) => l.startsWith('シート「'))) notes.push(`${line.slice(0, -1)} 見出し行が見つからないため読み飛ばしました`)
  if (formulas.length > 0)
    warnings.add(`${where}: 計算結果が保存されていない数式があり、空として読みました (${formulas.join(', ')})。Excel で開いて保存し直すと値が入ります。`)
  return {format: 'xlsx', sha256, counts, notes, warnings: warnings.list()}
}

