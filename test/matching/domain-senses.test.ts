import {describe, expect, it} from 'vitest'

import {DEFAULT_ACCEPT_THRESHOLD} from '../../src/matching/engine.js'
import {Lexicon} from '../../src/matching/lexicon.js'
import {matcher} from './helpers.js'

describe('English words keep this domain’s senses', () => {
  it('drops a general-language sense of a word our dictionaries define, keeping its loanword spelling', () => {
    const lexicon = new Lexicon({
      groups: [
        {id: 'e0:1', terms: ['tender', 'bid', '入札']},
        {id: 's1', terms: ['炭水車', 'テンダー', 'tender'], general: true},
        {id: 's2', terms: ['テンダー', 'tender'], general: true},
        {id: 's3', terms: ['炭水車', 'locomotive tender'], general: true},
        {id: 's4', terms: ['機関車', 'locomotive'], general: true},
      ],
      abbreviations: {},
    })
    expect(lexicon.concepts('tender').map((c) => c.id)).toEqual(['e0:1', 's2'])
    // The general group itself stays: its other words keep it.
    expect(lexicon.concepts('炭水車').map((c) => c.id)).toEqual(['s1', 's3'])
    // Words we do not define keep the general senses.
    expect(lexicon.concepts('locomotive').map((c) => c.id)).toEqual(['s4'])
  })

  it('reads tender as 入札 with the bundled dictionaries, never 炭水車', () => {
    const m = matcher()
    const terms = m.analyzer.lexicon.concepts('tender').flatMap((c) => m.analyzer.lexicon.japaneseTerms(c.id))
    expect(terms).toContain('入札')
    expect(terms).not.toContain('炭水車')
    const result = m.match(
      [
        {id: 'X1', group: '契約', name: '入札番号', type: 'text'},
        {id: 'X2', group: '契約', name: '炭水車番号', type: 'text'},
        {id: 'X3', group: '契約', name: '入札日', type: 'date'},
      ],
      [{table: 'CONTRACT', column: 'TENDER_DATE', label: ''}, {table: 'CONTRACT', column: 'tender_no', label: ''}],
    )
    expect(result.byField.get('CONTRACT.TENDER_DATE')?.[0]?.itemId).toBe('X3')
    const numbers = result.byField.get('CONTRACT.tender_no') ?? []
    expect(numbers[0]?.itemId).toBe('X1')
    expect(numbers.find((c) => c.itemId === 'X2')?.score ?? 0).toBeLessThan(DEFAULT_ACCEPT_THRESHOLD)
  })
})
