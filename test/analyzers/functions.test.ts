import {beforeEach, describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {analyzeFunctions} from '../../src/analyzers/functions.js'
import type {AreaInput} from '../../src/analyzers/inputs.js'
import type {FunctionReq} from '../../src/model/catalog.js'
import type {CurrentFunction} from '../../src/model/current.js'
import type {Decision} from '../../src/model/decision.js'
import {sampleInput} from '../helpers/sample-input.js'

type Kind = FunctionReq['kind']

/** 業務 whose standard functions and current functions are given by name (same name: paired by the vendor's 対応表). */
function input(standard: [id: string, name: string, kind: Kind][], current: [id: string, name: string, inUse: boolean][], decisions: Decision[] = []): AreaInput {
  const base = sampleInput(decisions)
  const fn = (id: string, name: string, kind: Kind) => ({...base.catalog.functions[0]!, id, name, text: `${name}ができること。`, kind})
  return {
    ...base,
    catalog: {...base.catalog, functions: standard.map(([id, name, kind]) => fn(id, name, kind))},
    // The vendor's 対応表 names the standard function of the same name: a confirmed pair.
    current: {
      ...base.current,
      functions: current.map(([id, name, inUse]): CurrentFunction => ({id, name, inUse, standardIds: standard.filter((s) => s[1] === name).map((s) => s[0])})),
    },
  }
}

const key = (id: string) => `jumin:fn:${id}`

describe('analyzeFunctions: the inferred verdict', () => {
  // Computed in beforeEach, not while collecting: Stryker activates a mutant only once the tests run.
  let result: ReturnType<typeof analyzeFunctions>
  beforeEach(() => {
    result = analyzeFunctions(
    input(
      [
        ['0000001', '住民票の発行', 'mandatory'],
        ['0000002', '転入届の受付', 'mandatory'],
        ['0000003', '人口統計の作成', 'mandatory'],
        ['0000004', '独自様式の証明書', 'prohibited'],
        ['0000005', '手書き台帳の保管', 'prohibited'],
        ['0000006', '旧住所の手入力', 'prohibited'],
        ['0000007', '広域交付', 'optional'],
        ['0000008', 'コンビニ交付', 'optional'],
      ],
      [
        ['K1', '住民票の発行', true],
        ['K2', '転入届の受付', false],
        ['K4', '独自様式の証明書', true],
        ['K6', '旧住所の手入力', false],
        ['K7', '広域交付', true],
      ],
    ),
  )
  })
  const row = (id: string) => result.rows.find((r) => r.fn.id === id)!
  const finding = (id: string) => result.findings.find((f) => f.key === key(id))!

  it('a mandatory function in use is ○; present but unused is △; absent from the list is 未判定, not ×', () => {
    expect(row('0000001')).toMatchObject({autoVerdict: 'fit', verdict: 'fit', pairing: 'confirmed', currents: [{fn: {id: 'K1'}}]})
    expect(row('0000002')).toMatchObject({autoVerdict: 'partial', currents: [{fn: {id: 'K2'}}]})
    expect(row('0000002').reason).toContain('使っていない')
    expect(row('0000003')).toMatchObject({autoVerdict: 'undecided', currents: []})
    expect(finding('0000003')).toMatchObject({kind: 'undecided', severity: 'info'})
  })

  it('a 実装不可 function not in use (or absent) is 対象外, never a gap; in use it is × and an error', () => {
    expect(row('0000005').autoVerdict).toBe('na')
    expect(row('0000006')).toMatchObject({autoVerdict: 'na', currents: [{fn: {id: 'K6'}}]})
    expect(finding('0000006')).toMatchObject({kind: 'na', severity: 'info'})
    expect(row('0000004').autoVerdict).toBe('gap')
    expect(finding('0000004')).toMatchObject({kind: 'prohibited-in-use', severity: 'error', currentRef: 'K4', standardRef: '0000004'})
    expect(result.findings.filter((f) => f.kind === 'prohibited-in-use').map((f) => f.key)).toEqual([key('0000004')])
  })

  it('an option is 未判定 with a question to decide, whether or not the current system uses it', () => {
    expect([row('0000007').autoVerdict, row('0000008').autoVerdict]).toEqual(['undecided', 'undecided'])
    expect(finding('0000007')).toMatchObject({kind: 'option-undecided', severity: 'info'})
    expect(finding('0000007').message).toContain('使用中')
    expect(finding('0000008').message).not.toContain('使用中')
  })

})

describe('analyzeFunctions: recorded decisions', () => {
  const standard: [string, string, Kind][] = [
    ['0000001', '住民票の発行', 'mandatory'],
    ['0000004', '独自様式の証明書', 'prohibited'],
    ['0000007', '広域交付', 'optional'],
    ['0000008', 'コンビニ交付', 'optional'],
  ]
  const current: [string, string, boolean][] = [
    ['K1', '住民票の発行', true],
    ['K4', '独自様式の証明書', true],
  ]

  it('a decision overrides the inferred verdict; a mandatory × is a warning', () => {
    const result = analyzeFunctions(
      input(standard, current, [
        {key: key('0000001'), verdict: 'gap'},
        {key: key('0000007'), verdict: 'gap', policy: 'decline-option'},
      ]),
    )
    const row = result.rows.find((r) => r.fn.id === '0000001')!
    expect([row.autoVerdict, row.verdict, row.decision?.verdict]).toEqual(['fit', 'gap', 'gap'])
    expect(result.findings.find((f) => f.key === key('0000001'))).toMatchObject({kind: 'gap', severity: 'warning'})
    expect(result.findings.find((f) => f.key === key('0000001'))!.message).toContain('判定済み')
  })

})

describe('analyzeArea: headline figures, computed by hand', () => {
  // Six functions: ○ ○ △ × − 未判定 by decision. Judged: ○○△× = 4; 適合率 = (2 + ½) / 4 = 0.625.
  const verdicts = ['fit', 'fit', 'partial', 'gap', 'na', 'undecided'] as const
  const standard = verdicts.map((_, i): [string, string, Kind] => [`000000${i + 1}`, `機能${'一二三四五六'[i]}`, 'mandatory'])
  const decisions = verdicts.map((verdict, i): Decision => ({key: key(`000000${i + 1}`), verdict}))

  it('適合率 counts △ as half a fit; 判定済み率 counts all but 未判定', () => {
    const {summary} = analyzeArea(input(standard, [], decisions))
    expect(summary.functionsByVerdict).toEqual({fit: 2, partial: 1, gap: 1, na: 1, undecided: 1})
    expect(summary.fitRate).toBe(0.625)
    expect(summary.decidedRate).toBe(0.833)
  })

  it('適合率 is empty while nothing is judged, and 1 when all judged functions fit', () => {
    expect(analyzeArea(input(standard, [], [])).summary).toMatchObject({fitRate: null, decidedRate: 0})
    const allFit = analyzeArea(input(standard.slice(0, 2), [], decisions.slice(0, 2))).summary
    expect([allFit.fitRate, allFit.decidedRate]).toEqual([1, 1])
    const partials = analyzeArea(input(standard.slice(2, 3), [], decisions.slice(2, 3))).summary
    expect(partials.fitRate).toBe(0.5)
    const na = analyzeArea(input(standard.slice(4, 5), [], decisions.slice(4, 5))).summary
    expect([na.fitRate, na.decidedRate]).toEqual([null, 1])
  })

  it('対応付け率 is the share of data items with a confirmed field (the sample: 5 of 6)', () => {
    const {summary} = analyzeArea(sampleInput())
    expect(summary.dataItemsByState).toEqual({confirmed: 5, suggested: 0, 'no-counterpart': 1, unmapped: 0})
    expect(summary.mappedRate).toBe(0.833)
    const none = analyzeArea({...sampleInput(), fieldLinks: []}).summary
    expect(none.mappedRate).toBe(0)
  })

  it('an analysis without functions has no rates', () => {
    expect(analyzeArea(input([], [])).summary).toMatchObject({fitRate: null, decidedRate: 0, functionsByVerdict: {fit: 0, partial: 0, gap: 0, na: 0, undecided: 0}})
  })
})

describe('analyzeArea: what a person reads', () => {
  let analysis: ReturnType<typeof analyzeArea>
  beforeEach(() => {
    analysis = analyzeArea(sampleInput())
  })


  it('sorts findings by severity (重大, 注意, 情報), then by key', () => {
    const order = {error: 0, warning: 1, info: 2}
    const sorted = [...analysis.findings].sort((a, b) => order[a.severity] - order[b.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    expect(analysis.findings.map((f) => `${f.severity} ${f.key}`)).toEqual(sorted.map((f) => `${f.severity} ${f.key}`))
    expect(analysis.findings[0]!.severity).toBe('error')
    expect(analysis.findings.at(-1)!.severity).toBe('info')
  })

  it('counts forms, errors and current-only records for the summary sheet', () => {
    // 住民票の写し is paired with differing printed items (△); 転出証明書 has no current counterpart (未判定).
    expect(analysis.summary.formsByVerdict).toEqual({fit: 0, partial: 1, gap: 0, na: 0, undecided: 1})
    // 実装不可機能の使用 and 氏名 longer in the current system than the standard allows.
    expect(analysis.summary.findingsBySeverity.error).toBe(2)
    // 敬老祝い金の対象者抽出, 敬老会名簿, +敬老対象.
    expect(analysis.summary.currentOnly).toBe(3)
  })
})
