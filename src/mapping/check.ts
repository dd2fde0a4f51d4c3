/**
 * `fitgap map check`: problems in a mapping file, as pure functions from (mapping, catalogue items,
 * current fields) to findings. Errors make the command exit 1.
 */
import type {CodeList, DataItem} from '../model/catalog.js'
import {type CurrentField, fieldRef} from '../model/current.js'
import {checkCompatibility} from '../analyzers/compatibility.js'
import type {Conversion} from '../analyzers/conversions.js'
import type {Severity} from '../model/finding.js'
import {entryKey, type MappingEntry, type MappingFile} from './model.js'
import {byCodePoint} from '../model/order.js'

export const CHECK_KINDS = [
  'unknown-item',
  'unknown-field',
  'duplicate',
  'shared-field',
  'required-unmapped',
  'required-gap',
  'type',
  'length',
  'required',
  'code',
  'format',
  'width',
  'identity',
  'combine',
  'unknown-standard',
  'unknown-current',
  'vendor-unknown-id',
  'prohibited-paired',
] as const
export type CheckKind = (typeof CHECK_KINDS)[number]

export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  'unknown-item': '標準データ項目が存在しない',
  'unknown-field': '現行項目が存在しない',
  duplicate: '重複した対応付け',
  'shared-field': '1つの現行項目を複数の標準項目に対応付け',
  'required-unmapped': '必須項目が未対応',
  'required-gap': '必須項目が対応なし (ギャップ)',
  type: '型の変換',
  length: '切り捨てのおそれ',
  required: '必須の差異',
  code: 'コード変換',
  format: '形式の変換',
  width: '文字幅の変換',
  identity: '文字同定',
  combine: '結合・分割',
  'unknown-standard': '標準機能・帳票が存在しない',
  'unknown-current': '現行機能・帳票が存在しない',
  'vendor-unknown-id': '対応表のIDが標準にない',
  'prohibited-paired': '実装不可の機能・帳票に対応する現行あり',
}

export interface CheckFinding {
  readonly kind: CheckKind
  readonly severity: Severity
  /** Standard data item id, when the finding concerns one. */
  readonly item?: string
  /** TABLE.COLUMN, when the finding concerns a current field. */
  readonly ref?: string
  readonly message: string
  /** For conversion kinds: the rule, its severity for migration (変換で対応可 / 情報欠落のおそれ) and its basis. */
  readonly conversion?: Pick<Conversion, 'kind' | 'severity' | 'rule' | 'basis'>
}

export interface CheckOptions {
  /** Also check suggested entries (default: only confirmed ones are checked for type/length/required/code). */
  readonly includeSuggested?: boolean
  /** The catalogue's コード一覧, to compare code values. */
  readonly codeLists?: readonly CodeList[]
}

const SEVERITY_ORDER: Record<Severity, number> = {error: 0, warning: 1, info: 2}

/**
 * All findings of a mapping file. Without current fields (no import yet), references to current fields
 * are not checked for existence.
 */
export function checkMapping(
  mapping: MappingFile,
  items: readonly DataItem[],
  fields: readonly CurrentField[] | undefined,
  options: CheckOptions = {},
): CheckFinding[] {
  const findings: CheckFinding[] = []
  const itemById = new Map(items.map((item) => [item.id, item]))
  const fieldByRef = fields ? new Map(fields.map((field) => [fieldRef(field), field])) : undefined
  const confirmedUse = new Map<string, string[]>()
  const mappedItems = new Set<string>()
  const gapItems = new Set<string>()
  const seenItems = new Map<string, number>()

  for (const entryGroup of mapping.items) {
    seenItems.set(entryGroup.item, (seenItems.get(entryGroup.item) ?? 0) + 1)
    const item = itemById.get(entryGroup.item)
    if (!item) {
      const hasDecision = entryGroup.entries.some((e) => e.status !== 'suggested')
      findings.push({
        kind: 'unknown-item',
        severity: hasDecision ? 'error' : 'warning',
        item: entryGroup.item,
        message: `標準データ項目「${entryGroup.item}」${entryGroup.name ? ` (${entryGroup.name})` : ''} はカタログにありません。${
          /^\d{9}$/.test(entryGroup.item) ? '9桁の旧形式のIDです。`fitgap migrate` で公式の形 (8桁) に移行してください。' : ''
        }`,
      })
    }
    const keys = new Map<string, MappingEntry>()
    for (const entry of entryGroup.entries) {
      const key = entryKey(entry)
      if (keys.has(key))
        findings.push({
          kind: 'duplicate',
          severity: 'error',
          item: entryGroup.item,
          ref: entry.refs.join('+') || undefined,
          message: `標準「${item?.name ?? entryGroup.item}」に同じ対応 (${key}) が2回書かれています (${keys.get(key)!.status} と ${entry.status})。`,
        })
      else keys.set(key, entry)
      const refCounts = new Map<string, number>()
      for (const ref of entry.refs) refCounts.set(ref, (refCounts.get(ref) ?? 0) + 1)
      for (const [ref, count] of refCounts)
        if (count > 1)
          findings.push({kind: 'duplicate', severity: 'error', item: entryGroup.item, ref, message: `refs に ${ref} が ${count} 回あります。`})

      if (entry.status === 'no-counterpart') gapItems.add(entryGroup.item)
      if (entry.status === 'rejected') continue
      const checked: CurrentField[] = []
      for (const ref of entry.refs) {
        const field = fieldByRef?.get(ref)
        if (fieldByRef && !field) {
          findings.push({
            kind: 'unknown-field',
            severity: entry.status === 'confirmed' ? 'error' : 'warning',
            item: entryGroup.item,
            ref,
            message: `現行項目 ${ref} は取り込んだ現行システム定義にありません (${entry.status === 'confirmed' ? '確定済み' : '提案'})。`,
          })
          continue
        }
        if (entry.status !== 'confirmed' && !options.includeSuggested) continue
        if (entry.status === 'confirmed') {
          mappedItems.add(entryGroup.item)
          const list = confirmedUse.get(ref) ?? []
          list.push(entryGroup.item)
          confirmedUse.set(ref, list)
        }
        if (field) checked.push(field)
      }
      // Several fields feeding one item (氏 + 名 → 氏名) are judged together: joined, their lengths add up.
      if (item && checked.length === entry.refs.length && checked.length > 0)
        for (const issue of checkCompatibility(item, checked, {codeLists: options.codeLists}).issues) {
          // Suggestions are checked only on request, and never fail the check.
          const confirmed = entry.status === 'confirmed'
          findings.push({
            kind: issue.kind,
            severity: confirmed ? issue.severity : issue.severity === 'error' ? 'warning' : issue.severity,
            item: item.id,
            ref: issue.ref,
            message: confirmed ? issue.message : `(提案) ${issue.message}`,
            ...(issue.conversion ? {conversion: {kind: issue.conversion.kind, severity: issue.conversion.severity, rule: issue.conversion.rule, basis: issue.conversion.basis}} : {}),
          })
        }
    }
  }
  for (const [id, count] of seenItems)
    if (count > 1)
      findings.push({kind: 'duplicate', severity: 'error', item: id, message: `標準データ項目「${itemById.get(id)?.name ?? id}」が items に ${count} 回あります。`})
  for (const [ref, ids] of confirmedUse)
    if (ids.length > 1)
      findings.push({
        kind: 'shared-field',
        severity: 'warning',
        ref,
        message: `現行 ${ref} が ${ids.length} 件の標準項目 (${ids.map((id) => itemById.get(id)?.name ?? id).join('・')}) に確定しています。意図どおりか確認してください。`,
      })
  for (const item of items) {
    if (!item.required || mappedItems.has(item.id)) continue
    if (gapItems.has(item.id))
      findings.push({kind: 'required-gap', severity: 'warning', item: item.id, message: `必須項目「${item.name}」は対応なし (ギャップ) と判断されています。移行方法を決めてください。`})
    else findings.push({kind: 'required-unmapped', severity: 'error', item: item.id, message: `必須項目「${item.name}」に確定した現行項目がありません。`})
  }
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.item ?? '').localeCompare(b.item ?? '', 'en', {numeric: true}) ||
      byCodePoint(a.ref ?? '', b.ref ?? '') ||
      byCodePoint(a.kind, b.kind) ||
      byCodePoint(a.message, b.message),
  )
}

export function summarizeFindings(findings: readonly CheckFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  for (const f of findings) counts[f.severity]++
  return counts
}
