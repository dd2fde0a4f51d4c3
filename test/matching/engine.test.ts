import {beforeAll, describe, expect, it} from 'vitest'

import {assignOneToOne, DEFAULT_ACCEPT_THRESHOLD, type FieldInput, type MatchResult, strongest} from '../../src/matching/engine.js'
import {createMatcher, loadMatchResources} from '../../src/matching/dictionary-loader.js'
import {ITEMS, matcher} from './helpers.js'

const FIELDS: FieldInput[] = [
  {table: 'JUMIN', column: 'SHIMEI_KANA', label: ''},
  {table: 'JUMIN', column: 'SEINENGAPPI', label: '', type: 'date'},
  {table: 'JUMIN', column: 'JUSHO_CD', label: ''},
  {table: 'person', column: 'birth_date', label: ''},
  {table: 'JUMIN', column: 'KATAGAKI', label: ''},
  {table: 'SETAI', column: 'ZOKUGARA', label: '続き柄'},
  {table: 'SETAI', column: 'NUSHI_SHIMEI', label: ''},
  {table: 'JUMIN', column: 'ZIP_CD', label: '〒'},
  {table: 'JUMIN', column: 'C01', label: 'ｼﾒｲ'},
  {table: 'JUMIN', column: 'C02', label: '氏名（漢字）'},
  {table: 'JUMIN', column: 'ATENA_NO', label: '宛名ｺｰﾄﾞ'},
  {table: 'IDO', column: 'KOJI_YMD', label: '公示日'},
  {table: 'JUMIN', column: 'UPD_USER_ID', label: '更新者ID'},
]

const EXPECTED: Record<string, string> = {
  'JUMIN.SHIMEI_KANA': '氏名カナ',
  'JUMIN.SEINENGAPPI': '生年月日',
  'JUMIN.JUSHO_CD': '住所コード',
  'person.birth_date': '生年月日',
  'JUMIN.KATAGAKI': '方書',
  'SETAI.ZOKUGARA': '続柄',
  'SETAI.NUSHI_SHIMEI': '世帯主氏名',
  'JUMIN.ZIP_CD': '郵便番号',
  'JUMIN.C01': '氏名',
  'JUMIN.C02': '氏名',
  'JUMIN.ATENA_NO': '宛名番号',
  'IDO.KOJI_YMD': '公告年月日',
}

const nameOf = (id: string) => ITEMS.find((item) => item.id === id)!.name
/** Items that share nothing with the fields: the index, not full scoring, has to find the right one. */
const NOISE = Array.from({length: 300}, (_, i) => ({id: `9${String(i).padStart(8, '0')}`, group: 'G', name: `項目${i}`, type: 'text' as const}))

let result: MatchResult
beforeAll(() => {
  result = matcher().match(ITEMS, FIELDS, {topK: 5})
})

describe('matcher', () => {
  it.each(Object.entries(EXPECTED))('%s → %s as the top candidate, above the accept threshold', (ref, expected) => {
    const top = result.byField.get(ref)?.[0]
    expect(top && nameOf(top.itemId)).toBe(expected)
    expect(top!.score).toBeGreaterThanOrEqual(DEFAULT_ACCEPT_THRESHOLD)
  })

  it('proposes nothing above the threshold for a vendor-only field', () => {
    const top = result.byField.get('JUMIN.UPD_USER_ID')?.[0]
    expect(top === undefined || top.score < DEFAULT_ACCEPT_THRESHOLD).toBe(true)
  })

  it('gives scores in [0,1] with a signal breakdown and a Japanese reason', () => {
    for (const list of result.byField.values())
      for (const c of list) {
        expect(c.score).toBeGreaterThanOrEqual(0)
        expect(c.score).toBeLessThanOrEqual(1)
        for (const value of Object.values(c.signals)) expect(value).toBeGreaterThanOrEqual(0)
        expect(c.reason).toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/)
      }
    const kana = result.byField.get('JUMIN.SHIMEI_KANA')![0]!
    expect(kana.signals.reading).toBe(1)
    expect(kana.reason).toContain('読み')
  })

  it('lists candidates per standard item too, and one field may serve several items', () => {
    const name = result.byItem.get('001001002')!
    expect(name.map((c) => c.ref)).toEqual(expect.arrayContaining(['JUMIN.C01', 'JUMIN.C02']))
  })

  it('ranks 氏名 above 氏名カナ for a kanji label, and the reverse for a kana column', () => {
    const kanji = result.byField.get('JUMIN.C02')!
    expect(nameOf(kanji[0]!.itemId)).toBe('氏名')
    const kana = result.byField.get('JUMIN.SHIMEI_KANA')!
    expect(kana.findIndex((c) => c.itemId === '001001003')).toBeLessThan(kana.findIndex((c) => c.itemId === '001001002'))
  })

  it('assigns one to one: each item and each field at most once', () => {
    const assignment = assignOneToOne(result)
    const refs = [...assignment.values()].map((c) => c.ref)
    expect(new Set(refs).size).toBe(refs.length)
    expect(assignment.get('001001002')).toBeDefined()
  })

  it('is deterministic', () => {
    const again = matcher().match(ITEMS, FIELDS, {topK: 5})
    expect(JSON.stringify([...again.byField])).toBe(JSON.stringify([...result.byField]))
  })

  it('finds candidates through the index on a larger catalogue without scoring every pair', () => {
    const items = Array.from({length: 400}, (_, i) => ({id: String(i).padStart(9, '0'), group: 'G', name: `項目${i}番号`, type: 'text' as const}))
    const many = matcher().match([...items, ...ITEMS], FIELDS, {topK: 3, fullScoringPairs: 0})
    expect(many.stats.pairsScored).toBeLessThan((items.length + ITEMS.length) * FIELDS.length / 4)
    expect(nameOf(many.byField.get('JUMIN.SEINENGAPPI')![0]!.itemId)).toBe('生年月日')
  })

  it('finds through the index alone what scoring every pair finds (tokens, readings, character bigrams, romaji trigrams)', () => {
    const items = Array.from({length: 400}, (_, i) => ({id: `9${String(i).padStart(8, '0')}`, group: 'G', name: `項目${i}番号`, type: 'text' as const}))
    const indexed = matcher().match([...items, ...ITEMS], FIELDS, {topK: 3, fullScoringPairs: 0, candidatesPerField: 3})
    for (const [ref, expected] of Object.entries(EXPECTED)) expect([ref, nameOf(indexed.byField.get(ref)![0]!.itemId)]).toEqual([ref, expected])
  })

  it('reaches an item through a shared character bigram when no word or reading is shared', () => {
    // Without the morphological analyser kanji have no reading: 民票 and 住民票コード share only the bigram 民票.
    const items = [...NOISE, {id: 'A', group: 'G', name: '住民票コード', type: 'text' as const}]
    const plain = createMatcher(loadMatchResources({analyser: false}))
    const result = plain.match(items, [{table: 'T', column: 'X1', label: '民票'}], {fullScoringPairs: 0, minScore: 0})
    expect(result.byField.get('T.X1')?.map((c) => c.itemId)).toContain('A')
  })

  it('reaches an item through a shared romaji trigram when no word is shared', () => {
    // SETAINUSH is no known word; it shares trigrams with the reading of 世帯主 (setainusi).
    const items = [...NOISE, {id: 'B', group: 'G', name: '世帯主', type: 'text' as const}]
    const result = matcher().match(items, [{table: 'T', column: 'SETAINUSH', label: ''}], {fullScoringPairs: 0, minScore: 0})
    expect(result.byField.get('T.SETAINUSH')?.map((c) => c.itemId)).toContain('B')
  })

  it('keeps the pairs of items that share an id together, as one item\'s list (best first, at most topK)', () => {
    const twins = [
      {id: 'SAME', group: '個人基本', name: '氏名', type: 'text' as const},
      {id: 'SAME', group: '個人基本', name: '生年月日', type: 'date' as const},
    ]
    const both = matcher().match(twins, FIELDS, {topK: 3})
    expect([...both.byItem.keys()]).toEqual(['SAME'])
    const list = both.byItem.get('SAME')!
    expect(list.length).toBe(3)
    expect(list.map((c) => c.score)).toEqual([...list.map((c) => c.score)].sort((a, b) => b - a))
    expect(list.map((c) => c.ref)).toEqual(expect.arrayContaining(['JUMIN.C02', 'JUMIN.SEINENGAPPI']))
  })

  it('scores every pair when the catalogue is small enough (no synonym lost to the prefilter)', () => {
    const all = matcher().match(ITEMS, FIELDS, {topK: 3})
    expect(all.stats.pairsScored).toBe(ITEMS.length * FIELDS.length)
  })
})

describe('strongest (the prefilter cut)', () => {
  it('keeps what sorting all (score down, index up) and taking the first ones keeps, in that order', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    for (let round = 0; round < 200; round++) {
      const scores = new Float64Array(60).map(() => Math.floor(random() * 8) / 4)
      const indexes = Array.from({length: 60}, (_, i) => i).filter(() => random() < 0.7).sort(() => random() - 0.5)
      const count = 1 + Math.floor(random() * 12)
      const sorted = [...indexes].sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, count)
      expect(strongest(indexes, scores, count)).toEqual(sorted)
    }
    expect(strongest([3, 1, 2], new Float64Array([0, 1, 1, 1]), 0)).toEqual([])
  })
})
