import {readFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {saveCurrentSystem} from '../../src/current/store.js'
import type {CurrentField} from '../../src/model/current.js'
import {listEditions, loadCatalog} from '../../src/specs/catalog-store.js'
import {resolveArea} from '../../src/specs/registry.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'

const FIELDS: CurrentField[] = [
  {table: 'JUMIN', column: 'ATENA_NO', label: '宛名番号', type: 'text', length: 15, required: true},
  {table: 'JUMIN', column: 'SHIMEI', label: '氏名', type: 'text', length: 100},
  {table: 'JUMIN', column: 'SEINENGAPPI', label: '生年月日', type: 'date'},
]

async function workspace(): Promise<string> {
  const dir = path.join(tempDir('fitgap-editions-'), 'ws')
  expect((await fitgap(['init', dir, '--area', 'jumin'])).exitCode).toBe(0)
  saveCurrentSystem(loadWorkspace(dir), {
    area: 'jumin',
    sources: [{file: 'fields.csv', sha256: '0'.repeat(64), format: 'csv', kind: 'fields', records: FIELDS.length}],
    fields: FIELDS.map((f, i) => ({...f, source: {file: 'fields.csv', row: i + 2}})),
    forms: [],
    functions: [],
  })
  return dir
}

/** A 機能要件 workbook alone (no forms, no data items): what a city has after importing only that file. */
async function functionsOnly(): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const ws = workbook.addWorksheet('機能要件')
  ;['機能ID', '機能名称', '機能要件', '実装区分'].forEach((t, i) => (ws.getCell(1, i + 1).value = t))
  ;['0010001', '記載事項の管理', '住民の記載事項を管理できること。', '実装必須機能'].forEach((t, i) => (ws.getCell(2, i + 1).value = t))
  const file = path.join(tempDir('fitgap-fn-only-'), '機能要件.xlsx')
  await workbook.xlsx.writeFile(file)
  return file
}

describe('editions that never mislead', () => {
  it('a fictional edition is marked and never the default; a new workspace uses rep-1', async () => {
    const jumin = resolveArea('jumin')
    expect(listEditions('jumin').find((f) => f.edition === 'rep-2')?.fictional).toBe(true)
    expect(loadCatalog(jumin).edition).toBe('rep-1')
    expect(loadCatalog(jumin, 'rep-2').edition).toBe('rep-2')

    const dir = await workspace()
    const areas = fitgapJson<{slug: string; editionInUse: string; editions: {edition: string; fictional: boolean}[]}[]>(await fitgap(['areas', '-w', dir, '--json']))
    const row = areas.find((a) => a.slug === 'jumin')!
    expect(row.editionInUse).toBe('rep-1')
    expect(row.editions.find((e) => e.edition === 'rep-2')?.fictional).toBe(true)
    expect((await fitgap(['areas', '-w', dir])).stdout).toContain('rep-2(架空)')
    const show = await fitgap(['specs', 'show', 'jumin', '-w', dir])
    expect(show.stdout).toContain('版: rep-1')
    expect((await fitgap(['specs', 'show', 'jumin', '--edition', 'rep-2', '-w', dir])).stdout).toContain('架空の改定版')
  })

  it('a functions-only edition keeps the data items (and the mapping file) and says where they come from', async () => {
    const dir = await workspace()
    expect((await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])).exitCode).toBe(0)
    const mappingFile = path.join(dir, 'mappings', 'jumin.yaml')
    const before = readFileSync(mappingFile, 'utf8')
    expect(before).toContain("item: '00101001'")

    const imported = await fitgap(['specs', 'import', await functionsOnly(), '--area', 'jumin', '--edition', '4.0', '--workspace', dir])
    expect(imported.exitCode, imported.stderr).toBe(0)

    const show = fitgapJson<{edition: string; functions: unknown[]; dataItems: unknown[]; borrowed: Record<string, string>}>(
      await fitgap(['specs', 'show', 'jumin', '-w', dir, '--json']),
    )
    expect(show.edition).toBe('4.0')
    expect(show.functions).toHaveLength(1)
    expect(show.dataItems.length).toBeGreaterThan(100)
    expect(show.borrowed).toEqual({forms: 'rep-1', dataItems: 'rep-1'})
    expect((await fitgap(['specs', 'show', 'jumin', '-w', dir])).stdout).toContain('版 4.0 にはデータ項目がないため、版 rep-1 のデータ項目を使っています')
    expect((await fitgap(['areas', '-w', dir])).stdout).toMatch(/4\.0\*.*\(rep-1\)/)

    const again = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])
    expect(again.exitCode, again.stderr).toBe(0)
    expect(readFileSync(mappingFile, 'utf8')).toContain("item: '00101001'")
    const check = await fitgap(['map', 'check', 'jumin', '--workspace', dir, '--json'])
    expect(check.stdout).not.toContain('カタログにありません')
  })

  it('map suggest refuses to replace a mapping file that has entries with an empty one', async () => {
    const dir = await workspace()
    expect((await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])).exitCode).toBe(0)
    const mappingFile = path.join(dir, 'mappings', 'jumin.yaml')
    const before = readFileSync(mappingFile, 'utf8')
    const refused = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir, '--min-score', '1'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/件の対応付けがありますが.*すべて消えるため、書き込みません/)
    expect(readFileSync(mappingFile, 'utf8')).toBe(before)
  })

  it('specs show and the workbook name the source of official data with its attribution line', async () => {
    const dir = await workspace()
    // (the test runner splits arguments at spaces, so this line has none)
    const line = '出典：デジタル庁『共通機能標準仕様書別紙項目定義書（住登外者宛名番号管理）』を加工して作成'
    const official = path.join(ROOT, 'test/fixtures/official/atenabango-kanri_item-definition.xlsx')
    const imported = await fitgap(['specs', 'import', official, '--area', 'jumin', '--edition', '2.1', '--workspace', dir, '--attribution', line])
    expect(imported.exitCode, imported.stderr).toBe(0)
    expect((await fitgap(['specs', 'show', 'jumin', '-w', dir])).stdout).toContain(`出典の表示: ${line}`)
    const out = path.join(dir, 'reports', 'r.xlsx')
    const analyze = await fitgap(['analyze', 'jumin', '-w', dir, '--out', out])
    expect(analyze.exitCode, analyze.stderr).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const texts: string[] = []
    workbook.worksheets.forEach((ws) => ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? '')))))
    expect(texts).toContain(line)
    expect(texts.some((t) => t.includes('版 2.1 には機能要件がないため、版 rep-1 の機能要件を使っています'))).toBe(true)
  })
})
