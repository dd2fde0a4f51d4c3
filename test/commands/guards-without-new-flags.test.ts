/**
 * Two promises of issue 16 checked through the CLI without the flags and exports it added, so the tests also
 * fail on the code before it: the default .xlsx size limit, and the user's own file named when --out fails.
 */
import {existsSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {demoCopy, fitgap, tempDir} from '../helpers/cli.js'

/** A small, valid .xlsx whose zip directory says its sheet inflates to `mb` megabytes (what a zip bomb declares). */
async function declaredBomb(file: string, mb: number): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('項目定義').addRow(['テーブル名', '項目名', 'データ型'])
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let offset = bytes.readUInt32LE(eocd + 16)
  for (let n = bytes.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLength = bytes.readUInt16LE(offset + 28)
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength)
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) bytes.writeUInt32LE(mb * 1024 * 1024, offset + 24)
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32)
  }
  writeFileSync(file, bytes)
}

describe('guards that need no new flag', () => {
  it('refuses, with the default limit, a workbook that would inflate to 300 MB, before reading it', async () => {
    const workspace = demoCopy()
    const file = path.join(tempDir(), 'bomb.xlsx')
    await declaredBomb(file, 300)
    const result = await fitgap(['current', 'import', file, '--area', 'kokuho', '--workspace', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/bomb\.xlsx: 展開すると 30[01] MB になるブックです \(上限 256 MB\)/)
    expect(result.stderr).toContain('--max-xlsx-mb')
  })

  it.skipIf(!existsSync('/sys'))('names the user’s --out file, not the hidden temp file, when it cannot be written', async () => {
    const workspace = demoCopy()
    // Nobody, not even root, may create a file in /sys.
    const result = await fitgap(['analyze', '--workspace', workspace, '--out', '/sys/report.xlsx'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('/sys/report.xlsx: ')
    expect(result.stderr).not.toContain('fitgap-tmp')
  })
})
