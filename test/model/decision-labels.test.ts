import {describe, expect, it} from 'vitest'

import {parsePolicy, parseVerdict} from '../../src/model/decision.js'

describe('判定 and 対応方針 as people type them', () => {
  it.each([
    ['○ 適合', 'fit'],
    ['〇 適合', 'fit'],
    ['◯適合', 'fit'],
    ['適合', 'fit'],
    ['○', 'fit'],
    ['△部分適合', 'partial'],
    ['× 不適合 ', 'gap'],
    ['- 対象外', 'na'],
    ['ー対象外', 'na'],
    ['未判定', 'undecided'],
    ['gap', 'gap'],
  ])('%s → %s', (raw, verdict) => expect(parseVerdict(raw)).toBe(verdict))

  it('rejects what is not a 判定', () => {
    expect(parseVerdict('適号')).toBeUndefined()
    expect(parseVerdict('')).toBeUndefined()
  })

  it('reads 対応方針 labels and keys', () => {
    expect(parsePolicy('業務運用の見直し')).toBe('bpr')
    expect(parsePolicy('カスタマイズ (理由必須)')).toBe('customize')
    expect(parsePolicy('カスタマイズ')).toBe('customize')
    expect(parsePolicy('標準どおり')).toBe('as-standard')
  })
})
