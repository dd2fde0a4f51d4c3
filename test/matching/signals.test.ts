import {beforeAll, describe, expect, it} from 'vitest'

import type {Matcher} from '../../src/matching/engine.js'
import {
  alignmentScore,
  alignmentVia,
  alignTokens,
  descriptionSignal,
  editSimilarity,
  englishSignal,
  nameSignal,
  readingSignal,
  tokenMatch,
  TYPE_COMPAT,
  typeSignal,
} from '../../src/matching/signals.js'
import {DATA_TYPES} from '../../src/model/vocabulary.js'
import {matcher} from './helpers.js'

let m: Matcher
beforeAll(() => {
  m = matcher()
  m.analyzer.registerVocabulary(['氏名カナ', '生年月日', '住所コード', '世帯主氏名', '方書', '郵便番号'])
})
const profile = (name: string) => m.analyzer.profile(name)

describe('name signal', () => {
  it('compares normalised surfaces', () => {
    expect(nameSignal(profile('電話番号'), profile('電話番號'))).toBe(1)
    expect(nameSignal(profile('住所コード'), profile('住所 ｺｰﾄﾞ'))).toBe(1)
    expect(nameSignal(profile('氏名'), profile('住所'))).toBe(0)
    expect(nameSignal(profile('氏名'), profile('SHIMEI'))).toBeUndefined()
  })
})

describe('reading signal (romaji and kana)', () => {
  it('finds 氏名カナ, 生年月日 and 住所コード from vendor romaji', () => {
    expect(readingSignal(profile('生年月日'), profile('SEINENGAPPI'))).toBe(1)
    expect(readingSignal(profile('住所コード'), profile('JUSHO_CD'))).toBe(1)
    expect(readingSignal(profile('氏名'), profile('ｼﾒｲ'))).toBe(1)
    expect(profile('SHIMEI_KANA').qualifiers).toEqual(['カナ'])
    expect(readingSignal(profile('氏名'), profile('SHIMEI_KANA'))).toBe(1)
  })

  it('uses dictionary readings where the analyser reads differently (方書 = カタガキ)', () => {
    expect(readingSignal(profile('方書'), profile('KATAGAKI'))).toBe(1)
  })

  it('keeps loosely similar long readings low', () => {
    expect(readingSignal(profile('生年月日'), profile('KOSHIN_YMD'))!).toBeLessThan(0.6)
  })
})

describe('english signal', () => {
  it('matches English physical names to the item English name and through the dictionary', () => {
    expect(englishSignal(profile('生年月日'), profile('birth_date'), profile('birthDate'))).toBe(1)
    expect(englishSignal(profile('生年月日'), undefined, profile('date_of_birth'))!).toBeGreaterThan(0.8)
    expect(englishSignal(profile('郵便番号'), undefined, profile('zip_code'))!).toBeGreaterThan(0.8)
    expect(englishSignal(profile('生年月日'), undefined, profile('生年月日'))).toBeUndefined()
  })
})

describe('synonym signal (token alignment with dictionaries)', () => {
  const align = (a: string, b: string, table = '') => {
    const s = profile(a)
    const c = profile(b)
    return alignTokens(s.tokens, s.tokens.map(() => 1), c.tokens, c.tokens.map(() => 1), table ? profile(table).tokens : []).score
  }

  it('aligns synonyms and abbreviations (公告/公示, 年月日/日付, 番号/No, 〒)', () => {
    expect(align('公告年月日', '公示日付')).toBeGreaterThan(0.8)
    expect(align('宛名番号', '宛名No')).toBeGreaterThan(0.8)
    expect(align('郵便番号', '〒')).toBeGreaterThan(0.8)
    expect(tokenMatch(profile('性別').tokens[0]!, profile('SEX').tokens[0]!).score).toBeGreaterThan(0.8)
  })

  it('gives the same score and evidence without a result object (alignmentScore, used per pair)', () => {
    const cases: [string, string, string][] = [
      ['公告年月日', '公示日付', ''],
      ['世帯主氏名', 'NUSHI_SHIMEI', 'SETAI'],
      ['郵便番号', '〒', ''],
      ['氏名', '住所', ''],
    ]
    for (const [a, b, table] of cases) {
      const s = profile(a)
      const c = profile(b)
      const context = table ? profile(table).tokens : []
      const full = alignTokens(s.tokens, s.tokens.map(() => 1), c.tokens, c.tokens.map(() => 1), context)
      expect(alignmentScore(s.tokens, s.tokens.map(() => 1), c.tokens, c.tokens.map(() => 1), context)).toBe(full.score)
      expect(alignmentVia).toBe(full.via)
    }
    // Evidence of an earlier call does not leak into a call with no tokens.
    expect(alignmentVia).toBe(0)
    alignmentScore(profile('公告年月日').tokens, [1, 1], profile('公示日付').tokens, [1, 1], [])
    expect(alignmentVia).not.toBe(0)
    expect(alignmentScore([], [], profile('公示日付').tokens, [1, 1], [])).toBe(0)
    expect(alignmentVia).toBe(0)
  })

  it('fills words from the table name (SETAI + NUSHI_SHIMEI → 世帯主氏名)', () => {
    expect(align('世帯主氏名', 'NUSHI_SHIMEI', 'SETAI')).toBeGreaterThan(align('世帯主氏名', 'NUSHI_SHIMEI'))
  })
})

describe('description, type and edit similarity', () => {
  it('scores description overlap', () => {
    expect(descriptionSignal('住民票の記載事項に異動があった日', '住民票の記載事項に異動があった日付', 'x')!).toBeGreaterThan(0.8)
    expect(descriptionSignal(undefined, 'x', 'x')).toBeUndefined()
  })

  it('scores type and length compatibility', () => {
    expect(typeSignal('date', undefined, 'date', undefined)).toBe(1)
    expect(typeSignal('date', undefined, 'text', 8)!).toBeLessThan(1)
    expect(typeSignal('date', undefined, 'flag', 1)!).toBeLessThan(0.3)
    expect(typeSignal('text', 10, 'text', 100)!).toBeLessThan(1)
    expect(typeSignal('text', 10, undefined, undefined)).toBeUndefined()
    // Every pair of types scores as the table says, written either way round (0.15 when it says nothing).
    for (const a of DATA_TYPES)
      for (const b of DATA_TYPES)
        expect(typeSignal(a, undefined, b, undefined), `${a} ← ${b}`).toBe(a === b ? 1 : (TYPE_COMPAT[`${a}|${b}`] ?? TYPE_COMPAT[`${b}|${a}`] ?? 0.15))
  })

  it('edit similarity is 1 − normalised distance', () => {
    expect(editSimilarity('abcd', 'abcd')).toBe(1)
    expect(editSimilarity('abcd', 'abce')).toBe(0.75)
  })
})
