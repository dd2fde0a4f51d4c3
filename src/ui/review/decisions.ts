/**
 * A reviewer's decisions as pure functions: MappingFile in, new MappingFile out (canonical order, same format
 * map suggest writes; docs/mapping-file.md). Nothing here touches the file system.
 *
 * - confirm: the refs become a `confirmed` entry (score / signals / reason kept); the item's remaining machine
 *   suggestions and any no-counterpart entry are dropped (a settled item gets no suggestions, as in mergeSuggestions);
 *   other confirmed and rejected entries stay (several fields may feed one item).
 * - reject: the refs become a `rejected` entry (score / signals / reason kept), whatever their status was.
 * - noCounterpart: one `no-counterpart` entry; suggestions are dropped and confirmed entries become rejected
 *   (a person saying "no counterpart" says those fields are not it).
 */
import type {Signals} from '../../matching/signals.js'
import {entryKey, type MappingEntry, type MappingFile, type MappingItem, sortMappingFile} from '../../mapping/model.js'

/** Who decided and when (YYYY-MM-DD). */
export interface Stamp {
  readonly by?: string
  readonly at: string
}

/** What a decision is about: the current field(s) and what the matcher said about them. */
export interface DecisionTarget {
  readonly refs: readonly string[]
  readonly score?: number
  readonly signals?: Signals
  readonly reason?: string
}

function stamped(entry: Omit<MappingEntry, 'by' | 'at'> & Partial<MappingEntry>, stamp: Stamp): MappingEntry {
  const out: MappingEntry = {...entry, at: stamp.at}
  if (stamp.by !== undefined && stamp.by !== '') out.by = stamp.by
  else delete out.by
  return out
}

function withItem(mapping: MappingFile, itemId: string, itemName: string | undefined, change: (entries: MappingEntry[]) => MappingEntry[]): MappingFile {
  const existing = mapping.items.find((item) => item.item === itemId)
  const base: MappingItem = existing ?? {item: itemId, name: itemName, entries: []}
  const next: MappingItem = {...base, name: base.name ?? itemName, entries: change([...base.entries])}
  const items = existing ? mapping.items.map((item) => (item === existing ? next : item)) : [...mapping.items, next]
  return sortMappingFile({...mapping, items})
}

const targetEntry = (target: DecisionTarget, status: MappingEntry['status'], previous?: MappingEntry): Omit<MappingEntry, 'by' | 'at'> => {
  const entry: Omit<MappingEntry, 'by' | 'at'> = {refs: [...target.refs].sort(), status}
  const score = target.score ?? previous?.score
  const signals = target.signals ?? previous?.signals
  const reason = target.reason ?? previous?.reason
  if (score !== undefined) entry.score = score
  if (signals !== undefined) entry.signals = signals
  if (reason !== undefined) entry.reason = reason
  if (previous?.note !== undefined) entry.note = previous.note
  return entry
}

export function confirm(mapping: MappingFile, itemId: string, itemName: string | undefined, target: DecisionTarget, stamp: Stamp): MappingFile {
  const key = entryKey({refs: [...target.refs], status: 'confirmed'})
  return withItem(mapping, itemId, itemName, (entries) => {
    const previous = entries.find((e) => e.status !== 'no-counterpart' && entryKey(e) === key)
    const kept = entries.filter((e) => e.status !== 'suggested' && e.status !== 'no-counterpart' && entryKey(e) !== key)
    return [...kept, stamped(targetEntry(target, 'confirmed', previous), stamp)]
  })
}

export function reject(mapping: MappingFile, itemId: string, itemName: string | undefined, target: DecisionTarget, stamp: Stamp): MappingFile {
  const key = entryKey({refs: [...target.refs], status: 'rejected'})
  return withItem(mapping, itemId, itemName, (entries) => {
    const previous = entries.find((e) => e.status !== 'no-counterpart' && entryKey(e) === key)
    const kept = entries.filter((e) => e.status === 'no-counterpart' || entryKey(e) !== key)
    return [...kept, stamped(targetEntry(target, 'rejected', previous), stamp)]
  })
}

export function noCounterpart(mapping: MappingFile, itemId: string, itemName: string | undefined, stamp: Stamp): MappingFile {
  return withItem(mapping, itemId, itemName, (entries) => {
    const previous = entries.find((e) => e.status === 'no-counterpart')
    const kept = entries
      .filter((e) => e.status === 'rejected' || e.status === 'confirmed')
      .map((e) => (e.status === 'confirmed' ? stamped({...e, status: 'rejected'}, stamp) : e))
    const gap: Omit<MappingEntry, 'by' | 'at'> = {refs: [], status: 'no-counterpart'}
    if (previous?.note !== undefined) gap.note = previous.note
    return [...kept, stamped(gap, stamp)]
  })
}

/** Whether a person has settled the item: a confirmed field or "no counterpart". */
export function isSettled(item: MappingItem | undefined): boolean {
  return item?.entries.some((e) => e.status === 'confirmed' || e.status === 'no-counterpart') ?? false
}
