/**
 * The .xlsx size check reads the zip's central directory: the sum of the entries' uncompressed sizes decides,
 * whatever the names, extra fields and comments around them, and an unreadable directory is left to exceljs.
 */
import {afterEach, describe, expect, it} from 'vitest'

import {InputError} from '../../src/errors.js'
import {checkXlsxSize, DEFAULT_MAX_XLSX_MB, setMaxXlsxMegabytes} from '../../src/io/xlsx-limits.js'

const MB = 1024 * 1024

interface Entry {
  size: number
  name?: string
  extra?: number
  comment?: number
}

/** A zip's tail as exceljs would meet it: some file data, the central directory, the end record, an archive comment. */
function zip(entries: Entry[], options: {archiveComment?: number; lead?: number; signature?: number; offsetShift?: number} = {}): Uint8Array {
  const parts: Uint8Array[] = []
  const lead = new Uint8Array(options.lead ?? 64).fill(0x41)
  parts.push(lead)
  let directorySize = 0
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name ?? 'xl/worksheets/sheet1.xml')
    const extra = entry.extra ?? 0
    const comment = entry.comment ?? 0
    const record = new Uint8Array(46 + name.length + extra + comment)
    const view = new DataView(record.buffer)
    view.setUint32(0, options.signature ?? 0x02014b50, true)
    view.setUint32(20, Math.min(entry.size, 1000), true) // compressed size: small, as in a zip bomb
    view.setUint32(24, entry.size, true)
    view.setUint16(28, name.length, true)
    view.setUint16(30, extra, true)
    view.setUint16(32, comment, true)
    record.set(name, 46)
    record.fill(0x50, 46 + name.length) // extra and comment bytes that look like nothing in particular
    parts.push(record)
    directorySize += record.length
  }
  const end = new Uint8Array(22 + (options.archiveComment ?? 0))
  const view = new DataView(end.buffer)
  view.setUint32(0, 0x06054b50, true)
  view.setUint16(8, entries.length, true)
  view.setUint16(10, entries.length, true)
  view.setUint32(12, directorySize, true)
  view.setUint32(16, lead.length + (options.offsetShift ?? 0), true)
  view.setUint16(20, options.archiveComment ?? 0, true)
  end.fill(0x20, 22)
  parts.push(end)
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const refusal = (bytes: Uint8Array): string | undefined => {
  try {
    checkXlsxSize(bytes, 'in/teigi.xlsx')
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
}

afterEach(() => setMaxXlsxMegabytes(DEFAULT_MAX_XLSX_MB))

describe('checkXlsxSize', () => {
  it('accepts up to 256 MB inflated by default and refuses one byte more, naming the file and both sizes', () => {
    expect(DEFAULT_MAX_XLSX_MB).toBe(256)
    expect(refusal(zip([{size: 200 * MB}, {size: 56 * MB}]))).toBeUndefined()
    expect(refusal(zip([{size: 200 * MB}, {size: 56 * MB + 1}]))).toBe(
      'in/teigi.xlsx: 展開すると 257 MB になるブックです (上限 256 MB)。読み込むとメモリが足りなくなるため、読んでいません。' +
        '本当にこの大きさの定義なら --max-xlsx-mb で上限を上げてください (例: --max-xlsx-mb 321)。',
    )
  })

  it('follows --max-xlsx-mb, both lower and higher', () => {
    setMaxXlsxMegabytes(1)
    expect(refusal(zip([{size: MB}]))).toBeUndefined()
    expect(refusal(zip([{size: MB + 1}]))).toMatch(/展開すると 2 MB になるブックです \(上限 1 MB\)。.*\(例: --max-xlsx-mb 66\)。$/)
    setMaxXlsxMegabytes(512)
    expect(refusal(zip([{size: 300 * MB}]))).toBeUndefined()
  })

  it('adds up every entry, stepping over names, extra fields and comments of any length', () => {
    setMaxXlsxMegabytes(1)
    const third = Math.floor(MB / 3)
    const entries = [
      {size: third, name: '[Content_Types].xml', extra: 9, comment: 3},
      {size: third, name: 'xl/sharedStrings.xml', extra: 0, comment: 17},
      {size: third, name: 'a', extra: 28, comment: 0},
    ]
    expect(refusal(zip(entries))).toBeUndefined()
    expect(refusal(zip([...entries, {size: 2, name: 'xl/styles.xml', extra: 5, comment: 5}]))).toContain('展開すると 2 MB')
    // Only the last entry is large: missing it (stopping one entry early) would accept the bomb.
    expect(refusal(zip([{size: 1}, {size: 1}, {size: 2 * MB}]))).toContain('展開すると 3 MB')
  })

  it('finds the end record behind an archive comment, up to the longest a comment can be', () => {
    setMaxXlsxMegabytes(1)
    expect(refusal(zip([{size: 2 * MB}], {archiveComment: 1}))).toContain('展開すると 2 MB')
    expect(refusal(zip([{size: 2 * MB}], {archiveComment: 0xffff}))).toContain('展開すると 2 MB')
  })

  it('calls a ZIP64 entry (size 0xFFFFFFFF) 4096 MB or more, even under a raised limit', () => {
    setMaxXlsxMegabytes(4000)
    expect(refusal(zip([{size: 0xffffffff}]))).toMatch(/展開すると 4096 MB 以上 になるブックです \(上限 4000 MB\)。.*\(例: --max-xlsx-mb 4096\)。$/)
    // Just under the sentinel is a real size, shown in MB.
    setMaxXlsxMegabytes(1)
    expect(refusal(zip([{size: 0xfffffffe}]))).toContain('展開すると 4096 MB になるブック')
  })

  it('leaves a zip whose directory cannot be read to exceljs (no refusal of its own)', () => {
    setMaxXlsxMegabytes(1)
    const big = [{size: 2 * MB}]
    expect(refusal(zip(big, {signature: 0x04034b50}))).toBeUndefined() // a local header where the directory should be
    expect(refusal(zip(big, {offsetShift: 100_000}))).toBeUndefined() // the directory offset points past the end
    // ... or into the last bytes, too close to the end to hold a directory entry (never read past the end)
    const entry = zip(big).length - 64 - 22 // the directory's size
    for (const shift of [entry + 20, entry + 22 - 46 + 1]) expect(refusal(zip(big, {offsetShift: shift}))).toBeUndefined()
    expect(refusal(new Uint8Array(10))).toBeUndefined() // shorter than an end record
    const noEnd = zip(big)
    noEnd.fill(0, noEnd.length - 22)
    expect(refusal(noEnd)).toBeUndefined()
  })

  it('reads a directory that sits in a larger buffer (a slice of a file read in one piece)', () => {
    setMaxXlsxMegabytes(1)
    const inner = zip([{size: 2 * MB}])
    const outer = new Uint8Array(inner.length + 50)
    outer.set(inner, 50)
    expect(refusal(outer.subarray(50))).toContain('展開すると 2 MB')
  })
})
