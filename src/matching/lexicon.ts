/**
 * Synonym and abbreviation dictionaries as one in-memory lexicon. Pure: the data comes from
 * dictionary-loader.ts (YAML files under mappings/ and the Sudachi synonym dictionary).
 */
import {compactName, isPlainAscii, normalizeText} from './normalize.js'
import {remember} from './memo.js'

/** A set of terms that mean the same thing (Japanese, English, romaji). */
export interface SynonymGroup {
  readonly id: string
  readonly terms: readonly string[]
  /** How much a shared group counts, in (0,1]: 1 for true synonyms, less for loose ones (番号/コード). */
  readonly weight?: number
  /** Each term's {@link termKey}, when already computed (the dictionary cache stores them). */
  readonly keys?: readonly string[]
  /**
   * A general-language group (the Sudachi dictionary), not one of ours: an English word our own dictionaries
   * already define keeps only our senses (tender is 入札 here, never 炭水車) and its loanword spellings (type: タイプ).
   */
  readonly general?: boolean
}

export interface LexiconData {
  readonly groups: readonly SynonymGroup[]
  /** ASCII abbreviations (lower case) → what they stand for (Japanese or English terms). */
  readonly abbreviations: Readonly<Record<string, readonly string[]>>
}

const LOANWORD_RE = /^[a-z0-9\u30A0-\u30FF]+$/

/** True when every Japanese term of the group is a katakana spelling (タイプ, webサイト): the same word, not another sense. */
function loanwordsOnly(group: SynonymGroup): boolean {
  return group.terms.every((term, i) => {
    const key = group.keys?.[i] ?? termKey(term)
    return isPlainAscii(key) || LOANWORD_RE.test(key)
  })
}

/** The lookup key of a term: normalised and compact for Japanese, lower-case alphanumerics for ASCII. */
export function termKey(term: string): string {
  const normalized = normalizeText(term)
  return isPlainAscii(normalized) ? normalized.toLowerCase().replace(/[^a-z0-9]/g, '') : compactName(normalized)
}

export interface ConceptRef {
  readonly id: string
  readonly weight: number
}

const NO_CONCEPTS: readonly ConceptRef[] = []

/** Pairs stored as differences from the pair before (both halves rise slowly): small numbers, short JSON. */
function delta(flat: readonly number[]): number[] {
  return flat.map((x, i) => (i < 2 ? x : x - flat[i - 2]!))
}

function undelta(stored: readonly number[]): number[] {
  const flat = stored.slice()
  for (let i = 2; i < flat.length; i++) flat[i]! += flat[i - 2]!
  return flat
}

/**
 * The lexicon's lookup tables in a compact serialisable form (what the per-user cache stores, as JSON): strings
 * joined into one text each, concepts as indexes. Loading them normalises nothing and builds one Map.
 */
export interface LexiconTables {
  /** Concept ids, joined by spaces (no id or key has one). */
  readonly ids: string
  /** [concept index, weight] for the concepts whose weight is not 1. */
  readonly weights: readonly (readonly [number, number])[]
  /** Term keys, joined by spaces. */
  readonly keys: string
  /**
   * Per key: its concept's index, or −(1 + i) for the key's several concepts listed in multi[i]; stored as the
   * difference from the previous key's non-negative code (keys come in dictionary order: mostly 0 or 1).
   */
  readonly refs: readonly number[]
  readonly multi: readonly (readonly number[])[]
  /** Flat [concept index, key index, …]: the Japanese terms of each concept, in dictionary order; each number stored as the difference from the one two places before. */
  readonly japanese: readonly number[]
  readonly abbreviations: readonly (readonly [string, readonly string[]])[]
}

const SEP = ' '
export class Lexicon {
  /** Term key → concept code (see {@link LexiconTables.refs}). */
  private readonly codes = new Map<string, number>()
  private readonly refs: ConceptRef[] = []
  private readonly multi: (readonly number[])[] = []
  /** The concept lists handed out, built on first use: a list per concept and per multi entry. */
  private readonly singles: (readonly ConceptRef[])[] = []
  private readonly multiples: (readonly ConceptRef[])[] = []
  private japaneseFlat: readonly number[] = []
  private keyList: readonly string[] = []
  private japaneseByConcept: Map<string, string[]> | undefined
  private readonly abbreviations = new Map<string, readonly string[]>()
  private readonly termConcepts = new Map<string, readonly ConceptRef[]>()

  constructor(data: LexiconData) {
    const keys: string[] = []
    const lists: number[][] = []
    const japanese: number[] = []
    // English words our own dictionaries define (groups or abbreviations): general-language senses stay out.
    const ours = new Set(Object.keys(data.abbreviations).map(termKey))
    for (const group of data.groups)
      if (!group.general) for (let i = 0; i < group.terms.length; i++) ours.add(group.keys?.[i] ?? termKey(group.terms[i]!))
    for (const group of data.groups) {
      const concept = this.refs.length
      this.refs.push({id: group.id, weight: group.weight ?? 1})
      for (let i = 0; i < group.terms.length; i++) {
        const key = group.keys?.[i] ?? termKey(group.terms[i]!)
        if (key === '') continue
        if (group.general && ours.has(key) && isPlainAscii(key) && !loanwordsOnly(group)) continue
        let k = this.codes.get(key)
        if (k === undefined) {
          this.codes.set(key, (k = keys.length))
          keys.push(key)
          lists.push([])
        }
        if (!lists[k]!.includes(concept)) lists[k]!.push(concept)
        if (!isPlainAscii(key)) japanese.push(concept, k)
      }
    }
    lists.forEach((list, k) => {
      if (list.length === 1) this.codes.set(keys[k]!, list[0]!)
      else {
        this.codes.set(keys[k]!, -1 - this.multi.length)
        this.multi.push(list)
      }
    })
    this.keyList = keys
    this.japaneseFlat = japanese
    for (const [abbr, expansions] of Object.entries(data.abbreviations)) {
      const key = termKey(abbr)
      if (key === '') continue
      this.abbreviations.set(key, [...(this.abbreviations.get(key) ?? []), ...expansions])
    }
  }

  /** A lexicon from its {@link tables} (no term is normalised again). */
  static fromTables(tables: LexiconTables): Lexicon {
    const lexicon = new Lexicon({groups: [], abbreviations: {}})
    for (const id of tables.ids === '' ? [] : tables.ids.split(SEP)) lexicon.refs.push({id, weight: 1})
    for (const [i, weight] of tables.weights) lexicon.refs[i] = {id: lexicon.refs[i]!.id, weight}
    const keys = tables.keys === '' ? [] : tables.keys.split(SEP)
    let previous = 0
    for (let k = 0; k < keys.length; k++) {
      const delta = tables.refs[k]!
      const code = delta <= -1e9 ? delta + 1e9 : previous + delta
      if (code >= 0) previous = code
      lexicon.codes.set(keys[k]!, code)
    }
    lexicon.multi.push(...tables.multi)
    lexicon.keyList = keys
    lexicon.japaneseFlat = undelta(tables.japanese)
    for (const [key, expansions] of tables.abbreviations) lexicon.abbreviations.set(key, expansions)
    return lexicon
  }

  /** The lookup tables, for the cache ({@link fromTables} gives this lexicon back); undefined if a key or id has a space. */
  tables(): LexiconTables | undefined {
    if (this.keyList.some((k) => k.includes(SEP)) || this.refs.some((r) => r.id.includes(SEP) || r.id === '')) return undefined
    const weights: [number, number][] = []
    this.refs.forEach((ref, i) => {
      if (ref.weight !== 1) weights.push([i, ref.weight])
    })
    return {
      ids: this.refs.map((r) => r.id).join(SEP),
      weights,
      keys: this.keyList.join(SEP),
      refs: this.deltaRefs(),
      multi: this.multi,
      japanese: delta(this.japaneseFlat),
      abbreviations: [...this.abbreviations],
    }
  }

  private deltaRefs(): number[] {
    let previous = 0
    return this.keyList.map((key) => {
      const code = this.codes.get(key)!
      if (code < 0) return code - 1e9
      const d = code - previous
      previous = code
      return d
    })
  }

  private listOf(code: number | undefined): readonly ConceptRef[] {
    if (code === undefined) return NO_CONCEPTS
    if (code >= 0) return (this.singles[code] ??= [this.refs[code]!])
    const i = -1 - code
    return (this.multiples[i] ??= this.multi[i]!.map((c) => this.refs[c]!))
  }

  /** Concept groups a term belongs to (empty when unknown). Memoised: analysers ask for the same runs of morphemes again and again. */
  concepts(term: string): readonly ConceptRef[] {
    return this.termConcepts.get(term) ?? remember(this.termConcepts, term, this.listOf(this.codes.get(termKey(term))))
  }

  conceptsOfKey(key: string): readonly ConceptRef[] {
    return this.listOf(this.codes.get(key))
  }

  hasKey(key: string): boolean {
    return this.codes.has(key) || this.abbreviations.has(key)
  }

  /** Expansions of an ASCII abbreviation (cd → コード, code). */
  expansions(abbr: string): readonly string[] {
    return this.abbreviations.get(termKey(abbr)) ?? []
  }

  /** True for English words, romaji entries and abbreviations the lexicon knows. */
  knowsAscii(key: string): boolean {
    return this.abbreviations.has(key) || (this.codes.has(key) && isPlainAscii(key))
  }

  /** Japanese terms of a concept group (for glossing English names). */
  japaneseTerms(conceptId: string): readonly string[] {
    if (!this.japaneseByConcept) {
      this.japaneseByConcept = new Map()
      const flat = this.japaneseFlat
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const id = this.refs[flat[i]!]!.id
        let list = this.japaneseByConcept.get(id)
        if (!list) this.japaneseByConcept.set(id, (list = []))
        list.push(this.keyList[flat[i + 1]!]!)
      }
    }
    return this.japaneseByConcept.get(conceptId) ?? []
  }
}

/** The best weight of a concept two concept lists share (0 when none). */
export function sharedConceptWeight(a: readonly ConceptRef[], b: readonly ConceptRef[]): number {
  if (a.length === 0 || b.length === 0) return 0
  let best = 0
  for (const x of a) for (const y of b) if (x.id === y.id) best = Math.max(best, Math.min(x.weight, y.weight))
  return best
}
