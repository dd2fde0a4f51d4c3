import {describe, expect, it} from 'vitest'

import {charClass, cp932Bytes} from '../../src/data/characters.js'
import {parseDateValue} from '../../src/data/dates.js'
import {columnProblems} from '../../src/data/problems.js'
import {ColumnProfiler, dateShape, maskAround} from '../../src/data/profile.js'

const profile = (values: string[], target: Partial<ConstructorParameters<typeof ColumnProfiler>[0]> = {}) => {
  const p = new ColumnProfiler({column: 'C', ref: 'T.C', itemId: '1', itemName: '項目', itemType: 'text', ...target})
  for (const v of values) p.add(v)
  return p.result()
}

describe('charClass', () => {
  it.each([
    ['A', undefined],
    ['山', undefined],
    ['ー', undefined],
    ['～', undefined], // CP932's wave dash is the JIS X 0208 one
    ['鷗', 'jis0213'],
    ['𩸽', 'jis0213'],
    ['\uE000', 'pua'],
    ['𠮷', 'other'],
    ['髙', 'other'], // an IBM extension of CP932, in neither JIS set
    ['ｼ', 'halfKana'],
    ['\u{E0100}', 'ivs'],
  ])('%s → %s', (ch, cls) => {
    expect(charClass(ch.codePointAt(0)!)).toBe(cls)
  })

  it('counts CP932 bytes: 1 for ASCII and half-width kana, 2 otherwise', () => {
    expect([...'Aｼ山'].map((c) => cp932Bytes(c.codePointAt(0)!))).toEqual([1, 1, 2])
  })
})

describe('parseDateValue', () => {
  it.each([
    ['20240229', 'date', false],
    ['2024-02-29', 'date', false],
    ['2024/2/9', 'date', false],
    ['3450102', 'date', true],
    ['S450102', 'date', true],
    ['H01.01.08', 'date', true],
    ['令和元年5月1日', 'date', true],
    ['R010501', 'date', true],
    ['202402', 'yearMonth', false],
    ['H3104', 'yearMonth', true],
    ['2024-02-29 13:05:00', 'datetime', false],
  ] as const)('%s (%s) parses, 和暦 %s', (raw, target, wareki) => {
    expect(parseDateValue(raw, target)).toMatchObject({wareki})
  })

  it.each([
    ['20230229', 'date'], // not a leap year
    ['00000000', 'date'],
    ['H310501', 'date'], // 平成31年5月1日 does not exist: it is 令和元年
    ['S640108', 'date'], // 昭和64年は1月7日まで
    ['R0104', 'yearMonth'], // 令和 began in May 2019
    ['不詳', 'date'],
    ['2024-02-29 25:00', 'datetime'],
  ] as const)('%s (%s) does not parse', (raw, target) => {
    expect(parseDateValue(raw, target)).toBeUndefined()
  })
})

describe('ColumnProfiler', () => {
  it('counts rows, empties and the longest value in characters and CP932 bytes against 桁数', () => {
    const result = profile(['山田', '', '  ', 'ABCDE', '山田太郎花子'], {length: 5})
    expect(result).toMatchObject({rows: 5, empty: 2, maxChars: 6, maxBytes: 12, overLength: 1})
  })

  it('counts values outside the standard code list, keeping only code-like values', () => {
    const result = profile(['01', '02', '99', '99', '山田太郎', ''], {itemType: 'code', codes: new Set(['01', '02'])})
    expect(result.codes).toEqual({outside: 3, values: [{value: '99', count: 2}, {value: '(4文字の値)', count: 1}], more: false})
    expect(profile(['01'], {itemType: 'code'}).codes).toBeUndefined() // no list: nothing to compare
  })

  it('counts 和暦 and dates that do not parse, with their shape only', () => {
    const result = profile(['S450102', '19700102', 'H310501', '不詳', '不詳'], {itemType: 'date'})
    expect(result.dates).toEqual({wareki: 1, unparsed: {count: 3, examples: ['A999999', '○○']}})
  })

  it('counts 外字, JIS X 0213, other characters and half-width kana per value, with masked examples', () => {
    const result = profile(['髙橋\uE000子', '鷗外', '𠮷田', 'ﾔﾏﾀﾞ', '\uE000\uE000'])
    expect(result.chars.pua).toMatchObject({count: 2, distinct: [{char: '\uE000', codePoint: 'U+E000', count: 3}]})
    expect(result.chars.pua!.examples[0]).toBe('○○\uE000○ (U+E000)')
    expect(result.chars.jis0213).toMatchObject({count: 1, distinct: [{char: '鷗', count: 1}]})
    expect(result.chars.other!.count).toBe(2) // 髙 and 𠮷
    expect(result.chars.halfKana).toMatchObject({count: 1, examples: []})
    const problems = columnProblems(result)
    expect(problems.map((p) => `${p.kind}:${p.count}:${p.attention}`)).toEqual(['jis0213:1:false', 'pua:2:true', 'other:2:true', 'halfKana:1:false'])
  })

  it('never keeps a value as it was', () => {
    const json = JSON.stringify(profile(['山田\uE000太郎', 'S45.01.99', '東京都千代田区霞が関1-2-3'], {itemType: 'date', length: 4}))
    for (const secret of ['山田', '太郎', '東京都', 'S45.01.99']) expect(json).not.toContain(secret)
  })

  it('masks around the odd character', () => {
    expect(maskAround([...'一二三四五六七八九'], 4)).toBe('…○○○五○○○… (U+4E94)')
    expect(maskAround([...'一二'], 0)).toBe('一○ (U+4E00)')
    expect(dateShape('昭和45年1月2日')).toBe('昭和99年9月9日')
  })
})
