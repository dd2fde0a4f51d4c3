import type {CurrentFunction} from '../model/current.js'
import type {FunctionReq} from '../model/catalog.js'
import type {Decision, Verdict} from '../model/decision.js'
import type {Finding, Severity} from '../model/finding.js'
import {type AreaInput, importedKinds} from './inputs.js'
import {fingerprint, rowKey} from './keys.js'
import {type CurrentState, type PairState, type PairVia, pairedRecords, pairRecords, unknownVendorIdFindings} from './pairing.js'

export const FUNCTION_MATCH_THRESHOLD = 0.5

export interface FunctionRow {
  readonly key: string
  readonly fn: FunctionReq
  /** How the standard function is paired: confirmed (mapping file or 対応表), no-counterpart, candidate only, none. */
  readonly pairing: PairState
  /** Confirmed counterparts; several when the current system splits the work. */
  readonly currents: readonly {readonly fn: CurrentFunction; readonly via: PairVia}[]
  /** A name-based proposal to review (候補・要確認); never a verdict. */
  readonly candidate?: {readonly fn: CurrentFunction; readonly score: number; readonly reason: string}
  /** What the tool infers from the inputs alone. */
  readonly autoVerdict: Verdict
  /** The recorded decision when there is one, else the inferred verdict. */
  readonly verdict: Verdict
  readonly reason: string
  readonly decision?: Decision
  readonly fingerprint: string
}

export const functionFingerprint = (fn: FunctionReq) => fingerprint([fn.name, fn.text, fn.kind])

const names = (currents: FunctionRow['currents']) => currents.map((c) => `「${c.fn.name}」`).join('')

function infer(fn: FunctionReq, row: Pick<FunctionRow, 'pairing' | 'currents' | 'candidate'>, imported: {any: boolean; functions: boolean}): {verdict: Verdict; reason: string} {
  if (!imported.any) return {verdict: 'undecided', reason: '未着手: 現行システムの定義を取り込んでいない'}
  const used = row.currents.filter((c) => c.fn.inUse)
  const candidate = row.candidate ? `候補「${row.candidate.fn.name}」(一致度 ${row.candidate.score.toFixed(2)}、要確認)` : ''
  if (row.pairing === 'candidate')
    return {verdict: 'undecided', reason: `${candidate}。対応付けを map review で確認する`}
  if (row.pairing === 'no-counterpart') {
    if (fn.kind === 'prohibited') return {verdict: 'na', reason: '実装不可機能。現行に相当する機能がないことを確認済み'}
    if (fn.kind === 'optional') return {verdict: 'undecided', reason: '標準オプション機能。現行にないことを確認済み。採用するかを決める'}
    return {verdict: 'gap', reason: '現行に相当する機能がないことを確認済み。標準機能での運用を準備する'}
  }
  const name = `現行機能${names(row.currents)}`
  switch (fn.kind) {
    case 'prohibited':
      if (used.length > 0) return {verdict: 'gap', reason: `実装不可機能を${name}で使用中。業務の見直し (廃止) が必要`}
      if (row.pairing === 'confirmed') return {verdict: 'na', reason: `実装不可機能。${name}は使っていない`}
      // Only the vendor's full function list lets the tool say the current work does not use it.
      return imported.functions
        ? {verdict: 'na', reason: '実装不可機能。現行の機能一覧に対応する機能がない'}
        : {verdict: 'undecided', reason: '実装不可機能。現行の機能一覧を取り込んでいないため、使っていないかを確認できない'}
    case 'optional':
      return {verdict: 'undecided', reason: used.length > 0 ? `標準オプション機能。${name}で使用中のため採用を検討` : '標準オプション機能。採用するかを決める'}
    case 'mandatory':
      // A vendor's function list is rarely complete: absence there is a question for a person, not yet a gap.
      if (row.pairing === 'none') return {verdict: 'undecided', reason: '現行の機能一覧に対応する機能が見つからない。標準機能で業務ができるかを確認'}
      if (used.length === 0) return {verdict: 'partial', reason: `${name}はあるが使っていない。運用開始の準備が必要`}
      return {verdict: 'fit', reason: `${name}で実施している (対応は確定済み)`}
  }
}

export interface FunctionAnalysis {
  readonly rows: FunctionRow[]
  readonly findings: Finding[]
  /** Current functions in a confirmed pair or named as a candidate. */
  readonly currentStates: readonly CurrentState[]
}

export function analyzeFunctions(input: AreaInput): FunctionAnalysis {
  const {catalog, current, area} = input
  const imported = importedKinds(current)
  const pairing = pairRecords(catalog.functions, current.functions, input.functionPairs ?? [], FUNCTION_MATCH_THRESHOLD)
  const rows: FunctionRow[] = []
  const findings: Finding[] = []
  catalog.functions.forEach((fn, index) => {
    const p = pairing.standard[index]!
    const {currents, candidate} = pairedRecords(p, current.functions, 'fn')
    const key = rowKey.function(area.slug, fn.id)
    const decision = input.decisions.get(key)
    const inferred = infer(fn, {pairing: p.state, currents, candidate}, imported)
    const verdict = decision?.verdict ?? inferred.verdict
    rows.push({key, fn, pairing: p.state, currents, candidate, autoVerdict: inferred.verdict, verdict, reason: inferred.reason, decision, fingerprint: functionFingerprint(fn)})
    const base = {key, area: area.slug, standardRef: fn.id, currentRef: currents.map((c) => c.fn.id).join(',') || candidate?.fn.id}
    const label = `${fn.id} ${fn.name}`
    if (fn.kind === 'prohibited' && currents.some((c) => c.fn.inUse))
      findings.push({...base, kind: 'prohibited-in-use', severity: 'error', message: `${label}: ${inferred.reason}`})
    else if (p.state === 'candidate') findings.push({...base, kind: 'pair-candidate', severity: 'info', message: `${label}: ${inferred.reason}`})
    else if (fn.kind === 'optional') findings.push({...base, kind: 'option-undecided', severity: 'info', message: `${label}: ${inferred.reason}`})
    else findings.push({...base, kind: verdict, severity: verdictSeverity(verdict, fn.kind), message: `${label}: ${decision?.verdict ? '判定済み' : inferred.reason}`})
  })
  findings.push(
    ...unknownVendorIdFindings(pairing, current.functions, {
      area: area.slug,
      edition: catalog.edition,
      what: '機能',
      keyOf: (id) => rowKey.currentFunction(area.slug, id),
      withSource: true,
    }),
  )
  for (const {standardId, ref} of pairing.danglingRefs)
    findings.push({
      key: `${rowKey.function(area.slug, standardId)}:missing-current:${ref}`,
      area: area.slug,
      kind: 'unknown-standard-id',
      severity: 'warning',
      standardRef: standardId,
      currentRef: ref,
      message: `${standardId}: 確定した現行機能 ${ref} が取り込んだ現行の機能一覧にない。取り込み直したか、対応付けを見直す`,
    })
  return {rows, findings, currentStates: pairing.current}
}

/** A mandatory function the current work lacks is worth a warning; everything else on this sheet is information. */
function verdictSeverity(verdict: Verdict, kind: FunctionReq['kind']): Severity {
  return verdict === 'gap' && kind === 'mandatory' ? 'warning' : 'info'
}
