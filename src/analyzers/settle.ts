/**
 * Decisions settle findings. A finding whose row has a recorded decision leaves the open lists (CLI, サマリー, 課題一覧
 * filtered to open items) unless the decision itself leaves a gap: × 不適合 without an agreed 対応方針, カスタマイズ,
 * or a 実装不可 function still used (no 対応方針 that stops or moves the use). Pure.
 */
import {type Decision, POLICY_LABELS, type Policy, VERDICT_LABELS} from '../model/decision.js'
import type {Finding} from '../model/finding.js'

/** 対応方針 that end the use of a 実装不可 function in the standard system. */
const ENDS_PROHIBITED_USE: ReadonlySet<Policy> = new Set(['retire', 'bpr', 'operation', 'alternative', 'euc', 'loose-coupling'])

/** Findings about the edition or the inputs themselves: a decision on the row does not answer them. */
const NEVER_SETTLED: ReadonlySet<Finding['kind']> = new Set(['needs-review', 'archived-decision', 'unknown-standard-id'])

/** The row whose decision answers a finding: form-field findings belong to their form, compatibility ones to their item. */
export function ownerKey(finding: Finding): string {
  const parts = finding.key.split(':')
  if (parts[1] === 'form-field' && parts.length >= 3) return `${parts[0]}:form:${parts[2]}`
  if (parts[1] === 'item' && parts.length > 3) return parts.slice(0, 3).join(':')
  return finding.key
}

/** Why the decision leaves the finding open, or undefined when it settles it. */
export function openReason(finding: Finding, decision: Decision): string | undefined {
  if (decision.verdict === undefined && decision.policy === undefined) return '判定も対応方針もない'
  if (decision.verdict === 'undecided') return '未判定'
  if (decision.policy === 'customize') return 'カスタマイズは例外: 残る課題として扱う'
  if (decision.verdict === 'gap' && decision.policy === undefined) return '× 不適合で対応方針が決まっていない'
  if (finding.kind === 'prohibited-in-use' && (decision.policy === undefined || !ENDS_PROHIBITED_USE.has(decision.policy)))
    return '実装不可機能を使い続ける判定 (廃止・運用で対応などの対応方針がない)'
  return undefined
}

export const decisionSummary = (decision: Decision): string =>
  [decision.verdict ? VERDICT_LABELS[decision.verdict] : undefined, decision.policy ? POLICY_LABELS[decision.policy] : undefined].filter(Boolean).join(' / ')

export function settleFindings(findings: readonly Finding[], decisions: ReadonlyMap<string, Decision>): Finding[] {
  return findings.map((finding) => {
    if (NEVER_SETTLED.has(finding.kind)) return finding
    const key = ownerKey(finding)
    const decision = decisions.get(key)
    if (!decision || openReason(finding, decision) !== undefined) return finding
    return {...finding, settledBy: {key, summary: decisionSummary(decision)}}
  })
}
