/**
 * Incremental search over the current fields by name (`/`), and over the queue's standard items by ID, name and
 * reading (`i` / `:`, {@link searchItems}). Pure.
 *
 * Both the query and the names go through the project's normalisation (NFKC, dashes / long vowels,
 * hiragana → katakana, variant kanji; separators removed) and are compared case-insensitively, so
 * 「ｼﾒｲ」「しめい」 find a field labelled シメイ and 「shimei」 finds JUMIN.SHIMEI. Readings match too, through
 * the matcher's romaji keys (Hepburn / Kunrei folded, long vowels dropped): 「じゅうしょ」 and 「juusho」 find
 * the column JUSHO.
 */
import {compactName, normalizeText} from '../../matching/normalize.js'
import {kanaToRomajiKey, romajiKey} from '../../matching/romaji.js'
import {byCodePoint} from '../../model/order.js'

/** A current field as the review screen shows it. */
export interface FieldInfo {
  /** TABLE.COLUMN */
  readonly ref: string
  readonly table: string
  readonly column: string
  readonly label: string
  readonly type?: string
  readonly length?: number
  readonly required?: boolean
}

export interface SearchIndex {
  readonly fields: readonly FieldInfo[]
  readonly keys: readonly {readonly label: string; readonly column: string; readonly ref: string; readonly reading: string}[]
}

export const searchKey = (text: string): string => compactName(normalizeText(text)).toLowerCase()

/** The romaji key of a kana or ASCII text ('' for anything else, e.g. kanji). */
function readingKey(text: string): string {
  const key = searchKey(text)
  if (/^[a-z0-9]+$/.test(key)) return romajiKey(key)
  return kanaToRomajiKey(key)
}

export function buildSearchIndex(fields: readonly FieldInfo[]): SearchIndex {
  const sorted = [...fields].sort((a, b) => byCodePoint(a.ref, b.ref))
  return {
    fields: sorted,
    keys: sorted.map((f) => ({
      label: searchKey(f.label),
      column: searchKey(f.column),
      ref: searchKey(f.ref),
      reading: [readingKey(f.column), readingKey(f.label)].filter((k) => k !== '').join('|'),
    })),
  }
}

/**
 * Fields whose label, column or TABLE.COLUMN contains the query, best first: label or column equal, starts with,
 * contained anywhere, then same reading; then by ref. An empty query lists every field.
 */
export function searchFields(index: SearchIndex, query: string): FieldInfo[] {
  const q = searchKey(query)
  if (q === '') return [...index.fields]
  const reading = readingKey(query)
  const hits: {field: FieldInfo; rank: number}[] = []
  index.fields.forEach((field, i) => {
    const key = index.keys[i]!
    let rank: number
    if (key.label === q) rank = 0
    else if (key.column === q) rank = 1
    else if (key.label.startsWith(q)) rank = 2
    else if (key.column.startsWith(q)) rank = 3
    else if (key.label.includes(q)) rank = 4
    else if (key.ref.includes(q)) rank = 5
    else if (reading.length >= 3 && key.reading.includes(reading)) {
      const readings = key.reading.split('|')
      rank = readings.includes(reading) ? 6 : readings.some((r) => r.startsWith(reading)) ? 7 : 8
    } else return
    hits.push({field, rank})
  })
  return hits.sort((a, b) => a.rank - b.rank || byCodePoint(a.field.ref, b.field.ref)).map((h) => h.field)
}

// ---------------------------------------------------------------------------------------------------------
// Standard items (the `i` / `:` jump): the same normalisation, over the review queue's items.

/** A standard item as the jump search sees it. */
export interface ItemSearchInfo {
  readonly id: string
  readonly name: string
  /** Romaji keys of the name's reading (from the matcher's analyzer; optional). */
  readonly readings?: readonly string[]
}

export interface ItemSearchIndex {
  /** Item ids, in the order given (the review queue's: an empty query lists them so). */
  readonly ids: readonly string[]
  readonly keys: readonly {readonly id: string; readonly name: string; readonly readings: readonly string[]}[]
}

export function buildItemSearchIndex(items: readonly ItemSearchInfo[]): ItemSearchIndex {
  return {
    ids: items.map((item) => item.id),
    keys: items.map((item) => ({
      id: searchKey(item.id),
      name: searchKey(item.name),
      readings: [...new Set([readingKey(item.name), ...(item.readings ?? []).map(romajiKey)])].filter((k) => k !== ''),
    })),
  }
}

/**
 * Item ids whose ID or name contains the query, best first: ID or name equal, starts with, contained anywhere,
 * then same reading (kana or romaji: 「しめい」「shimei」 find 氏名 when its reading is known); ties in ID order.
 * Full-width digits and kana widths are folded (「００１」 finds 001…). An empty query lists all, in index order.
 */
export function searchItems(index: ItemSearchIndex, query: string): string[] {
  const q = searchKey(query)
  if (q === '') return [...index.ids]
  const reading = readingKey(query)
  const hits: {id: string; rank: number}[] = []
  index.keys.forEach((key, order) => {
    let rank: number
    if (key.id === q) rank = 0
    else if (key.name === q) rank = 1
    else if (key.id.startsWith(q)) rank = 2
    else if (key.name.startsWith(q)) rank = 3
    else if (key.name.includes(q)) rank = 4
    else if (key.id.includes(q)) rank = 5
    else if (reading.length >= 3 && key.readings.some((r) => r.includes(reading))) {
      rank = key.readings.includes(reading) ? 6 : key.readings.some((r) => r.startsWith(reading)) ? 7 : 8
    } else return
    hits.push({id: index.ids[order]!, rank})
  })
  return hits.sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id, 'en', {numeric: true})).map((h) => h.id)
}
