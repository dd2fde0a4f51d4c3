/**
 * Evidence from people's decisions: pairs confirmed or rejected in the other 業務 of the workspace (the same
 * vendor's 宛名 columns recur in all 20), and a vendor's dictionary of its own column names. Pure.
 *
 * A pair is keyed by the standard item's name (IDs differ between 業務) and the current column's physical name.
 * Confirmed evidence lifts the pair (or adds it when the matcher missed it); rejected evidence removes it.
 */
import {calibratedConfidence} from './calibration.js'
import {byScore, type Candidate, type FieldInput, type MatchResult, type StandardItem} from './engine.js'
import {termKey} from './lexicon.js'

export interface PairEvidence {
  readonly itemName: string
  readonly column: string
  readonly status: 'confirmed' | 'rejected'
  /** A person's decision in another 業務, or a vendor's column dictionary. */
  readonly kind: 'decision' | 'dictionary'
  /** Where it comes from, for the reason: 「住民基本台帳 (jumin) で確定」, 「業者の列名辞書 (vendor-columns.yaml)」. */
  readonly source: string
}

/** Scores given to a pair a person or a vendor already settled elsewhere. */
const LIFT = {decision: 0.93, dictionary: 0.9} as const

const keyOf = (itemName: string, column: string) => `${termKey(itemName)}\u0000${column.trim().toLowerCase()}`

export function applyEvidence(
  result: MatchResult,
  items: readonly StandardItem[],
  fields: readonly FieldInput[],
  evidence: readonly PairEvidence[],
  topK = 5,
): MatchResult {
  if (evidence.length === 0) return result
  const byKey = new Map<string, PairEvidence>()
  for (const e of evidence) {
    const key = keyOf(e.itemName, e.column)
    const seen = byKey.get(key)
    // A rejection anywhere outweighs a confirmation elsewhere: the pair is then a person's call again.
    if (!seen || (e.status === 'rejected' && seen.status === 'confirmed')) byKey.set(key, e)
  }
  const columns = new Set(evidence.map((e) => e.column.trim().toLowerCase()))
  const itemsByName = new Map<string, StandardItem[]>()
  for (const item of items) {
    const key = termKey(item.name)
    itemsByName.set(key, [...(itemsByName.get(key) ?? []), item])
  }
  const byField = new Map(result.byField)
  const touchedItems = new Set<string>()
  for (const field of fields) {
    const column = field.column.trim().toLowerCase()
    if (!columns.has(column)) continue
    const ref = `${field.table}.${field.column}`
    let list = [...(byField.get(ref) ?? [])]
    let changed = false
    for (const [nameKey, named] of itemsByName) {
      const e = byKey.get(`${nameKey}\u0000${column}`)
      if (!e) continue
      for (const item of named) {
        const at = list.findIndex((c) => c.itemId === item.id)
        const old = at >= 0 ? list[at] : undefined
        if (e.status === 'rejected') {
          if (old) list.splice(at, 1)
        } else {
          const lift = LIFT[e.kind]
          const reason = `${e.source}: ${field.column} ← ${item.name}${old ? `・${old.reason}` : ''}`
          const score = Math.max(old?.score ?? 0, lift)
          const next: Candidate = {itemId: item.id, ref, score, confidence: calibratedConfidence(score), signals: old?.signals ?? {}, reason}
          if (old) list[at] = next
          else list.push(next)
        }
        changed = true
        touchedItems.add(item.id)
      }
    }
    if (changed) {
      list = list.sort(byScore).slice(0, topK)
      byField.set(ref, list)
    }
  }
  if (touchedItems.size === 0) return result
  // Rebuild the item view from both: the old lists minus what changed, plus the new field lists.
  const byItem = new Map<string, Candidate[]>()
  for (const [id, list] of result.byItem) byItem.set(id, [...list])
  const changedRefs = new Set(fields.filter((f) => columns.has(f.column.trim().toLowerCase())).map((f) => `${f.table}.${f.column}`))
  for (const [id, list] of byItem) byItem.set(id, list.filter((c) => !(changedRefs.has(c.ref) && touchedItems.has(id))))
  for (const ref of changedRefs)
    for (const c of byField.get(ref) ?? []) {
      if (!touchedItems.has(c.itemId)) continue
      byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), c])
    }
  for (const [id, list] of byItem) byItem.set(id, list.sort(byScore).slice(0, topK))
  return {...result, byItem, byField}
}
