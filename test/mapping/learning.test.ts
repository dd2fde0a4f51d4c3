import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {saveCurrentSystem} from '../../src/current/store.js'
import {loadMappingFile, saveMappingFile} from '../../src/mapping/file.js'
import type {CurrentField} from '../../src/model/current.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {fitgap, tempDir} from '../helpers/cli.js'

/** The same vendor's 宛名 table, exported for two 業務: opaque column names nobody could match by name. */
const fields = (table: string): CurrentField[] => [
  {table, column: 'K0107', label: '', type: 'text', length: 15},
  {table, column: 'K0108', label: '', type: 'text', length: 15},
  {table, column: 'SHIMEI', label: '氏名', type: 'text', length: 100},
]

async function twoAreas(): Promise<string> {
  const dir = tempDir('fitgap-learn-')
  expect((await fitgap(['init', dir, '--name', 'テスト市', '--area', 'jumin', '--area', 'kokuho'])).exitCode).toBe(0)
  const ws = loadWorkspace(dir)
  for (const [area, table] of [['jumin', 'ATENA'], ['kokuho', 'KK_ATENA']] as const)
    saveCurrentSystem(ws, {
      area,
      sources: [{file: `${area}.csv`, sha256: '0'.repeat(64), format: 'csv', kind: 'fields', records: 3}],
      fields: fields(table).map((f, i) => ({...f, source: {file: `${area}.csv`, row: i + 2}})),
      forms: [],
      functions: [],
    })
  return dir
}

const entriesOf = (dir: string, area: string, name: string) =>
  loadMappingFile(path.join(dir, 'mappings', `${area}.yaml`))!.items.find((i) => i.name === name)?.entries ?? []

describe('learning from decisions across 業務', () => {
  it('a confirmation in one 業務 lifts the same column in another; a rejection removes it', async () => {
    const dir = await twoAreas()
    expect((await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])).exitCode).toBe(0)
    expect((await fitgap(['map', 'suggest', 'kokuho', '--workspace', dir, '--dry-run'])).exitCode).toBe(0)
    const jumin = loadMappingFile(path.join(dir, 'mappings', 'jumin.yaml'))!
    const item = (name: string) => jumin.items.find((i) => i.name === name)!
    // A person says: K0107 holds 宛名番号 (confirmed), and K0108 is not 氏名 (rejected).
    saveMappingFile(path.join(dir, 'mappings', 'jumin.yaml'), {
      ...jumin,
      items: jumin.items.map((i) =>
        i === item('宛名番号')
          ? {...i, entries: [{refs: ['ATENA.K0107'], status: 'confirmed' as const, by: '山田'}]}
          : i === item('世帯番号')
            ? {...i, entries: [{refs: ['ATENA.K0108'], status: 'rejected' as const, by: '山田'}]}
            : i,
      ),
    })
    writeFileSync(path.join(dir, 'mappings', 'vendor-columns.yaml'), 'columns:\n  K0108: 世帯番号\n')
    const result = await fitgap(['map', 'suggest', 'kokuho', '--workspace', dir])
    expect(result.exitCode).toBe(0)
    const atena = entriesOf(dir, 'kokuho', '宛名番号')[0]
    expect(atena).toMatchObject({refs: ['KK_ATENA.K0107'], status: 'suggested'})
    expect(atena!.score).toBeGreaterThanOrEqual(0.9)
    expect(atena!.reason).toContain('住民基本台帳 (jumin) で確定')
    // The vendor dictionary says K0108 is 世帯番号, but a person rejected that pair in 住民基本台帳: not proposed.
    expect(entriesOf(dir, 'kokuho', '世帯番号').map((e) => e.refs[0])).not.toContain('KK_ATENA.K0108')
  })

  it('a vendor column dictionary in mappings/ gives its columns their items', async () => {
    const dir = await twoAreas()
    writeFileSync(path.join(dir, 'mappings', 'vendor-columns.yaml'), 'columns:\n  K0108: [世帯番号]\n')
    expect((await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])).exitCode).toBe(0)
    const setai = entriesOf(dir, 'jumin', '世帯番号')[0]
    expect(setai).toMatchObject({refs: ['ATENA.K0108'], status: 'suggested'})
    expect(setai!.reason).toContain('業者の列名辞書')
  })

  it('a broken vendor dictionary is an input error naming the file', async () => {
    const dir = await twoAreas()
    writeFileSync(path.join(dir, 'mappings', 'vendor-columns.yaml'), 'columns:\n  K0108: 12\n')
    const result = await fitgap(['map', 'suggest', 'jumin', '--workspace', dir])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('vendor-columns.yaml')
  })
})
