/**
 * Synonym and abbreviation dictionaries as one in-memory lexicon. Pure: the data comes from
 * dictionary-loader.ts (YAML files under mappings/ and the Sudachi synonym dictionary).
 */
import {compactName, isPlainAscii, normalizeText} from './normalize.js'

/** A set of terms that mean the same thing (Japanese, English, romaji). */
export interface SynonymGroup {
  readonly id: string
  readonly terms: readonly string[]
  /** How much a shared group counts, in (0,1]: 1 for true synonyms, less for loose ones (番号/コード). */
  readonly weight?: number
  /** Each term's {@link termKey}, when already computed (the dictionary cache stores them). */
  readonly keys?: readonly string[]
}

export interface LexiconData {
  readonly groups: readonly SynonymGroup[]
  /** ASCII abbreviations (lower case) → what they stand for (Japanese or English terms). */
  readonly abbreviations: Readonly<Record<string, readonly string[]>>
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

export class Lexicon {
  private readonly conceptsByKey = new Map<string, ConceptRef[]>()
  private readonly japaneseByConcept = new Map<string, string[]>()
  private readonly abbreviations = new Map<string, readonly string[]>()
  private readonly asciiKeys = new Set<string>()
  readonly groupCount: number

  constructor(data: LexiconData) {
    this.groupCount = data.groups.length
    for (const group of data.groups) {
      const weight = group.weight ?? 1
      const japanese: string[] = []
      for (let i = 0; i < group.terms.length; i++) {
        const key = group.keys?.[i] ?? termKey(group.terms[i]!)
        if (key === '') continue
        let list = this.conceptsByKey.get(key)
        if (!list) this.conceptsByKey.set(key, (list = []))
        if (!list.some((c) => c.id === group.id)) list.push({id: group.id, weight})
        if (!isPlainAscii(key)) japanese.push(key)
        else this.asciiKeys.add(key)
      }
      if (japanese.length > 0) this.japaneseByConcept.set(group.id, japanese)
    }
    for (const [abbr, expansions] of Object.entries(data.abbreviations)) {
      const key = termKey(abbr)
      if (key === '') continue
      this.abbreviations.set(key, [...(this.abbreviations.get(key) ?? []), ...expansions])
      this.asciiKeys.add(key)
    }
  }

  private readonly termConcepts = new Map<string, readonly ConceptRef[]>()

  /** Concept groups a term belongs to (empty when unknown). Memoised: analysers ask for the same runs of morphemes again and again. */
  concepts(term: string): readonly ConceptRef[] {
    let hit = this.termConcepts.get(term)
    if (!hit) {
      hit = this.conceptsByKey.get(termKey(term)) ?? NO_CONCEPTS
      if (this.termConcepts.size >= 200_000) this.termConcepts.clear()
      this.termConcepts.set(term, hit)
    }
    return hit
  }

  conceptsOfKey(key: string): readonly ConceptRef[] {
    return this.conceptsByKey.get(key) ?? []
  }

  hasKey(key: string): boolean {
    return this.conceptsByKey.has(key) || this.abbreviations.has(key)
  }

  /** Expansions of an ASCII abbreviation (cd → コード, code). */
  expansions(abbr: string): readonly string[] {
    return this.abbreviations.get(termKey(abbr)) ?? []
  }

  /** True for English words, romaji entries and abbreviations the lexicon knows. */
  knowsAscii(key: string): boolean {
    return this.asciiKeys.has(key)
  }

  /** Japanese terms of a concept group (for glossing English names). */
  japaneseTerms(conceptId: string): readonly string[] {
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
