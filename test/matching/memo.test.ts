import {describe, expect, it} from 'vitest'

import {remember} from '../../src/matching/memo.js'

describe('remember', () => {
  it('stores and returns the value, and empties the memo once it holds its bound', () => {
    const memo = new Map<string, number>()
    expect(remember(memo, 'a', 1, 2)).toBe(1)
    remember(memo, 'b', 2, 2)
    expect([...memo]).toEqual([['a', 1], ['b', 2]])
    expect(remember(memo, 'c', 3, 2)).toBe(3)
    expect([...memo]).toEqual([['c', 3]])
  })
})
