/** Matcher output → a fresh mapping file (suggested entries only). Pure. */
import {renderTable} from '../cli/render.js'
import {assignOneToOne, type Candidate, DEFAULT_ACCEPT_THRESHOLD, type FieldInput, type MatchResult} from '../matching/engine.js'
import {SYSTEM_COLUMN_LABELS} from '../matching/system-columns.js'
import type {DataItem} from '../model/catalog.js'
import {byCodePoint} from '../model/order.js'
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

export interface FieldSuggestion {
  readonly ref: string
  readonly label: string
  /** Set for a system column (更新者, 更新日時 …): it goes to 操作 items only, or nowhere. */
  readonly systemColumn?: string
  readonly candidates: readonly {readonly item: string; readonly name: string; readonly score: number; readonly accepted: boolean; readonly reason: string}[]
  /** Why there is no candidate at or above the accept threshold (Japanese), when there is none. */
  readonly note?: string
}

/** The other direction: per current field, its ranked standard items ("where does my column go?"). */
export function fieldSuggestions(
  items: readonly DataItem[],
  fields: readonly FieldInput[],
  result: MatchResult,
  options: {perField: number; minScore: number},
): FieldSuggestion[] {
  const names = new Map(items.map((i) => [i.id, i.name]))
  return fields
    .map((field) => {
      const ref = `${field.table}.${field.column}`
      const system = result.systemColumns.get(ref)
      const candidates = (result.byField.get(ref) ?? [])
        .filter((c) => c.score >= options.minScore)
        .slice(0, options.perField)
        .map((c) => ({item: c.itemId, name: names.get(c.itemId) ?? '', score: c.score, accepted: c.score >= DEFAULT_ACCEPT_THRESHOLD, reason: c.reason}))
      const note = candidates.some((c) => c.accepted)
        ? undefined
        : system
          ? `システム管理用の列 (${SYSTEM_COLUMN_LABELS[system]}): 標準に業務上の対応項目はありません (操作の記録項目があればそこへ)`
          : `採用の閾値 ${DEFAULT_ACCEPT_THRESHOLD} 以上の候補がありません: 現行独自の項目の可能性があります`
      return {ref, label: field.label, ...(system ? {systemColumn: SYSTEM_COLUMN_LABELS[system]} : {}), candidates, ...(note ? {note} : {})}
    })
    .sort((a, b) => byCodePoint(a.ref, b.ref))
}

export function renderFieldSuggestions(rows: readonly FieldSuggestion[]): string {
  const table = rows.map((row) => {
    const top = row.candidates[0]
    return [row.ref, row.label, top ? `${top.item} ${top.name}` : '-', top ? top.score.toFixed(2) : '', top?.accepted ? (top.reason ?? '') : (row.note ?? '')]
  })
  return renderTable(['現行項目', 'ラベル', '第1候補の標準項目', 'スコア', '理由・注記'], table)
}
