/**
 * The candidate prefilter: an inverted index over the standard items' names (tokens, readings, concepts, character
 * bigrams, romaji trigrams) that picks the items worth scoring for a current field. Pure; the engine and its
 * scoring thread build the same index from the same profiles.
 */
import type {NameProfile, Token} from './analyzer.js'
import {bigrams} from './normalize.js'

export function indexKeys(profile: NameProfile, out: Set<string>): void {
  for (const token of profile.tokens) tokenKeys(token, out)
  nameKeys(profile, out)
}

/** The index keys of one token, in order (repeats possible: whoever reads them counts a key once). */
function tokenKeys(token: Token, out: {add(key: string): unknown}): void {
  out.add(`t:${token.surface}`)
  for (const alt of token.alts) out.add(`t:${alt}`)
  if (token.romaji.length >= 2) out.add(`r:${token.romaji}`)
  for (const concept of token.concepts) out.add(`c:${concept.id}`)
  if (token.parts)
    for (const part of token.parts) {
      out.add(`t:${part.surface}`)
      if (part.romaji.length >= 2) out.add(`r:${part.romaji}`)
    }
}

/** The keys of a name as a whole (character bigrams, romaji trigrams), after its tokens' keys. */
function nameKeys(profile: NameProfile, out: {add(key: string): unknown}): void {
  if (profile.japanese) for (const gram of bigrams(profile.base)) out.add(`b:${gram}`)
  for (const gloss of profile.glosses) for (const gram of bigrams(gloss)) out.add(`b:${gram}`)
  const romaji = profile.romaji[0]
  if (romaji) for (let i = 0; i + 3 <= romaji.length; i++) out.add(`g:${romaji.slice(i, i + 3)}`)
}

interface Posting {
  /** Indexes of the standard items that have the key. */
  readonly items: Int32Array
  /** Inverse document frequency of the key. */
  readonly weight: number
  /** The last field that counted this key (a key counts once per field). */
  stamp: number
}

export class CandidateIndex {
  private readonly postings = new Map<string, Posting>()
  /** Tokens recur across names (they are interned): their lists are looked up once. */
  private readonly tokenPostings = new Map<Token, Posting[]>()
  /** Per name (a name's profile is the same whichever object holds it): labels repeat across tables. */
  private readonly namePostings = new Map<string, Posting[]>()
  private readonly accumulator: Float64Array
  private readonly touched: number[] = []
  private stamp = 0

  constructor(
    profiles: readonly {readonly name: NameProfile; readonly english?: NameProfile}[],
    /** Items kept per field. */
    private readonly perField: number,
  ) {
    const n = Math.max(1, profiles.length)
    const keyed = new Map<string, number[]>()
    profiles.forEach((p, index) => {
      const keys = new Set<string>()
      indexKeys(p.name, keys)
      if (p.english) indexKeys(p.english, keys)
      for (const key of keys) {
        let list = keyed.get(key)
        if (!list) keyed.set(key, (list = []))
        list.push(index)
      }
    })
    // Keys shared by many items (番号, コード …) say little and cost much: they get no posting list.
    const maxPostings = Math.max(60, Math.min(160, Math.ceil(n * 0.02)))
    for (const [key, list] of keyed) if (list.length <= maxPostings) this.postings.set(key, {items: Int32Array.from(list), weight: Math.log(1 + n / list.length), stamp: -1})
    this.accumulator = new Float64Array(profiles.length)
  }

  /** The indexes of the items to score for a field with these names: the strongest prefilter scores, at most perField. */
  candidates(variants: readonly NameProfile[]): Int32Array {
    const {accumulator, touched, perField} = this
    // Each key counts once per field, whichever variants share it.
    const stamp = this.stamp++
    for (const v of variants)
      for (const posting of this.postingsOf(v)) {
        if (posting.stamp === stamp) continue
        posting.stamp = stamp
        const w = posting.weight
        for (const index of posting.items) {
          if (accumulator[index] === 0) touched.push(index)
          accumulator[index]! += w
        }
      }
    let candidates = touched
    if (touched.length > perField) {
      // Keep the strongest prefilter scores only: a cheap cut first, then a sort of what is left.
      let top = 0
      for (const index of touched) if (accumulator[index]! > top) top = accumulator[index]!
      const floor = top * 0.4
      candidates = touched.filter((index) => accumulator[index]! >= floor)
      if (candidates.length > perField) candidates = candidates.sort((a, b) => accumulator[b]! - accumulator[a]! || a - b).slice(0, perField)
    }
    const result = Int32Array.from(candidates)
    for (const index of touched) accumulator[index] = 0
    touched.length = 0
    return result
  }

  /** The posting lists of a name, in key order, repeats included ({@link candidates} counts a key once per field). */
  private postingsOf(profile: NameProfile): Posting[] {
    let lists = this.namePostings.get(profile.raw)
    if (!lists) {
      lists = []
      for (const token of profile.tokens) {
        let own = this.tokenPostings.get(token)
        if (!own) {
          tokenKeys(token, this.listOf((own = [])))
          this.tokenPostings.set(token, own)
        }
        for (const posting of own) lists.push(posting)
      }
      nameKeys(profile, this.listOf(lists))
      this.namePostings.set(profile.raw, lists)
    }
    return lists
  }

  private listOf(into: Posting[]): {add(key: string): void} {
    return {
      add: (key) => {
        const posting = this.postings.get(key)
        if (posting) into.push(posting)
      },
    }
  }
}
