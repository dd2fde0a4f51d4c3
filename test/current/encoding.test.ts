import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'

import {binaryKind, bomOf, createDecoder, decodeAll, Utf8Check, xmlDeclaredEncoding} from '../../src/current/encoding.js'

const utf8 = (text: string) => new TextEncoder().encode(text)
const bytes = (...b: number[]) => Uint8Array.from(b)

/** Feeds bytes to a check in chunks of the given size (a file read in pieces). */
function checkInChunks(data: Uint8Array, size: number): Utf8Check {
  const check = new Utf8Check()
  for (let i = 0; i < data.length; i += size) check.update(data.subarray(i, i + size))
  check.finish()
  return check
}

describe('bomOf', () => {
  it('tells the three byte order marks apart', () => {
    expect(bomOf(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8-bom')
    expect(bomOf(bytes(0xff, 0xfe, 0x41, 0x00))).toBe('utf-16le')
    expect(bomOf(bytes(0xfe, 0xff, 0x00, 0x41))).toBe('utf-16be')
    expect(bomOf(bytes(0xef, 0xbb, 0x41))).toBeUndefined()
    expect(bomOf(bytes(0xff, 0x41))).toBeUndefined()
    expect(bomOf(bytes(0xfe, 0x41))).toBeUndefined()
    expect(bomOf(utf8('氏名'))).toBeUndefined()
    expect(bomOf(bytes())).toBeUndefined()
  })

  it('needs every byte of a mark: text whose later bytes happen to match is not a BOM', () => {
    // A UTF-16 file without BOM or a CP932 file can start with bytes that end like a BOM.
    expect(bomOf(bytes(0x41, 0xbb, 0xbf))).toBeUndefined()
    expect(bomOf(bytes(0xef, 0x41, 0xbf))).toBeUndefined()
    expect(bomOf(bytes(0x41, 0xfe, 0x41))).toBeUndefined()
    expect(bomOf(bytes(0x41, 0xff, 0x41))).toBeUndefined()
  })
})

describe('Utf8Check', () => {
  it('accepts a character split across chunks at every possible boundary', () => {
    const data = utf8('住民票コード,氏名\n0001,山田 太郎\n')
    for (let size = 1; size <= 7; size++) expect(checkInChunks(data, size).valid, `chunks of ${size}`).toBe(true)
  })

  it('accepts a UTF-8 file over 2 MB read in 64 KiB chunks (no boundary falls between characters by chance)', () => {
    // 3-byte characters after a 1-byte prefix: 65536 is not a multiple of 3, so chunk edges cut characters.
    const data = utf8('a' + '漢字かな混じりの住所'.repeat(80_000))
    expect(data.length).toBeGreaterThan(2 * 1024 * 1024)
    const check = checkInChunks(data, 65536)
    expect([check.valid, check.nonAscii]).toEqual([true, true])
  })

  it('rejects bytes that are not UTF-8, also after valid chunks, and stays rejected', () => {
    const sjis = iconv.encode('氏名', 'cp932')
    const check = new Utf8Check()
    check.update(utf8('id,name\n'))
    expect(check.valid).toBe(true)
    check.update(sjis)
    expect(check.valid).toBe(false)
    check.update(utf8('ok'))
    check.finish()
    expect(check.valid).toBe(false)
  })

  it('rejects a file that ends in the middle of a character', () => {
    const data = utf8('氏名').subarray(0, 4)
    const check = new Utf8Check()
    check.update(data)
    expect(check.valid).toBe(true)
    check.finish()
    expect(check.valid).toBe(false)
  })

  it('tells whether any byte outside ASCII was seen, in any chunk', () => {
    expect(checkInChunks(utf8('id,name\n1,yamada\n'), 4).nonAscii).toBe(false)
    expect(checkInChunks(utf8('id,name\n1,山田\n'), 4).nonAscii).toBe(true)
    const late = new Utf8Check()
    late.update(utf8('abc'))
    late.update(bytes(0x80))
    expect([late.nonAscii, late.valid]).toEqual([true, false])
  })
})

describe('binaryKind', () => {
  it.each([
    [[0x50, 0x4b, 0x03, 0x04], 'ZIP'],
    [[0xd0, 0xcf, 0x11, 0xe0], 'OLE'],
    [[0x25, 0x50, 0x44, 0x46], 'PDF'],
    [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
    [[0xff, 0xd8, 0xff], 'JPEG'],
    [[0x1f, 0x8b], 'gzip'],
  ])('names a %j file as %s', (magic, what) => {
    expect(binaryKind(bytes(...magic, 0x41, 0x42))).toContain(what)
  })

  it('calls NUL bytes binary, except in UTF-16 with a byte order mark', () => {
    expect(binaryKind(bytes(0x41, 0x00, 0x42))).toBe('バイナリ (NUL バイトを含む)')
    expect(binaryKind(bytes(0xff, 0xfe, 0x41, 0x00))).toBeUndefined()
    expect(binaryKind(bytes(0xfe, 0xff, 0x00, 0x41))).toBeUndefined()
  })

  it('calls a head with more than one control character in ten binary; tab, line ends, EOF and ESC are text', () => {
    const text = (controls: number, control = 0x01) => bytes(...Array(100 - controls).fill(0x41), ...Array(controls).fill(control))
    expect(binaryKind(text(10))).toBeUndefined()
    expect(binaryKind(text(11))).toBe('バイナリ (制御文字が多い)')
    expect(binaryKind(text(11, 0x1f))).toBe('バイナリ (制御文字が多い)')
    expect(binaryKind(text(11, 0x0e))).toBe('バイナリ (制御文字が多い)')
    expect(binaryKind(text(11, 0x08))).toBe('バイナリ (制御文字が多い)')
    for (const allowed of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b]) expect(binaryKind(text(50, allowed)), `0x${allowed.toString(16)}`).toBeUndefined()
    expect(binaryKind(bytes())).toBeUndefined()
    expect(binaryKind(new TextEncoder().encode(`${' '.repeat(80)}a\u001f`))).toBeUndefined()
  })

  it('looks only at the first 8 KiB', () => {
    const head = new Uint8Array(8192 + 2000).fill(0x41)
    head.fill(0x01, 8192)
    expect(binaryKind(head)).toBeUndefined()
    head[8192] = 0
    expect(binaryKind(head)).toBeUndefined()
  })
})

describe('createDecoder / decodeAll', () => {
  const TEXT = '氏名,住所\n髙橋 﨑子,①丁目\n'

  it('reads UTF-16BE and UTF-16LE as themselves, each dropping its BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    expect(decodeAll(le, 'utf-16le')).toBe(TEXT)
    expect(decodeAll(be, 'utf-16be')).toBe(TEXT)
    expect(decodeAll(be, 'utf-16le')).not.toBe(TEXT)
  })

  it('reads CP932 with the vendor extensions, characters split across chunks', () => {
    const data = iconv.encode(TEXT, 'cp932')
    const decoder = createDecoder('cp932')
    let out = ''
    for (let i = 0; i < data.length; i += 3) out += decoder.write(data.subarray(i, i + 3))
    expect(out + decoder.end()).toBe(TEXT)
  })

  it('reads UTF-8 split across chunks and drops a BOM', () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])
    const decoder = createDecoder('utf-8-bom')
    let out = ''
    for (let i = 0; i < data.length; i += 2) out += decoder.write(data.subarray(i, i + 2))
    expect(out + decoder.end()).toBe(TEXT)
    expect(decodeAll(Buffer.from(TEXT), 'utf-8')).toBe(TEXT)
  })

  it('shows bytes it cannot read as U+FFFD (what the readers refuse as mojibake)', () => {
    expect(decodeAll(iconv.encode('氏名', 'cp932'), 'utf-8')).toContain('\uFFFD')
    expect(decodeAll(bytes(0x82), 'cp932')).toContain('\uFFFD')
  })
})

describe('xmlDeclaredEncoding', () => {
  const decl = (text: string) => utf8(text)
  it('maps the names of Shift_JIS, UTF-8 and UTF-16 to ours', () => {
    for (const name of ['Shift_JIS', 'shift-jis', 'SJIS', 'cp932', 'Windows-31J', 'MS932', 'x-sjis', 'MS_Kanji'])
      expect(xmlDeclaredEncoding(decl(`<?xml version="1.0" encoding="${name}"?><a/>`)), name).toBe('cp932')
    expect(xmlDeclaredEncoding(decl(`<?xml version='1.0' encoding='UTF-8'?>`))).toBe('utf-8')
    expect(xmlDeclaredEncoding(decl('<?xml version="1.0" encoding = "utf8"?>'))).toBe('utf-8')
    expect(xmlDeclaredEncoding(decl('<?xml version="1.0" encoding="UTF-16"?>'))).toBe('utf-16le')
    expect(xmlDeclaredEncoding(decl('<?xml version="1.0" encoding="EUC-JP"?>'))).toBe('unsupported')
  })

  it('reads only a declaration at the very start', () => {
    expect(xmlDeclaredEncoding(decl('<?xml version="1.0"?><a encoding="cp932"/>'))).toBeUndefined()
    expect(xmlDeclaredEncoding(decl(' <?xml version="1.0" encoding="Shift_JIS"?>'))).toBeUndefined()
    expect(xmlDeclaredEncoding(decl('<a/><?xml version="1.0" encoding="Shift_JIS"?>'))).toBeUndefined()
    expect(xmlDeclaredEncoding(decl('<?xml version="1.0" xencoding="Shift_JIS"?>'))).toBeUndefined()
    expect(xmlDeclaredEncoding(decl(`<?xml version="1.0"${' '.repeat(200)} encoding="Shift_JIS"?>`))).toBeUndefined()
  })
})
