import {describe, expect, it} from 'vitest'

import {keepComments} from '../../src/mapping/keep-comments.js'

const OPTIONS = {lineWidth: 0, flowCollectionPadding: false}

describe('keepComments', () => {
  const before = `# header
version: 1
area: jumin
items:
  - item: '001'
    entries:
      # 山田: 目視で確認
      - refs: [T.A]
        status: confirmed # 窓口で確認済み
  - item: '002'
    entries: []
`
  const fresh = `# header
version: 1
area: jumin
items:
  - item: '000'
    entries:
      - refs: [T.Z]
        status: suggested
  - item: '001'
    entries:
      - refs: [T.B]
        status: suggested
      - refs: [T.A]
        status: confirmed
  - item: '002'
    entries: []
`
  it('keeps each comment with the entry it was written on, wherever that entry moved', () => {
    const out = keepComments(before, fresh, OPTIONS)
    expect(out).toMatch(/# 山田: 目視で確認\n\s+- refs: \[T\.A\]\n\s+status: confirmed # 窓口で確認済み/)
    expect(out).toContain("- item: '000'")
    expect(out).toMatch(/- refs: \[T\.B\]\n\s+status: suggested\n/)
  })

  it('returns the canonical text itself when the old file had no comments of its own', () => {
    expect(keepComments(before.replace(/ *#.*\n/g, '\n').replace(/\n\n/g, '\n'), fresh, OPTIONS)).toBe(fresh)
  })
})
