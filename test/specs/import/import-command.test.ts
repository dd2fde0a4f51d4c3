import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {parse} from 'yaml'
import {describe, expect, it} from 'vitest'

import {checkCatalogFile} from '../../../src/specs/catalog-store.js'
import {fitgap, fitgapJson, tempDir} from '../../helpers/cli.js'
import {diskState} from '../../helpers/disk.js'
import {type FIXTURES, writeFixture} from '../../fixtures/spec-import/workbooks.js'

async function fixture(name: keyof typeof FIXTURES): Promise<string> {
  return writeFixture(name, path.join(tempDir('fitgap-import-'), name))
}

interface ImportJson {
  target: string
  written: boolean
  sha256: string
  counts: {functions: number; forms: number; formFields: number; dataItems: number; warnings: number; skippedRows: number}
  warnings: {sheet: string; row?: number; message: string}[]
  skipped: {sheet: string; row: number; reason: string; preview: string}[]
  sheets: {sheet: string; kind?: string; headerRows?: number[]}[]
}

describe('fitgap specs import', () => {
  it('writes an official catalogue into the workspace that specs validate accepts', async () => {
    const workspace = path.join(tempDir(), 'ws')
    expect((await fitgap(['init', workspace, '--area', 'jumin'])).exitCode).toBe(0)
    const file = await fixture('current-style.xlsx')
    const result = await fitgap(['specs', 'import', file, '--area', '住民基本台帳', '--edition', '9.0', '--workspace', workspace])
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    const target = path.join(workspace, 'specs', 'jumin', '9.0.yaml')
    expect(result.stdout).toContain('取り込みました')
    expect(result.stdout).toContain('件数: 機能 8 (実装必須機能 5 / 標準オプション機能 2 / 実装不可機能 1)')
    expect(result.stdout).toContain('帳票 3 (印字項目 6)  データ項目 6')
    // every skipped row with its reason, and the warnings
    expect(result.stdout).toContain('機能要件 15行目: 見出し行の繰り返し')
    expect(result.stdout).toContain('帳票詳細要件 9行目: 帳票ID「0019999」が帳票要件のシートにありません')
    expect(result.stdout).toContain('機能要件 13行目: 機能ID「001006」は7桁の数字ではありません')

    const check = checkCatalogFile(target)
    expect(check.problems).toEqual([])
    const raw = parse(readFileSync(target, 'utf8')) as {provenance: Record<string, string>}
    expect(raw.provenance).toEqual({
      type: 'official',
      source: 'current-style.xlsx',
      importedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    })
    const validate = await fitgap(['specs', 'validate', target])
    expect(validate.exitCode).toBe(0)
    expect(readdirSync(path.dirname(target))).toEqual(['9.0.yaml'])
  })

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const out = tempDir()
    const file = await fixture('legacy-style.xlsx')
    const args = ['specs', 'import', file, '--area', 'jumin', '--edition', 'v1', '--out', out]
    expect((await fitgap(args)).exitCode).toBe(0)
    const written = diskState(out)
    const again = await fitgap(args)
    expect(again.exitCode).toBe(2)
    expect(again.stderr).toContain('--force')
    expect(diskState(out)).toEqual(written)
    expect((await fitgap([...args, '--force'])).exitCode).toBe(0)
  })

  it('adds a second workbook (基本データリスト) to the same edition with --add, naming both sources', async () => {
    const out = tempDir()
    const functions = await fixture('legacy-style.xlsx')
    const dataList = await fixture('001_住民基本台帳_基本データリスト【第2.1版】.xlsx')
    expect((await fitgap(['specs', 'import', functions, '--area', 'jumin', '--edition', 'v2', '--out', out])).exitCode).toBe(0)
    const refused = await fitgap(['specs', 'import', dataList, '--area', 'jumin', '--edition', 'v2', '--out', out])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toContain('--add')
    const added = await fitgap(['specs', 'import', dataList, '--area', 'jumin', '--edition', 'v2', '--out', out, '--add'])
    expect(added.exitCode, added.stderr).toBe(0)
    const target = path.join(out, 'jumin', 'v2.yaml')
    const check = checkCatalogFile(target)
    expect(check.problems).toEqual([])
    expect(check.catalog!.functions.length).toBeGreaterThan(0)
    expect(check.catalog!.dataItems.length).toBeGreaterThan(0)
    expect(check.catalog!.provenance).toMatchObject({type: 'official', source: 'legacy-style.xlsx + 001_住民基本台帳_基本データリスト【第2.1版】.xlsx'})
    const twice = await fitgap(['specs', 'import', dataList, '--area', 'jumin', '--edition', 'v2', '--out', out, '--add'])
    expect(twice.exitCode).toBe(2)
    expect(twice.stderr).toContain('ID が重なっていないか')
  })

  it('prints deterministic JSON with counts, sheets, warnings and skipped rows', async () => {
    const out = tempDir()
    const file = await fixture('legacy-style.xlsx')
    const run = () => fitgap(['specs', 'import', file, '--area', '1', '--edition', 'v1', '--out', out, '--json', '--dry-run'])
    const first = await run()
    expect(first.exitCode).toBe(0)
    expect((await run()).stdout).toBe(first.stdout)
    const json = fitgapJson<ImportJson>(first)
    expect(json.written).toBe(false)
    expect(existsSync(path.join(out, 'jumin', 'v1.yaml'))).toBe(false)
    expect(json.counts).toMatchObject({functions: 8, forms: 0, dataItems: 0, skippedRows: 3})
    expect(json.sheets.map((s) => [s.sheet, s.kind, s.headerRows])).toEqual([
      ['機能要件（第1.0版）', 'functions', [4]],
      ['機能要件（区分見出し）', 'functions', [1]],
    ])
  })

  it('imports a 基本データリスト workbook', async () => {
    const out = tempDir()
    const file = await fixture('001_住民基本台帳_基本データリスト【第2.1版】.xlsx')
    const result = await fitgap(['specs', 'import', file, '--area', 'jumin', '--edition', 'dl-2.1', '--out', out, '--json'])
    expect(result.exitCode).toBe(0)
    expect(fitgapJson<ImportJson>(result).counts.dataItems).toBe(7)
    expect(checkCatalogFile(path.join(out, 'jumin', 'dl-2.1.yaml')).problems).toEqual([])
  })

  it('uses --profile to name columns explicitly', async () => {
    const out = tempDir()
    const file = await fixture('odd-headers.xlsx')
    const profile = path.join(out, 'profile.yaml')
    writeFileSync(profile, 'sheets:\n  - sheet: 一覧\n    kind: functions\n    columns: {id: 要求No, name: やること, text: 詳しく, kind: レベル}\n')
    const without = await fitgap(['specs', 'import', file, '--area', 'jumin', '--edition', 'p', '--out', out])
    expect(without.exitCode).toBe(2)
    expect(without.stderr).toContain('--profile')
    const withProfile = await fitgap(['specs', 'import', file, '--area', 'jumin', '--edition', 'p', '--out', out, '--profile', profile])
    expect(withProfile.stderr).toBe('')
    expect(withProfile.exitCode).toBe(0)
    expect(checkCatalogFile(path.join(out, 'jumin', 'p.yaml')).catalog?.functions).toHaveLength(2)
  })

  it.each([
    ['no-header.xlsx', 'シート「機能要件」: 1〜3行目に機能要件の見出し行が見つかりません'],
    ['unknown-kind.xlsx', 'シート「機能要件」5行目: 実装区分「実装したい機能」は使えません'],
    ['duplicate-id.xlsx', 'シート「機能要件」4行目: 機能ID「0010001」が重複しています (2行目と同じ)'],
  ] as const)('%s: exit 2, a Japanese message with sheet and row, nothing written', async (name, message) => {
    const out = tempDir()
    const result = await fitgap(['specs', 'import', await fixture(name), '--area', 'jumin', '--edition', 'bad', '--out', out])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('何も書き込んでいません')
    expect(result.stderr).toContain(message)
    expect(readdirSync(out)).toEqual([])
  })

  it('exits 2 without a workspace or --out, and on a file that is not a workbook', async () => {
    const cwd = tempDir()
    const file = await fixture('legacy-style.xlsx')
    const noWorkspace = await fitgap(['specs', 'import', file, '--area', 'jumin', '--edition', 'x'], {cwd})
    expect(noWorkspace.exitCode).toBe(2)
    expect(noWorkspace.stderr).toContain('ワークスペースが見つかりません')
    const text = path.join(cwd, 'not.xlsx')
    writeFileSync(text, 'hello')
    const notXlsx = await fitgap(['specs', 'import', text, '--area', 'jumin', '--edition', 'x', '--out', cwd])
    expect(notXlsx.exitCode).toBe(2)
    expect(notXlsx.stderr).toContain('Excel ブック (.xlsx) として読めません')
    // An escaping edition would land beside --out, inside cwd: nothing may appear there.
    const before = diskState(cwd)
    const badEdition = await fitgap(['specs', 'import', file, '--area', 'jumin', '--edition', '../x', '--out', path.join(cwd, 'catalogs')])
    expect(badEdition.exitCode).toBe(2)
    expect(diskState(cwd)).toEqual(before)
  })
})
