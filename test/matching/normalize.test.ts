import {describe, expect, it} from 'vitest'

import {bigramDice, compactName, gramCodes, hiraganaToKatakana, normalizeName, normalizeText, qualifierAgreement} from '../../src/matching/normalize.js'
import {kanaToRomajiKey, looksLikeRomaji, romajiKey} from '../../src/matching/romaji.js'

describe('normalizeText', () => {
  it('folds width with NFKC (ｶﾞ→ガ, Ａ１→A1)', () => {
    expect(normalizeText('ｶﾞｯｺｳ')).toBe('ガッコウ')
    expect(normalizeText('Ａ１')).toBe('A1')
  })

  it('turns dash variants after kana into the long vowel mark, elsewhere into a hyphen', () => {
    for (const dash of ['‐', '−', '―', '–', '—', '－', 'ｰ']) expect(normalizeText(`コ${dash}ド`)).toBe('コード')
    expect(normalizeText('A−B')).toBe('A-B')
  })

  it('unifies tildes and converts hiragana to katakana', () => {
    expect(normalizeText('1〜3')).toBe('1~3')
    expect(normalizeText('1～3')).toBe('1~3')
    expect(hiraganaToKatakana('しめい')).toBe('シメイ')
    expect(normalizeText('ふりがな')).toBe('フリガナ')
  })

  it('maps old and variant kanji to the common form', () => {
    expect(normalizeText('髙橋')).toBe('高橋')
    expect(normalizeText('山﨑')).toBe('山崎')
    expect(normalizeText('渡邊')).toBe('渡辺')
    expect(normalizeText('齋藤')).toBe('斎藤')
    expect(normalizeText('電話番號')).toBe('電話番号')
  })

  it('keeps IVS sequences and private-use characters instead of crashing', () => {
    const ivs = '葛\u{E0100}城'
    expect(() => normalizeText(ivs)).not.toThrow()
    expect(normalizeText('\uE000氏名')).toContain('\uE000')
  })
})

describe('normalizeName', () => {
  it('keeps bracket suffixes as qualifiers', () => {
    expect(normalizeName('氏名（カナ）')).toMatchObject({base: '氏名', qualifiers: ['カナ']})
    expect(normalizeName('氏名(ｶﾅ)')).toMatchObject({base: '氏名', qualifiers: ['カナ']})
    expect(normalizeName('氏名【フリガナ】')).toMatchObject({base: '氏名', qualifiers: ['カナ']})
    expect(normalizeName('氏名（漢字）')).toMatchObject({base: '氏名', qualifiers: ['漢字']})
    expect(normalizeName('市区町村(郡)')).toMatchObject({base: '市区町村', qualifiers: ['郡']})
  })

  it('reads a trailing or leading カナ word as the same qualifier', () => {
    expect(normalizeName('氏名カナ')).toMatchObject({base: '氏名', qualifiers: ['カナ']})
    expect(normalizeName('ﾌﾘｶﾞﾅ 氏名')).toMatchObject({base: '氏名', qualifiers: ['カナ']})
    expect(normalizeName('カナ')).toMatchObject({base: 'カナ', qualifiers: []})
  })

  it('drops spaces, 中黒 and footnote marks but keeps the raw name', () => {
    const name = normalizeName('世帯主・氏名 (*1)')
    expect(name.base).toBe('世帯主氏名')
    expect(name.raw).toBe('世帯主・氏名 (*1)')
    expect(compactName('住所　コード')).toBe('住所コード')
  })
})

describe('qualifierAgreement', () => {
  it('penalises カナ on one side more than 漢字', () => {
    expect(qualifierAgreement(['カナ'], ['カナ'])).toBe(1)
    expect(qualifierAgreement([], ['カナ'])).toBeLessThan(qualifierAgreement([], ['漢字']))
  })
})

describe('romaji keys', () => {
  it('fold Hepburn, Kunrei and long vowels together', () => {
    for (const spelling of ['JUSHO', 'JUUSHO', 'ZYUSYO', 'JYUSHO']) expect(romajiKey(spelling)).toBe(kanaToRomajiKey('ジュウショ'))
    expect(romajiKey('SIMEI')).toBe(romajiKey('SHIMEI'))
    expect(romajiKey('TUDUKIGARA')).toBe(kanaToRomajiKey('ツヅキガラ'))
    expect(kanaToRomajiKey('ｾｲﾈﾝｶﾞｯﾋﾟ')).toBe(romajiKey('SEINENGAPPI'))
  })

  it('tells romaji-looking words from English ones', () => {
    expect(looksLikeRomaji('seinengappi')).toBe(true)
    expect(looksLikeRomaji('birth')).toBe(false)
  })
})

describe('bigramDice', () => {
  it('is 1 for equal strings and in [0,1] otherwise', () => {
    expect(bigramDice('住所', '住所')).toBe(1)
    expect(bigramDice('生年月日', '年月日')).toBeCloseTo(0.8)
    expect(bigramDice('氏名', '住所')).toBe(0)
  })
})

describe('gramCodes', () => {
  it('codes the bigrams of code points (surrogate pairs as one character, lone surrogates as themselves), sorted', () => {
    const reference = (text: string): number[] => {
      const points = Array.from(text, (ch) => ch.codePointAt(0)!)
      if (points.length === 1) return [points[0]! * 0x20_00_00 + 0x20_00_00 - 1]
      return points.slice(1).map((p, i) => points[i]! * 0x20_00_00 + p).sort((a, b) => a - b)
    }
    for (const text of ['', '氏', '氏名', '𠮷野家', '𠮷', 'a𠮷b\uD800c', '\uDC00\uD800', '住民票コード'])
      expect([...gramCodes(text)]).toEqual(reference(text))
  })
})
