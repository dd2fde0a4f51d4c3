/**
 * The mapping file `mappings/<area>.yaml` of a workspace: per standard data item, which current field(s)
 * (TABLE.COLUMN) correspond, per standard function / form which current function / form, and whether a machine suggested it or a person decided it.
 * Read by map suggest / map check / map review / analyze / report import. Format: docs/mapping-file.md.
 */
import * as z from 'zod'

import {SIGNALS} from '../matching/signals.js'
import {byCodePoint} from '../model/order.js'

export const MAPPING_FILE_VERSION = 1

/** suggested: machine proposal. confirmed / rejected / no-counterpart: a person's decision (kept across runs). */
export const ENTRY_STATUSES = ['confirmed', 'no-counterpart', 'suggested', 'rejected'] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]
export const HUMAN_STATUSES: ReadonlySet<EntryStatus> = new Set(['confirmed', 'rejected', 'no-counterpart'])

export const STATUS_LABELS: Record<EntryStatus, string> = {
  confirmed: '確定',
  'no-counterpart': '対応なし (ギャップ)',
  suggested: '提案',
  rejected: '却下',
}

const refSchema = z
  .string()
  // Names may hold spaces (a table named after 「住記 項目定義.csv」); only the ends and line breaks are ruled out.
  .regex(/^[^.\s][^\n]*\.[^\n]*\S$/, '現行項目の参照は「テーブル.列」です (例: JUMIN.SHIMEI)')

const signalsSchema = z.partialRecord(z.enum(SIGNALS), z.number().min(0).max(1))

/** no-counterpart names no current record; every other status names at least one. */
const refsMatchStatus =
  (whenNone: string, whenMissing: string) =>
  (entry: {status: EntryStatus; refs: string[]}, ctx: z.RefinementCtx): void => {
    if (entry.status === 'no-counterpart' && entry.refs.length > 0) ctx.addIssue({code: 'custom', path: ['refs'], message: whenNone})
    if (entry.status !== 'no-counterpart' && entry.refs.length === 0) ctx.addIssue({code: 'custom', path: ['refs'], message: whenMissing})
  }

export const mappingEntrySchema = z
  .strictObject({
    /** Current fields (TABLE.COLUMN); several when one item is fed by several fields. Empty for no-counterpart. */
    refs: z.array(refSchema).default([]),
    status: z.enum(ENTRY_STATUSES),
    /** Matcher score in [0,1] (informational; refreshed by map suggest). */
    score: z.number().min(0).max(1).optional(),
    signals: signalsSchema.optional(),
    /** One-line Japanese reason from the matcher. */
    reason: z.string().optional(),
    /** Who decided, when (YYYY-MM-DD or ISO date-time), and why. */
    by: z.string().optional(),
    at: z.string().optional(),
    note: z.string().optional(),
  })
  .superRefine(refsMatchStatus('no-counterpart の項目には refs を書きません', '現行項目 (テーブル.列) を1つ以上書いてください'))

export const mappingItemSchema = z.strictObject({
  /** Standard data item id (9 digits in the bundled catalogues). */
  item: z.string().min(1),
  /** The item's name, for people reading the file (refreshed by map suggest; not used as a key). */
  name: z.string().optional(),
  entries: z.array(mappingEntrySchema).default([]),
})

/**
 * A standard function (or form) ↔ current function (or form) pair, by the current record's ID. Same statuses as
 * data items; refs may name several current records (one standard function done by several current ones).
 */
export const pairEntrySchema = z
  .strictObject({
    refs: z.array(z.string().min(1)).default([]),
    status: z.enum(ENTRY_STATUSES),
    score: z.number().min(0).max(1).optional(),
    reason: z.string().optional(),
    by: z.string().optional(),
    at: z.string().optional(),
    note: z.string().optional(),
  })
  .superRefine(refsMatchStatus('no-counterpart には refs を書きません', '現行の機能ID・帳票IDを1つ以上書いてください'))

export const pairItemSchema = z.strictObject({
  /** Standard function ID (functions) or standard form ID (forms). */
  id: z.string().min(1),
  name: z.string().optional(),
  entries: z.array(pairEntrySchema).default([]),
})

/** A current field a person marked as having no standard counterpart (現行独自項目). */
export const currentOnlySchema = z.strictObject({
  ref: refSchema,
  by: z.string().optional(),
  at: z.string().optional(),
  note: z.string().optional(),
})

export const mappingFileSchema = z.strictObject({
  version: z.literal(MAPPING_FILE_VERSION, {error: `version は ${MAPPING_FILE_VERSION} です`}),
  area: z.string().min(1),
  /** The catalogue edition the suggestions were made against. */
  edition: z.string().optional(),
  items: z.array(mappingItemSchema).default([]),
  currentOnly: z.array(currentOnlySchema).default([]),
  /** Standard function ↔ current function pairs. */
  functions: z.array(pairItemSchema).optional(),
  /** Standard form ↔ current form pairs. */
  forms: z.array(pairItemSchema).optional(),
})

export type PairEntry = z.output<typeof pairEntrySchema>
export type PairItem = z.output<typeof pairItemSchema>
export type PairSection = 'functions' | 'forms'
export const PAIR_SECTIONS: readonly PairSection[] = ['functions', 'forms']

export type MappingEntry = z.output<typeof mappingEntrySchema>
export type MappingItem = z.output<typeof mappingItemSchema>
export type CurrentOnly = z.output<typeof currentOnlySchema>
export type MappingFile = z.output<typeof mappingFileSchema>

export const entryKey = (entry: {readonly refs: readonly string[]; readonly status: EntryStatus}): string =>
  entry.status === 'no-counterpart' ? '(no-counterpart)' : [...entry.refs].sort().join('+')

const STATUS_ORDER: Record<EntryStatus, number> = {confirmed: 0, 'no-counterpart': 1, suggested: 2, rejected: 3}

export function compareEntries(a: MappingEntry | PairEntry, b: MappingEntry | PairEntry): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (b.score ?? -1) - (a.score ?? -1) ||
    byCodePoint(entryKey(a), entryKey(b))
  )
}

/** The canonical order: items by id (numeric-aware), entries by status then score, refs sorted. */
export function sortMappingFile(file: MappingFile): MappingFile {
  return {
    ...file,
    items: [...file.items]
      .map((item) => ({...item, entries: item.entries.map((e) => ({...e, refs: [...e.refs].sort()})).sort(compareEntries)}))
      .sort((a, b) => a.item.localeCompare(b.item, 'en', {numeric: true})),
    currentOnly: [...file.currentOnly].sort((a, b) => byCodePoint(a.ref, b.ref)),
    ...(file.functions?.length ? {functions: sortPairs(file.functions)} : {functions: undefined}),
    ...(file.forms?.length ? {forms: sortPairs(file.forms)} : {forms: undefined}),
  }
}

const sortPairs = (items: readonly PairItem[]): PairItem[] =>
  [...items]
    .map((item) => ({...item, entries: item.entries.map((e) => ({...e, refs: [...e.refs].sort(byCodePoint)})).sort(compareEntries)}))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', {numeric: true}))

export function emptyMappingFile(area: string, edition?: string): MappingFile {
  return {version: MAPPING_FILE_VERSION, area, edition, items: [], currentOnly: []}
}
