import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {SHEET_NAMES} from '../../src/report/sheets.js'
import {recordWrittenWorkbook, sha256Of, unchangedSinceWritten, writtenPath} from '../../src/workspace/written-workbooks.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {demoCopy, fitgap, keyColumnOf} from '../helpers/cli.js'

describe('analyze replacing its own workbook', () => {
  it('replaces a workbook nobody saved since it was written without reading it back, and still reads one someone edited', async () => {
    const workspace = demoCopy()
    const report = path.join(workspace, 'reports', 'fitgap-report.xlsx')
    expect((await fitgap(['analyze', '--workspace', workspace])).exitCode).toBe(0)
    const written = JSON.parse(readFileSync(path.join(workspace, 'reports', '.fitgap-written.json'), 'utf8')) as {files: Record<string, {size: number}>}
    expect(Object.keys(written.files)).toEqual(['reports/fitgap-report.xlsx'])

    const again = await fitgap(['analyze', '--workspace', workspace])
    expect(again.exitCode, again.stderr).toBe(0)
    expect(unchangedSinceWritten(loadWorkspace(workspace), report)).toBe(true)

    // Someone types into the workbook: it is no longer what analyze wrote, so it is read and the entry protected.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(report)
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    const keyColumn = keyColumnOf(sheet)
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(keyColumn).value === 'jumin:fn:0010002') row.getCell(headers.indexOf('担当課')).value = '市民課'
    })
    await workbook.xlsx.writeFile(report)
    const refused = await fitgap(['analyze', '--workspace', workspace])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toContain('まだ取り込んでいない記入が 1 行あります')
  })

  it('knows a workbook only while it is byte for byte what was recorded for that path', () => {
    const workspace = loadWorkspace(demoCopy())
    const file = path.join(workspace.reportsDir, 'book.xlsx')
    mkdirSync(workspace.reportsDir, {recursive: true})
    writeFileSync(file, 'written bytes')
    expect(unchangedSinceWritten(workspace, file)).toBe(false)
    recordWrittenWorkbook(workspace, file, {size: 13, sha256: sha256Of(Buffer.from('written bytes'))})
    expect(unchangedSinceWritten(workspace, file)).toBe(true)
    writeFileSync(file, 'Written bytes')
    expect(unchangedSinceWritten(workspace, file)).toBe(false)
    writeFileSync(file, 'written bytes')
    writeFileSync(writtenPath(workspace), '{broken')
    expect(unchangedSinceWritten(workspace, file)).toBe(false)
  })
})
