import ExcelJS from 'exceljs'
import {afterEach, describe, expect, it, vi} from 'vitest'

import {kojinWorkbookBytes} from '../../scripts/demo-kojin-workbook.js'
import {fixZipDates} from '../../scripts/zip-dates.js'

afterEach(() => {
  vi.useRealTimers()
})

async function writtenAt(iso: string): Promise<Buffer> {
  vi.useFakeTimers({toFake: ['Date']})
  vi.setSystemTime(new Date(iso))
  try {
    return await kojinWorkbookBytes()
  } finally {
    vi.useRealTimers()
  }
}

describe('demo rebuild writes the same bytes', () => {
  it('the vendor workbook of the demo does not depend on when it is written', async () => {
    const first = await writtenAt('2027-01-05T10:00:00Z')
    const second = await writtenAt('2031-06-30T23:59:58Z')
    expect(second.equals(first)).toBe(true)
  })

  it('fixZipDates keeps the workbook readable and stamps every entry with the given date', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('項目').getCell('A1').value = '氏名'
    const fixed = fixZipDates(new Uint8Array(await workbook.xlsx.writeBuffer()), new Date('2026-09-01T00:00:00Z'))
    const read = new ExcelJS.Workbook()
    await read.xlsx.load(fixed as unknown as ArrayBuffer)
    expect(read.getWorksheet('項目')!.getCell('A1').value).toBe('氏名')
    // 2026-09-01 00:00:00 as an MS-DOS date (the time part is 0) in every local header.
    const dosDate = ((2026 - 1980) << 9) | (9 << 5) | 1
    let headers = 0
    for (let at = fixed.indexOf(Buffer.from('PK\u0003\u0004', 'latin1')); at >= 0; at = fixed.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'), at + 4)) {
      headers += 1
      expect(fixed.readUInt16LE(at + 10)).toBe(0)
      expect(fixed.readUInt16LE(at + 12)).toBe(dosDate)
    }
    expect(headers).toBeGreaterThan(3)
  })

  it('refuses what is not a zip', () => {
    expect(() => fixZipDates(Buffer.from('not a zip at all, just some text to fill the bytes'), new Date())).toThrow(/not a zip/)
  })
})
