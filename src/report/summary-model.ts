import {type AreaAnalysis, type AreaStatus} from '../analyzers/analyze-area.js'
import {rowKey} from '../analyzers/keys.js'
import {type Verdict, VERDICTS} from '../model/decision.js'
import {type Finding, isOpen} from '../model/finding.js'
import {IMPLEMENTATION_KINDS, type ImplementationKind} from '../model/vocabulary.js'
import {issueRegister, type RegisterRow} from './issue-register.js'
import type {AreaReport} from './report-model.js'

/**
 * What "open" and "status" mean, kept behind one small interface so the summary does not decide them itself.
 * The default: a finding is open until a recorded decision settles it (analyzers/settle.ts) or its register entry
 * says 完了; an 業務's status is the analysis's own (未着手 / 分析中 / 判定完了).
 */
export interface SummaryRules {
  readonly isOpen: (finding: Finding, analysis: AreaAnalysis) => boolean
  readonly status: (area: AreaReport, open: {readonly error: number; readonly warning: number}) => AreaStatus
}

export const defaultSummaryRules: SummaryRules = {
  isOpen: (finding, analysis) => isOpen(finding) && analysis.tracking.get(rowKey.issue(finding.key))?.state !== 'done',
  status: (area) => area.analysis.summary.status,
}

export type VerdictCounts = Record<Verdict, number>

export interface AreaOverview {
  readonly slug: string
  readonly name: string
  readonly edition: string
  readonly status: AreaStatus
  /** No current-system export imported: every verdict is a guess from the standard alone. */
  readonly nothingImported: boolean
  readonly functionsByKind: Record<ImplementationKind, VerdictCounts>
  readonly forms: VerdictCounts
  readonly dataItems: VerdictCounts
  readonly functionCount: number
  /** Functions with a verdict other than 未判定. */
  readonly decided: number
  /** Functions judged ○, △ or ×: the base of the fit rate. */
  readonly judged: number
  readonly fitRate: number | null
  readonly decidedRate: number
  readonly optionsUndecided: number
  readonly open: {readonly error: number; readonly warning: number}
}

export interface NextDecision {
  readonly severity: RegisterRow['severity']
  readonly areaName: string
  readonly subject: string
  readonly content: string
  readonly department?: string
}

export interface DepartmentProgress {
  /** Undefined for rows nobody is assigned to. */
  readonly department?: string
  readonly rows: number
  readonly decided: number
  readonly openIssues: number
}

/** The figures of one analysis kept for the next one to compare with. */
export interface AnalysisSnapshot {
  readonly at: string
  readonly areas: Record<string, {readonly decided: number; readonly judged: number; readonly error: number; readonly warning: number; readonly optionsUndecided: number}>
}

export interface SummaryChange {
  readonly since: string
  readonly decided: number
  readonly error: number
  readonly warning: number
  readonly optionsUndecided: number
}

export interface SummaryModel {
  readonly areas: readonly AreaOverview[]
  readonly totals: Pick<AreaOverview, 'functionCount' | 'decided' | 'judged' | 'fitRate' | 'decidedRate' | 'optionsUndecided' | 'open'>
  readonly next: readonly NextDecision[]
  readonly departments: readonly DepartmentProgress[]
  /** Against the previous analysis of the same workspace, for the 業務 both cover. */
  readonly change?: SummaryChange
}

const NEXT_DECISIONS = 8

const countVerdicts = (rows: readonly {readonly verdict: Verdict}[]): VerdictCounts => {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as VerdictCounts
  for (const row of rows) counts[row.verdict] += 1
  return counts
}

const fitRateOf = (v: VerdictCounts) => {
  const judged = v.fit + v.partial + v.gap
  return judged === 0 ? null : Math.round(((v.fit + v.partial / 2) / judged) * 1000) / 1000
}

/** The part of a summary that does not depend on the previous analysis, per analysis and rules (a run asks twice: sheet and history). */
const summaries = new WeakMap<readonly AreaReport[], Map<SummaryRules, Omit<SummaryModel, 'change'>>>()

/** Everything サマリー shows, computed once from the analysis (the sheet code only lays it out). */
export function summarize(areas: readonly AreaReport[], previous?: AnalysisSnapshot, rules: SummaryRules = defaultSummaryRules): SummaryModel {
  let byRules = summaries.get(areas)
  if (!byRules) summaries.set(areas, (byRules = new Map()))
  let model = byRules.get(rules)
  if (!model) byRules.set(rules, (model = summarizeNow(areas, rules)))
  return {...model, change: previous ? changeSince(previous, model.areas) : undefined}
}

function summarizeNow(areas: readonly AreaReport[], rules: SummaryRules): Omit<SummaryModel, 'change'> {
  const overviews = areas.map((area): AreaOverview => {
    const a = area.analysis
    const open = {error: 0, warning: 0}
    for (const finding of a.findings) if (finding.severity !== 'info' && rules.isOpen(finding, a)) open[finding.severity] += 1
    const all = countVerdicts(a.functions)
    const judged = all.fit + all.partial + all.gap
    const decided = a.functions.length - all.undecided
    return {
      slug: a.area.slug,
      name: a.area.name,
      edition: a.edition,
      status: rules.status(area, open),
      nothingImported: area.sources.length === 0,
      functionsByKind: Object.fromEntries(IMPLEMENTATION_KINDS.map((k) => [k, countVerdicts(a.functions.filter((r) => r.fn.kind === k))])) as Record<
        ImplementationKind,
        VerdictCounts
      >,
      forms: countVerdicts(a.forms),
      dataItems: countVerdicts(a.dataItems),
      functionCount: a.functions.length,
      decided,
      judged,
      fitRate: fitRateOf(all),
      decidedRate: a.functions.length === 0 ? 0 : decided / a.functions.length,
      optionsUndecided: a.findings.filter((f) => f.kind === 'option-undecided' && rules.isOpen(f, a)).length,
      open,
    }
  })
  const sum = (pick: (o: AreaOverview) => number) => overviews.reduce((n, o) => n + pick(o), 0)
  const allFunctions = countVerdicts(areas.flatMap((a) => a.analysis.functions))
  const functionCount = sum((o) => o.functionCount)
  const register = issueRegister(areas.map((a) => a.analysis))
  const open = new Set(areas.flatMap(({analysis}) => analysis.findings.filter((f) => rules.isOpen(f, analysis)).map((f) => `${analysis.area.name}\u0000${f.key}`)))
  const openRows = register.filter((row) => open.has(`${row.areaName}\u0000${row.findingKey}`))
  const departmentOf = (row: RegisterRow) => row.tracking?.department ?? row.rowDecision?.department
  return {
    areas: overviews,
    totals: {
      functionCount,
      decided: sum((o) => o.decided),
      judged: sum((o) => o.judged),
      fitRate: fitRateOf(allFunctions),
      decidedRate: functionCount === 0 ? 0 : sum((o) => o.decided) / functionCount,
      optionsUndecided: sum((o) => o.optionsUndecided),
      open: {error: sum((o) => o.open.error), warning: sum((o) => o.open.warning)},
    },
    next: openRows
      .slice(0, NEXT_DECISIONS)
      .map((row) => ({severity: row.severity, areaName: row.areaName, subject: row.standard ?? row.current ?? '', content: row.content, department: departmentOf(row)})),
    departments: departmentProgress(areas, openRows.map(departmentOf)),
  }
}

/** Rows each 担当課 holds (functions, forms, data items and current-only records with a recorded 担当課), and how far they are. */
function departmentProgress(areas: readonly AreaReport[], openIssueDepartments: readonly (string | undefined)[]): DepartmentProgress[] {
  const byDepartment = new Map<string | undefined, {rows: number; decided: number; openIssues: number}>()
  const entry = (department: string | undefined) => {
    const found = byDepartment.get(department) ?? {rows: 0, decided: 0, openIssues: 0}
    byDepartment.set(department, found)
    return found
  }
  for (const {analysis} of areas) {
    for (const row of [...analysis.functions, ...analysis.forms, ...analysis.dataItems]) {
      const e = entry(row.decision?.department)
      e.rows += 1
      if (row.verdict !== 'undecided') e.decided += 1
    }
    for (const row of analysis.currentOnly) {
      const e = entry(row.decision?.department)
      e.rows += 1
      if (row.decision?.policy !== undefined) e.decided += 1
    }
  }
  for (const department of openIssueDepartments) entry(department).openIssues += 1
  return [...byDepartment]
    .map(([department, counts]) => ({...(department === undefined ? {} : {department}), ...counts}))
    .sort((a, b) => (a.department === undefined ? 1 : b.department === undefined ? -1 : a.department < b.department ? -1 : a.department > b.department ? 1 : 0))
}

export function snapshotOf(model: SummaryModel, at: string): AnalysisSnapshot {
  return {
    at,
    areas: Object.fromEntries(
      model.areas.map((o) => [o.slug, {decided: o.decided, judged: o.judged, error: o.open.error, warning: o.open.warning, optionsUndecided: o.optionsUndecided}]),
    ),
  }
}

function changeSince(previous: AnalysisSnapshot, overviews: readonly AreaOverview[]): SummaryChange | undefined {
  const both = overviews.filter((o) => previous.areas[o.slug] !== undefined)
  if (both.length === 0) return undefined
  const delta = (pick: (s: AnalysisSnapshot['areas'][string]) => number, now: (o: AreaOverview) => number) =>
    both.reduce((n, o) => n + now(o) - pick(previous.areas[o.slug]!), 0)
  return {
    since: previous.at,
    decided: delta((s) => s.decided, (o) => o.decided),
    error: delta((s) => s.error, (o) => o.open.error),
    warning: delta((s) => s.warning, (o) => o.open.warning),
    optionsUndecided: delta((s) => s.optionsUndecided, (o) => o.optionsUndecided),
  }
}
