import {describe, expect, it} from 'vitest'

import {loadMappingFile, parseMappingFile, saveMappingFile, stringifyMappingFile} from '../../src/mapping/file.js'
import {mergeSuggestions} from '../../src/mapping/merge.js'
import {emptyMappingFile, type MappingFile} from '../../src/mapping/model.js'
import {tempDir} from '../helpers/cli.js'
import path from 'node:path'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'

const fresh = (entries: Record<string, [string, number][]>): MappingFile => ({
  ...emptyMappingFile('jumin', 'rep-1'),
  items: Object.entries(entries).map(([item, list]) => ({
    item,
    name: `項目${item}`,
    entries: list.map(([ref, score]) => ({refs: [ref], status: 'suggested' as const, score, reason: '名称が一致'})),
  })),
})

describe('mergeSuggestions', () => {
  it('creates the file from fresh suggestions when none exists', () => {
    const merged = mergeSuggestions(undefined, fresh({'001001002': [['T.SHIMEI', 0.9]]}))
    expect(merged.items[0]!.entries[0]).toMatchObject({refs: ['T.SHIMEI'], status: 'suggested', score: 0.9})
  })

  it('never overwrites confirmed / rejected / no-counterpart decisions, and keeps by/at/note', () => {
    const existing: MappingFile = {
      ...emptyMappingFile('jumin', 'rep-1'),
      items: [
        {item: '001001002', name: '氏名', entries: [{refs: ['T.SHIMEI'], status: 'confirmed', score: 0.7, by: '山田', at: '2025-05-01', note: '確認済み'}]},
        {item: '001001003', name: '氏名カナ', entries: [{refs: ['T.SHIMEI'], status: 'rejected', by: '山田', at: '2025-05-01'}]},
        {item: '001001004', name: '方書', entries: [{refs: [], status: 'no-counterpart', by: '佐藤', at: '2025-05-02', note: '現行になし'}]},
      ],
    }
    const next = fresh({
      '001001002': [['T.SHIMEI', 0.95], ['T.OTHER', 0.5]],
      '001001003': [['T.SHIMEI', 0.8], ['T.SHIMEI_KANA', 0.9]],
      '001001004': [['T.KATAGAKI', 0.6]],
    })
    const merged = mergeSuggestions(existing, next)
    const item = (id: string) => merged.items.find((i) => i.item === id)!
    // confirmed kept, score refreshed, no extra suggestions for a settled item
    expect(item('001001002').entries).toEqual([
      {refs: ['T.SHIMEI'], status: 'confirmed', score: 0.95, reason: '名称が一致', by: '山田', at: '2025-05-01', note: '確認済み'},
    ])
    // rejected stays rejected; a different suggestion is still offered
    expect(item('001001003').entries.map((e) => [e.refs[0], e.status])).toEqual([
      ['T.SHIMEI_KANA', 'suggested'],
      ['T.SHIMEI', 'rejected'],
    ])
    expect(item('001001003').entries[1]).toMatchObject({by: '山田', at: '2025-05-01'})
    // no-counterpart stays, no suggestion added
    expect(item('001001004').entries).toEqual([{refs: [], status: 'no-counterpart', by: '佐藤', at: '2025-05-02', note: '現行になし'}])
  })

  it('replaces old machine suggestions and keeps decisions on items the catalogue no longer has', () => {
    const existing: MappingFile = {
      ...emptyMappingFile('jumin'),
      items: [
        {item: '001001002', entries: [{refs: ['T.OLD'], status: 'suggested', score: 0.6}]},
        {item: '001009999', entries: [{refs: ['T.X'], status: 'confirmed', by: 'a'}, {refs: ['T.Y'], status: 'suggested'}]},
      ],
    }
    const merged = mergeSuggestions(existing, fresh({'001001002': [['T.NEW', 0.8]]}))
    expect(merged.items.find((i) => i.item === '001001002')!.entries.map((e) => e.refs[0])).toEqual(['T.NEW'])
    expect(merged.items.find((i) => i.item === '001009999')!.entries).toEqual([{refs: ['T.X'], status: 'confirmed', by: 'a'}])
  })

  it('is idempotent and stable', () => {
    const existing: MappingFile = {
      ...emptyMappingFile('jumin', 'rep-1'),
      items: [{item: '001001003', entries: [{refs: ['T.B'], status: 'rejected'}]}],
    }
    const next = fresh({'001001010': [['T.Z', 0.5]], '001001003': [['T.B', 0.9], ['T.A', 0.9]], '001001002': [['T.C', 0.7]]})
    const once = mergeSuggestions(existing, next)
    const twice = mergeSuggestions(once, next)
    expect(stringifyMappingFile(twice)).toBe(stringifyMappingFile(once))
    expect(once.items.map((i) => i.item)).toEqual(['001001002', '001001003', '001001010'])
  })
})

describe('mapping file I/O', () => {
  it('round-trips through YAML, deterministically, with refs and signals on one line', () => {
    const dir = tempDir()
    const file = path.join(dir, 'mappings', 'jumin.yaml')
    const mapping: MappingFile = {
      ...emptyMappingFile('jumin', 'rep-1'),
      items: [
        {
          item: '001001002',
          name: '氏名',
          entries: [{refs: ['JUMIN.SHIMEI'], status: 'suggested', score: 0.92, signals: {name: 1, reading: 0.9}, reason: '名称が一致'}],
        },
      ],
    }
    saveMappingFile(file, mapping)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain("item: '001001002'")
    expect(text).toContain('refs: [JUMIN.SHIMEI]')
    expect(text).toContain('signals: {name: 1, reading: 0.9}')
    expect(loadMappingFile(file)).toEqual(mapping)
    saveMappingFile(file, loadMappingFile(file)!)
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(readdirSync(path.dirname(file))).toEqual(['jumin.yaml']) // no temp files left behind
  })

  it('reports schema errors with file and line', () => {
    const dir = tempDir()
    const file = path.join(dir, 'jumin.yaml')
    writeFileSync(file, 'version: 1\narea: jumin\nitems:\n  - item: "001"\n    entries:\n      - refs: [NODOT]\n        status: maybe\n')
    expect(() => loadMappingFile(file)).toThrow(/jumin.yaml:\d+ .*status/s)
    expect(() => parseMappingFile('version: 1\narea: jumin\nitems:\n  - item: "1"\n    entries:\n      - {refs: [], status: confirmed}\n', 'x.yaml')).toThrow(/refs/)
  })

  it('returns undefined for a missing file', () => {
    expect(loadMappingFile(path.join(tempDir(), 'none.yaml'))).toBeUndefined()
  })
})

describe('mergeSuggestions with an item listed twice', () => {
  it('keeps the decisions of both blocks', () => {
    const existing: MappingFile = {
      version: 1,
      area: 'jumin',
      items: [
        {item: '001001001', entries: [{refs: ['T.A'], status: 'confirmed', by: '山田'}]},
        {item: '001001001', entries: [{refs: ['T.B'], status: 'rejected', by: '佐藤'}]},
      ],
      currentOnly: [],
    }
    const merged = mergeSuggestions(existing, {version: 1, area: 'jumin', items: [{item: '001001001', entries: []}], currentOnly: []})
    expect(merged.items).toHaveLength(1)
    expect(merged.items[0]!.entries.map((e) => `${e.refs[0]}:${e.status}:${e.by}`)).toEqual(['T.A:confirmed:山田', 'T.B:rejected:佐藤'])
  })
})

describe('mergeSuggestions keeps what people wrote', () => {
  it('keeps the 現行独自項目 notes of the existing file (map suggest never writes them)', () => {
    const existing: MappingFile = {
      ...emptyMappingFile('jumin', 'rep-1'),
      currentOnly: [{ref: 'T.KEIRO_FLG', by: '山田', at: '2025-05-01', note: '敬老事業のための独自項目'}],
    }
    const merged = mergeSuggestions(existing, fresh({'001001002': [['T.SHIMEI', 0.9]]}))
    expect(merged.currentOnly).toEqual(existing.currentOnly)
    expect(mergeSuggestions(undefined, fresh({})).currentOnly).toEqual([])
  })

  it('keeps the recorded edition when the fresh file names none, and takes a new one', () => {
    const existing = emptyMappingFile('jumin', 'rep-1')
    expect(mergeSuggestions(existing, {...fresh({}), edition: undefined}).edition).toBe('rep-1')
    expect(mergeSuggestions(existing, {...fresh({}), edition: 'rep-2'}).edition).toBe('rep-2')
  })

  it('refreshes only the score, signals and reason of a decision the matcher proposes again', () => {
    const existing: MappingFile = {
      ...emptyMappingFile('jumin', 'rep-1'),
      items: [{item: '001001002', name: '旧名', entries: [{refs: ['T.SHIMEI'], status: 'rejected', score: 0.4, reason: '古い理由', by: '山田', at: '2025-05-01', note: '別物'}]}],
    }
    const merged = mergeSuggestions(existing, fresh({'001001002': [['T.SHIMEI', 0.8], ['T.NAME', 0.7]]}))
    expect(merged.items).toEqual([
      {
        item: '001001002',
        name: '項目001001002',
        entries: [
          {refs: ['T.NAME'], status: 'suggested', score: 0.7, reason: '名称が一致'},
          {refs: ['T.SHIMEI'], status: 'rejected', score: 0.8, reason: '名称が一致', by: '山田', at: '2025-05-01', note: '別物'},
        ],
      },
    ])
  })

  it('drops an item that only had old suggestions once the matcher no longer proposes anything for it', () => {
    const existing: MappingFile = {
      ...emptyMappingFile('jumin', 'rep-1'),
      items: [{item: '001009999', name: '消えた項目', entries: [{refs: ['T.X'], status: 'suggested', score: 0.6}]}],
    }
    expect(mergeSuggestions(existing, fresh({})).items).toEqual([])
    const still = mergeSuggestions(existing, {...fresh({}), items: [{item: '001009999', entries: []}]})
    expect(still.items).toEqual([{item: '001009999', name: '消えた項目', entries: []}])
  })
})
