/** Name similarity of short Japanese titles (functions, forms, printed items): folding, bigram Dice, containment. */
import {describe, expect, it} from 'vitest'

import {foldName, nameProfile, profileSimilarity} from '../../src/analyzers/name-similarity.js'

const similarity = (a: string, b: string) => profileSimilarity(nameProfile(a), nameProfile(b))

describe('foldName', () => {
  it('folds width, case and hiragana, and drops punctuation, spaces and filler words', () => {
    expect(foldName('住民票の写し（交付）')).toBe('住民票写シ交付')
    expect(foldName('ＡＢＣ　機能・処理')).toBe('abc')
    expect(foldName('転出証明書に係る[再]発行 ー 〜')).toBe('転出証明書再発行')
    expect(foldName('「宛名」番号、。,.:：-―‐−~')).toBe('宛名番号')
    expect(foldName('ぁゖ')).toBe('ァヶ')
  })
})

describe('profileSimilarity', () => {
  it('is 0 with an empty name, 1 for the same folded name', () => {
    expect(similarity('', '住民票')).toBe(0)
    expect(similarity('住民票', '・')).toBe(0)
    expect(similarity('住民票の写し', '住民票写し')).toBe(1)
  })

  it('is the bigram Dice coefficient, counting repeated bigrams once per occurrence', () => {
    // 住民票発行 {住民 民票 票発 発行} / 住民税発行 {住民 民税 税発 発行}: 2 shared of 4 + 4.
    expect(similarity('住民票発行', '住民税発行')).toBe(0.5)
    // ああああ (アア ×3) / ああい (アア, アイ): 1 shared of 3 + 2.
    expect(similarity('ああああ', 'ああい')).toBeCloseTo(0.4, 10)
    // A single character is its own gram.
    expect(similarity('票', '税')).toBe(0)
  })

  it('rates one title inside the other by how much of the longer one it covers', () => {
    // 住民票写シ (5) inside 住民票写シ交付 (7): 0.5 + 5/7/2.
    expect(similarity('住民票の写し', '住民票の写し交付')).toBeCloseTo(0.5 + 5 / 7 / 2, 10)
    expect(similarity('住民票の写し交付', '住民票の写し')).toBeCloseTo(0.5 + 5 / 7 / 2, 10)
    expect(nameProfile('住民票').size).toBe(2)
  })
})
