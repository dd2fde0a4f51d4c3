import {describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {pairRecords} from '../../src/analyzers/pairing.js'
import {openReason, settleFindings} from '../../src/analyzers/settle.js'
import type {Finding} from '../../src/model/finding.js'
import {sampleInput} from '../helpers/sample-input.js'

const standard = [
  {id: '0010001', name: '住民票の写しの交付', text: '住民票の写しを交付できること'},
  {id: '0010002', name: '転居', text: '市内の住所変更'},
  {id: '0010003', name: '世帯変更と住所変更の同時処理', text: '同時に処理すること'},
]

describe('pairRecords', () => {
  it('takes a 対応表 exactly (one-to-many both ways, leading zeros restored) and proposes nothing for its rows', () => {
    const result = pairRecords(
      standard,
      [
        {id: 'A', name: '証明発行', standardIds: ['0010001', '10002']},
        {id: 'B', name: '住民票の写しの交付', standardIds: ['0010001']},
        {id: 'C', name: '独自の照会', standardIds: []},
      ],
      [],
      0.5,
    )
    expect(result.standard[0]).toEqual({state: 'confirmed', currents: [{index: 0, via: 'vendor-table'}, {index: 1, via: 'vendor-table'}]})
    expect(result.standard[1]).toEqual({state: 'confirmed', currents: [{index: 0, via: 'vendor-table'}]})
    expect(result.standard[2]!.state).toBe('none')
    expect(result.current).toEqual(['paired', 'paired', 'own'])
  })

  it('keeps a name match as a candidate only, and honours a person’s rejection and confirmation', () => {
    const current = [{id: 'X', name: '住民票写しの交付'}, {id: 'Y', name: '転居処理'}]
    const guessed = pairRecords(standard, current, [], 0.5)
    expect(guessed.standard[0]).toMatchObject({state: 'candidate', currents: [], candidate: {index: 0}})
    expect(guessed.standard[0]!.candidate!.score).toBeGreaterThan(0.5)
    expect(guessed.current).toEqual(['candidate', 'candidate'])
    const decided = pairRecords(
      standard,
      current,
      [
        {id: '0010001', entries: [{refs: ['X'], status: 'rejected'}]},
        {id: '0010002', entries: [{refs: ['Y'], status: 'confirmed'}]},
        {id: '0010003', entries: [{refs: [], status: 'no-counterpart'}]},
      ],
      0.5,
    )
    expect(decided.standard.map((s) => s.state)).toEqual(['none', 'confirmed', 'no-counterpart'])
    expect(decided.current).toEqual(['unreviewed', 'paired'])
  })
})

describe('settleFindings', () => {
  const finding = (kind: Finding['kind'], key = 'jumin:fn:0010003'): Finding => ({key, area: 'jumin', kind, severity: 'error', message: ''})

  it('settles on a decision unless it leaves a gap', () => {
    expect(openReason(finding('prohibited-in-use'), {key: 'k', verdict: 'na', policy: 'retire'})).toBeUndefined()
    expect(openReason(finding('prohibited-in-use'), {key: 'k', verdict: 'fit'})).toContain('実装不可')
    expect(openReason(finding('gap'), {key: 'k', verdict: 'gap'})).toContain('対応方針')
    expect(openReason(finding('partial'), {key: 'k', verdict: 'partial', policy: 'customize', note: 'x'})).toContain('カスタマイズ')
    expect(openReason(finding('partial'), {key: 'k', verdict: 'undecided'})).toBe('未判定')
  })

  it('settles form-field findings by their form’s decision, never edition review findings', () => {
    const decisions = new Map([
      ['jumin:form:0010001', {key: 'jumin:form:0010001', verdict: 'partial' as const, policy: 'parameter' as const}],
      ['jumin:fn:1', {key: 'jumin:fn:1', verdict: 'fit' as const}],
    ])
    const [field, review] = settleFindings([finding('form-field-missing', 'jumin:form-field:0010001:s3'), finding('needs-review', 'jumin:fn:1')], decisions)
    expect(field!.settledBy).toEqual({key: 'jumin:form:0010001', summary: '△ 部分適合 / パラメータ設定'})
    expect(review!.settledBy).toBeUndefined()
  })
})

describe('analyzeArea with candidates only', () => {
  it('gives no verdict, 重大 or 注意 from a name-only pair and counts settled findings apart', () => {
    const input = sampleInput()
    const current = {...input.current, functions: input.current.functions.map(({standardIds: _, ...fn}) => fn)}
    const guessed = analyzeArea({...input, current})
    for (const row of guessed.functions.filter((r) => r.pairing === 'candidate')) expect(row.autoVerdict).toBe('undecided')
    expect(guessed.findings.filter((f) => f.key.includes(':fn:') || f.key.includes(':cur-fn:')).every((f) => f.severity === 'info')).toBe(true)
    const settled = analyzeArea(sampleInput([{key: 'jumin:fn:0010004', verdict: 'na', policy: 'retire'}]))
    expect(settled.summary.findingsBySeverity.error).toBe(analyzeArea(sampleInput()).summary.findingsBySeverity.error - 1)
    expect(settled.summary.settledFindings).toBe(1)
  })
})
