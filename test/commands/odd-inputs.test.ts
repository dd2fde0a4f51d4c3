import {writeFileSync} from 'node:fs'
import path from 'node:path'

import iconv from 'iconv-lite'
import {beforeAll, describe, expect, it} from 'vitest'

import {fileSystemMessage} from '../../src/base-command.js'
import {demoCopy, fitgap, tempDir} from '../helpers/cli.js'

/** Odd and hostile inputs: each gets exit 2 and a short Japanese message naming the file and the real line. */
describe('odd inputs: Japanese messages with the real line, bounded length', () => {
  let workspace: string
  let dir: string
  const importFile = (file: string) => fitgap(['current', 'import', file, '--area', 'jumin', '--workspace', workspace])

  beforeAll(() => {
    workspace = demoCopy()
    dir = tempDir()
  })

  it('reads an inch mark in an unquoted CSV value as text', async () => {
    const file = path.join(dir, 'inch.csv')
    writeFileSync(file, 'テーブル名,項目名,データ型\nT,サイズ 5",CHAR\n')
    const result = await importFile(file)
    expect(result.exitCode, result.stderr).toBe(0)
  })

  it('names the line where UTF-8 turns into CP932', async () => {
    const file = path.join(dir, 'mixed.csv')
    writeFileSync(file, Buffer.concat([Buffer.from('テーブル名,項目名,データ型\nT,氏名,CHAR\n'), iconv.encode('T,住所,CHAR\n', 'cp932')]))
    const result = await importFile(file)
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('mixed.csv 3行目')
  })

  it('refuses a NUL byte wherever it is, with its line', async () => {
    const file = path.join(dir, 'nul.csv')
    writeFileSync(file, `テーブル名,項目名,データ型\n${'T,項目,CHAR\n'.repeat(1000)}T,壊れ\u0000た,CHAR\n`)
    const result = await importFile(file)
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('nul.csv 1002行目: NUL 文字 (0x00) があります')
  })

  it('says a JSON number is too large instead of "number expected, number received"', async () => {
    const file = path.join(dir, 'big.json')
    writeFileSync(file, '{"fields": [\n  {"table": "T", "column": "C", "label": "L", "length": 1e400}\n]}\n')
    const result = await importFile(file)
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/big\.json:2 fields\[0\]\.length: 数が大きすぎます/)
  })

  it('explains deep nesting, a __proto__ attribute and 100k unclosed tags in Japanese, briefly', async () => {
    const deep = path.join(dir, 'deep.xml')
    writeFileSync(deep, `<currentSystem>\n${'<a>\n'.repeat(150)}${'</a>\n'.repeat(150)}</currentSystem>\n`)
    const nested = await importFile(deep)
    expect(nested.exitCode).toBe(2)
    expect(nested.stderr).toMatch(/deep\.xml 101行目: 要素の入れ子が深すぎます/)

    const proto = path.join(dir, 'proto.xml')
    writeFileSync(proto, '<currentSystem>\n<fields>\n<field __proto__="x" table="T" column="C" label="L"/>\n</fields>\n</currentSystem>\n')
    const polluted = await importFile(proto)
    expect(polluted.exitCode).toBe(2)
    expect(polluted.stderr).toMatch(/proto\.xml 3行目: 要素・属性の名前「__proto__」は使えません/)

    const unclosed = path.join(dir, 'unclosed.xml')
    writeFileSync(unclosed, `<currentSystem>${'<x>'.repeat(100_000)}`)
    const open = await importFile(unclosed)
    expect(open.exitCode).toBe(2)
    expect(open.stderr).toContain('unclosed.xml')
    expect(open.stderr.length).toBeLessThan(2000)
  })

  it('names the user’s file, not the hidden temp file, when --out cannot be written', () => {
    const error = Object.assign(new Error('EACCES'), {code: 'EACCES', path: '/data/reports/.fitgap-tmp-report.xlsx.4242.0a1b2c3d'})
    expect(fileSystemMessage(error)).toBe('/data/reports/report.xlsx: 権限がありません (EACCES)。')
  })
})
