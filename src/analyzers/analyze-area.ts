import type {Verdict} from '../model/decision.js'
import {VERDICTS} from '../model/decision.js'
import {type Finding, isOpen, SEVERITIES, type Severity} from '../model/finding.js'
import {CARRY_OUTCOME_LABELS, type CarryRow} from './carry-over.js'
import {analyzeCurrentOnly, type CurrentOnlyRow} from './current-only.js'
import {analyzeDataItems, type DataItemRow, type LinkState} from './data-items.js'
import {analyzeForms, type FormFieldDiffRow, type FormRow} from './forms.js'
import {analyzeFunctions, type FunctionRow} from './functions.js'
import {type AreaInput, importedKinds} from './inputs.js'
import {settleFindings} from './settle.js'

/** 未着手: nothing imported. 分析中: imported, some function still 未判定. 判定完了: every function has a verdict. */
export const AREA_STATUSES = ['not-started', 'in-progress', 'done'] as const
export type AreaStatus = (typeof AREA_STATUSES)[number]
export const AREA_STATUS_LABELS: Record<AreaStatus, string> = {'not-started': '未着手', 'in-progress': '分析中', done: '判定完了'}

export interface AreaSummaryFigures {
  readonly status: AreaStatus
  readonly functionsByVerdict: Record<Verdict, number>
  /** 適合率: fitting functions over those judged fit, partial or gap; partial counts half. Null when none is judged yet. */
  readonly fitRate: number | null
  /** 判定済み率: functions with a verdict other than 未判定. */
  readonly decidedRate: number
  readonly formsByVerdict: Record<Verdict, number>
  readonly dataItemsByState: Record<LinkState, number>
  /** Share of standard data items with a confirmed current counterpart. */
  readonly mappedRate: number
  /** Open findings by severity (settled ones are not counted). */
  readonly findingsBySeverity: Record<Severity, number>
  /** Findings a recorded decision settled (対応済み). */
  readonly settledFindings: number
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
  const currentOnly = analyzeCurrentOnly(input, {functions: functions.currentStates, forms: forms.currentStates, fields: dataItems.linkedFields})
  const carryOver = input.carryOver ?? []
  const all = [...functions.findings, ...forms.findings, ...dataItems.findings, ...currentOnly.findings, ...carryFindings(input.area.slug, carryOver)].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  const findings = settleFindings(all, input.decisions)
  const open = findings.filter(isOpen)
  const functionsByVerdict = countBy(VERDICTS, functions.rows.map((r) => r.verdict))
  const judged = functionsByVerdict.fit + functionsByVerdict.partial + functionsByVerdict.gap
  const started = importedKinds(input.current).any || functionsByVerdict.undecided < functions.rows.length
  const status: AreaStatus = !started ? 'not-started' : functions.rows.length > 0 && functionsByVerdict.undecided === 0 ? 'done' : 'in-progress'
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
    summary: {
      status,
      functionsByVerdict,
      fitRate: judged === 0 ? null : round((functionsByVerdict.fit + functionsByVerdict.partial / 2) / judged),
      decidedRate: functions.rows.length === 0 ? 0 : round((functions.rows.length - functionsByVerdict.undecided) / functions.rows.length),
      formsByVerdict: countBy(VERDICTS, forms.rows.map((r) => r.verdict)),
      dataItemsByState,
      mappedRate: dataItems.rows.length === 0 ? 0 : round(dataItemsByState.confirmed / dataItems.rows.length),
      findingsBySeverity: countBy(SEVERITIES, open.map((f) => f.severity)),
      settledFindings: findings.length - open.length,
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
