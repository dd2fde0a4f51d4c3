import type {CurrentFunction} from '../model/current.js'
import type {FunctionReq} from '../model/catalog.js'
import type {Decision, Verdict} from '../model/decision.js'
import type {Finding, Severity} from '../model/finding.js'
import type {AreaInput} from './inputs.js'
import {fingerprint, rowKey} from './keys.js'
import {pairByName} from './name-similarity.js'

export const FUNCTION_MATCH_THRESHOLD = 0.5
const CLEAR_MATCH = 0.8

export interface FunctionRow {
  readonly key: string
  readonly fn: FunctionReq
  readonly current?: {readonly fn: CurrentFunction; readonly score: number}
  /** What the tool infers from the inputs alone. */
  readonly autoVerdict: Verdict
  /** The recorded decision when there is one, else the inferred verdict. */
  readonly verdict: Verdict
  readonly reason: string
  readonly decision?: Decision
  readonly fingerprint: string
}

export const functionFingerprint = (fn: FunctionReq) => fingerprint([fn.name, fn.text, fn.kind])

function infer(fn: FunctionReq, match: FunctionRow['current']): {verdict: Verdict; reason: string} {
  const used = match && match.fn.inUse
  const name = match ? `現行機能「${match.fn.name}」` : ''
  switch (fn.kind) {
    case 'prohibited':
      return used
        ? {verdict: 'gap', reason: `実装不可機能を${name}で使用中。業務の見直し (廃止) が必要`}
        : {verdict: 'na', reason: '実装不可機能。現行でも使っていない'}
    case 'optional':
      return {
        verdict: 'undecided',
        reason: used ? `標準オプション機能。${name}で使用中のため採用を検討` : '標準オプション機能。採用するかを決める',
      }
    case 'mandatory':
      // A vendor's function list is rarely complete: absence there is a question for a person, not yet a gap.
      if (!match) return {verdict: 'undecided', reason: '現行の機能一覧に対応する機能が見つからない。標準機能で業務ができるかを確認'}
      if (!match.fn.inUse) return {verdict: 'partial', reason: `${name}はあるが使っていない。運用開始の準備が必要`}
      return match.score >= CLEAR_MATCH
        ? {verdict: 'fit', reason: `${name}で実施している`}
        : {verdict: 'partial', reason: `類似の${name}がある (一致度 ${match.score.toFixed(2)})。内容の確認が必要`}
  }
}

export function analyzeFunctions(input: AreaInput): {rows: FunctionRow[]; findings: Finding[]; matchedCurrent: Set<number>} {
  const {catalog, current, area} = input
  const pairs = pairByName(catalog.functions, current.functions, FUNCTION_MATCH_THRESHOLD)
  const rows: FunctionRow[] = []
  const findings: Finding[] = []
  catalog.functions.forEach((fn, index) => {
    const pair = pairs.get(index)
    const match = pair ? {fn: current.functions[pair.index]!, score: pair.score} : undefined
    const key = rowKey.function(area.slug, fn.id)
    const decision = input.decisions.get(key)
    const inferred = infer(fn, match)
    const verdict = decision?.verdict ?? inferred.verdict
    rows.push({key, fn, current: match, autoVerdict: inferred.verdict, verdict, reason: inferred.reason, decision, fingerprint: functionFingerprint(fn)})
    const base = {key, area: area.slug, standardRef: fn.id, currentRef: match?.fn.id}
    const label = `${fn.id} ${fn.name}`
    if (fn.kind === 'prohibited' && match?.fn.inUse && decision?.policy !== 'retire')
      findings.push({...base, kind: 'prohibited-in-use', severity: 'error', message: `${label}: ${inferred.reason}`})
    else if (fn.kind === 'optional' && decision?.policy !== 'adopt-option' && decision?.policy !== 'decline-option')
      findings.push({...base, kind: 'option-undecided', severity: 'info', message: `${label}: ${inferred.reason}`})
    else findings.push({...base, kind: verdict, severity: verdictSeverity(verdict, fn.kind), message: `${label}: ${decision?.verdict ? '判定済み' : inferred.reason}`})
  })
  return {rows, findings, matchedCurrent: new Set([...pairs.values()].map((p) => p.index))}
}

/** A mandatory function the current work lacks is worth a warning; everything else on this sheet is information. */
function verdictSeverity(verdict: Verdict, kind: FunctionReq['kind']): Severity {
  return verdict === 'gap' && kind === 'mandatory' ? 'warning' : 'info'
}
