import {beforeEach, describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {sampleInput} from '../helpers/sample-input.js'

describe('analyzeArea', () => {
  // Computed in beforeEach, not while collecting: Stryker activates a mutant only once the tests run.
  let analysis: ReturnType<typeof analyzeArea>
  let kinds: Set<string>
  beforeEach(() => {
    analysis = analyzeArea(sampleInput())
    kinds = new Set(analysis.findings.map((f) => f.kind))
  })
  const fn = (id: string) => analysis.functions.find((r) => r.fn.id === id)!

  it('gives every standard function a verdict from the current function list', () => {
    expect(fn('0010001')).toMatchObject({autoVerdict: 'fit', pairing: 'confirmed', currents: [{fn: {id: 'K01'}, via: 'vendor-table'}]})
    expect(fn('0010002').autoVerdict).toBe('fit')
    expect(fn('0010003').autoVerdict).toBe('undecided')
    expect(fn('0010004').autoVerdict).toBe('gap')
    expect(fn('0010005').autoVerdict).toBe('na')
    expect(fn('0010006').autoVerdict).toBe('undecided')
  })

  it('reports a 実装不可機能 in use as its own error finding', () => {
    const finding = analysis.findings.find((f) => f.kind === 'prohibited-in-use')
    expect(finding).toMatchObject({key: 'jumin:fn:0010004', severity: 'error', currentRef: 'K03'})
    expect(finding?.message).toContain('業務の見直し')
  })

  it('diffs the printed items of matched forms: renamed, reordered, missing, extra', () => {
    const rows = analysis.formFields.filter((r) => r.formId === '0010001')
    const byChange = Object.fromEntries(['same', 'renamed', 'reordered', 'missing', 'extra'].map((c) => [c, rows.filter((r) => r.change === c).length]))
    expect(byChange).toEqual({same: 1, renamed: 1, reordered: 1, missing: 1, extra: 1})
    expect(rows.find((r) => r.change === 'renamed')).toMatchObject({standard: {field: {name: '氏名'}}, current: {field: {name: 'カナ氏名'}}})
    expect(rows.find((r) => r.change === 'missing')?.standard?.field.name).toBe('本籍')
    expect(analysis.forms.find((f) => f.form.id === '0010002')?.autoVerdict).toBe('undecided')
  })

  it('derives the conversions of confirmed data items: truncation is an error, a code table to make a warning', () => {
    const name = analysis.findings.find((f) => f.key === 'jumin:item:001001002:length:JUMIN.SHIMEI')
    expect(name?.severity).toBe('error')
    expect(analysis.findings.find((f) => f.key === 'jumin:item:001001004:code:JUMIN.JUSHO')?.severity).toBe('warning')
    const birth = analysis.findings.filter((f) => f.standardRef === '001001003').map((f) => f.kind)
    expect(birth).toEqual(expect.arrayContaining(['format', 'required'])) // X(8) → DATE: YYYYMMDD
    expect(analysis.dataItems.find((r) => r.item.id === '001001003')?.conversions.map((c) => c.kind)).toEqual(['format'])
    expect(analysis.dataItems.find((r) => r.item.id === '001001001')?.conversions.map((c) => c.kind)).toEqual(['none'])
    expect(analysis.dataItems.find((r) => r.item.id === '001001005')?.state).toBe('no-counterpart')
  })

  it('keeps the risks of an unconfirmed suggestion at information level', () => {
    const input = sampleInput()
    const suggested = analyzeArea({
      ...input,
      fieldLinks: input.fieldLinks.map((l) => (l.itemId === '001001002' ? {...l, status: 'suggested' as const, score: 0.8} : l)),
    })
    expect(suggested.dataItems.find((r) => r.item.id === '001001002')).toMatchObject({state: 'suggested', autoVerdict: 'undecided'})
    expect(suggested.findings.find((f) => f.key === 'jumin:item:001001002:length:JUMIN.SHIMEI')?.severity).toBe('info')
  })

  it('never shows a suggestion below the accept threshold as the item\'s 候補; the best one above it wins', () => {
    const input = sampleInput()
    const others = input.fieldLinks.filter((l) => l.itemId !== '001001002')
    const low = analyzeArea({...input, fieldLinks: [...others, {itemId: '001001002', fieldRef: 'JUMIN.SHIMEI', status: 'suggested', score: 0.47}]})
    expect(low.dataItems.find((r) => r.item.id === '001001002')).toMatchObject({state: 'unmapped', fields: []})
    expect(low.currentOnly.map((r) => r.ref)).toContain('JUMIN.SHIMEI')
    const ranked = analyzeArea({
      ...input,
      fieldLinks: [
        ...others,
        {itemId: '001001002', fieldRef: 'JUMIN.JUSHO', status: 'suggested', score: 0.61},
        {itemId: '001001002', fieldRef: 'JUMIN.SHIMEI', status: 'suggested', score: 0.9},
      ],
    })
    expect(ranked.dataItems.find((r) => r.item.id === '001001002')?.fields.map((f) => f.field.column)).toEqual(['SHIMEI'])
  })

  it('links a column to one item only by default, and says why the other item has none', () => {
    const input = sampleInput()
    const others = input.fieldLinks.filter((l) => l.itemId !== '001001002' && l.itemId !== '001001006')
    const result = analyzeArea({
      ...input,
      fieldLinks: [
        ...others,
        {itemId: '001001002', fieldRef: 'JUMIN.SHIMEI', status: 'suggested', score: 0.9},
        {itemId: '001001006', fieldRef: 'JUMIN.SHIMEI', status: 'suggested', score: 0.7},
      ],
    })
    const row = (id: string) => result.dataItems.find((r) => r.item.id === id)!
    expect(row('001001002').state).toBe('suggested')
    expect(row('001001006')).toMatchObject({state: 'unmapped', fields: []})
    expect(row('001001006').reason).toContain('JUMIN.SHIMEI は 001001002')
  })

  it('adds up the lengths of several fields confirmed for one item, as map check does', () => {
    const input = sampleInput()
    const current = {
      ...input.current,
      fields: [
        ...input.current.fields.filter((f) => f.column !== 'SHIMEI'),
        {table: 'JUMIN', column: 'SEI', label: '氏', type: 'text' as const, length: 60, required: true},
        {table: 'JUMIN', column: 'MEI', label: '名', type: 'text' as const, length: 60, required: true},
      ],
    }
    const fieldLinks = [
      ...input.fieldLinks.filter((l) => l.itemId !== '001001002'),
      {itemId: '001001002', fieldRef: 'JUMIN.SEI', status: 'confirmed' as const},
      {itemId: '001001002', fieldRef: 'JUMIN.MEI', status: 'confirmed' as const},
    ]
    const result = analyzeArea({...input, current, fieldLinks})
    const length = result.findings.filter((f) => f.standardRef === '001001002' && f.kind === 'length')
    expect(length).toHaveLength(1)
    expect(length[0]).toMatchObject({severity: 'error'})
    expect(length[0]!.message).toContain('JUMIN.SEI+JUMIN.MEI')
    expect(result.findings.find((f) => f.standardRef === '001001002' && f.kind === 'combine')?.severity).toBe('warning')
  })

  it('warns when a confirmed current field is no longer in the imported definitions', () => {
    const input = sampleInput()
    const result = analyzeArea({...input, fieldLinks: [...input.fieldLinks, {itemId: '001001006', fieldRef: 'JUMIN.GONE', status: 'confirmed'}]})
    expect(result.findings.find((f) => f.currentRef === 'JUMIN.GONE')).toMatchObject({severity: 'warning', kind: 'item-unmapped'})
  })

  it('lists current-only functions, forms and fields, never dropping them', () => {
    const refs = analysis.currentOnly.map((r) => `${r.type}:${r.ref}`)
    expect(refs).toEqual(['function:K09', 'form:C99', 'field:JUMIN.KEIRO_FLG'])
    for (const kind of ['extra-function', 'extra-form', 'extra-field', 'form-missing', 'item-unmapped', 'option-undecided']) expect(kinds).toContain(kind)
  })

  it('lets a recorded decision override the inferred verdict and counts it in the summary', () => {
    const decided = analyzeArea(sampleInput([{key: 'jumin:fn:0010006', verdict: 'fit', policy: 'bpr', note: '統計は手作業をやめる'}]))
    const row = decided.functions.find((r) => r.fn.id === '0010006')!
    expect(row).toMatchObject({autoVerdict: 'undecided', verdict: 'fit'})
    // By hand: ○○○× judged, 5 of 6 decided (was ○○×, 4 of 6).
    expect([decided.summary.fitRate, decided.summary.decidedRate]).toEqual([0.75, 0.833])
    expect(decided.summary.functionsByVerdict.fit).toBe(analysis.summary.functionsByVerdict.fit + 1)
  })

  it('has stable unique keys and sorted findings', () => {
    const again = analyzeArea(sampleInput())
    expect(JSON.stringify(again.findings)).toBe(JSON.stringify(analysis.findings))
    const rowKeys = [...analysis.functions, ...analysis.forms, ...analysis.dataItems, ...analysis.currentOnly, ...analysis.formFields].map((r) => r.key)
    expect(new Set(rowKeys).size).toBe(rowKeys.length)
    // ○ ○ × judged among six: 2 / 3; 判定済み 4 of 6.
    expect([analysis.summary.fitRate, analysis.summary.decidedRate]).toEqual([0.667, 0.667])
  })
})
