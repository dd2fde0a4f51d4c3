/** Which recorded decisions settle which findings, and why the others stay open (exact reasons). */
import {describe, expect, it} from 'vitest'

import {decisionSummary, openReason, ownerKey, settleFindings} from '../../src/analyzers/settle.js'
import type {Decision} from '../../src/model/decision.js'
import type {Finding} from '../../src/model/finding.js'

const finding = (kind: Finding['kind'], key = 'jumin:fn:0010003'): Finding => ({key, area: 'jumin', kind, severity: 'warning', message: 'm'})
const decision = (extra: Partial<Decision>): Decision => ({key: 'k', ...extra})

describe('openReason', () => {
  it('names what a decision still lacks', () => {
    expect(openReason(finding('gap'), decision({note: 'メモだけ'}))).toBe('判定も対応方針もない')
    expect(openReason(finding('gap'), decision({verdict: 'undecided', policy: 'bpr'}))).toBe('未判定')
    expect(openReason(finding('gap'), decision({verdict: 'partial', policy: 'customize'}))).toBe('カスタマイズは例外: 残る課題として扱う')
    expect(openReason(finding('gap'), decision({verdict: 'gap'}))).toBe('× 不適合で対応方針が決まっていない')
    expect(openReason(finding('prohibited-in-use'), decision({verdict: 'gap', policy: 'parameter'}))).toBe(
      '実装不可機能を使い続ける判定 (廃止・運用で対応などの対応方針がない)',
    )
    expect(openReason(finding('prohibited-in-use'), decision({verdict: 'na'}))).toBe('実装不可機能を使い続ける判定 (廃止・運用で対応などの対応方針がない)')
  })

  it('settles on a verdict alone, a 対応方針 alone, × with a 対応方針, and a 実装不可 use that is ended', () => {
    expect(openReason(finding('gap'), decision({verdict: 'fit'}))).toBeUndefined()
    expect(openReason(finding('gap'), decision({policy: 'operation'}))).toBeUndefined()
    expect(openReason(finding('gap'), decision({verdict: 'gap', policy: 'request-revision'}))).toBeUndefined()
    for (const policy of ['retire', 'bpr', 'operation', 'alternative', 'euc', 'loose-coupling'] as const)
      expect(openReason(finding('prohibited-in-use'), decision({verdict: 'gap', policy})), policy).toBeUndefined()
    // Only a 実装不可 use needs its use ended: a parameter setting settles other findings.
    expect(openReason(finding('gap'), decision({verdict: 'partial', policy: 'parameter'}))).toBeUndefined()
  })
})

describe('ownerKey', () => {
  it('gives form-field findings to their form and conversion findings to their data item', () => {
    expect(ownerKey(finding('form-field-missing', 'jumin:form-field:0010001:s3'))).toBe('jumin:form:0010001')
    expect(ownerKey(finding('length', 'jumin:item:001001002:length:JUMIN.SHIMEI'))).toBe('jumin:item:001001002')
    expect(ownerKey(finding('item-unmapped', 'jumin:item:001001002'))).toBe('jumin:item:001001002')
    expect(ownerKey(finding('form-missing', 'jumin:form-field'))).toBe('jumin:form-field')
    expect(ownerKey(finding('gap', 'jumin:fn:0010001'))).toBe('jumin:fn:0010001')
    expect(ownerKey(finding('form-field-missing', 'jumin:form-field:0010001'))).toBe('jumin:form:0010001')
    // A broken reference belongs to nobody's decision: the function's own decision does not answer it.
    expect(ownerKey(finding('unknown-standard-id', 'jumin:fn:0010001:missing-current:K404'))).toBe('jumin:fn:0010001:missing-current:K404')
    expect(ownerKey(finding('unknown-standard-id', 'jumin:cur-fn:K1:unknown-standard-id:0009999'))).toBe('jumin:cur-fn:K1:unknown-standard-id:0009999')
  })
})

describe('decisionSummary / settleFindings', () => {
  it('summarises a decision by its labels', () => {
    expect(decisionSummary(decision({verdict: 'gap', policy: 'bpr'}))).toBe('× 不適合 / 業務運用の見直し')
    expect(decisionSummary(decision({verdict: 'na'}))).toBe('− 対象外')
    expect(decisionSummary(decision({policy: 'retire'}))).toBe('廃止')
  })

  it('marks settled findings with the deciding row, leaves open and never-settled ones as they are, keeps order', () => {
    const decisions = new Map<string, Decision>([
      ['jumin:fn:1', {key: 'jumin:fn:1', verdict: 'gap', policy: 'euc'}],
      ['jumin:fn:2', {key: 'jumin:fn:2', verdict: 'gap'}],
      ['jumin:item:9', {key: 'jumin:item:9', verdict: 'fit'}],
    ])
    const findings = [
      finding('gap', 'jumin:fn:1'),
      finding('gap', 'jumin:fn:2'),
      finding('gap', 'jumin:fn:3'),
      finding('length', 'jumin:item:9:length:T.C'),
      finding('needs-review', 'jumin:fn:1'),
      finding('archived-decision', 'jumin:fn:1'),
      finding('unknown-standard-id', 'jumin:fn:1'),
    ]
    const settled = settleFindings(findings, decisions)
    expect(settled.map((f) => f.settledBy)).toEqual([
      {key: 'jumin:fn:1', summary: '× 不適合 / EUC'},
      undefined,
      undefined,
      {key: 'jumin:item:9', summary: '○ 適合'},
      undefined,
      undefined,
      undefined,
    ])
    expect(settled.map((f) => f.key)).toEqual(findings.map((f) => f.key))
    expect(settled[1]).toBe(findings[1])
  })
})
