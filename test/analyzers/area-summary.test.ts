/**
 * The headline figures of one 業務 (サマリー, analyze --json): 未着手 / 分析中 / 判定完了, form and data-item counts,
 * the issue-register entries, the order of findings, and what a carried decision leaves to review.
 */
import {beforeEach, describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import type {CarryRow} from '../../src/analyzers/carry-over.js'
import type {AreaInput} from '../../src/analyzers/inputs.js'
import type {Decision} from '../../src/model/decision.js'
import type {Severity} from '../../src/model/finding.js'
import {sampleInput} from '../helpers/sample-input.js'

/** The sample catalogue (6 functions, 2 forms, 6 data items) with nothing imported. */
const nothingImported = (decisions: Decision[] = []): AreaInput => ({
  ...sampleInput(decisions),
  current: {area: 'jumin', sources: [], fields: [], forms: [], functions: []},
  fieldLinks: [],
  noCounterpart: new Set(),
  formPairs: [],
})
const fnIds = ['0010001', '0010002', '0010003', '0010004', '0010005', '0010006']
const decided = (ids: string[]): Decision[] => ids.map((id) => ({key: `jumin:fn:${id}`, verdict: 'na'}))

describe('analyzeArea: status', () => {
  it('is 未着手 with nothing imported and nothing decided', () => {
    expect(analyzeArea(nothingImported()).summary.status).toBe('not-started')
  })

  it('is 分析中 once one function is decided, even before any import, and 判定完了 when all are', () => {
    expect(analyzeArea(nothingImported(decided(['0010001']))).summary.status).toBe('in-progress')
    expect(analyzeArea(nothingImported(decided(fnIds))).summary.status).toBe('done')
  })

  it('is 分析中 after an import while a function is 未判定, 判定完了 when none is, and never done without functions', () => {
    expect(analyzeArea(sampleInput()).summary.status).toBe('in-progress')
    expect(analyzeArea(sampleInput(decided(['0010003', '0010006']))).summary.status).toBe('done')
    const input = sampleInput()
    expect(analyzeArea({...input, catalog: {...input.catalog, functions: []}}).summary.status).toBe('in-progress')
  })
})

describe('analyzeArea: figures', () => {
  // Computed in beforeEach, not while collecting: Stryker activates a mutant only once the tests run.
  let analysis: ReturnType<typeof analyzeArea>
  beforeEach(() => {
    analysis = analyzeArea(sampleInput())
  })

  it('counts forms by verdict and data items by state (hand-counted from the sample)', () => {
    // 0010001 is paired with C01 and differs in four printed items (△); 0010002 has no current form (未判定).
    expect(analysis.summary.formsByVerdict).toEqual({fit: 0, partial: 1, gap: 0, na: 0, undecided: 1})
    // Five confirmed links, one item marked 対応なし.
    expect(analysis.summary.dataItemsByState).toEqual({confirmed: 5, suggested: 0, 'no-counterpart': 1, unmapped: 0})
    expect(analysis.summary.mappedRate).toBe(0.833)
    expect(analysis.summary.currentOnly).toBe(3)
  })

  it('gives rates of 0 (not NaN) when there is nothing to count', () => {
    const input = sampleInput()
    const empty = analyzeArea({...input, catalog: {...input.catalog, functions: [], dataItems: []}, fieldLinks: []}).summary
    expect([empty.mappedRate, empty.decidedRate, empty.fitRate]).toEqual([0, 0, null])
  })

  it('lists findings by severity, then by key', () => {
    const order: Record<Severity, number> = {error: 0, warning: 1, info: 2}
    const pairs = analysis.findings.map((f) => [order[f.severity], f.key] as const)
    const sorted = [...pairs].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    expect(pairs).toEqual(sorted)
    expect(pairs.slice(0, 2)).toEqual([
      [0, 'jumin:fn:0010004'],
      [0, 'jumin:item:001001002:length:JUMIN.SHIMEI'],
    ])
    expect(new Set(pairs.map((p) => p[0]))).toEqual(new Set([0, 1, 2]))
  })

  it('keeps the issue-register entries (担当課・期限・状態) apart from the decisions on rows', () => {
    const issue: Decision = {key: 'jumin:issue:fn:0010004', department: '市民課', state: 'doing'}
    const row: Decision = {key: 'jumin:fn:0010004', verdict: 'na', policy: 'retire'}
    const tracked = analyzeArea(sampleInput([issue, row]))
    expect([...tracked.tracking]).toEqual([[issue.key, issue]])
    expect(analysis.tracking.size).toBe(0)
  })
})

describe('analyzeArea: carried decisions', () => {
  const carry = (outcome: CarryRow['outcome'], extra: Partial<CarryRow> = {}): CarryRow => ({
    area: 'jumin',
    key: 'jumin:fn:0010001',
    newKey: 'jumin:fn:0010001',
    type: 'function',
    fromEdition: 'v1',
    toEdition: 'v2',
    fromId: '0010001',
    toId: '0010001',
    name: '住民記録',
    outcome,
    decision: {key: 'jumin:fn:0010001', verdict: 'fit'},
    changes: [],
    ...extra,
  })

  it('makes no finding of a carried or renumbered decision, and keeps an absent carry-over empty', () => {
    const plain = analyzeArea(sampleInput())
    expect(plain.carryOver).toEqual([])
    const carried = analyzeArea({...sampleInput(), carryOver: [carry('carried'), carry('renumbered', {newKey: 'jumin:fn:0010099', toId: '0010099'})]})
    expect(carried.findings).toEqual(plain.findings)
  })

  it('names every changed attribute of a requirement to review', () => {
    const changes = [
      {attribute: 'kind', label: '実装区分', from: 'mandatory', to: 'prohibited'},
      {attribute: 'text', label: '要件', from: 'a', to: 'b'},
    ] as unknown as CarryRow['changes']
    const [review] = analyzeArea({...sampleInput(), carryOver: [carry('review', {changes})]}).findings.filter((f) => f.kind === 'needs-review')
    expect(review!.message).toBe('0010001 住民記録: v1 で判定済みだが v2 で要件が変わった (実装区分・要件)。判定し直す')
  })
})
