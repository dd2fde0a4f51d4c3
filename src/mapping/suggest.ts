/** Matcher output → a fresh mapping file (suggested entries only). Pure. */
import type {Candidate, MatchResult} from '../matching/engine.js'
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
        : (result.byItem.get(item.id) ?? []).filter((c) => c.score >= minScore).slice(0, perItem)
      return {
        item: item.id,
        name: item.name,
        entries: candidates.map((c) => ({refs: [c.ref], status: 'suggested' as const, score: c.score, signals: c.signals, reason: c.reason})),
      }
    }),
    currentOnly: [],
  }
}
