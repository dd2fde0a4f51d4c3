import {existsSync, readFileSync} from 'node:fs'

import type ExcelJS from 'exceljs'

import {InputError} from '../errors.js'
import {excelJs} from '../io/exceljs.js'
import {assertRegularFile} from '../io/regular-file.js'
import {checkXlsxSize} from '../io/xlsx-limits.js'
import type {Decision} from '../model/decision.js'
import {displayPath} from '../paths.js'
import {decisionMap, type DecisionsFile, readDecisions, saveDecisionsTogether} from '../workspace/decisions-store.js'
import {type AnalysisRun, areasToAnalyze, runAnalysis, workspaceId} from '../workspace/run-analysis.js'
import type {Workspace} from '../workspace/workspace.js'
import {rowKey} from '../analyzers/keys.js'
import {onRegister, registerFingerprint} from './issue-register.js'
import {type CurrentRow, type ImportPlan, planImport, type Prefer} from './merge-decisions.js'
import {type CellProblem, readDecisionRows, REQUIRED_HEADERS} from './read-decisions.js'

export interface ReportImportOptions {
  readonly dryRun: boolean
  readonly skipInvalid: boolean
  readonly prefer?: Prefer
  readonly by?: string
  readonly at?: string
}

export interface ReportImportResult {
  readonly file: string
  readonly applied: boolean
  readonly by?: string
  readonly at: string
  readonly sheets: string[]
  readonly plan: ImportPlan
  readonly invalid: CellProblem[]
  /** Rows where 自動判定 (not an input column) was changed and 判定 left blank: probably typed in the wrong column. */
  readonly misplaced: {readonly key: string; readonly sheet: string; readonly row: number; readonly text: string}[]
}

const WORKSPACE_TAG = 'fitgap-workspace:'

/** The workbook was not written by fitgap for this workspace (analyze may replace such a file only with --force). */
export class ForeignWorkbookError extends InputError {}

async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  if (!existsSync(file)) throw new InputError(`${displayPath(file)}: ファイルがありません。`)
  assertRegularFile(file)
  const bytes = readFileSync(file)
  checkXlsxSize(bytes, displayPath(file))
  const workbook = new (excelJs().Workbook)()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new InputError(`${displayPath(file)}: Excel ブック (.xlsx) として読めません。`)
  }
  return workbook
}

/**
 * The row keys the workspace knows now, with what each requirement looks like now, and the decisions in force
 * on them: recorded ones, and those carried from another edition (so a carried 対応方針 is not lost when only the
 * 判定 is changed, and a decision held for review is not mistaken for someone else's newer edit).
 */
function currentState(run: AnalysisRun): {rows: Map<string, CurrentRow>; inForce: Map<string, Decision>} {
  const rows = new Map<string, CurrentRow>()
  const inForce = new Map<string, Decision>()
  for (const {analysis} of run.areas) {
    const edition = analysis.edition
    for (const row of [...analysis.functions, ...analysis.forms, ...analysis.dataItems, ...analysis.currentOnly]) {
      rows.set(row.key, {fingerprint: row.fingerprint, edition})
      if (row.decision) inForce.set(row.key, row.decision)
    }
    for (const finding of analysis.findings.filter(onRegister)) rows.set(rowKey.issue(finding.key), {fingerprint: registerFingerprint(finding), edition})
    for (const [key, tracking] of analysis.tracking) inForce.set(key, tracking)
  }
  return {rows, inForce}
}

const localDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

/** Who last saved the workbook, unless it was only ever written by a program. */
function editorOf(workbook: ExcelJS.Workbook): string | undefined {
  const name = workbook.lastModifiedBy?.trim()
  return name && !/^(exceljs|fitgap)\b/i.test(name) ? name : undefined
}

/**
 * Reads the team's decisions from a workbook `fitgap analyze` wrote and records them in the workspace:
 * vocabulary errors stop the import (unless skipped), unknown and changed rows are reported and left out,
 * conflicting edits are listed and not applied until the user chooses. Nothing recorded is ever erased.
 */
export async function importReport(
  workspace: Workspace,
  file: string,
  options: ReportImportOptions,
  /** The workspace's analysis when the caller has it already (analyze checking the workbook it will replace). */
  analysed?: AnalysisRun,
): Promise<ReportImportResult> {
  const workbook = await openWorkbook(file)
  const expected = `${WORKSPACE_TAG}${workspaceId(workspace)}`
  const subject = workbook.subject ?? ''
  if (!subject.startsWith(WORKSPACE_TAG))
    throw new ForeignWorkbookError(`${displayPath(file)} は fitgap analyze が書いたブックではありません (ワークスペースの印がありません)。取り込めません。`)
  if (subject !== expected)
    throw new ForeignWorkbookError(
      `${displayPath(file)} は別のワークスペース (${subject.slice(WORKSPACE_TAG.length)}) 用のブックです。このワークスペース (${workspace.config.name}) には取り込めません。`,
    )

  const {rows, problems, sheetsRead, sheetProblems} = readDecisionRows(workbook)
  // A renamed header or sheet would silently skip a whole sheet of entries: refuse instead.
  if (sheetProblems.length > 0)
    throw new InputError(
      `${displayPath(file)} のシートを読めません (見出しかシート名が fitgap の書いたものと違います)。元の名前に戻してから取り込んでください。何も取り込んでいません。`,
      sheetProblems.map((p) =>
        p.missing.length === 0
          ? `シート「${p.sheet}」がありません`
          : `シート「${p.sheet}」1行目に見出し${p.missing.map((h) => `「${h}」`).join('')}がありません (必要な見出し: ${REQUIRED_HEADERS.join('・')})`,
      ),
    )
  if (problems.length > 0 && !options.skipInvalid)
    throw new InputError(
      `${displayPath(file)} に使えない値があります。直してから取り込むか、--skip-invalid でそれ以外を取り込んでください。何も取り込んでいません。`,
      problems.map((p) => `${p.sheet}!${p.cell}${p.key ? ` (${p.key})` : ''}: ${p.message}`),
    )
  const invalidKeys = new Set(problems.map((p) => p.key))
  const usable = rows.filter((row) => !invalidKeys.has(row.key))

  // Every 業務 a row may belong to: those of the workspace, and those of the analysis the caller passed.
  const areas = new Map<string, DecisionsFile>()
  const readAs = new Map<string, string | undefined>()
  for (const slug of new Set([...areasToAnalyze(workspace, []).map((a) => a.slug), ...(analysed?.areas ?? []).map((a) => a.analysis.area.slug)])) {
    const {file: decisions, text} = readDecisions(workspace, slug)
    readAs.set(slug, text)
    areas.set(slug, decisions)
  }
  const by = options.by ?? editorOf(workbook)
  const at = options.at ?? localDate(workbook.modified ?? new Date())
  const state = currentState(analysed ?? runAnalysis(workspace, areasToAnalyze(workspace, []), {suggest: false}))
  const plan = planImport(usable, state.inForce, state.rows, {prefer: options.prefer, by, at})

  const changes = [...plan.added, ...plan.changed]
  const applied = !options.dryRun && plan.conflicts.length === 0 && changes.length > 0
  if (applied) {
    const touched = new Map<string, {file: DecisionsFile; byKey: Map<string, Decision>}>()
    for (const change of changes) {
      // A change is on a row of the analysis, whose key starts with its 業務, read above.
      const area = change.key.split(':')[0]!
      const file = areas.get(area)!
      const {byKey} = touched.get(area) ?? {byKey: decisionMap(file)}
      // A decision made on another edition that this one replaces is archived, never dropped.
      const replaced = byKey.get(change.key)
      if (replaced && replaced.edition !== undefined && replaced.edition !== change.after.edition) file.archived.push(replaced)
      byKey.set(change.key, change.after)
      touched.set(area, {file, byKey})
    }
    saveDecisionsTogether(
      workspace,
      [...touched].map(([area, {file, byKey}]) => ({area, decisions: [...byKey.values()], archived: file.archived})),
      readAs,
    )
  }
  const misplaced = usable.flatMap((row) => {
    const written = row.meta?.av
    const text = row.autoVerdictText ?? ''
    return written !== undefined && text !== '' && text !== written && row.values.verdict === undefined ? [{key: row.key, sheet: row.sheet, row: row.row, text}] : []
  })
  return {file: displayPath(file), applied, by, at, sheets: sheetsRead, plan, invalid: problems, misplaced}
}
