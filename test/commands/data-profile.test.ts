import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {beforeAll, describe, expect, it} from 'vitest'

import {saveCurrentSystem} from '../../src/current/store.js'
import type {ProfileResult} from '../../src/data/run-profile.js'
import {saveMappingFile} from '../../src/mapping/file.js'
import {emptyMappingFile} from '../../src/mapping/model.js'
import type {CurrentField} from '../../src/model/current.js'
import {DATA_CHECK_SHEET_NAME} from '../../src/report/data-check-sheet.js'
import {loadCatalog} from '../../src/specs/catalog-store.js'
import {resolveArea} from '../../src/specs/registry.js'
import {loadWorkspace, specsDirsOf} from '../../src/workspace/workspace.js'
import {fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

const FIELDS: CurrentField[] = [
  {table: 'JUMIN', column: 'ATENA_NO', label: '宛名番号', type: 'text', typeRaw: 'CHAR', length: 15},
  {table: 'JUMIN', column: 'SHIMEI', label: '氏名', type: 'text', typeRaw: 'NVARCHAR', length: 120, description: '外字を含む'},
  {table: 'JUMIN', column: 'SHIMEI_KANA', label: 'ｼﾒｲｶﾅ', type: 'text', typeRaw: 'NVARCHAR', length: 100},
  {table: 'JUMIN', column: 'SEINENGAPPI', label: '生年月日', type: 'text', typeRaw: 'CHAR', length: 7, description: 'GYYMMDD'},
  {table: 'JUMIN', column: 'UPD_USER', label: '更新者', type: 'text', length: 10},
]

/** Standard items by name, whatever their IDs in the bundled catalogue. */
function itemIds(dir: string): Map<string, string> {
  const workspace = loadWorkspace(dir)
  const catalog = loadCatalog(resolveArea('jumin'), workspace.config.editions.jumin, specsDirsOf(workspace))
  return new Map(catalog.dataItems.map((item) => [item.name, item.id]))
}

async function workspace(): Promise<string> {
  const dir = tempDir('fitgap-data-')
  expect((await fitgap(['init', dir, '--name', 'テスト市', '--area', 'jumin'])).exitCode).toBe(0)
  saveCurrentSystem(loadWorkspace(dir), {
    area: 'jumin',
    sources: [{file: 'fields.csv', sha256: '0'.repeat(64), format: 'csv', kind: 'fields', records: FIELDS.length}],
    fields: FIELDS.map((f, i) => ({...f, source: {file: 'fields.csv', row: i + 2}})),
    forms: [],
    functions: [],
  })
  const ids = itemIds(dir)
  const pair = (name: string, ref: string) => ({item: ids.get(name)!, name, entries: [{refs: [ref], status: 'confirmed' as const}]})
  saveMappingFile(path.join(dir, 'mappings', 'jumin.yaml'), {
    ...emptyMappingFile('jumin'),
    items: [pair('宛名番号', 'JUMIN.ATENA_NO'), pair('氏名', 'JUMIN.SHIMEI'), pair('氏名フリガナ', 'JUMIN.SHIMEI_KANA'), pair('生年月日', 'JUMIN.SEINENGAPPI')],
  })
  return dir
}

const HEADER = 'ATENA_NO,SHIMEI,ｼﾒｲｶﾅ,SEINENGAPPI,UPD_USER\r\n'
const LONG_NAME = '長'.repeat(110)

/** CP932 bytes with a user-defined character (外字, F040 → U+E000) in 氏名. */
function cp932File(file: string): void {
  const parts = [
    iconv.encode(HEADER, 'cp932'),
    iconv.encode('000000000000001,山田太郎,ﾔﾏﾀﾞﾀﾛｳ,3450102,user1\r\n', 'cp932'),
    iconv.encode('000000000000002,髙橋', 'cp932'),
    Buffer.from([0xf0, 0x40]),
    iconv.encode('子,ﾀｶﾊｼ ﾊﾅｺ,H310501,user1\r\n', 'cp932'),
    iconv.encode(`000000000000003,${LONG_NAME},ﾅｶﾞｲ,不詳,user2\r\n`, 'cp932'),
    iconv.encode('000000000000004,,,,\r\n', 'cp932'),
  ]
  writeFileSync(file, Buffer.concat(parts))
}

function utf8File(file: string): void {
  writeFileSync(file, `${HEADER}000000000000005,𠮷田一郎,ﾖｼﾀﾞ,R010501,u\r\n000000000000006,森鷗外,ﾓﾘ,S640108,u\r\n000000000000007,葛\u{E0100}飾太郎,ｶﾂｼｶ,19991231,u\r\n`)
}

interface Column {
  column: string
  itemName: string
  rows: number
  empty: number
  maxChars: number
  maxBytes: number
  overLength: number
  dates?: {wareki: number; unparsed: {count: number; examples: string[]}}
  chars: Record<string, {count: number; examples: string[]; distinct: {char: string; codePoint: string}[]}>
}

describe('fitgap data profile', () => {
  let dir: string
  let cp932: ProfileResult & {files: {columns: Column[]}[]}
  let utf8: ProfileResult & {files: {columns: Column[]}[]}

  beforeAll(async () => {
    dir = await workspace()
    cp932File(path.join(dir, 'jumin_cp932.csv'))
    utf8File(path.join(dir, 'jumin_utf8.csv'))
    const a = await fitgap(['data', 'profile', 'jumin', 'jumin_cp932.csv', '--json'], {cwd: dir})
    expect(a.stderr).toBe('')
    expect(a.exitCode).toBe(0)
    cp932 = fitgapJson(a)
    const b = await fitgap(['data', 'profile', 'jumin', 'jumin_utf8.csv', '--json'], {cwd: dir})
    expect(b.exitCode).toBe(0)
    utf8 = fitgapJson(b)
  })

  const col = (r: typeof cp932, name: string) => r.files[0]!.columns.find((c) => c.itemName === name)!

  it('reads a CP932 export: mapped columns only, with rows, empties and lengths in characters and bytes', () => {
    const file = cp932.files[0]!
    expect(file).toMatchObject({file: 'jumin_cp932.csv', encoding: 'cp932', table: 'JUMIN', rows: 4, ragged: 0, skippedColumns: ['UPD_USER']})
    expect(file.columns.map((c) => c.column)).toEqual(['ATENA_NO', 'SHIMEI', 'ｼﾒｲｶﾅ', 'SEINENGAPPI'])
    expect(col(cp932, '氏名')).toMatchObject({rows: 4, empty: 1, maxChars: 110, maxBytes: 220, overLength: 1})
  })

  it('finds 外字 (CP932 user-defined area), characters outside JIS X 0208, 和暦 and dates that do not parse', () => {
    const name = col(cp932, '氏名')
    expect(name.chars.pua).toMatchObject({count: 1, examples: ['○○\uE000○ (U+E000)'], distinct: [{char: '\uE000', codePoint: 'U+E000'}]})
    expect(name.chars.other).toMatchObject({count: 1, distinct: [{char: '髙'}]})
    expect(col(cp932, '氏名フリガナ').chars.halfKana!.count).toBe(3)
    expect(col(cp932, '生年月日').dates).toEqual({wareki: 1, unparsed: {count: 2, examples: ['A999999', '○○']}})
  })

  it('reads a UTF-8 export: JIS X 0213, characters outside both, IVS', () => {
    expect(utf8.files[0]!.encoding).toBe('utf-8')
    const name = col(utf8, '氏名')
    expect(name.chars.jis0213!.distinct.map((c) => c.char)).toEqual(['鷗'])
    expect(name.chars.other!.distinct.map((c) => c.char)).toEqual(['𠮷'])
    expect(name.chars.ivs).toMatchObject({count: 1, examples: ['葛\u{E0100}○○○ (U+E0100)']})
    expect(col(utf8, '生年月日').dates).toEqual({wareki: 1, unparsed: {count: 1, examples: ['A999999']}})
  })

  it('keeps counts and masked examples only in the workspace, both files side by side', () => {
    const stored = readFileSync(path.join(dir, 'data-checks', 'jumin.json'), 'utf8')
    expect(JSON.parse(stored).files.map((f: {file: string}) => f.file)).toEqual(['jumin_cp932.csv', 'jumin_utf8.csv'])
    for (const secret of ['山田', '太郎', 'ﾔﾏﾀﾞ', '3450102', 'H310501', '花子', '森', '000000000000001', 'user1']) expect(stored, secret).not.toContain(secret)
  })

  it('shows the checks in the workbook (データ検査) and in analyze --json', async () => {
    const out = path.join(dir, 'report.xlsx')
    const result = await fitgap(['analyze', '--out', out, '--json'], {cwd: dir})
    expect(result.exitCode).toBe(0)
    const json = fitgapJson<{areas: {dataChecks?: {files: {file: string}[]}; conversions: {current: string; kind: string}[]}[]}>(result)
    expect(json.areas[0]!.dataChecks?.files.map((f) => f.file)).toEqual(['jumin_cp932.csv', 'jumin_utf8.csv'])
    expect(json.areas[0]!.conversions.filter((c) => c.current === 'JUMIN.SHIMEI_KANA').map((c) => c.kind)).toEqual(['width'])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const sheet = workbook.getWorksheet(DATA_CHECK_SHEET_NAME)!
    expect(sheet.rowCount).toBe(9) // header + 4 columns × 2 files
    const text = JSON.stringify(sheet.getSheetValues())
    expect(text).toContain('外字 (私用領域) 1 件')
    expect(text).not.toContain('山田')
  })

  it('says plainly when a file has no mapped column or is missing, exit 2', async () => {
    writeFileSync(path.join(dir, 'other.csv'), 'FOO,BAR\r\n1,2\r\n')
    const none = await fitgap(['data', 'profile', 'jumin', 'other.csv'], {cwd: dir})
    expect(none.exitCode).toBe(2)
    expect(none.stderr).toContain('other.csv: 見出しの列名が取り込んだ現行定義の項目と1つも合いません')
    const missing = await fitgap(['data', 'profile', 'jumin', 'nope.csv'], {cwd: dir})
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain('nope.csv: ファイルが見つかりません')
  })

  it('prints a readable summary', async () => {
    const result = await fitgap(['data', 'profile', 'jumin', 'jumin_cp932.csv'], {cwd: dir})
    expect(result.stdout).toContain('SHIMEI → ')
    expect(result.stdout).toContain('! 外字 (私用領域) 1 件')
    expect(result.stdout).toContain('! 標準の桁数を超える値 1 件')
  })
})
