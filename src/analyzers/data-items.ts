import type {DataItem} from '../model/catalog.js'
import {type CurrentField, fieldRef} from '../model/current.js'
import type {Decision, Verdict} from '../model/decision.js'
import type {Finding, Severity} from '../model/finding.js'
import {type CompatibilityIssue, checkCompatibility} from './compatibility.js'
import type {Conversion} from './conversions.js'
import type {AreaInput, FieldLink} from './inputs.js'
import {fingerprint, rowKey} from './keys.js'

export type LinkState = 'confirmed' | 'suggested' | 'no-counterpart' | 'unmapped'

export const LINK_STATE_LABELS: Record<LinkState, string> = {
  confirmed: '確定',
  suggested: '候補 (未確認)',
  'no-counterpart': '現行になし (確認済み)',
  unmapped: '未対応',
}

export interface DataItemRow {
  readonly key: string
  readonly item: DataItem
  readonly state: LinkState
  readonly fields: readonly {readonly field: CurrentField; readonly link: FieldLink}[]
  /** Conversions and required-ness differences of the chosen fields (several confirmed fields are joined: 氏 + 名 → 氏名). */
  readonly issues: readonly CompatibilityIssue[]
  /** Every conversion the chosen fields need, `none` included: the rows of 移行変換一覧. */
  readonly conversions: readonly Conversion[]
  readonly worst?: Severity
  readonly autoVerdict: Verdict
  readonly verdict: Verdict
  readonly reason: string
  readonly decision?: Decision
  readonly fingerprint: string
}

const SEVERITY_RANK: Record<Severity, number> = {error: 3, warning: 2, info: 1}

export const dataItemFingerprint = (item: DataItem) =>
  fingerprint([item.name, item.type, item.length, item.required, item.codeTable])

export function analyzeDataItems(input: AreaInput): {rows: DataItemRow[]; findings: Finding[]; linkedFields: Set<string>} {
  const {catalog, current, area} = input
  const fieldsByRef = new Map(current.fields.map((f) => [fieldRef(f), f]))
  const linksByItem = new Map<string, FieldLink[]>()
  const dangling: FieldLink[] = []
  for (const link of input.fieldLinks) {
    if (!fieldsByRef.has(link.fieldRef)) {
      if (link.status === 'confirmed' && current.fields.length > 0) dangling.push(link)
      continue
    }
    linksByItem.set(link.itemId, [...(linksByItem.get(link.itemId) ?? []), link])
  }
  const rows: DataItemRow[] = []
  const findings: Finding[] = dangling.map((link) => ({
    key: `${rowKey.dataItem(area.slug, link.itemId)}:missing-field:${link.fieldRef}`,
    area: area.slug,
    kind: 'item-unmapped',
    severity: 'warning',
    standardRef: link.itemId,
    currentRef: link.fieldRef,
    message: `${link.itemId}: 確定した現行項目 ${link.fieldRef} が取り込んだ現行定義にない。現行定義を取り込み直したか、対応付けを見直す`,
  }))
  const linkedFields = new Set<string>()
  // A field confirmed for several items is split between them.
  const confirmedItemsOf = new Map<string, string[]>()
  for (const link of input.fieldLinks)
    if (link.status === 'confirmed') confirmedItemsOf.set(link.fieldRef, [...(confirmedItemsOf.get(link.fieldRef) ?? []), link.itemId])
  const itemName = new Map(catalog.dataItems.map((item) => [item.id, item.name]))
  for (const item of catalog.dataItems) {
    const key = rowKey.dataItem(area.slug, item.id)
    const all = linksByItem.get(item.id) ?? []
    const confirmed = all.filter((l) => l.status === 'confirmed')
    const chosen = confirmed.length > 0 ? confirmed : all.filter((l) => l.status === 'suggested').slice(0, 1)
    const fields = chosen.map((link) => {
      linkedFields.add(link.fieldRef)
      return {field: fieldsByRef.get(link.fieldRef)!, link}
    })
    const splitWith =
      confirmed.length === 1 ? (confirmedItemsOf.get(confirmed[0]!.fieldRef) ?? []).filter((id) => id !== item.id).map((id) => itemName.get(id) ?? id) : []
    const {issues, conversions} =
      fields.length > 0 ? checkCompatibility(item, fields.map((f) => f.field), {splitWith, codeLists: catalog.codeLists}) : {issues: [], conversions: []}
    const state: LinkState =
      confirmed.length > 0 ? 'confirmed' : chosen.length > 0 ? 'suggested' : input.noCounterpart.has(item.id) ? 'no-counterpart' : 'unmapped'
    const counted = state === 'confirmed' ? issues : []
    const worst = counted.reduce<Severity | undefined>((w, i) => (!w || SEVERITY_RANK[i.severity] > SEVERITY_RANK[w] ? i.severity : w), undefined)
    const inferred = inferItem(item, state, worst)
    const decision = input.decisions.get(key)
    rows.push({
      key,
      item,
      state,
      fields,
      issues,
      conversions,
      worst,
      autoVerdict: inferred.verdict,
      verdict: decision?.verdict ?? inferred.verdict,
      reason: inferred.reason,
      decision,
      fingerprint: dataItemFingerprint(item),
    })

    const label = `${item.id} ${item.name}`
    if (state === 'unmapped' || state === 'no-counterpart') {
      findings.push({
        key,
        area: area.slug,
        kind: 'item-unmapped',
        // Without an imported 項目定義 an unmapped item is no finding about the current system yet.
        severity: item.required && state === 'unmapped' && current.fields.length > 0 ? 'warning' : 'info',
        standardRef: item.id,
        message: `${label}: ${inferred.reason}`,
      })
    }
    // Until a person confirms the pair, its risks are only information.
    const confirmedPair = state === 'confirmed'
    for (const issue of issues) {
      const field = fieldsByRef.get(issue.ref.split('+')[0]!)
      findings.push({
        key: `${key}:${issue.kind}:${issue.ref}`,
        area: area.slug,
        kind: issue.kind,
        severity: confirmedPair ? issue.severity : 'info',
        standardRef: item.id,
        currentRef: issue.ref,
        message: `${label} ← ${issue.ref}${field && !issue.ref.includes('+') ? ` (${field.label})` : ''}: ${issue.message}`,
        source: field?.source ? {current: `${field.source.file}${field.source.sheet ? ` [${field.source.sheet}]` : ''} ${field.source.row}行`} : undefined,
      })
    }
  }
  return {rows, findings, linkedFields}
}

function inferItem(item: DataItem, state: LinkState, worst: Severity | undefined): {verdict: Verdict; reason: string} {
  switch (state) {
    case 'unmapped':
      return {verdict: 'undecided', reason: item.required ? '必須項目だが現行の対応項目がない。対応付けを確認' : '現行の対応項目がない'}
    case 'no-counterpart':
      return {verdict: 'gap', reason: '現行に相当する項目がないことを確認済み。移行時の初期値を決める'}
    case 'suggested':
      return {verdict: 'undecided', reason: '対応候補のみ (未確認)。map review で確認する'}
    case 'confirmed':
      if (worst === 'error') return {verdict: 'gap', reason: '対応項目はあるが移行で値が失われるおそれ'}
      if (worst === 'warning') return {verdict: 'partial', reason: '対応項目はあるが変換が必要'}
      return {verdict: 'fit', reason: '対応項目あり'}
  }
}
