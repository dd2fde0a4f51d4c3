import {describe, expect, it} from 'vitest'

import {buildReason} from '../../src/matching/reason.js'

const base = {qualifierFactor: 1, itemQualifiers: [], fieldQualifiers: [], via: 0, itemGroup: '個人基本', table: 'JUMIN'}

describe('buildReason', () => {
  it('says the types and lengths fit only when the current field is not longer', () => {
    expect(buildReason({...base, signals: {name: 1, type: 1}})).toContain('型・桁も適合')
    const longer = buildReason({...base, signals: {name: 1, type: 1}, longerField: {field: 120, item: 100}})
    expect(longer).toContain('現行の桁 (120) が標準 (100) より長い: 切り捨てに注意')
    expect(longer).not.toContain('型・桁も適合')
  })
})
