import type ExcelJS from 'exceljs'

import {
  ALLOWED_POLICIES,
  type IssueState,
  parseDueDate,
  parseIssueState,
  parsePolicy,
  parseVerdict,
  type Policy,
  POLICY_LABELS,
  type PolicyTarget,
  type Verdict,
} from '../model/decision.js'
import {parseImplementationKind} from '../model/vocabulary.js'
import {TEXT_FORMAT, unescapeLegacyText} from './cells.js'
import {AUTO_VERDICT_HEADER, DECISION_HEADERS, KEY_HEADER, META_HEADER, REGISTER_HEADERS, type RowMeta, SHEET_NAMES} from './sheets.js'
import {POLICY_CHOICES, STATE_CHOICES, VERDICT_CHOICES} from './sheets.js'

/** The sheets whose decision columns the team fills in. */
export const DECISION_SHEETS = [SHEET_NAMES.functions, SHEET_NAMES.forms, SHEET_NAMES.dataItems, SHEET_NAMES.currentOnly] as const

export interface DecisionValues {
  readonly verdict?: Verdict
  readonly policy?: Policy
  readonly department?: string
  readonly note?: string
  /** 課題一覧 only: 期限 (YYYY-MM-DD) and 状態. */
  readonly due?: string
  readonly state?: IssueState
}

export interface EditedRow {
  readonly sheet: string
  readonly row: number
  readonly key: string
  readonly meta?: RowMeta
  readonly values: DecisionValues
  /** The 自動判定 cell as found (it is not for input; a changed one is a misplaced entry). */
  readonly autoVerdictText?: string
}

export interface CellProblem {
  readonly sheet: string
  readonly cell: string
  readonly key?: string
  readonly message: string
}

/** A sheet whose key or decision headers are not where fitgap wrote them: its entries cannot be read. */
export interface SheetProblem {
  readonly sheet: string
  readonly missing: readonly string[]
}

/** The headers report import needs on every decision sheet. */
export const REQUIRED_HEADERS = [KEY_HEADER, ...Object.values(DECISION_HEADERS)] as const

/** A formula whose result the file does not hold (saved by a program that does not calculate). */
const FORMULA_WITHOUT_VALUE = Symbol('formula without value')

function cellText(cell: ExcelJS.Cell): string | typeof FORMULA_WITHOUT_VALUE {
  const value = cell.value
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value) && (value.result === undefined || value.result === null))
    return FORMULA_WITHOUT_VALUE
  return text(cell)
}

function text(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  // Workbooks written before the Text-format escape carried a literal apostrophe instead (trim, then unescape). A
  // Text-format cell holds the value as written, which may start with a tab that belongs to it.
  if (typeof value === 'string') return cell.numFmt === TEXT_FORMAT ? value.trimEnd() : unescapeLegacyText(value.trim())
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if ('richText' in value) return value.richText.map((run) => run.text).join('').trim()
  if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result).trim()
  if ('text' in value) return String(value.text).trim()
  return ''
}

/** Reads a row's cells as text; a formula with no saved result is a problem on its cell, never a silent blank. */
function cellReader(sheet: string, row: ExcelJS.Row, key: string, problems: CellProblem[]) {
  return (col: number | undefined): string => {
    if (col === undefined) return ''
    const value = cellText(row.getCell(col))
    if (value !== FORMULA_WITHOUT_VALUE) return value
    problems.push({sheet, cell: row.getCell(col).address, key, message: '数式の結果が保存されていないため読めません (Excel で開いて保存し直すか、値を直接入力してください)'})
    return ''
  }
}

function parseMeta(raw: string): RowMeta | undefined {
  try {
    const meta = JSON.parse(raw) as RowMeta
    return typeof meta.fp === 'string' && typeof meta.ed === 'string' && typeof meta.base === 'object' ? meta : undefined
  } catch {
    return undefined
  }
}

const KIND_HEADER = '実装区分'

const TARGET_LABELS: Record<PolicyTarget, string> = {
  mandatory: '実装必須の要件',
  optional: '標準オプションの要件',
  prohibited: '実装不可の要件',
  'data-item': 'データ項目',
  'current-only': '現行独自の行',
}

/** What a row's 対応方針 must fit: the 実装区分 shown on the row (functions, forms), or the sheet's kind of row. */
function policyTarget(sheet: string, kindText: string): PolicyTarget | undefined {
  if (sheet === SHEET_NAMES.dataItems) return 'data-item'
  if (sheet === SHEET_NAMES.currentOnly) return 'current-only'
  return parseImplementationKind(kindText)
}

/** Reads the decision columns of every decision sheet; vocabulary errors name the sheet, the cell and the allowed values. */
export function readDecisionRows(workbook: ExcelJS.Workbook): {
  rows: EditedRow[]
  problems: CellProblem[]
  sheetsRead: string[]
  sheetProblems: SheetProblem[]
} {
  const rows: EditedRow[] = []
  const problems: CellProblem[] = []
  const sheetsRead: string[] = []
  const sheetProblems: SheetProblem[] = []
  for (const name of DECISION_SHEETS) {
    const sheet = workbook.getWorksheet(name)
    if (!sheet) {
      sheetProblems.push({sheet: name, missing: []})
      continue
    }
    const header = new Map<string, number>()
    sheet.getRow(1).eachCell((cell, col) => header.set(text(cell), col))
    const missing = REQUIRED_HEADERS.filter((h) => !header.has(h))
    if (missing.length > 0) {
      sheetProblems.push({sheet: name, missing})
      continue
    }
    const keyCol = header.get(KEY_HEADER)
    const verdictCol = header.get(DECISION_HEADERS.verdict)
    const policyCol = header.get(DECISION_HEADERS.policy)
    const departmentCol = header.get(DECISION_HEADERS.department)
    const noteCol = header.get(DECISION_HEADERS.note)
    const metaCol = header.get(META_HEADER)
    const autoCol = header.get(AUTO_VERDICT_HEADER)
    const kindCol = header.get(KIND_HEADER)
    sheetsRead.push(name)
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return
      const key = text(row.getCell(keyCol!))
      if (key === '') return
      const read = cellReader(name, row, key, problems)
      const verdictText = read(verdictCol)
      const policyText = read(policyCol)
      const verdict = parseVerdict(verdictText)
      const policy = parsePolicy(policyText)
      const cell = (col: number | undefined) => (col === undefined ? '' : row.getCell(col).address)
      if (verdictText !== '' && !verdict)
        problems.push({sheet: name, cell: cell(verdictCol), key, message: `判定「${verdictText}」は使えません (使える値: ${VERDICT_CHOICES.join(' / ')})`})
      if (policyText !== '' && !policy)
        problems.push({sheet: name, cell: cell(policyCol), key, message: `対応方針「${policyText}」は使えません (使える値: ${POLICY_CHOICES.join(' / ')})`})
      const target = policyTarget(name, read(kindCol))
      if (policy && target && !ALLOWED_POLICIES[target].includes(policy))
        problems.push({
          sheet: name,
          cell: cell(policyCol),
          key,
          message: `対応方針「${policyText}」は${TARGET_LABELS[target]}には使えません (使える値: ${ALLOWED_POLICIES[target].map((p) => POLICY_LABELS[p]).join(' / ')})`,
        })
      const note = read(noteCol)
      if (policy === 'customize' && note === '')
        problems.push({sheet: name, cell: cell(noteCol), key, message: 'カスタマイズを選んだ行は備考に理由を書いてください'})
      const department = read(departmentCol)
      const values: DecisionValues = {
        ...(verdict ? {verdict} : {}),
        ...(policy ? {policy} : {}),
        ...(department ? {department} : {}),
        ...(note ? {note} : {}),
      }
      rows.push({sheet: name, row: rowNumber, key, meta: parseMeta(read(metaCol)), values, ...(autoCol ? {autoVerdictText: read(autoCol)} : {})})
    })
  }
  readRegister(workbook, rows, problems, sheetsRead)
  return {rows, problems, sheetsRead, sheetProblems}
}

/** 課題一覧: 担当課・期限・状態 of each issue, with the same vocabulary checks as the decision sheets. */
function readRegister(workbook: ExcelJS.Workbook, rows: EditedRow[], problems: CellProblem[], sheetsRead: string[]): void {
  const name = SHEET_NAMES.issues
  const sheet = workbook.getWorksheet(name)
  if (!sheet) return
  const header = new Map<string, number>()
  sheet.getRow(1).eachCell((cell, col) => header.set(text(cell), col))
  const keyCol = header.get(KEY_HEADER)
  const departmentCol = header.get(REGISTER_HEADERS.department)
  const dueCol = header.get(REGISTER_HEADERS.due)
  const stateCol = header.get(REGISTER_HEADERS.state)
  if (keyCol === undefined || (departmentCol ?? dueCol ?? stateCol) === undefined) return
  const metaCol = header.get(META_HEADER)
  sheetsRead.push(name)
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return
    const key = text(row.getCell(keyCol))
    if (key === '') return
    const read = cellReader(name, row, key, problems)
    const cell = (col: number | undefined) => (col === undefined ? '' : row.getCell(col).address)
    // A date cell reads as YYYY-MM-DD text.
    const dueText = read(dueCol)
    const due = parseDueDate(dueText)
    if (dueText !== '' && !due) problems.push({sheet: name, cell: cell(dueCol), key, message: `期限「${dueText}」は日付として読めません (例: 2027-03-31)`})
    const stateText = read(stateCol)
    const state = parseIssueState(stateText)
    if (stateText !== '' && !state) problems.push({sheet: name, cell: cell(stateCol), key, message: `状態「${stateText}」は使えません (使える値: ${STATE_CHOICES.join(' / ')})`})
    const department = read(departmentCol)
    const values: DecisionValues = {...(department ? {department} : {}), ...(due ? {due} : {}), ...(state ? {state} : {})}
    rows.push({sheet: name, row: rowNumber, key, meta: parseMeta(read(metaCol)), values})
  })
}
