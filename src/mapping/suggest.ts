/** Matcher output → a fresh mapping file (suggested entries only). Pure. */
import {assignOneToOne, type Candidate, type MatchResult} from '../matching/engine.js'
import type {DataItem} from '../model/catalog.js'
import {MAPPING_FILE_VERSION, type MappingFile} from './model.js'

export interface SuggestionOptions {
  /** Suggestions kept per standard item (default 3). */
  readonly perItem?: number
  /** Suggestions below this score are not written (default 0.45). */
  readonly minScore?: number
  /** When given, only these pairs (one-to-one assignment) are written. */
  readonly assignment?: ReadonlyMap<string, Candidate>
}

export function suggestionsToMappingFile(
  area: string,
  edition: string | undefined,
  items: readonly DataItem[],
  result: MatchResult,
  options: SuggestionOptions = {},
): MappingFile {
  const perItem = options.perItem ?? 3
  const minScore = options.minScore ?? 0.45
  // One column, one item by default: a candidate whose column goes to a better-scored item comes after the free
  // ones and says so (a person may still confirm both).
  const owner = new Map<string, Candidate>()
  for (const c of (options.assignment ?? assignOneToOne(result, minScore)).values()) owner.set(c.ref, c)
  const names = new Map(items.map((i) => [i.id, i.name]))
  const taken = (c: Candidate) => (owner.has(c.ref) && owner.get(c.ref)!.itemId !== c.itemId ? 1 : 0)
  const note = (c: Candidate): Candidate => {
    const holder = owner.get(c.ref)
    if (!holder || holder.itemId === c.itemId) return c
    return {...c, reason: `${c.reason}・ただしこの列は ${holder.itemId} ${names.get(holder.itemId) ?? ''} の候補 (点数 ${holder.score}) が優先 (1列1項目)`}
  }
  return {
    version: MAPPING_FILE_VERSION,
    area,
    edition,
    items: items.map((item) => {
      const assigned = options.assignment?.get(item.id)
      const candidates = options.assignment
        ? assigned
          ? [assigned]
          : []
        : (result.byItem.get(item.id) ?? [])
            .filter((c) => c.score >= minScore)
            .sort((a, b) => taken(a) - taken(b))
            .slice(0, perItem)
            .map(note)
      return {
        item: item.id,
        name: item.name,
        entries: candidates.map((c) => ({refs: [c.ref], status: 'suggested' as const, score: c.score, signals: c.signals, reason: c.reason})),
      }
    }),
    currentOnly: [],
  }
}
