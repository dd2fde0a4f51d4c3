import {CARRY_OUTCOME_LABELS, type CarryRow} from '../analyzers/carry-over.js'
import {CURRENT_ONLY_STATE_LABELS, CURRENT_ONLY_TYPE_LABELS, type CurrentOnlyRow} from '../analyzers/current-only.js'
import {type DataItemRow, LINK_STATE_LABELS} from '../analyzers/data-items.js'
import {FIELD_CHANGE_LABELS, type FormFieldDiffRow, type FormRow} from '../analyzers/forms.js'
import type {FunctionRow} from '../analyzers/functions.js'
import {PAIR_STATE_LABELS} from '../analyzers/pairing.js'
import {fieldRef} from '../model/current.js'
import {type Decision, POLICY_LABELS, VERDICT_LABELS, type Verdict} from '../model/decision.js'
import {FINDING_KIND_LABELS, type Finding, SEVERITY_LABELS} from '../model/finding.js'
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
export type ColumnRole = 'meta' | 'key' | 'data' | 'long' | 'verdict-auto' | 'severity' | 'percent' | 'edit-verdict' | 'edit-policy' | 'edit-text'

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
  readonly base: {readonly verdict?: string; readonly policy?: string; readonly department?: string; readonly note?: string}
  /** The 自動判定 label as written, to notice entries typed into that column. */
  readonly av?: string
}

export const SHEET_NAMES = {
  summary: 'サマリー',
  functions: '機能要件',
  forms: '帳票',
  formFields: '帳票項目差分',
  dataItems: 'データ項目',
  currentOnly: '現行独自項目',
  issues: '課題一覧',
  editions: '版差分',
  legend: '凡例',
} as const

/** The headers of the columns the team fills in; `report import` reads exactly these. */
export const DECISION_HEADERS = {verdict: '判定', policy: '対応方針', department: '担当課', note: '備考'} as const
export const KEY_HEADER = 'キー'
export const AUTO_VERDICT_HEADER = '自動判定'
/** A hidden column with RowMeta as JSON. */
export const META_HEADER = '_fitgap'

const verdictLabel = (v: Verdict) => VERDICT_LABELS[v]

function decisionColumns<T extends {readonly decision?: Decision; readonly fingerprint: string}>(): Column<WithArea<T>>[] {
  return [
    {header: DECISION_HEADERS.verdict, role: 'edit-verdict', value: ({row}) => (row.decision?.verdict ? VERDICT_LABELS[row.decision.verdict] : undefined)},
    {header: DECISION_HEADERS.policy, role: 'edit-policy', value: ({row}) => (row.decision?.policy ? POLICY_LABELS[row.decision.policy] : undefined)},
    {header: DECISION_HEADERS.department, role: 'edit-text', fromInput: true, value: ({row}) => row.decision?.department},
    {header: DECISION_HEADERS.note, role: 'edit-text', fromInput: true, value: ({row}) => row.decision?.note},
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
      keyColumn(),
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
    ],
  }
}

export function formSheet(rows: readonly WithArea<FormRow>[]): SheetSpec<WithArea<FormRow>> {
  return {
    name: SHEET_NAMES.forms,
    rows,
    columns: [
      keyColumn(),
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
    ],
  }
}

export function formFieldSheet(rows: readonly (WithArea<FormFieldDiffRow> & {formName: string; currentFormName?: string})[]) {
  type Row = (typeof rows)[number]
  const spec: SheetSpec<Row> = {
    name: SHEET_NAMES.formFields,
    rows,
    columns: [
      {header: KEY_HEADER, role: 'key', fromInput: true, value: ({row}) => row.key},
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
    ],
  }
  return spec
}

export function dataItemSheet(rows: readonly WithArea<DataItemRow>[]): SheetSpec<WithArea<DataItemRow>> {
  const first = (row: DataItemRow) => row.fields[0]
  return {
    name: SHEET_NAMES.dataItems,
    rows,
    columns: [
      keyColumn(),
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
    ],
  }
}

export function currentOnlySheet(rows: readonly WithArea<CurrentOnlyRow>[]): SheetSpec<WithArea<CurrentOnlyRow>> {
  return {
    name: SHEET_NAMES.currentOnly,
    rows,
    columns: [
      keyColumn(),
      areaColumn(),
      {header: '種類', role: 'data', value: ({row}) => CURRENT_ONLY_TYPE_LABELS[row.type]},
      {header: '状態', role: 'data', value: ({row}) => CURRENT_ONLY_STATE_LABELS[row.state]},
      {header: '参照', role: 'data', fromInput: true, value: ({row}) => row.ref},
      {header: '名称', role: 'data', fromInput: true, value: ({row}) => row.name},
      {header: '内容', role: 'data', fromInput: true, value: ({row}) => row.detail},
      {header: '出典', role: 'data', fromInput: true, value: ({row}) => (row.source ? `${row.source.file}${row.source.sheet ? ` [${row.source.sheet}]` : ''} ${row.source.row}行` : undefined)},
      ...decisionColumns<CurrentOnlyRow>(),
    ],
  }
}

/** Findings worth a person's attention (重大 and 注意), each linked to the row it is about. */
type IssueRow = Finding & {link?: string; decision?: Decision}

export const ISSUE_STATE_LABELS = {open: '未対応', settled: '対応済み'} as const

export function issueSheet(rows: readonly WithArea<IssueRow>[]): SheetSpec<WithArea<IssueRow>> {
  return {
    name: SHEET_NAMES.issues,
    rows,
    columns: [
      {header: '状態', role: 'data', value: ({row}) => (row.settledBy ? ISSUE_STATE_LABELS.settled : ISSUE_STATE_LABELS.open)},
      {header: '重大度', role: 'severity', value: ({row}) => SEVERITY_LABELS[row.severity]},
      areaColumn(),
      {header: '種類', role: 'data', value: ({row}) => FINDING_KIND_LABELS[row.kind]},
      {header: KEY_HEADER, role: 'key', fromInput: true, value: ({row}) => (row.link ? {link: row.link, text: row.key} : row.key)},
      {header: '標準', role: 'data', fromInput: true, value: ({row}) => row.standardRef},
      {header: '現行', role: 'data', fromInput: true, value: ({row}) => row.currentRef},
      {header: '内容', role: 'long', fromInput: true, value: ({row}) => row.message},
      {header: '出典', role: 'data', fromInput: true, value: ({row}) => row.source?.current ?? row.source?.standard},
      {header: '判定', role: 'data', value: ({row}) => (row.decision?.verdict ? VERDICT_LABELS[row.decision.verdict] : undefined)},
      {header: '対応方針', role: 'data', value: ({row}) => (row.decision?.policy ? POLICY_LABELS[row.decision.policy] : undefined)},
    ],
  }
}

const CARRY_TYPE_LABELS: Record<CarryRow['type'], string> = {function: '機能', form: '帳票', dataItem: 'データ項目'}

/** Decisions made on another edition and what became of them in this one. */
export function editionSheet(rows: readonly WithArea<CarryRow>[]): SheetSpec<WithArea<CarryRow>> {
  return {
    name: SHEET_NAMES.editions,
    rows,
    columns: [
      {header: KEY_HEADER, role: 'key', fromInput: true, value: ({row}) => row.newKey ?? row.key},
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
    ],
  }
}
