import {CARRY_OUTCOME_LABELS, type CarryRow} from '../analyzers/carry-over.js'
import {CURRENT_ONLY_STATE_LABELS, CURRENT_ONLY_TYPE_LABELS, type CurrentOnlyRow} from '../analyzers/current-only.js'
import {type DataItemRow, LINK_STATE_LABELS} from '../analyzers/data-items.js'
import {FIELD_CHANGE_LABELS, type FormFieldDiffRow, type FormRow} from '../analyzers/forms.js'
import type {FunctionRow} from '../analyzers/functions.js'
import {PAIR_STATE_LABELS} from '../analyzers/pairing.js'
import {fieldRef} from '../model/current.js'
import {type Decision, ISSUE_STATE_LABELS, ISSUE_STATES, POLICIES, POLICY_LABELS, VERDICT_LABELS, VERDICTS, type Verdict} from '../model/decision.js'
import {FINDING_KIND_LABELS, SEVERITY_LABELS} from '../model/finding.js'
import {type RegisterRow, registerState} from './issue-register.js'
import type {TextPart} from '../specs/diff.js'
import {DATA_TYPE_LABELS, FORM_KIND_LABELS, KIND_LABELS} from '../model/vocabulary.js'

export type CellValue =
  | string
  | number
  | undefined
  | {readonly link: string; readonly text: string}
  /** A word-level text diff, shown as rich text (removed struck through in red, added underlined in blue). */
  | {readonly diff: readonly TextPart[]}

/** How a column looks and whether the team edits it (edited columns get dropdowns and are read back). */
export type ColumnRole =
  | 'meta'
  | 'key'
  | 'data'
  | 'long'
  | 'verdict-auto'
  | 'severity'
  | 'percent'
  | 'edit-verdict'
  | 'edit-policy'
  | 'edit-text'
  | 'edit-due'
  | 'edit-state'

export interface Column<Row> {
  readonly header: string
  readonly role: ColumnRole
  /** Text from input files; escaped against formula injection. Our own labels and numbers are not. */
  readonly fromInput?: boolean
  readonly value: (row: Row) => CellValue
}

export interface SheetSpec<Row> {
  readonly name: string
  readonly columns: readonly Column<Row>[]
  readonly rows: readonly Row[]
  /** Leading columns that stay in view when scrolling right (an ID, never the technical key). */
  readonly freezeColumns?: number
  /** The technical key column is hidden (it is still read back). */
  readonly hideKey?: boolean
}

export interface WithArea<T> {
  readonly areaName: string
  /** The spec edition the row was analysed against. */
  readonly edition: string
  readonly row: T
}

/** What a decision row looked like when the workbook was written; `report import` compares against it. */
export interface RowMeta {
  /** Fingerprint of the requirement (or current record) at report time. */
  readonly fp: string
  readonly ed: string
  /** The decision as recorded at report time, to tell a person's edit from someone else's later import. */
  readonly base: {
    readonly verdict?: string
    readonly policy?: string
    readonly department?: string
    readonly note?: string
    readonly due?: string
    readonly state?: string
  }
  /** The 自動判定 label as written, to notice entries typed into that column. */
  readonly av?: string
}

/** The values the workbook's drop-downs offer (and import accepts) for 判定, 対応方針 and 状態. */
export const VERDICT_CHOICES = VERDICTS.map((v) => VERDICT_LABELS[v])
export const POLICY_CHOICES = POLICIES.map((p) => POLICY_LABELS[p])
export const STATE_CHOICES = ISSUE_STATES.map((s) => ISSUE_STATE_LABELS[s])

export const SHEET_NAMES = {
  summary: 'サマリー',
  functions: '機能要件',
  forms: '帳票',
  formFields: '帳票項目差分',
  dataItems: 'データ項目',
  currentOnly: '現行独自項目',
  issues: '課題一覧',
  editions: '版差分',
  inputs: '入力と出所',
  legend: '凡例',
} as const

/** The headers of the columns the team fills in; `report import` reads exactly these. */
export const DECISION_HEADERS = {verdict: '判定', policy: '対応方針', department: '担当課', note: '備考'} as const
export const KEY_HEADER = 'キー'
export const AUTO_VERDICT_HEADER = '自動判定'
/** A hidden column with RowMeta as JSON. */
export const META_HEADER = '_fitgap'

const verdictLabel = (v: Verdict) => VERDICT_LABELS[v]

function decisionColumns<T extends {readonly decision?: Decision}>(): Column<WithArea<T>>[] {
  return [
    {header: DECISION_HEADERS.verdict, role: 'edit-verdict', value: ({row}) => (row.decision?.verdict ? VERDICT_LABELS[row.decision.verdict] : undefined)},
    {header: DECISION_HEADERS.policy, role: 'edit-policy', value: ({row}) => (row.decision?.policy ? POLICY_LABELS[row.decision.policy] : undefined)},
    {header: DECISION_HEADERS.department, role: 'edit-text', fromInput: true, value: ({row}) => row.decision?.department},
    {header: DECISION_HEADERS.note, role: 'edit-text', fromInput: true, value: ({row}) => row.decision?.note},
  ]
}

/** The stable key (read back by report import) and the hidden RowMeta, at the right end of a decision sheet. */
function technicalColumns<T extends {readonly key: string; readonly decision?: Decision; readonly fingerprint: string}>(): Column<WithArea<T>>[] {
  return [
    keyColumn(),
    {
      header: META_HEADER,
      role: 'meta',
      value: ({row, edition}) =>
        JSON.stringify(rowMeta(row.fingerprint, edition, row.decision, 'autoVerdict' in row ? VERDICT_LABELS[row.autoVerdict as Verdict] : undefined)),
    },
  ]
}

function rowMeta(fp: string, ed: string, decision: Decision | undefined, av: string | undefined): RowMeta {
  return {
    fp,
    ed,
    base: {verdict: decision?.verdict, policy: decision?.policy, department: decision?.department, note: decision?.note},
    ...(av ? {av} : {}),
  }
}

const keyColumn = <T extends {readonly key: string}>(): Column<WithArea<T>> => ({header: KEY_HEADER, role: 'key', fromInput: true, value: ({row}) => row.key})
const areaColumn = <T,>(): Column<WithArea<T>> => ({header: '業務', role: 'data', value: ({areaName}) => areaName})

export function functionSheet(rows: readonly WithArea<FunctionRow>[]): SheetSpec<WithArea<FunctionRow>> {
  return {
    name: SHEET_NAMES.functions,
    rows,
    columns: [
      areaColumn(),
      {header: '機能ID', role: 'data', fromInput: true, value: ({row}) => row.fn.id},
      {header: '項番', role: 'data', fromInput: true, value: ({row}) => row.fn.section},
      {header: '分類', role: 'data', fromInput: true, value: ({row}) => row.fn.category.join(' > ')},
      {header: '機能名称', role: 'data', fromInput: true, value: ({row}) => row.fn.name},
      {header: '要件', role: 'long', fromInput: true, value: ({row}) => row.fn.text},
      {header: '実装区分', role: 'data', value: ({row}) => KIND_LABELS[row.fn.kind]},
      {header: '対応', role: 'data', value: ({row}) => PAIR_STATE_LABELS[row.pairing]},
      {
        header: '現行機能',
        role: 'data',
        fromInput: true,
        value: ({row}) => row.currents.map((c) => `${c.fn.id} ${c.fn.name}${c.fn.inUse ? '' : ' (未使用)'}${c.via === 'vendor-table' ? ' [対応表]' : ''}`).join('\n') || undefined,
      },
      {header: '候補 (要確認)', role: 'data', fromInput: true, value: ({row}) => (row.candidate ? `${row.candidate.fn.id} ${row.candidate.fn.name}` : undefined)},
      {header: '一致度', role: 'percent', value: ({row}) => row.candidate?.score},
      {header: AUTO_VERDICT_HEADER, role: 'verdict-auto', value: ({row}) => verdictLabel(row.autoVerdict)},
      {header: '判定理由', role: 'long', fromInput: true, value: ({row}) => row.reason},
      ...decisionColumns<FunctionRow>(),
      ...technicalColumns<FunctionRow>(),
    ],
    freezeColumns: 2,
  }
}

export function formSheet(rows: readonly WithArea<FormRow>[]): SheetSpec<WithArea<FormRow>> {
  return {
    name: SHEET_NAMES.forms,
    rows,
    columns: [
      areaColumn(),
      {header: '帳票ID', role: 'data', fromInput: true, value: ({row}) => row.form.id},
      {header: '帳票名称', role: 'data', fromInput: true, value: ({row}) => row.form.name},
      {header: '種別', role: 'data', fromInput: true, value: ({row}) => row.form.category},
      {header: '実装区分', role: 'data', value: ({row}) => FORM_KIND_LABELS[row.form.kind]},
      {header: '対応', role: 'data', value: ({row}) => PAIR_STATE_LABELS[row.pairing]},
      {header: '現行帳票', role: 'data', fromInput: true, value: ({row}) => row.currents.map((c) => `${c.form.id} ${c.form.name}${c.via === 'vendor-table' ? ' [対応表]' : ''}`).join('\n') || undefined},
      {header: '候補 (要確認)', role: 'data', fromInput: true, value: ({row}) => (row.candidate ? `${row.candidate.form.id} ${row.candidate.form.name}` : undefined)},
      {header: '一致度', role: 'percent', value: ({row}) => row.candidate?.score},
      {header: '一致', role: 'data', value: ({row}) => (row.current ? row.counts.same : undefined)},
      {header: '名称差異', role: 'data', value: ({row}) => (row.current ? row.counts.renamed : undefined)},
      {header: '順序差異', role: 'data', value: ({row}) => (row.current ? row.counts.reordered : undefined)},
      {header: '不足', role: 'data', value: ({row}) => (row.current ? row.counts.missing : undefined)},
      {header: '現行のみ', role: 'data', value: ({row}) => (row.current ? row.counts.extra : undefined)},
      {header: AUTO_VERDICT_HEADER, role: 'verdict-auto', value: ({row}) => verdictLabel(row.autoVerdict)},
      {header: '判定理由', role: 'long', fromInput: true, value: ({row}) => row.reason},
      ...decisionColumns<FormRow>(),
      ...technicalColumns<FormRow>(),
    ],
    freezeColumns: 2,
  }
}

export function formFieldSheet(rows: readonly (WithArea<FormFieldDiffRow> & {formName: string; currentFormName?: string})[]) {
  type Row = (typeof rows)[number]
  const spec: SheetSpec<Row> = {
    name: SHEET_NAMES.formFields,
    rows,
    columns: [
      {header: '業務', role: 'data', value: ({areaName}) => areaName},
      {header: '帳票ID', role: 'data', fromInput: true, value: ({row}) => row.formId},
      {header: '帳票名称', role: 'data', fromInput: true, value: (r) => r.formName},
      {header: '現行帳票', role: 'data', fromInput: true, value: (r) => r.currentFormName},
      {header: '差分', role: 'data', value: ({row}) => FIELD_CHANGE_LABELS[row.change]},
      {header: '標準の位置', role: 'data', value: ({row}) => row.standard?.position},
      {header: '標準の項目', role: 'data', fromInput: true, value: ({row}) => row.standard?.field.name},
      {header: 'データ項目ID', role: 'data', fromInput: true, value: ({row}) => row.standard?.field.dataItem},
      {header: '現行の位置', role: 'data', value: ({row}) => row.current?.position},
      {header: '現行の項目', role: 'data', fromInput: true, value: ({row}) => row.current?.field.name},
      {header: '現行の出所', role: 'data', fromInput: true, value: ({row}) => row.current?.field.sourceField},
      {header: KEY_HEADER, role: 'key', fromInput: true, value: ({row}) => row.key},
    ],
    freezeColumns: 3,
  }
  return spec
}

export function dataItemSheet(rows: readonly WithArea<DataItemRow>[]): SheetSpec<WithArea<DataItemRow>> {
  const first = (row: DataItemRow) => row.fields[0]
  return {
    name: SHEET_NAMES.dataItems,
    rows,
    columns: [
      areaColumn(),
      {header: 'データ項目ID', role: 'data', fromInput: true, value: ({row}) => row.item.id},
      {header: 'グループ', role: 'data', fromInput: true, value: ({row}) => row.item.group},
      {header: '項目名', role: 'data', fromInput: true, value: ({row}) => row.item.name},
      {header: '型', role: 'data', value: ({row}) => DATA_TYPE_LABELS[row.item.type]},
      {header: '桁数', role: 'data', value: ({row}) => row.item.length},
      {header: '必須', role: 'data', value: ({row}) => (row.item.required ? '必須' : '')},
      {header: 'コード表', role: 'data', fromInput: true, value: ({row}) => row.item.codeTable},
      {header: '対応状態', role: 'data', value: ({row}) => LINK_STATE_LABELS[row.state]},
      {header: '現行項目', role: 'data', fromInput: true, value: ({row}) => row.fields.map((f) => fieldRef(f.field)).join('\n') || undefined},
      {header: '現行の名称', role: 'data', fromInput: true, value: ({row}) => row.fields.map((f) => f.field.label).join('\n') || undefined},
      {header: '現行の型', role: 'data', fromInput: true, value: ({row}) => first(row)?.field.typeRaw ?? (first(row)?.field.type ? DATA_TYPE_LABELS[first(row)!.field.type!] : undefined)},
      {header: '現行の桁数', role: 'data', value: ({row}) => first(row)?.field.length},
      {header: 'スコア', role: 'percent', value: ({row}) => first(row)?.link.score},
      {header: '差異', role: 'long', fromInput: true, value: ({row}) => row.issues.map((i) => i.message).join('\n') || undefined},
      {header: '重大度', role: 'severity', value: ({row}) => (row.worst ? SEVERITY_LABELS[row.worst] : undefined)},
      {header: AUTO_VERDICT_HEADER, role: 'verdict-auto', value: ({row}) => verdictLabel(row.autoVerdict)},
      {header: '判定理由', role: 'long', fromInput: true, value: ({row}) => row.reason},
      ...decisionColumns<DataItemRow>(),
      ...technicalColumns<DataItemRow>(),
    ],
    freezeColumns: 2,
  }
}

export function currentOnlySheet(rows: readonly WithArea<CurrentOnlyRow>[]): SheetSpec<WithArea<CurrentOnlyRow>> {
  return {
    name: SHEET_NAMES.currentOnly,
    rows,
    columns: [
      areaColumn(),
      {header: '種類', role: 'data', value: ({row}) => CURRENT_ONLY_TYPE_LABELS[row.type]},
      {header: '状態', role: 'data', value: ({row}) => CURRENT_ONLY_STATE_LABELS[row.state]},
      {header: '参照', role: 'data', fromInput: true, value: ({row}) => row.ref},
      {header: '名称', role: 'data', fromInput: true, value: ({row}) => row.name},
      {header: '内容', role: 'data', fromInput: true, value: ({row}) => row.detail},
      {header: '出典', role: 'data', fromInput: true, value: ({row}) => (row.source ? `${row.source.file}${row.source.sheet ? ` [${row.source.sheet}]` : ''} ${row.source.row}行` : undefined)},
      ...decisionColumns<CurrentOnlyRow>(),
      ...technicalColumns<CurrentOnlyRow>(),
    ],
    freezeColumns: 3,
  }
}

/** The headers of the register columns the team fills in on 課題一覧; `report import` reads exactly these. */
export const REGISTER_HEADERS = {department: '担当課', due: '期限', state: '状態'} as const

/** Every column report import reads, by decision field. */
export const EDITABLE_HEADERS = {...DECISION_HEADERS, ...REGISTER_HEADERS} as const

export interface RegisterSheetRow {
  readonly no: number
  readonly edition: string
  readonly row: RegisterRow
  /** Where the row the finding is about sits in this workbook. */
  readonly link?: string
}

/** 課題一覧: an issue register in the order a team works through it; 担当課・期限・状態 are theirs to fill in. */
export function issueSheet(rows: readonly RegisterSheetRow[]): SheetSpec<RegisterSheetRow> {
  const department = ({row}: RegisterSheetRow) => row.tracking?.department ?? row.rowDecision?.department
  return {
    name: SHEET_NAMES.issues,
    rows,
    columns: [
      {header: 'No.', role: 'data', value: ({no}) => no},
      {header: '重大度', role: 'severity', value: ({row}) => SEVERITY_LABELS[row.severity]},
      {header: '業務', role: 'data', value: ({row}) => row.areaName},
      {header: '区分', role: 'data', value: ({row}) => FINDING_KIND_LABELS[row.kind]},
      {header: '標準', role: 'data', fromInput: true, value: ({row, link}) => (row.standard && link ? {link, text: row.standard} : row.standard)},
      {header: '現行', role: 'data', fromInput: true, value: ({row, link}) => (row.current && link && !row.standard ? {link, text: row.current} : row.current)},
      {header: '内容', role: 'long', fromInput: true, value: ({row}) => row.content},
      {header: '判定', role: 'verdict-auto', value: ({row}) => (row.verdict ? VERDICT_LABELS[row.verdict] : undefined)},
      {header: '対応方針', role: 'data', value: ({row}) => (row.rowDecision?.policy ? POLICY_LABELS[row.rowDecision.policy] : undefined)},
      {header: REGISTER_HEADERS.department, role: 'edit-text', fromInput: true, value: department},
      {header: REGISTER_HEADERS.due, role: 'edit-due', value: ({row}) => row.tracking?.due},
      {header: REGISTER_HEADERS.state, role: 'edit-state', value: ({row}) => ISSUE_STATE_LABELS[registerState(row)]},
      {
        header: META_HEADER,
        role: 'meta',
        value: (r) =>
          JSON.stringify({
            fp: r.row.fingerprint,
            ed: r.edition,
            base: {department: department(r), due: r.row.tracking?.due, state: registerState(r.row)},
          } satisfies RowMeta),
      },
      {header: KEY_HEADER, role: 'key', fromInput: true, value: ({row}) => row.key},
    ],
    freezeColumns: 2,
    hideKey: true,
  }
}

const CARRY_TYPE_LABELS: Record<CarryRow['type'], string> = {function: '機能', form: '帳票', dataItem: 'データ項目'}

/** Decisions made on another edition and what became of them in this one. */
export function editionSheet(rows: readonly WithArea<CarryRow>[]): SheetSpec<WithArea<CarryRow>> {
  return {
    name: SHEET_NAMES.editions,
    rows,
    columns: [
      areaColumn(),
      {header: '種類', role: 'data', value: ({row}) => CARRY_TYPE_LABELS[row.type]},
      {header: '判定した版', role: 'data', fromInput: true, value: ({row}) => row.fromEdition},
      {header: '分析した版', role: 'data', fromInput: true, value: ({row}) => row.toEdition},
      {header: '旧ID', role: 'data', fromInput: true, value: ({row}) => row.fromId},
      {header: '新ID', role: 'data', fromInput: true, value: ({row}) => row.toId},
      {header: '名称', role: 'data', fromInput: true, value: ({row}) => row.name},
      {header: '扱い', role: 'data', value: ({row}) => CARRY_OUTCOME_LABELS[row.outcome]},
      {header: '以前の判定', role: 'verdict-auto', value: ({row}) => (row.decision.verdict ? VERDICT_LABELS[row.decision.verdict] : undefined)},
      {header: '以前の対応方針', role: 'data', value: ({row}) => (row.decision.policy ? POLICY_LABELS[row.decision.policy] : undefined)},
      {header: '以前の備考', role: 'long', fromInput: true, value: ({row}) => row.decision.note},
      {header: '変わった点', role: 'data', value: ({row}) => row.changes.map((c) => c.label).join('・') || undefined},
      {header: '要件の差分', role: 'long', value: ({row}) => (row.textDiff && row.textDiff.length > 0 ? {diff: row.textDiff} : undefined)},
      {header: KEY_HEADER, role: 'key', fromInput: true, value: ({row}) => row.newKey ?? row.key},
    ],
    freezeColumns: 2,
  }
}

/** One input of the analysis: a catalogue edition, a current-system export or a mapping file. */
export interface InputRow {
  readonly areaName: string
  readonly kind: '標準仕様' | '現行定義' | '対応付け'
  readonly what: string
  readonly detail?: string
  readonly sha256?: string
  /** Where the data comes from and how to credit it (official sources). */
  readonly attribution?: string
  /** Taken from an official workbook: its credit line goes into 凡例 too. */
  readonly official?: boolean
}

/** 入力と出所: every file the analysis read, with a short hash in print and the full one beside it. */
export function inputSheet(rows: readonly InputRow[]): SheetSpec<InputRow> {
  return {
    name: SHEET_NAMES.inputs,
    rows,
    columns: [
      {header: '業務', role: 'data', value: (r) => r.areaName},
      {header: '区分', role: 'data', value: (r) => r.kind},
      {header: 'ファイル / 版', role: 'data', fromInput: true, value: (r) => r.what},
      {header: '内容', role: 'data', fromInput: true, value: (r) => r.detail},
      {header: 'SHA-256 (先頭12桁)', role: 'data', value: (r) => r.sha256?.slice(0, 12)},
      {header: '出所・帰属', role: 'long', fromInput: true, value: (r) => r.attribution},
      {header: 'SHA-256', role: 'key', value: (r) => r.sha256},
    ],
    freezeColumns: 1,
  }
}
