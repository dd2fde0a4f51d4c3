import ExcelJS from 'exceljs'

import {keyColumnOf} from './cli.js'

/** Edits decision cells of the workbook by row key, as a person in Excel would, and saves a copy. */
export async function editWorkbook(
  source: string,
  target: string,
  edits: {sheet: string; key: string; values: Record<string, string | Date | null>}[],
  options: {lastModifiedBy?: string} = {},
): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(source)
  for (const edit of edits) {
    const sheet = workbook.getWorksheet(edit.sheet)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    let found = false
    const keyColumn = keyColumnOf(sheet)
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(keyColumn).value !== edit.key) return
      found = true
      for (const [header, value] of Object.entries(edit.values)) row.getCell(headers.indexOf(header)).value = value
    })
    if (!found) throw new Error(`no row ${edit.key} in ${edit.sheet}`)
  }
  if (options.lastModifiedBy) workbook.lastModifiedBy = options.lastModifiedBy
  await workbook.xlsx.writeFile(target)
}
