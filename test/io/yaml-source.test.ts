import {describe, expect, it} from 'vitest'
import {z} from 'zod'

import {parseAndValidateYaml} from '../../src/io/yaml-source.js'

const schema = z.strictObject({at: z.string(), items: z.array(z.strictObject({id: z.string(), n: z.number()}))})

describe('parseAndValidateYaml', () => {
  it('keeps unquoted dates as text on the fast path', () => {
    expect(parseAndValidateYaml("at: 2026-10-15\nitems:\n  - {id: '001', n: 1}\n", 'x.yaml', schema)).toEqual({
      value: {at: '2026-10-15', items: [{id: '001', n: 1}]},
      problems: [],
    })
  })

  it('gives schema problems with their line', () => {
    const result = parseAndValidateYaml("at: '2026-10-15'\nitems:\n  - {id: '001', n: one}\n", 'x.yaml', schema)
    expect(result.problems).toEqual([expect.stringMatching(/^x\.yaml:3 items\[0\]\.n: /)])
  })

  it('reads anchors and aliases through the bounded parser', () => {
    const result = parseAndValidateYaml("at: &d '2026'\nitems:\n  - {id: *d, n: 2}\n", 'x.yaml', schema)
    expect(result.value).toEqual({at: '2026', items: [{id: '2026', n: 2}]})
  })

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({length: 9}, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n')
    expect(() => parseAndValidateYaml(bomb, 'bomb.yaml', schema)).toThrow(/bomb\.yaml/)
  })

  it('reports duplicate keys with a line', () => {
    expect(() => parseAndValidateYaml("at: '1'\nat: '2'\nitems: []\n", 'dup.yaml', schema)).toThrow(/dup\.yaml:2/)
  })
})
