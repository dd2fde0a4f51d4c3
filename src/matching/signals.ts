/**
 * Scoring signals, each in [0,1] (undefined = no evidence either way). Pure.
 * The combined score and the one-line Japanese reason are built in score.ts.
 */
import {distance} from 'fastest-levenshtein'

import type {NameProfile, Token} from './analyzer.js'
import {sharedConceptWeight} from './lexicon.js'
import {bigramDice, diceOfGrams} from './normalize.js'
import {remember} from './memo.js'
import type {DataType} from '../model/vocabulary.js'

export const SIGNALS = ['name', 'reading', 'english', 'synonym', 'description', 'type', 'context'] as const
export type SignalName = (typeof SIGNALS)[number]
export type Signals = Partial<Record<SignalName, number>>

export const SIGNAL_LABELS: Record<SignalName, string> = {
  name: '名称',
  reading: '読み',
  english: '英語名',
  synonym: '同義語',
  description: '説明',
  type: '型・桁',
  context: '表・グループ',
}

/** 1 − normalised Levenshtein distance. */
export function editSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0
  if (a === b) return 1
  return 1 - distance(a, b) / Math.max(a.length, b.length)
}

/** Surface similarity of two normalised names (Japanese or ASCII). */
export function nameSignal(a: NameProfile, b: NameProfile): number | undefined {
  if (a.japanese !== b.japanese) return undefined
  if (a.base === '' || b.base === '') return undefined
  return Math.max(a.base === b.base ? 1 : diceOfGrams(a.baseGrams, b.baseGrams), editSimilarity(a.base, b.base))
}

/** Similarity of readings (romaji keys): SEINENGAPPI ≈ 生年月日, ｼﾒｲ ≈ 氏名. */
export function readingSignal(a: NameProfile, b: NameProfile, prefix = ''): number | undefined {
  return readingsSignal(a.romaji, prefix === '' ? b.romaji : b.romaji.map((raw) => prefix + raw))
}

/** {@link readingSignal} of two lists of romaji keys (the engine prefixes a field's keys once, not per pair). */
export function readingsSignal(a: readonly string[], b: readonly string[]): number | undefined {
  if (a.length === 0 || b.length === 0) return undefined
  let best = 0
  for (const x of a)
    for (const y of b) if (x.length >= 3 && y.length >= 3) best = Math.max(best, editSimilarity(x, y))
  return sharpen(best)
}

/** Keeps near matches as they are and pushes loose ones down (long readings share many letters by chance). */
export function sharpen(x: number, knee = 0.8): number {
  return x >= knee ? x : (x * x) / knee
}

export const VIA = {surface: 1, reading: 2, concept: 4, partial: 8, context: 16} as const
export type ViaName = keyof typeof VIA

/** The kind of evidence of the last {@link tokenScore} call (kept out of the return value: no allocation). */
let lastVia = 0

/**
 * Scores per token pair, memoised: the same few hundred words meet again and again across thousands of names
 * (tokens are immutable and shared by the analyser). An open-addressing table keyed by the two token ids: a
 * lookup costs a few array reads, where two Map lookups cost more than most scores. Full → cleared.
 */
export class TokenPairMemo {
  private size = 0
  private mask: number
  private first: Int32Array
  private second: Int32Array
  private scores: Float64Array
  private vias: Uint8Array

  constructor(
    capacity = 1 << 16,
    private readonly maxCapacity = 1 << 21,
  ) {
    this.mask = capacity - 1
    this.first = new Int32Array(capacity)
    this.second = new Int32Array(capacity)
    this.scores = new Float64Array(capacity)
    this.vias = new Uint8Array(capacity)
  }

  /** The slot of the pair: its own when stored, else the empty slot where it would go (ids start at 1). */
  private slot(a: number, b: number): number {
    // Mixed so that neighbouring ids (tokens made one after another) do not fill neighbouring slots.
    let h = Math.imul(a, 0x9e3779b1) ^ b
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
    let i = (h ^ (h >>> 13)) & this.mask
    while (this.first[i] !== 0 && (this.first[i] !== a || this.second[i] !== b)) i = (i + 1) & this.mask
    return i
  }

  score(s: Token, c: Token): number {
    let i = this.slot(s.id, c.id)
    if (this.first[i] === 0) {
      const score = computeTokenScore(s, c)
      if (2 * (this.size + 1) > this.mask + 1) {
        this.grow()
        i = this.slot(s.id, c.id)
      }
      this.first[i] = s.id
      this.second[i] = c.id
      this.scores[i] = score
      this.vias[i] = lastVia
      this.size++
    }
    lastVia = this.vias[i]!
    return this.scores[i]!
  }

  private grow(): void {
    const {first, second, scores, vias} = this
    this.size = 0
    if (first.length >= this.maxCapacity) {
      // At the bound: start again empty, in the same tables (an empty slot is one whose first id is 0).
      first.fill(0)
      return
    }
    const capacity = Math.min(this.maxCapacity, 2 * (this.mask + 1))
    this.mask = capacity - 1
    this.first = new Int32Array(capacity)
    this.second = new Int32Array(capacity)
    this.scores = new Float64Array(capacity)
    this.vias = new Uint8Array(capacity)
    for (let j = 0; j < first.length; j++) {
      if (first[j] === 0) continue
      const i = this.slot(first[j]!, second[j]!)
      this.first[i] = first[j]!
      this.second[i] = second[j]!
      this.scores[i] = scores[j]!
      this.vias[i] = vias[j]!
      this.size++
    }
  }
}

const tokenPairs = new TokenPairMemo()

/** How well two tokens correspond, in [0,1]; the kind of evidence is left in `lastVia`. Memoised per pair. */
export function tokenScore(s: Token, c: Token): number {
  return tokenPairs.score(s, c)
}

/** {@link tokenScore} without the memo. */
export function computeTokenScore(s: Token, c: Token): number {
  if (s.surface === c.surface || (c.alts.length > 0 && c.alts.includes(s.surface)) || (s.alts.length > 0 && s.alts.includes(c.surface))) {
    lastVia = VIA.surface
    return 1
  }
  if (s.romaji.length >= 2 && s.romaji === c.romaji) {
    lastVia = VIA.reading
    return 0.95
  }
  const concept = sharedConceptWeight(s.concepts, c.concepts)
  if (concept > 0) {
    lastVia = VIA.concept
    return 0.9 * concept
  }
  let partial = 0
  if (s.romaji.length >= 4 && c.romaji.length >= 4 && Math.abs(s.romaji.length - c.romaji.length) <= s.romaji.length * 0.4) {
    const sim = editSimilarity(s.romaji, c.romaji)
    if (sim >= 0.75) partial = sim * 0.85
  }
  if (!s.ascii && !c.ascii) {
    const dice = diceOfGrams(s.grams, c.grams)
    if (dice >= 0.5) partial = Math.max(partial, dice * 0.75)
  } else if (!s.ascii && c.ascii) {
    for (const grams of c.altGrams) {
      const dice = diceOfGrams(s.grams, grams)
      if (dice >= 0.5) partial = Math.max(partial, dice * 0.75)
    }
  }
  lastVia = partial > 0 ? VIA.partial : 0
  return partial
}

/** {@link tokenScore} with the kind of evidence named (for tests and explanations). */
export function tokenMatch(s: Token, c: Token): {score: number; via: ViaName | 'none'} {
  const score = tokenScore(s, c)
  const via = (Object.keys(VIA) as ViaName[]).find((k) => VIA[k] === lastVia)
  return {score, via: score > 0 && via ? via : 'none'}
}

export interface Alignment {
  readonly score: number
  /** Bit set of {@link VIA}: the kinds of evidence the matched standard tokens used. */
  readonly via: number
}

const scratch: number[] = []
const partScratch: number[] = []

/**
 * Weighted token alignment (Dice-like): each standard token takes its best current token and vice versa.
 * Standard tokens the column lacks may be found in the table name at reduced credit (表 SETAI + 列 NUSHI_SHIMEI);
 * a merged dictionary term (世帯主氏名) may be matched part by part.
 */
export function alignTokens(
  standard: readonly Token[],
  standardWeights: readonly number[],
  current: readonly Token[],
  currentWeights: readonly number[],
  contextTokens: readonly Token[] = [],
): Alignment {
  const score = alignmentScore(standard, standardWeights, current, currentWeights, contextTokens)
  return {score, via: alignmentVia}
}

/** The evidence bits of the last {@link alignmentScore} call (kept out of the return value: called per pair and name). */
export let alignmentVia = 0

/** {@link alignTokens}' score; its evidence bits are left in {@link alignmentVia}. */
export function alignmentScore(
  standard: readonly Token[],
  standardWeights: readonly number[],
  current: readonly Token[],
  currentWeights: readonly number[],
  contextTokens: readonly Token[],
): number {
  alignmentVia = 0
  if (standard.length === 0 || current.length === 0) return 0
  let via = 0
  let matchedS = 0
  let totalS = 0
  const bestForCurrent = scratch
  bestForCurrent.length = current.length
  bestForCurrent.fill(0)
  for (let si = 0; si < standard.length; si++) {
    const s = standard[si]!
    const w = standardWeights[si]!
    totalS += w
    let best = 0
    let bestVia = 0
    for (let ci = 0; ci < current.length; ci++) {
      const score = tokenScore(s, current[ci]!)
      if (score > best) {
        best = score
        bestVia = lastVia
      }
      if (score > bestForCurrent[ci]!) bestForCurrent[ci] = score
    }
    if (best < 0.9 && s.parts && s.parts.length > 1) {
      let sum = 0
      let usedContext = false
      const partBest = partScratch
      partBest.length = current.length
      partBest.fill(0)
      for (const part of s.parts) {
        let pb = 0
        for (let ci = 0; ci < current.length; ci++) {
          const score = tokenScore(part, current[ci]!)
          if (score > pb) pb = score
          if (score > partBest[ci]!) partBest[ci] = score
        }
        for (const c of contextTokens) {
          const score = tokenScore(part, c) * 0.8
          if (score > pb) {
            pb = score
            usedContext = true
          }
        }
        sum += pb
      }
      const partScore = (sum / s.parts.length) * 0.95
      if (partScore > best) {
        best = partScore
        bestVia = usedContext ? VIA.context | VIA.reading : VIA.reading
        for (let ci = 0; ci < current.length; ci++) if (partBest[ci]! > bestForCurrent[ci]!) bestForCurrent[ci] = partBest[ci]!
      }
    }
    if (best < 0.9) {
      for (const c of contextTokens) {
        const score = tokenScore(s, c) * 0.7
        if (score > best) {
          best = score
          bestVia = VIA.context
        }
      }
    }
    if (best > 0) via |= bestVia
    matchedS += w * best
  }
  let matchedC = 0
  let totalC = 0
  for (let ci = 0; ci < current.length; ci++) {
    const w = currentWeights[ci]!
    totalC += w
    matchedC += w * bestForCurrent[ci]!
  }
  alignmentVia = via
  return (matchedS + matchedC) / (totalS + totalC)
}

const EN_SYNONYMS: Readonly<Record<string, string>> = {
  num: 'number', nbr: 'number', no: 'number', dt: 'date', ymd: 'date', cd: 'code', nm: 'name', addr: 'address',
  tel: 'phone', telephone: 'phone', zip: 'postal', postcode: 'postal', kbn: 'type', flg: 'flag', id: 'id',
  birthday: 'birthdate', dob: 'birthdate', sex: 'gender', qty: 'quantity', amt: 'amount', cnt: 'count',
}

const englishWordSets = new WeakMap<NameProfile, ReadonlySet<string>>()

/** {@link englishWords} of a profile as a set, kept with the profile (profiles are shared and immutable). */
function englishWordSet(profile: NameProfile): ReadonlySet<string> {
  let set = englishWordSets.get(profile)
  if (!set) englishWordSets.set(profile, (set = new Set(englishWords(profile.tokens))))
  return set
}

function englishWords(tokens: readonly Token[]): string[] {
  const words: string[] = []
  for (const token of tokens) {
    const forms = token.english.length > 0 ? token.english : [token.surface]
    for (const form of forms) {
      const w = form.replace(/(?<=[a-z]{3})(ies)$/, 'y').replace(/(?<=[a-z]{3})s$/, '')
      words.push(EN_SYNONYMS[w] ?? w)
    }
  }
  return words
}

/**
 * English-name evidence: word overlap with the item's English name (birth_date ↔ birth_date, dt ≈ date),
 * and the surface similarity of the field's dictionary gloss to the item's Japanese name.
 */
export function englishSignal(
  item: NameProfile,
  itemEnglish: NameProfile | undefined,
  field: NameProfile,
): number | undefined {
  if (!field.ascii) return undefined
  let best: number | undefined
  if (itemEnglish && itemEnglish.tokens.length > 0 && field.tokens.length > 0) {
    const a = englishWordSet(itemEnglish)
    const b = englishWordSet(field)
    let shared = 0
    for (const w of a) if (b.has(w)) shared++
    best = (2 * shared) / (a.size + b.size)
    if (itemEnglish.base === field.base) best = 1
  }
  if (item.japanese && field.glosses.length > 0) {
    let gloss = 0
    for (let i = 0; i < field.glosses.length; i++) gloss = Math.max(gloss, item.base === field.glosses[i] ? 1 : diceOfGrams(item.baseGrams, field.glossGrams[i]!))
    best = Math.max(best ?? 0, sharpen(gloss) * 0.95)
  }
  return best
}

const nfkcCache = new Map<string, string>()

/** NFKC of a description, memoised: an item's description is met once per pair it is scored in. */
function nfkc(text: string): string {
  return nfkcCache.get(text) ?? remember(nfkcCache, text, text.normalize('NFKC'), 100_000)
}

/** Description evidence: wording shared between the item's description and the field's description or label. */
export function descriptionSignal(
  itemDescription: string | undefined,
  fieldDescription: string | undefined,
  fieldBase: string,
): number | undefined {
  if (!itemDescription) return undefined
  const item = nfkc(itemDescription)
  if (fieldDescription) return bigramDice(item, nfkc(fieldDescription))
  if (fieldBase.length >= 2 && /[\u0080-\u{10FFFF}]/u.test(fieldBase)) return item.includes(fieldBase) ? 1 : undefined
  return undefined
}

export const TYPE_COMPAT: Readonly<Record<string, number>> = {
  'text|code': 0.8,
  'number|code': 0.8,
  'flag|code': 0.85,
  'flag|number': 0.7,
  'flag|text': 0.6,
  'date|datetime': 0.8,
  'date|yearMonth': 0.6,
  'date|text': 0.65,
  'date|number': 0.65,
  'datetime|text': 0.6,
  'datetime|number': 0.5,
  'yearMonth|text': 0.6,
  'yearMonth|number': 0.65,
  'number|text': 0.6,
  'date|code': 0.3,
  'datetime|code': 0.3,
  'fullText|text': 0.9,
  'time|datetime': 0.6,
  'time|text': 0.5,
  'year|number': 0.7,
  'year|yearMonth': 0.6,
  'year|date': 0.4,
  'year|text': 0.5,
}

/** {@link TYPE_COMPAT} both ways, looked up without building a key string per pair. */
const COMPATIBLE = new Map<string, Map<string, number>>()
// As written first, then the other way round where not written.
for (const reversed of [false, true])
  for (const [pair, score] of Object.entries(TYPE_COMPAT)) {
    const [a, b] = pair.split('|') as [string, string]
    const [x, y] = reversed ? [b, a] : [a, b]
    if (!COMPATIBLE.has(x)) COMPATIBLE.set(x, new Map())
    if (!COMPATIBLE.get(x)!.has(y)) COMPATIBLE.get(x)!.set(y, score)
  }

/** Type compatibility in [0,1]: equal → 1, storable as each other → 0.3–0.85; length mismatches lower it. */
export function typeSignal(
  itemType: DataType,
  itemLength: number | undefined,
  fieldType: DataType | undefined,
  fieldLength: number | undefined,
): number | undefined {
  if (!fieldType) return undefined
  let score = itemType === fieldType ? 1 : (COMPATIBLE.get(itemType)?.get(fieldType) ?? 0.15)
  if (itemLength && fieldLength && itemType !== 'date' && itemType !== 'datetime') {
    const ratio = Math.max(itemLength, fieldLength) / Math.min(itemLength, fieldLength)
    if (ratio > 4) score *= 0.8
    else if (ratio > 1.5) score *= 0.92
  }
  return score
}
