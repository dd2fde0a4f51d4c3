import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {tempDir} from '../helpers/cli.js'
import {importInto, newWorkspace, show} from './helpers.js'

const HEADER = 'テーブル名,物理名,論理名,型,桁数,必須,説明'

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(tempDir('fitgap-enc-'), name)
  writeFileSync(file, content)
  return file
}

describe('fitgap current import: encodings of CSV exports', () => {
  it('reads a UTF-8 CSV over 2 MB without a BOM, characters falling across the 1 MiB read chunks', async () => {
    const count = 24_000
    const rows = [HEADER, ...Array.from({length: count}, (_, i) => `T,C${i},住所の方書き${i},VARCHAR2(40),40,,漢字かな混じりの説明文です`)]
    const bytes = Buffer.from(rows.join('\n') + '\n', 'utf8')
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024)
    // The premise: the second read chunk starts inside a character (a UTF-8 continuation byte).
    expect(bytes[2 << 20]! & 0xc0).toBe(0x80)
    const ws = await newWorkspace()
    const result = await importInto(ws, [write('large-utf8.csv', bytes)])
    expect(result.exitCode, result.stderr).toBe(0)
    const {fields, sources} = await show(ws)
    expect(fields).toHaveLength(count)
    expect(sources[0]).toMatchObject({encoding: 'utf-8', records: count})
    expect(fields.at(-1)).toMatchObject({column: `C${count - 1}`, label: `住所の方書き${count - 1}`})
  })

  it('tells UTF-16BE from UTF-16LE by the byte order mark', async () => {
    const text = `${HEADER}\r\nJUMIN,SHIMEI,氏名,VARCHAR2(60),60,○,髙橋の髙\r\n`
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    for (const [name, bytes, encoding] of [['le.csv', le, 'utf-16le'], ['be.csv', be, 'utf-16be']] as const) {
      const ws = await newWorkspace()
      const result = await importInto(ws, [write(name, bytes)])
      expect(result.exitCode, result.stderr).toBe(0)
      const {fields, sources} = await show(ws)
      expect(sources[0]?.encoding, name).toBe(encoding)
      expect(fields.map((f) => [f.column, f.label, f.required])).toEqual([['SHIMEI', '氏名', true]])
    }
  })

  it('accepts an ASCII-only file under --encoding cp932 (ASCII is the same in both)', async () => {
    const ws = await newWorkspace()
    const file = write('ascii.csv', 'table,column,label,type,length\nJUMIN,SHIMEI,SHIMEI_NAME,VARCHAR2(60),60\n')
    const result = await importInto(ws, [file], '--encoding', 'cp932', '--kind', 'fields')
    expect(result.exitCode, result.stderr).toBe(0)
    const {fields, sources} = await show(ws)
    expect(sources[0]?.encoding).toBe('cp932')
    expect(fields.map((f) => f.column)).toEqual(['SHIMEI'])
  })
})
