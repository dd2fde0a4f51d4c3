/**
 * Merging fresh suggestions into an existing mapping file. Pure.
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
  sortMappingFile,
} from './model.js'

export function mergeSuggestions(existing: MappingFile | undefined, fresh: MappingFile): MappingFile {
  const freshById = new Map(fresh.items.map((item) => [item.item, item]))
  // An item listed twice (a hand edit) keeps the entries of every block: no decision is dropped.
  const oldById = new Map<string, MappingItem>()
  for (const item of existing?.items ?? []) {
    const seen = oldById.get(item.item)
    oldById.set(item.item, seen ? {...seen, entries: [...seen.entries, ...item.entries]} : item)
  }
  const ids = new Set([...freshById.keys(), ...oldById.keys()])
  const items: MappingItem[] = []
  for (const id of ids) {
    const old = oldById.get(id)
    const next = freshById.get(id)
    // `fresh` comes from the matcher (mapping/suggest.ts): every entry is a suggestion.
    const suggestions = new Map((next?.entries ?? []).map((e) => [entryKey(e), e]))
    const human = (old?.entries ?? []).filter((e) => HUMAN_STATUSES.has(e.status))
    const kept: MappingEntry[] = human.map((entry) => {
      const again = suggestions.get(entryKey(entry))
      if (!again) return entry
      return {...entry, score: again.score, signals: again.signals, reason: again.reason}
    })
    const settled = human.some((e) => e.status === 'confirmed' || e.status === 'no-counterpart')
    const decidedKeys = new Set(human.map(entryKey))
    const added = settled ? [] : [...suggestions.values()].filter((e) => !decidedKeys.has(entryKey(e)))
    const entries = [...kept, ...added]
    if (entries.length === 0 && !next) continue
    items.push({item: id, name: next?.name ?? old?.name, entries})
  }
  return sortMappingFile({
    version: fresh.version,
    area: fresh.area,
    edition: fresh.edition ?? existing?.edition,
    items,
    currentOnly: existing?.currentOnly ?? fresh.currentOnly,
  })
}
