import type {Decision, Verdict} from '../model/decision.js'
import {VERDICTS} from '../model/decision.js'
import {type Finding, SEVERITIES, type Severity} from '../model/finding.js'
import {CARRY_OUTCOME_LABELS, type CarryRow} from './carry-over.js'
import {analyzeCurrentOnly, type CurrentOnlyRow} from './current-only.js'
import {analyzeDataItems, type DataItemRow, type LinkState} from './data-items.js'
import {analyzeForms, type FormFieldDiffRow, type FormRow} from './forms.js'
import {analyzeFunctions, type FunctionRow} from './functions.js'
import type {AreaInput} from './inputs.js'

export interface AreaSummaryFigures {
  readonly functionsByVerdict: Record<Verdict, number>
  /** 適合率: fitting functions over those judged fit, partial or gap; partial counts half. Null when none is judged yet. */
  readonly fitRate: number | null
  /** 判定済み率: functions with a verdict other than 未判定. */
  readonly decidedRate: number
  readonly formsByVerdict: Record<Verdict, number>
  readonly dataItemsByState: Record<LinkState, number>
  /** Share of standard data items with a confirmed current counterpart. */
  readonly mappedRate: number
  readonly findingsBySeverity: Record<Severity, number>
  readonly currentOnly: number
}

export interface AreaAnalysis {
  readonly area: {readonly slug: string; readonly name: string}
  readonly edition: string
  readonly functions: readonly FunctionRow[]
  readonly forms: readonly FormRow[]
  readonly formFields: readonly FormFieldDiffRow[]
  readonly dataItems: readonly DataItemRow[]
  readonly currentOnly: readonly CurrentOnlyRow[]
  readonly carryOver: readonly CarryRow[]
  readonly findings: readonly Finding[]
  /** Issue-register entries (担当課・期限・状態 of a finding), keyed by rowKey.issue(finding key). */
  readonly tracking: ReadonlyMap<string, Decision>
  readonly summary: AreaSummaryFigures
}

const countBy = <K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> => {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
  for (const v of values) counts[v] += 1
  return counts
}

const SEVERITY_ORDER: Record<Severity, number> = {error: 0, warning: 1, info: 2}

/** The whole Fit&Gap of one 業務: pure, deterministic, from inputs to rows and findings. */
export function analyzeArea(input: AreaInput): AreaAnalysis {
  const functions = analyzeFunctions(input)
  const forms = analyzeForms(input)
  const dataItems = analyzeDataItems(input)
  const currentOnly = analyzeCurrentOnly(input, {functions: functions.matchedCurrent, forms: forms.matchedCurrent, fields: dataItems.linkedFields})
  const carryOver = input.carryOver ?? []
  const findings = [...functions.findings, ...forms.findings, ...dataItems.findings, ...currentOnly.findings, ...carryFindings(input.area.slug, carryOver)].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  const functionsByVerdict = countBy(VERDICTS, functions.rows.map((r) => r.verdict))
  const judged = functionsByVerdict.fit + functionsByVerdict.partial + functionsByVerdict.gap
  const dataItemsByState = countBy(['confirmed', 'suggested', 'no-counterpart', 'unmapped'] as const, dataItems.rows.map((r) => r.state))
  return {
    area: input.area,
    edition: input.catalog.edition,
    functions: functions.rows,
    forms: forms.rows,
    formFields: forms.fieldRows,
    dataItems: dataItems.rows,
    currentOnly: currentOnly.rows,
    carryOver,
    findings,
    tracking: new Map([...input.decisions].filter(([key]) => key.split(':')[1] === 'issue')),
    summary: {
      functionsByVerdict,
      fitRate: judged === 0 ? null : round((functionsByVerdict.fit + functionsByVerdict.partial / 2) / judged),
      decidedRate: functions.rows.length === 0 ? 0 : round((functions.rows.length - functionsByVerdict.undecided) / functions.rows.length),
      formsByVerdict: countBy(VERDICTS, forms.rows.map((r) => r.verdict)),
      dataItemsByState,
      mappedRate: dataItems.rows.length === 0 ? 0 : round(dataItemsByState.confirmed / dataItems.rows.length),
      findingsBySeverity: countBy(SEVERITIES, findings.map((f) => f.severity)),
      currentOnly: currentOnly.rows.length,
    },
  }
}

/** A decision that could not be carried is a question for a person; a removed requirement's decision is kept on record. */
function carryFindings(area: string, rows: readonly CarryRow[]): Finding[] {
  return rows.flatMap((row): Finding[] => {
    const what = `${row.fromId}${row.name ? ` ${row.name}` : ''}`
    if (row.outcome === 'review')
      return [
        {
          key: row.newKey ?? row.key,
          area,
          kind: 'needs-review',
          severity: 'warning',
          standardRef: row.toId ?? row.fromId,
          message: `${what}: ${row.fromEdition} で判定済みだが ${row.toEdition} で要件が変わった (${row.changes.map((c) => c.label).join('・') || '旧版と照合できない'})。判定し直す`,
        },
      ]
    if (row.outcome === 'archived')
      return [{key: row.key, area, kind: 'archived-decision', severity: 'info', standardRef: row.fromId, message: `${what}: ${CARRY_OUTCOME_LABELS.archived} (${row.fromEdition} → ${row.toEdition})`}]
    return []
  })
}

const round = (n: number) => Math.round(n * 1000) / 1000
