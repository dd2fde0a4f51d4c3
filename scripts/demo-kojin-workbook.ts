/** The demo vendor's 項目定義書 for 個人住民税 (an Excel workbook), written with the same bytes every time. */
import {writeFileSync} from 'node:fs'

import ExcelJS from 'exceljs'

import {KOJIN_TABLES} from './demo-data.js'
import {fixZipDates} from './zip-dates.js'

/** The workbook's own date, also stamped on every zip entry (exceljs would stamp the time of writing). */
const WRITTEN = new Date('2026-09-01T00:00:00Z')

export async function kojinWorkbookBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'ミドリ情報システム'
  workbook.created = WRITTEN
  workbook.modified = WRITTEN
  for (const table of KOJIN_TABLES) {
    const sheet = workbook.addWorksheet(table.sheet)
    sheet.getCell('A1').value = '項目定義書'
    sheet.getCell('A1').font = {bold: true, size: 14}
    sheet.getCell('A2').value = `システム名: みどり市 税務システム / テーブル: ${table.title} (${table.sheet})`
    sheet.getCell('A3').value = '作成: ミドリ情報システム / 版数 3.2'
    sheet.mergeCells('A2:G2')
    const header = sheet.getRow(5)
    header.values = ['No', '項目名\n(物理名)', '項目名\n(論理名)', '属性', '桁数', '必須', 'コード表']
    header.font = {bold: true}
    header.alignment = {wrapText: true}
    table.rows.forEach(([column, label, type, length, required, code], i) => {
      sheet.getRow(6 + i).values = [i + 1, column, label, type, length === '' ? null : Number(length), required, code]
    })
    sheet.columns.forEach((column) => (column.width = 18))
  }
  return fixZipDates(new Uint8Array(await workbook.xlsx.writeBuffer()), WRITTEN)
}

export async function writeKojinWorkbook(file: string): Promise<void> {
  writeFileSync(file, await kojinWorkbookBytes())
}
