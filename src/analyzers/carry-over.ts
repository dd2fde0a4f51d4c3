import type {Decision} from '../model/decision.js'
import type {AttributeChange, CatalogDiff, EntryDiff, TextPart} from '../specs/diff.js'

/**
 * What happens to a decision made against an earlier edition when the analysis runs on a later one:
 * carried (requirement unchanged), renumbered (same requirement, new ID: carried under the new key),
 * review (the requirement changed: the decision is not applied until a person looks again),
 * archived (the requirement was removed: kept in the decisions file, shown, never applied).
 */
export type CarryOutcome = 'carried' | 'renumbered' | 'review' | 'archived'

export const CARRY_OUTCOME_LABELS: Record<CarryOutcome, string> = {
  carried: '引継ぎ (要件に変更なし)',
  renumbered: '引継ぎ (番号のみ変更)',
  review: '要再確認 (要件が変わった)',
  archived: '保管 (要件が削除された)',
}

export type CarryEntryType = 'function' | 'form' | 'dataItem'

export interface CarryRow {
  readonly area: string
  /** The decision's key (old edition). */
  readonly key: string
  /** The row key in the analysed edition (undefined when the requirement was removed). */
  readonly newKey?: string
  readonly type: CarryEntryType
  readonly fromEdition: string
  readonly toEdition: string
  readonly fromId: string
  readonly toId?: string
  readonly name: string
  readonly outcome: CarryOutcome
  readonly decision: Decision
  readonly changes: readonly AttributeChange[]
  /** Word-level diff of the requirement text (functions) when it changed. */
  readonly textDiff?: readonly TextPart[]
}

const KEY_TYPES: Record<string, {type: CarryEntryType; pick: (diff: CatalogDiff) => readonly EntryDiff<unknown>[]}> = {
  fn: {type: 'function', pick: (diff) => diff.functions},
  form: {type: 'form', pick: (diff) => diff.forms},
  item: {type: 'dataItem', pick: (diff) => diff.dataItems},
}

/**
 * Carries an 業務's recorded decisions to the analysed edition. Decisions on the same edition, without an
 * edition, or on current-only records pass through unchanged. `diffs` holds, per earlier edition, the diff from
 * that edition to the analysed one; a decision whose edition has no diff cannot be verified and is held for review.
 */
export function carryDecisions(
  area: string,
  decisions: readonly Decision[],
  edition: string,
  diffs: ReadonlyMap<string, CatalogDiff>,
): {effective: Map<string, Decision>; rows: CarryRow[]} {
  const effective = new Map<string, Decision>()
  const rows: CarryRow[] = []
  for (const decision of decisions) {
    const [, keyType, ...rest] = decision.key.split(':')
    const id = rest.join(':')
    const known = KEY_TYPES[keyType ?? '']
    if (!known || decision.edition === undefined || decision.edition === edition) {
      effective.set(decision.key, decision)
      continue
    }
    const diff = diffs.get(decision.edition)
    const entry = diff ? known.pick(diff).find((e) => e.fromId === id) : undefined
    const base = {area, key: decision.key, type: known.type, fromEdition: decision.edition, toEdition: edition, fromId: id, decision}
    if (!entry) {
      rows.push({...base, name: '', outcome: 'review', changes: []})
      continue
    }
    const newKey = entry.toId === null ? undefined : `${area}:${keyType}:${entry.toId}`
    const textDiff = (entry as {textDiff?: TextPart[] | null}).textDiff ?? undefined
    const common = {...base, newKey, toId: entry.toId ?? undefined, name: entry.name, changes: entry.changes, textDiff}
    // A removed requirement has no new ID.
    if (newKey === undefined) {
      rows.push({...common, outcome: 'archived'})
    } else if (entry.changes.length > 0) {
      rows.push({...common, outcome: 'review'})
    } else {
      const outcome: CarryOutcome = entry.status === 'renumbered' ? 'renumbered' : 'carried'
      rows.push({...common, outcome})
      // A decision recorded on the new key (made on the new edition) wins over a carried one: set here when it
      // came first, and over this one when it comes later.
      if (!effective.has(newKey)) effective.set(newKey, {...decision, key: newKey})
    }
  }
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return {effective, rows}
}
