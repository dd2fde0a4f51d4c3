/**
 * Merging fresh suggestions into an existing mapping file (data items, function pairs, form pairs). Pure.
 *
 * Rules (docs/mapping-file.md):
 * - A person's decisions (confirmed, rejected, no-counterpart) are never changed or dropped; only their
 *   informational score / signals / reason are refreshed when the matcher proposes the same refs again.
 * - Old machine suggestions are replaced by the fresh ones.
 * - A fresh suggestion is not added when a person already rejected or confirmed the same refs, nor for an
 *   item a person has settled (confirmed or no-counterpart).
 * - Items the catalogue no longer has keep their decisions (map check reports them) but lose suggestions.
 * - The result is sorted canonically, so merging the same fresh suggestions again changes nothing.
 */
import {
  entryKey,
  HUMAN_STATUSES,
  type MappingEntry,
  type MappingFile,
  type MappingItem,
  type PairEntry,
  type PairItem,
  type PairSection,
  sortMappingFile,
} from './model.js'

export function mergeSuggestions(existing: MappingFile | undefined, fresh: MappingFile): MappingFile {
  const items = mergeSection(
    existing?.items ?? [],
    fresh.items,
    (item) => item.item,
    (id, name, entries): MappingItem => ({item: id, name, entries}),
  )
  const pairs = (section: PairSection) =>
    mergeSection(existing?.[section] ?? [], fresh[section] ?? [], (pair) => pair.id, (id, name, entries): PairItem => ({id, name, entries}))
  return sortMappingFile({
    version: fresh.version,
    area: fresh.area,
    edition: fresh.edition ?? existing?.edition,
    items,
    currentOnly: existing?.currentOnly ?? fresh.currentOnly,
    functions: pairs('functions'),
    forms: pairs('forms'),
  })
}

type AnyEntry = MappingEntry | PairEntry

/** The merge rules above for one section (data items, function pairs or form pairs). */
function mergeSection<E extends AnyEntry, T extends {readonly name?: string; readonly entries: readonly E[]}>(
  existing: readonly T[],
  fresh: readonly T[],
  idOf: (item: T) => string,
  make: (id: string, name: string | undefined, entries: E[]) => T,
): T[] {
  const freshById = new Map(fresh.map((item) => [idOf(item), item]))
  // An item listed twice (a hand edit) keeps the entries of every block: no decision is dropped.
  const oldById = new Map<string, T>()
  for (const item of existing) {
    const seen = oldById.get(idOf(item))
    oldById.set(idOf(item), seen ? make(idOf(item), seen.name, [...seen.entries, ...item.entries]) : item)
  }
  const ids = new Set([...freshById.keys(), ...oldById.keys()])
  const items: T[] = []
  for (const id of ids) {
    const old = oldById.get(id)
    const next = freshById.get(id)
    const suggestions = new Map((next?.entries ?? []).filter((e) => e.status === 'suggested').map((e) => [entryKey(e), e]))
    const human = (old?.entries ?? []).filter((e) => HUMAN_STATUSES.has(e.status))
    const kept: E[] = human.map((entry) => {
      const again = suggestions.get(entryKey(entry))
      if (!again) return entry
      return {...entry, score: again.score, ...('signals' in again ? {signals: again.signals} : {}), reason: again.reason}
    })
    const settled = human.some((e) => e.status === 'confirmed' || e.status === 'no-counterpart')
    const decidedKeys = new Set(human.map(entryKey))
    const added = settled ? [] : [...suggestions.values()].filter((e) => !decidedKeys.has(entryKey(e)))
    const entries = [...kept, ...added]
    if (entries.length === 0 && !next) continue
    items.push(make(id, next?.name ?? old?.name, entries))
  }
  return items
}
