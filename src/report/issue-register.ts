import type {AreaAnalysis} from '../analyzers/analyze-area.js'
import {fingerprint, rowKey} from '../analyzers/keys.js'
import {ownerKey} from '../analyzers/settle.js'
import {fieldRef} from '../model/current.js'
import type {Decision, IssueState, Verdict} from '../model/decision.js'
import type {Finding, FindingKind, Severity} from '../model/finding.js'

/** One entry of 課題一覧: a finding, what it is about in words, and how the team tracks it. */
export interface RegisterRow {
  /** The key its tracking (担当課・期限・状態) is recorded under: rowKey.issue(finding key). */
  readonly key: string
  readonly findingKey: string
  readonly areaName: string
  readonly severity: Severity
  readonly kind: FindingKind
  /** 標準: ID and name. */
  readonly standard?: string
  /** 現行: name (physical name or ID). */
  readonly current?: string
  /** What is wrong, without the ID and name the two columns before already show. */
  readonly content: string
  /** The decision on the row the finding is about (判定・対応方針 are made there). */
  readonly verdict?: Verdict
  readonly rowDecision?: Decision
  /** What the recorded decision that settles the finding says (analyzers/settle.ts), when one does. */
  readonly settledBy?: string
  readonly tracking?: Decision
  readonly fingerprint: string
}

/** Information findings that still ask someone to decide; the others (judged rows, small form differences) stay off the register. */
const INFO_KINDS_ON_REGISTER: ReadonlySet<FindingKind> = new Set(['option-undecided', 'archived-decision'])

export const onRegister = (finding: Finding) => finding.severity !== 'info' || INFO_KINDS_ON_REGISTER.has(finding.kind)

/** 状態 as the register shows it: what the team recorded, else 完了 once a decision settles the finding. */
export const registerState = (row: RegisterRow): IssueState => row.tracking?.state ?? (row.settledBy !== undefined ? 'done' : 'todo')

const SEVERITY_ORDER: Record<Severity, number> = {error: 0, warning: 1, info: 2}

/** Tracking survives rewording of a finding: only its kind decides whether it is still the same issue. */
export const registerFingerprint = (finding: Finding) => fingerprint(['issue', finding.kind])

/** The issue register: 重大 → 注意 → 情報, then 業務 (in the order analysed), then the standard (or current) ID. */
export function issueRegister(areas: readonly AreaAnalysis[]): RegisterRow[] {
  const rows = areas.flatMap((analysis, areaIndex) => areaRows(analysis).map(({row, id}) => ({row, areaIndex, id})))
  rows.sort(
    (a, b) =>
      SEVERITY_ORDER[a.row.severity] - SEVERITY_ORDER[b.row.severity] ||
      a.areaIndex - b.areaIndex ||
      compare(a.id, b.id) ||
      compare(a.row.findingKey, b.row.findingKey),
  )
  return rows.map((r) => r.row)
}

/** An analysis does not change once made, and the workbook, its サマリー and the terminal summary all ask for its rows. */
const rowsOf = new WeakMap<AreaAnalysis, readonly {row: RegisterRow; id: string}[]>()

function areaRows(analysis: AreaAnalysis): readonly {row: RegisterRow; id: string}[] {
  const known = rowsOf.get(analysis)
  if (known) return known
  const names = nameLookup(analysis)
  const rows = analysis.findings.filter(onRegister).map((finding) => {
    const about = names.row(finding)
    const key = rowKey.issue(finding.key)
    const row: RegisterRow = {
      key,
      findingKey: finding.key,
      areaName: analysis.area.name,
      severity: finding.severity,
      kind: finding.kind,
      standard: finding.standardRef ? join(finding.standardRef, names.standard(finding)) : undefined,
      current: names.current(finding),
      content: names.readable(plainContent(finding), finding),
      verdict: about?.verdict,
      rowDecision: about?.decision,
      ...(finding.settledBy ? {settledBy: finding.settledBy.summary} : {}),
      tracking: analysis.tracking.get(key),
      fingerprint: registerFingerprint(finding),
    }
    return {row, id: finding.standardRef ?? finding.currentRef ?? ''}
  })
  rowsOf.set(analysis, rows)
  return rows
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const join = (id: string, name: string | undefined) => (name ? `${id} ${name}` : id)

/**
 * The message without the leading "ID 名称: " or "… ← TABLE.COLUMN (名称): " that 標準 and 現行 already show.
 * Messages that do not start that way are kept whole.
 */
export function plainContent(finding: Finding): string {
  const cut = finding.message.indexOf(': ')
  if (cut < 0) return finding.message
  const head = finding.message.slice(0, cut)
  const names = [finding.standardRef, finding.currentRef].filter((r): r is string => r !== undefined && r !== '')
  return names.some((ref) => head.includes(ref)) ? finding.message.slice(cut + 2) : finding.message
}

function nameLookup(analysis: AreaAnalysis) {
  const functions = new Map(analysis.functions.map((r) => [r.fn.id, r]))
  const forms = new Map(analysis.forms.map((r) => [r.form.id, r]))
  const items = new Map(analysis.dataItems.map((r) => [r.item.id, r]))
  const currentOnly = new Map(analysis.currentOnly.map((r) => [r.key, r]))
  const fields = new Map(analysis.dataItems.flatMap((r) => r.fields.map((f) => [fieldRef(f.field), f.field.label] as const)))
  const rows = new Map<string, {verdict?: Verdict; decision?: Decision}>([
    ...analysis.functions.map((r) => [r.key, r] as const),
    ...analysis.forms.map((r) => [r.key, r] as const),
    ...analysis.dataItems.map((r) => [r.key, r] as const),
    ...analysis.currentOnly.map((r) => [r.key, {decision: r.decision}] as const),
  ])
  const type = (finding: Finding) => finding.key.split(':')[1]
  return {
    standard(finding: Finding): string | undefined {
      const id = finding.standardRef ?? ''
      switch (type(finding)) {
        case 'fn':
          return functions.get(id)?.fn.name
        case 'form':
        case 'form-field':
          return forms.get(id)?.form.name
        case 'item':
          return items.get(id)?.item.name
        default:
          return undefined
      }
    },
    current(finding: Finding): string | undefined {
      const ref = finding.currentRef
      if (ref === undefined) return undefined
      const extra = currentOnly.get(finding.key)
      if (extra) return `${extra.name} (${extra.ref})`
      switch (type(finding)) {
        case 'fn': {
          const row = functions.get(finding.standardRef ?? '')
          const fn = [...(row?.currents ?? []).map((c) => c.fn), ...(row?.candidate ? [row.candidate.fn] : [])].find((f) => f.id === ref)
          return fn ? `${fn.name} (${fn.id})` : ref
        }
        case 'form':
        case 'form-field': {
          const row = forms.get(finding.standardRef ?? '')
          const form = [...(row?.currents ?? []).map((c) => c.form), ...(row?.candidate ? [row.candidate.form] : [])].find((f) => f.id === ref)
          return form ? `${form.name} (${form.id})` : ref
        }
        default: {
          const label = fields.get(ref)
          return label ? `${label} (${ref})` : ref
        }
      }
    },
    /** 「現行 TABLE.COLUMN は…」 reads as 「現行「氏名」は…」: the physical name is in the 現行 column already. */
    readable(content: string, finding: Finding): string {
      const label = finding.currentRef ? fields.get(finding.currentRef) : undefined
      return label ? content.replaceAll(`現行 ${finding.currentRef} `, `現行「${label}」`) : content
    },
    row: (finding: Finding) => rows.get(ownerKey(finding)),
  }
}
