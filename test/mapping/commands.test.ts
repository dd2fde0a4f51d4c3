import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {saveCurrentSystem} from '../../src/current/store.js'
import {loadMappingFile} from '../../src/mapping/file.js'
import type {CurrentField} from '../../src/model/current.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

const FIELDS: CurrentField[] = [
  {table: 'JUMIN', column: 'ATENA_NO', label: '宛名番号', type: 'text', length: 15, required: true},
  {table: 'JUMIN', column: 'SHIMEI', label: '氏名', type: 'text', length: 200},
  {table: 'JUMIN', column: 'SHIMEI_KANA', label: '', type: 'text', length: 100},
  {table: 'JUMIN', column: 'SEINENGAPPI', label: '', type: 'date'},
  {table: 'JUMIN', column: 'UPD_USER', label: '更新者', type: 'text', length: 10},
]

async function workspaceWithCurrent(): Promise<string> {
  const dir = tempDir('fitgap-map-')
  const init = await fitgap(['init', dir, '--name', 'テスト市', '--area', 'jumin'])
  expect(init.exitCode).toBe(0)
  saveCurrentSystem(loadWorkspace(dir), {
    area: 'jumin',
    sources: [{file: 'fields.csv', sha256: '0'.repeat(64), format: 'csv', kind: 'fields', records: FIELDS.length}],
    fields: FIELDS.map((f, i) => ({...f, source: {file: 'fields.csv', row: i + 2}})),
    forms: [],
    functions: [],
  })
  return dir
}

interface CheckJson {
  ok: boolean
  counts: {error: number; warning: number; info: number}
  findings: {kind: string; severity: string; item?: string; ref?: string}[]
}

/** A workspace of its own for each test, with map suggest already run. */
async function suggested(): Promise<{dir: string; file: string}> {
  const dir = await workspaceWithCurrent()
  const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])
  expect(result.exitCode, result.stderr).toBe(0)
  return {dir, file: path.join(dir, 'mappings', 'jumin.yaml')}
}

describe('fitgap map suggest / map check', () => {
  it('map suggest writes mappings/jumin.yaml with scored, explained suggestions', async () => {
    const dir = await workspaceWithCurrent()
    const file = path.join(dir, 'mappings', 'jumin.yaml')
    const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('書き込みました')
    const mapping = loadMappingFile(file)!
    const entry = (name: string) => mapping.items.find((i) => i.name === name)!.entries[0]!
    expect(entry('氏名')).toMatchObject({refs: ['JUMIN.SHIMEI'], status: 'suggested'})
    expect(entry('生年月日').refs).toEqual(['JUMIN.SEINENGAPPI'])
    expect(entry('生年月日').reason).toContain('読み')
    expect(entry('生年月日').score).toBeGreaterThan(0.6)
  })

  it('is idempotent and keeps a person’s decisions and 現行独自項目 notes on re-run', async () => {
    const {dir, file} = await suggested()
    const before = readFileSync(file, 'utf8')
    const again = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])
    expect(again.stdout).toContain('変更はありません')
    expect(readFileSync(file, 'utf8')).toBe(before)

    const edited = before
      .replace(/(refs: \[JUMIN\.SHIMEI\]\n\s+status: )suggested/, '$1confirmed\n        by: 山田\n        at: 2025-05-01\n        note: 目視で確認')
    expect(edited).not.toBe(before)
    writeFileSync(file, `${edited}currentOnly:\n  - ref: JUMIN.UPD_USER\n    by: 山田\n    note: 更新者は標準にない運用項目\n`)
    const third = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir, '--json'])
    expect(third.exitCode).toBe(0)
    const mapping = loadMappingFile(file)!
    const shimei = mapping.items.find((i) => i.name === '氏名')!
    expect(shimei.entries).toHaveLength(1)
    expect(shimei.entries[0]).toMatchObject({refs: ['JUMIN.SHIMEI'], status: 'confirmed', by: '山田', at: '2025-05-01', note: '目視で確認'})
    expect(mapping.currentOnly).toEqual([{ref: 'JUMIN.UPD_USER', by: '山田', note: '更新者は標準にない運用項目'}])
  })

  it('map suggest --by-field lists, per current field, its ranked standard items and says why a column has none', async () => {
    const dir = await workspaceWithCurrent()
    const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir, '--by-field', '--top', '2', '--json'])
    expect(result.exitCode).toBe(0)
    const json = fitgapJson<{fields: {ref: string; systemColumn?: string; note?: string; candidates: {name: string; score: number; accepted: boolean}[]}[]}>(result)
    const row = (ref: string) => json.fields.find((f) => f.ref === ref)!
    expect(json.fields.map((f) => f.ref)).toEqual([...json.fields.map((f) => f.ref)].sort())
    expect(row('JUMIN.SEINENGAPPI').candidates[0]).toMatchObject({name: '生年月日', accepted: true})
    expect(row('JUMIN.SHIMEI').candidates.length).toBeLessThanOrEqual(2)
    const user = row('JUMIN.UPD_USER')
    expect(user.systemColumn).toBeDefined()
    expect(user.candidates.filter((c) => c.accepted).map((c) => c.name).every((n) => n.startsWith('操作'))).toBe(true)
  })

  it('explains the --top limit in Japanese when it is exceeded', async () => {
    const dir = await workspaceWithCurrent()
    const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir, '--top', '50'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('--top は 20 以下の整数です (受け取った値: 50)')
    expect(result.stderr).toContain('下位の候補はほとんど当たらず')
  })

  it('map check reports findings with exit 1 when errors exist, and --json for scripts', async () => {
    const {dir, file} = await suggested()
    // A person confirmed 氏名 → JUMIN.SHIMEI (a length risk is an error only for a confirmed pair).
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(refs: \[JUMIN\.SHIMEI\]\n\s+status: )suggested/, '$1confirmed'))
    const result = await fitgap(['map', 'check', 'jumin', '--workspace', dir, '--json'])
    expect(result.exitCode).toBe(1)
    const json = fitgapJson<CheckJson>(result)
    expect(json.ok).toBe(false)
    expect(json.findings.some((f) => f.kind === 'required-unmapped' && f.severity === 'error')).toBe(true)
    // 氏名: current 200 > standard length → truncation risk
    expect(json.findings.some((f) => f.kind === 'length' && f.ref === 'JUMIN.SHIMEI' && f.severity === 'error')).toBe(true)
    const text = await fitgap(['map', 'check', 'jumin', '--workspace', dir])
    expect(text.exitCode).toBe(1)
    expect(text.stdout).toContain('必須項目が未対応')
  })

  it('map check exits 0 when only warnings and infos remain', async () => {
    const clean = await workspaceWithCurrent()
    const mappingFile = path.join(clean, 'mappings', 'jumin.yaml')
    writeFileSync(mappingFile, 'version: 1\narea: jumin\nitems: []\n')
    const result = await fitgap(['map', 'check', 'jumin', '--workspace', clean, '--json'])
    const json = fitgapJson<CheckJson>(result)
    // With no decisions every required item is unmapped; make them gaps to get a clean run.
    const required = json.findings.filter((f) => f.kind === 'required-unmapped').map((f) => f.item!)
    const yaml = ['version: 1', 'area: jumin', 'items:', ...required.flatMap((id) => [`  - item: '${id}'`, '    entries:', '      - {refs: [], status: no-counterpart}'])].join('\n')
    writeFileSync(mappingFile, `${yaml}\n`)
    const ok = await fitgap(['map', 'check', 'jumin', '--workspace', clean, '--json'])
    expect(ok.exitCode).toBe(0)
    expect(fitgapJson<CheckJson>(ok).counts.error).toBe(0)
  })

  it('exits 2 with a Japanese message for a missing mapping file or a broken one', async () => {
    const empty = await workspaceWithCurrent()
    const missing = await fitgap(['map', 'check', 'jumin', '--workspace', empty])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain('map suggest')
    writeFileSync(path.join(empty, 'mappings', 'jumin.yaml'), 'version: 1\narea: jumin\nitems:\n  - item: x\n    entries:\n      - {refs: [A.B], status: maybe}\n')
    const broken = await fitgap(['map', 'check', 'jumin', '--workspace', empty])
    expect(broken.exitCode).toBe(2)
    expect(broken.stderr).toMatch(/jumin\.yaml:\d+/)
  })

  it('map suggest without imported fields exits 2 and says what to do', async () => {
    const dir2 = tempDir('fitgap-map-empty-')
    await fitgap(['init', dir2])
    const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir2])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('current import')
  })
})
