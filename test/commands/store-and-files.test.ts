import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {saveCurrentSystem} from '../../src/current/store.js'
import type {CurrentField} from '../../src/model/current.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {demoCopy, fitgap, tempDir} from '../helpers/cli.js'
import {fitgapProcess} from '../helpers/spawn.js'

describe('workspace files: repeated keys, store consistency, leftovers, size', () => {
  it('refuses a decisions file with a key twice, naming both lines', async () => {
    const workspace = demoCopy()
    const file = path.join(workspace, 'decisions', 'jumin.yaml')
    const text = readFileSync(file, 'utf8')
    const first = text.match(/ {2}- key: (\S+)\n(?: {4}.*\n)+/)!
    writeFileSync(file, text.replace(first[0], first[0] + first[0].replace(/note: .*/, 'note: もう一方')))
    const result = await fitgap(['analyze', '--workspace', workspace, '--json'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(new RegExp(`decisions/jumin\\.yaml:\\d+ キー ${first[1]} は \\d+ 行目にもあります`))
  })

  it('detects records that the index does not describe (a run that died between renames) and removes stale staging folders', async () => {
    const workspace = demoCopy()
    const dir = path.join(workspace, 'current', 'jumin')
    const csv = path.join(tempDir(), 'fields.csv')
    writeFileSync(csv, 'テーブル名,項目名,データ型\nT,氏名,CHAR\nT,住所,CHAR\n')
    const stale = path.join(workspace, 'current', '.fitgap-tmp-import-99999-deadbeef')
    mkdirSync(stale, {recursive: true})
    writeFileSync(path.join(stale, 'fields.x.jsonl'), '{}\n')
    expect((await fitgap(['current', 'import', csv, '--area', 'jumin', '--workspace', workspace])).exitCode).toBe(0)
    expect(existsSync(stale)).toBe(false)
    const records = readFileSync(path.join(dir, 'index.json'), 'utf8')
    expect(records).toContain('"stored"')
    const stored = (JSON.parse(records) as {stored: Record<string, unknown>}).stored
    const recordsFile = path.join(dir, Object.keys(stored).find((n) => n.includes('fields.csv'))!)
    writeFileSync(recordsFile, readFileSync(recordsFile, 'utf8').split('\n')[0] + '\n')
    for (const args of [['current', 'show', 'jumin'], ['analyze', '--json']]) {
      const result = await fitgap([...args, '--workspace', workspace])
      expect(result.exitCode, args.join(' ')).toBe(2)
      expect(result.stderr).toContain('index.json の記録 (2 行) と合いません')
      expect(result.stderr).toMatch(/`fitgap current import \S*fields\.csv --area jumin` で取り込み直してください/)
    }
  })

  it('loads 150,000 fields without overflowing the stack', async () => {
    const workspace = demoCopy()
    const fields: CurrentField[] = Array.from({length: 150_000}, (_, i) => ({table: 'T', column: `C${i}`, label: `項目${i}`, source: {file: 'big.csv', row: i + 2}}))
    saveCurrentSystem(loadWorkspace(workspace), {area: 'kokuho', sources: [], fields, forms: [], functions: []})
    const result = await fitgap(['current', 'show', 'kokuho', '--workspace', workspace])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain('150000')
  })
})

describe('names with spaces', () => {
  it('work end to end: import, map suggest, map check, analyze', async () => {
    const workspace = demoCopy()
    const csv = path.join(tempDir(), '住記 項目定義.csv')
    writeFileSync(csv, '項目名,項目名(物理),データ型\n氏名,SHIMEI MEI,CHAR\n住所,JUSHO,CHAR\n')
    // In its own process: the in-process runner splits arguments at spaces.
    const imported = await fitgapProcess(['current', 'import', csv, '--area', 'kokuho', '--workspace', workspace])
    expect(imported.exitCode, imported.stderr).toBe(0)
    for (const args of [['map', 'suggest', 'kokuho'], ['map', 'check', 'kokuho'], ['analyze', 'kokuho', '--json']]) {
      const result = await fitgap([...args, '--workspace', workspace])
      // map check exits 1 when it finds mapping problems; 2 was the file's own schema rejecting the refs.
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(args[1] === 'check' ? 1 : 0)
      expect(result.stderr).not.toContain('テーブル.列')
    }
    expect(readFileSync(path.join(workspace, 'mappings', 'kokuho.yaml'), 'utf8')).toContain('住記 項目定義.')
  })
})

describe('xlsx size limit', () => {
  it('refuses a workbook that inflates past the limit before reading it, and --max-xlsx-mb raises it', async () => {
    const workspace = demoCopy()
    const file = path.join(tempDir(), 'inflates.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('項目定義')
    sheet.addRow(['テーブル名', '項目名', 'データ型'])
    for (let i = 0; i < 2000; i++) sheet.addRow(['T', `項目${i}${'x'.repeat(1000)}`, 'CHAR'])
    await workbook.xlsx.writeFile(file)
    const refused = await fitgap(['current', 'import', file, '--area', 'kokuho', '--workspace', workspace, '--max-xlsx-mb', '1'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/inflates\.xlsx: 展開すると \d+ MB になるブックです \(上限 1 MB\)/)
    const raised = await fitgap(['current', 'import', file, '--area', 'kokuho', '--workspace', workspace, '--max-xlsx-mb', '8'])
    expect(raised.stderr).not.toContain('展開すると')
  })
})

describe('mapping file comments', () => {
  it('map suggest keeps a person’s comments when it rewrites the file', async () => {
    const workspace = demoCopy()
    const file = path.join(workspace, 'mappings', 'jumin.yaml')
    const text = readFileSync(file, 'utf8')
    // A comment on a confirmed entry, and a stale score so that suggest has to rewrite the file.
    const edited = text
      .replace('      - refs: [JUMIN_KIHON.ATENA_NO]\n        status: confirmed', '      # 山田: 目視で確認\n      - refs: [JUMIN_KIHON.ATENA_NO]\n        status: confirmed # 窓口で確認済み')
      .replace(/score: 0\.938/, 'score: 0.111')
    expect(edited).not.toBe(text)
    writeFileSync(file, edited)
    const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', workspace])
    expect(result.exitCode, result.stderr).toBe(0)
    const after = readFileSync(file, 'utf8')
    expect(after).not.toContain('score: 0.111')
    expect(after).toContain('      # 山田: 目視で確認\n      - refs: [JUMIN_KIHON.ATENA_NO]\n        status: confirmed # 窓口で確認済み')
  })
})

describe('mapping file of another 業務', () => {
  it('map suggest refuses to rewrite it', async () => {
    const workspace = demoCopy()
    const file = path.join(workspace, 'mappings', 'jumin.yaml')
    const text = readFileSync(file, 'utf8').replace(/^area: jumin$/m, 'area: kojin')
    writeFileSync(file, text)
    const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('は業務「kojin」の対応付けファイルです')
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})
