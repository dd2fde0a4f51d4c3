/**
 * The matching engine: candidate index (n-grams, tokens, readings, concepts), pair scoring from the
 * signals, top-k per standard item and per current field, optional one-to-one assignment. Pure.
 */
import type {NameProfile, Token} from './analyzer.js'
import {Analyzer} from './analyzer.js'
import {qualifierAgreement} from './normalize.js'
import {DEFAULT_ACCEPT_THRESHOLD} from './threshold.js'
import {calibratedConfidence} from './calibration.js'
import {buildReason} from './reason.js'
import {fieldValueKind, itemValueKind, operationItemKinds, SYSTEM_COLUMN_LABELS, type SystemColumnKind, systemColumnKind, type ValueKind, valueKindsConflict} from './system-columns.js'
import {
  alignmentScore,
  alignmentVia,
  descriptionSignal,
  englishSignal,
  nameSignal,
  readingSignal,
  readingsSignal,
  type Signals,
  tokenScore,
  typeSignal,
} from './signals.js'
import type {DataType} from '../model/vocabulary.js'
import {byCodePoint} from '../model/order.js'

/** The standard side, as the engine needs it (a catalogue DataItem fits). */
export interface StandardItem {
  readonly id: string
  readonly group: string
  readonly name: string
  readonly nameEn?: string
  readonly description?: string
  readonly type: DataType
  readonly length?: number
}

/** The current side, as the engine needs it (a CurrentField fits). */
export interface FieldInput {
  readonly table: string
  readonly column: string
  readonly label: string
  readonly type?: DataType
  readonly length?: number
  readonly description?: string
}

export interface Candidate {
  readonly itemId: string
  /** TABLE.COLUMN */
  readonly ref: string
  /** Combined score in [0,1], 3 decimals: ranks candidates; the accept threshold applies to it. */
  readonly score: number
  /** How often a top candidate with this score was right on the frozen real sets' tune parts (see calibration.ts). */
  readonly confidence: number
  readonly signals: Signals
  /** One line, Japanese. */
  readonly reason: string
}

export interface MatchOptions {
  /** Candidates kept per standard item and per current field (default 5). */
  readonly topK?: number
  /** Items scored per current field after the index prefilter (default 10). */
  readonly candidatesPerField?: number
  /**
   * Up to this many pairs (items × fields), every item is scored for every field: no synonym is lost to the
   * prefilter (default 2,000,000 — a 業務 has hundreds of items, not millions).
   */
  readonly fullScoringPairs?: number
  /** Pairs below this score are dropped (default 0.3). */
  readonly minScore?: number
  /** Told how many current fields are done, every few hundred fields and at the end (for a progress bar). */
  readonly onProgress?: (fieldsDone: number, fieldsTotal: number) => void
}

export interface MatchResult {
  readonly byItem: ReadonlyMap<string, readonly Candidate[]>
  readonly byField: ReadonlyMap<string, readonly Candidate[]>
  /** Current fields recognised as system columns (TABLE.COLUMN → kind): only 操作 items may take them. */
  readonly systemColumns: ReadonlyMap<string, SystemColumnKind>
  readonly stats: {readonly items: number; readonly fields: number; readonly pairsScored: number}
}

export {DEFAULT_ACCEPT_THRESHOLD} from './threshold.js'

interface ItemProfile {
  readonly item: StandardItem
  readonly name: NameProfile
  readonly weights: readonly number[]
  readonly english?: NameProfile
  readonly group: NameProfile
  /** The system columns this item may receive (操作者ID ← 更新者). */
  readonly operations: readonly SystemColumnKind[]
  readonly kind: ValueKind
  /** Index of the first item with this id: the pairs of items sharing an id are kept together, as one item's. */
  readonly slot: number
}

interface FieldProfile {
  readonly field: FieldInput
  readonly ref: string
  readonly variants: readonly NameProfile[]
  readonly variantWeights: readonly (readonly number[])[]
  readonly table: NameProfile
  readonly tableSurfaces: ReadonlySet<string>
  readonly system?: SystemColumnKind
  readonly kind: ValueKind
  /** Per variant: its romaji keys behind the table's (SETAI + NUSHI_SHIMEI), for ASCII variants of a table with a reading. */
  readonly prefixedRomaji: readonly (readonly string[])[]
  /** Index of the variant that is only the label's last segment, and the discount it takes. */
  readonly tail?: {readonly index: number; readonly factor: number}
}

/**
 * The part of a breadcrumb label that names the thing: its last segment (その他>詳細, A>B>郵便番号). (Cutting a
 * phrase at its last の was tried and dropped: 外国人住登外者の氏名（漢字） then lost 外国人 and matched 氏名.)
 */
export function labelTail(label: string): {text: string; factor: number} | undefined {
  const text = label.normalize('NFKC').trim()
  const crumbs = text.split(/\s*(?:>|→|»|\s\/\s)\s*/).filter((x) => x !== '')
  return crumbs.length >= 2 ? {text: crumbs.at(-1)!, factor: 0.92} : undefined
}

/**
 * Field names are announced to the analyser this many fields ahead of the one being matched, in slices of a step.
 * The first slice is normalised while the analyser thread loads and reads the standard items' names (this thread
 * mostly waits then): large enough to cover a large export.
 */
const PREFETCH_AHEAD = 65_536
const PREFETCH_STEP = 4096

/** What the match loop reads of a field's names: worked out once per field, before the names are analysed. */
interface FieldNames {
  readonly table: string
  readonly ref: string
  /** The label, trimmed ('' when none). */
  readonly label: string
  /** The physical name, when it is a name of its own (not empty, not the label). */
  readonly column: string | undefined
  readonly tail: {readonly text: string; readonly factor: number} | undefined
}

function namesOf(field: FieldInput): FieldNames {
  const label = field.label.trim()
  const column = field.column.trim()
  return {
    table: field.table,
    ref: `${field.table}.${field.column}`,
    label,
    column: column !== '' && column !== label ? field.column : undefined,
    tail: label !== '' ? labelTail(label) : undefined,
  }
}

/** The names the match loop profiles for these fields, in its order: table, label, column, label's last segment. */
function namesToProfile(named: readonly FieldNames[], from: number, to: number): string[] {
  const names: string[] = []
  for (let i = from; i < Math.min(to, named.length); i++) {
    const field = named[i]!
    names.push(field.table)
    if (field.label !== '') names.push(field.label)
    if (field.column !== undefined) names.push(field.column)
    if (field.tail) names.push(field.tail.text)
  }
  return names
}

/**
 * An index key: a string (t: surface, r: reading, c: concept) or, for the many character n-grams, a number (no
 * string built per gram): a bigram's code as in {@link gramCodes} (≥ 0), a romaji trigram's code negated (< 0).
 */
type IndexKey = string | number

interface KeySink {
  add(key: IndexKey): unknown
}

function indexKeys(profile: NameProfile, out: Set<IndexKey>): void {
  for (const token of profile.tokens) tokenKeys(token, out)
  nameKeys(profile, out)
}

/** The index keys of one token, in order (repeats possible: whoever reads them counts a key once). */
function tokenKeys(token: Token, out: KeySink): void {
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
function nameKeys(profile: NameProfile, out: KeySink): void {
  if (profile.japanese) bigramKeys(profile.base, out)
  for (const gloss of profile.glosses) bigramKeys(gloss, out)
  const romaji = profile.romaji[0]
  if (romaji)
    for (let i = 0; i + 3 <= romaji.length; i++) out.add(-1 - (romaji.charCodeAt(i) * 0x10000 + romaji.charCodeAt(i + 1)) * 0x10000 - romaji.charCodeAt(i + 2))
}

/** The character bigrams of a text as {@link gramCodes} codes, in text order (a one-character text: the character). */
function bigramKeys(text: string, out: KeySink): void {
  let previous = -1
  let count = 0
  for (const ch of text) {
    const point = ch.codePointAt(0)!
    if (previous >= 0) out.add(previous * GRAM_SPACE + point)
    previous = point
    count++
  }
  if (count === 1) out.add(previous * GRAM_SPACE + GRAM_SPACE - 1)
}

/** Above every code point (as in normalize.ts gramCodes): bigram codes stay exact doubles. */
const GRAM_SPACE = 0x200000

export class Matcher {
  constructor(readonly analyzer: Analyzer) {}

  /**
   * Announces the names a {@link match} of these items and fields will analyse, in the order it needs them: an
   * analyser in another thread starts on them (see Analyzer.prefetch). `match` does so itself; this is for whoever
   * knows a match's inputs ahead of time (analyze announces every 業務's names as it reads their inputs).
   * Changes no result.
   */
  prefetch(items: readonly StandardItem[], fields: readonly FieldInput[]): void {
    this.announce(items, fields.slice(0, PREFETCH_AHEAD).map(namesOf))
  }

  private announce(items: readonly StandardItem[], named: readonly FieldNames[]): void {
    const analyzer = this.analyzer
    analyzer.prefetch(items.map((item) => item.name))
    analyzer.prefetch(new Set(items.map((item) => item.group)))
    analyzer.prefetch(items.flatMap((item) => (item.nameEn ? [item.nameEn] : [])))
    // The first fields too: their names are normalised while the analyser loads its dictionary.
    analyzer.prefetch(namesToProfile(named, 0, PREFETCH_AHEAD))
  }

  match(items: readonly StandardItem[], fields: readonly FieldInput[], options: MatchOptions = {}): MatchResult {
    const topK = options.topK ?? 5
    const perField = options.candidatesPerField ?? 10
    const minScore = options.minScore ?? 0.3
    const analyzer = this.analyzer

    // Field names are worked out first (the analyser thread is then loading its dictionary: this thread is free).
    const named = fields.map(namesOf)
    this.announce(items, named)
    // Likewise what needs no analysed name.
    const systems = fields.map((field) => systemColumnKind(field.label, field.column))
    const kinds = fields.map(fieldValueKind)
    analyzer.registerVocabulary(items.map((item) => item.name))
    analyzer.registerVocabulary(new Set(items.map((item) => item.group)))
    const names = items.map((item) => analyzer.profile(item.name))

    // Token weights: rare words say more than 番号 or コード.
    const df = new Map<string, number>()
    for (const name of names) for (const surface of new Set(name.tokens.map((t) => t.surface))) df.set(surface, (df.get(surface) ?? 0) + 1)
    const n = Math.max(1, names.length)
    const logN = Math.log(n + 1.5)
    const surfaceWeight = (surface: string): number | undefined => {
      const count = df.get(surface)
      if (count === undefined) return undefined
      return Math.min(1, Math.max(0.3, 0.3 + (0.7 * Math.log((n + 1) / (count + 0.5))) / logN))
    }
    const weightCache = new Map<Token, number>()
    const weight = (token: Token): number => {
      const hit = weightCache.get(token)
      if (hit !== undefined) return hit
      let w = surfaceWeight(token.surface)
      for (const alt of token.alts) {
        const a = surfaceWeight(alt)
        if (a !== undefined) w = Math.max(w ?? 0, a)
      }
      const result = w ?? 0.8
      weightCache.set(token, result)
      return result
    }
    const slots = new Map<string, number>()
    const profiles: ItemProfile[] = items.map((item, index) => ({
      item,
      name: names[index]!,
      weights: names[index]!.tokens.map(weight),
      english: item.nameEn ? analyzer.profile(item.nameEn) : undefined,
      group: analyzer.profile(item.group),
      operations: operationItemKinds(item.name, item.type),
      kind: itemValueKind(item),
      slot: slots.get(item.id) ?? (slots.set(item.id, index), index),
    }))
    const fullScoring = items.length * fields.length <= (options.fullScoringPairs ?? 2_000_000)

    // Inverted index over the standard items.
    const keyed = new Map<IndexKey, number[]>()
    profiles.forEach((p, index) => {
      const keys = new Set<IndexKey>()
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
    const postings = new Map<IndexKey, Posting>()
    for (const [key, list] of keyed) if (list.length <= maxPostings) postings.set(key, {items: Int32Array.from(list), weight: Math.log(1 + n / list.length), stamp: -1})
    keyed.clear()
    // The posting lists of a name, in key order, repeats included (the match loop counts a key once per field).
    // Tokens recur across names (they are interned): their lists are looked up once.
    const tokenPostings = new Map<Token, Posting[]>()
    const listOf = (into: Posting[]): KeySink => ({
      add(key: IndexKey) {
        const posting = postings.get(key)
        if (posting) into.push(posting)
      },
    })
    // Most names are met once (a column name per field): their lists are built in a scratch array, not kept.
    const scratch: Posting[] = []
    const toScratch = listOf(scratch)
    const postingsOf = (profile: NameProfile): Posting[] => {
      scratch.length = 0
      for (const token of profile.tokens) {
        let own = tokenPostings.get(token)
        if (!own) {
          tokenKeys(token, listOf((own = [])))
          tokenPostings.set(token, own)
        }
        for (const posting of own) scratch.push(posting)
      }
      nameKeys(profile, toScratch)
      return scratch
    }

    const byItem = new Map<string, Candidate[]>()
    const byField = new Map<string, Candidate[]>()
    // Per item slot, its best candidates so far; slots in the order they were first reached.
    const byItemScored: (Scored[] | undefined)[] = new Array<Scored[] | undefined>(profiles.length)
    const itemOrder: number[] = []
    const byFieldScored = new Map<string, Scored[]>()
    const accumulator = new Float64Array(profiles.length)
    const touched: number[] = []
    let pairsScored = 0
    const tableCache = new Map<string, {profile: NameProfile; surfaces: Set<string>}>()
    const systemColumns = new Map<string, SystemColumnKind>()
    const keep = (ref: string, scored: Scored[]) => {
      scored.sort(byMilli)
      if (scored.length > 0) byFieldScored.set(ref, scored.slice(0, topK))
      for (const candidate of scored) {
        let list = byItemScored[candidate.slot]
        if (!list) {
          byItemScored[candidate.slot] = list = []
          itemOrder.push(candidate.slot)
        }
        // Bounded insertion: an item keeps only its best topK (ties broken as byScore does).
        if (list.length >= topK && byMilli(candidate, list[list.length - 1]!) >= 0) continue
        let at = list.length
        while (at > 0 && byMilli(candidate, list[at - 1]!) < 0) at--
        list.splice(at, 0, candidate)
        if (list.length > topK) list.pop()
      }
    }

    let fieldsDone = 0
    let fieldNo = 0
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!
      if (fieldsDone % PREFETCH_STEP === 0) analyzer.prefetch(namesToProfile(named, fieldsDone + PREFETCH_AHEAD, fieldsDone + PREFETCH_AHEAD + PREFETCH_STEP))
      if (options.onProgress && fieldsDone % 256 === 0) options.onProgress(fieldsDone, fields.length)
      fieldsDone++
      const {ref, label, column, tail: tailOf} = named[f]!
      let table = tableCache.get(field.table)
      if (!table) {
        const profile = analyzer.profile(field.table)
        const surfaces = new Set(profile.tokens.map((t) => t.surface))
        table = {profile, surfaces}
        tableCache.set(field.table, table)
      }
      const variants: NameProfile[] = []
      if (label !== '') variants.push(analyzer.profile(label))
      if (column !== undefined) variants.push(analyzer.profile(column))
      const tail = tailOf ? {index: variants.length, factor: tailOf.factor} : undefined
      if (tailOf) variants.push(analyzer.profile(tailOf.text))
      const tableSurfaces = table.surfaces
      const variantWeights = variants.map((v) => v.tokens.map((t) => (t.ascii && tableSurfaces.has(t.surface) ? weight(t) * 0.25 : weight(t))))
      const tableRomaji = table.profile.romaji[0]
      const prefixedRomaji = variants.map((v) => (v.ascii && tableRomaji !== undefined ? v.romaji.map((r) => tableRomaji + r) : []))
      const fp: FieldProfile = {field, ref, variants, variantWeights, prefixedRomaji, table: table.profile, tableSurfaces, system: systems[f], kind: kinds[f]!, tail}
      if (fp.system) systemColumns.set(ref, fp.system)
      if (fullScoring) {
        const scored: Scored[] = []
        for (const p of profiles) {
          pairsScored++
          const candidate = scorePair(p, fp, minScore)
          if (candidate) scored.push(candidate)
        }
        keep(ref, scored)
        continue
      }

      // Each key counts once per field, whichever variants share it.
      const stamp = fieldNo++
      for (const v of variants)
        for (const posting of postingsOf(v)) {
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
        if (candidates.length > perField) candidates = strongest(candidates, accumulator, perField)
      }
      const scored: Scored[] = []
      for (const index of candidates) {
        pairsScored++
        const candidate = scorePair(profiles[index]!, fp, minScore)
        if (candidate) scored.push(candidate)
      }
      for (const index of touched) accumulator[index] = 0
      touched.length = 0

      keep(ref, scored)
    }
    // The same pair object serves both views.
    const finish = (c: Scored): Candidate => (c.done ??= new KeptCandidate(c))
    options.onProgress?.(fields.length, fields.length)
    for (const slot of itemOrder) byItem.set(profiles[slot]!.item.id, byItemScored[slot]!.map(finish))
    for (const [ref, list] of byFieldScored) byField.set(ref, list.map(finish))
    return {byItem, byField, systemColumns, stats: {items: items.length, fields: fields.length, pairsScored}}
  }
}

/**
 * A kept pair as handed out. Its signals and its reason are made when first read (most kept candidates, the
 * per-field lists of a large export, are never shown), yet they are own enumerable properties like the others:
 * JSON and spread copies have them. (An object literal with getters would do the same, but V8 keeps such objects
 * in slow dictionary mode: several times the memory, for hundreds of thousands of candidates.)
 */
class KeptCandidate implements Candidate {
  readonly itemId: string
  readonly ref: string
  readonly score: number
  readonly confidence: number
  declare readonly signals: Signals
  declare readonly reason: string
  /** What the signals and the reason are made of; let go once both are made. */
  #scored: Scored | undefined
  #signals: Signals | undefined
  #reason: string | undefined

  constructor(scored: Scored) {
    this.itemId = scored.itemId
    this.ref = scored.ref
    this.score = scored.milli / 1000
    this.confidence = calibratedConfidence(this.score)
    this.#scored = scored
    Object.defineProperty(this, 'signals', KeptCandidate.signalsProperty)
    Object.defineProperty(this, 'reason', KeptCandidate.reasonProperty)
  }

  /** Getters shared by every candidate (no closure per candidate). */
  private static readonly signalsProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: KeptCandidate): Signals {
      return (this.#signals ??= signalsOf(this.#scored!))
    },
  }

  private static readonly reasonProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: KeptCandidate): string {
      if (this.#reason === undefined) {
        this.#reason = writeReason(this.#scored!, this.signals)
        this.#scored = undefined
      }
      return this.#reason
    },
  }
}

/**
 * The `count` strongest of `indexes` by `scores`, strongest first, ties to the lower index: what sorting them all
 * and keeping the first `count` gives, by one pass of bounded insertion (a field has hundreds over the cut, keeps 10).
 */
export function strongest(indexes: readonly number[], scores: Float64Array, count: number): number[] {
  const best: number[] = []
  const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b)
  for (const index of indexes) {
    if (best.length === count && !before(index, best[count - 1]!)) continue
    let at = Math.min(best.length, count - 1)
    while (at > 0 && before(index, best[at - 1]!)) {
      best[at] = best[at - 1]!
      at--
    }
    best[at] = index
  }
  return best
}

interface Posting {
  /** Indexes of the standard items that have the key. */
  readonly items: Int32Array
  /** Inverse document frequency of the key. */
  readonly weight: number
  /** The last field that counted this key (a key counts once per field). */
  stamp: number
}

/**
 * A scored pair, with what its reason is written from when first read (the field's input and the chosen name's
 * qualifiers, not the field's whole profile: kept candidates would keep every field's profile alive).
 */
interface Scored {
  readonly itemId: string
  readonly slot: number
  readonly ref: string
  /** The score in thousandths (scores are given to the thousandth). */
  readonly milli: number
  /** Each signal in thousandths, −1 when it has no evidence (see {@link signalsOf}). */
  readonly name: number
  readonly reading: number
  readonly english: number
  readonly synonym: number
  readonly description: number
  readonly type: number
  readonly context: number
  readonly item: ItemProfile
  readonly field: FieldInput
  readonly qualifiers: readonly string[]
  readonly qualifierFactor: number
  readonly via: number
  readonly system: SystemColumnKind | undefined
  /** The candidate made of it, once kept. */
  done: KeptCandidate | undefined
}

/** {@link byScore} of scored pairs (the same order: thousandths rank as the scores do). */
function byMilli(a: Scored, b: Scored): number {
  return b.milli - a.milli || byCodePoint(a.ref, b.ref) || byCodePoint(a.itemId, b.itemId)
}

export function byScore(a: Pick<Candidate, 'score' | 'ref' | 'itemId'>, b: Pick<Candidate, 'score' | 'ref' | 'itemId'>): number {
  return b.score - a.score || byCodePoint(a.ref, b.ref) || byCodePoint(a.itemId, b.itemId)
}

function contextSignal(group: NameProfile, table: NameProfile): number | undefined {
  if (table.tokens.length === 0 || group.tokens.length === 0) return undefined
  let matched = 0
  let any = false
  for (const g of group.tokens) {
    let best = 0
    for (const t of table.tokens) {
      if (t.surface.length < 2) continue
      any = true
      best = Math.max(best, tokenScore(g, t))
    }
    matched += best >= 0.85 ? 1 : best >= 0.5 ? 0.5 : 0
  }
  return any ? matched / group.tokens.length : undefined
}

/** The strongest name evidence, plus a little of the second strongest (fixed arguments: called per pair and variant). */
function combineLexical(a: number | undefined, b: number | undefined, c: number | undefined, d: number): number {
  let first = 0
  let second = 0
  for (let i = 0; i < 4; i++) {
    const v = i === 0 ? a : i === 1 ? b : i === 2 ? c : d
    if (v === undefined) continue
    if (v > first) {
      second = first
      first = v
    } else if (v > second) second = v
  }
  return 0.85 * first + 0.15 * second
}

const contextCache = new WeakMap<NameProfile, Map<NameProfile, number | undefined>>()

function cachedContext(group: NameProfile, table: NameProfile): number | undefined {
  let inner = contextCache.get(group)
  if (!inner) contextCache.set(group, (inner = new Map()))
  if (inner.has(table)) return inner.get(table)
  const value = contextSignal(group, table)
  inner.set(table, value)
  return value
}

/** Scores one pair; allocates the result only when it reaches minScore. */
function scorePair(p: ItemProfile, f: FieldProfile, minScore: number): Scored | undefined {
  // Structure first: a system column only goes to an 操作 item; a flag never holds a date.
  if (f.system && !p.operations.includes(f.system)) return undefined
  if (valueKindsConflict(p.kind, f.kind)) return undefined
  let bestLex = -1
  let secondLex = 0
  let bestVi = 0
  let bName: number | undefined
  let bReading: number | undefined
  let bEnglish: number | undefined
  let bSynonym = 0
  let bQualifier = 1
  let bVia = 0
  for (let vi = 0; vi < f.variants.length; vi++) {
    const variant = f.variants[vi]!
    const name = nameSignal(p.name, variant)
    let reading = readingSignal(p.name, variant)
    if (variant.ascii && f.table.romaji.length > 0 && (reading ?? 0) < 1) {
      // Table-prefixed readings: table SETAI + column NUSHI_SHIMEI reads as セタイヌシシメイ.
      const prefixed = readingsSignal(p.name.romaji, f.prefixedRomaji[vi]!)
      if (prefixed !== undefined) reading = Math.max(reading ?? 0, prefixed * 0.92)
    }
    const english = englishSignal(p.name, p.english, variant)
    const alignment = alignmentScore(p.name.tokens, p.weights, variant.tokens, f.variantWeights[vi]!, f.table.tokens)
    const alignmentBits = alignmentVia
    const qualifier = qualifierAgreement(p.name.qualifiers, variant.qualifiers)
    const lex = combineLexical(name, reading, english, alignment) * qualifier * (f.tail?.index === vi ? f.tail.factor : 1)
    if (lex > bestLex) {
      if (bestLex >= 0) secondLex = bestLex
      bestLex = lex
      bestVi = vi
      bName = name
      bReading = reading
      bEnglish = english
      bSynonym = alignment
      bQualifier = qualifier
      bVia = alignmentBits
    } else secondLex = Math.max(secondLex, lex)
  }
  // Label and physical name agreeing is worth a little more than either alone.
  let lex = Math.min(1, bestLex + 0.06 * secondLex)
  // 更新者 → 操作者ID, 更新日時 → 操作年月日 + 操作時刻: the kind of record agrees even when the words do not.
  if (f.system) lex = Math.max(lex, 0.8)
  if (lex < minScore) return undefined
  const firstVariant = f.variants[0]
  const description = descriptionSignal(p.item.description, f.field.description, firstVariant?.japanese ? firstVariant.base : '')
  const type = typeSignal(p.item.type, p.item.length, f.field.type, f.field.length)
  const context = cachedContext(p.group, f.table)
  const modifier = 0.5 * (type ?? 0.7) + 0.35 * (context ?? 0.5) + 0.15 * (description ?? 0.5)
  // The score and the signals are kept as thousandths (small integers: no boxed number per value, no object per pair until kept).
  const milli = milliOf(Math.max(0, Math.min(1, lex * (0.8 + 0.2 * modifier))))
  if (milli / 1000 < minScore) return undefined
  return {
    itemId: p.item.id,
    slot: p.slot,
    ref: f.ref,
    milli,
    name: milliOf(bName),
    reading: milliOf(bReading),
    english: milliOf(bEnglish),
    synonym: milliOf(bSynonym),
    description: milliOf(description),
    type: milliOf(type),
    context: milliOf(context),
    item: p,
    field: f.field,
    qualifiers: f.variants[bestVi]!.qualifiers,
    qualifierFactor: bQualifier,
    via: bVia,
    system: f.system,
    done: undefined,
  }
}

/** A score or signal in thousandths (the value handed out is this / 1000); −1: no evidence. */
const milliOf = (x: number | undefined): number => (x === undefined ? -1 : Math.round(x * 1000))

/** The signals of a scored pair, in the order they are always listed. */
function signalsOf(c: Scored): Signals {
  const signals: Signals = {}
  if (c.name >= 0) signals.name = c.name / 1000
  if (c.reading >= 0) signals.reading = c.reading / 1000
  if (c.english >= 0) signals.english = c.english / 1000
  signals.synonym = c.synonym / 1000
  if (c.description >= 0) signals.description = c.description / 1000
  if (c.type >= 0) signals.type = c.type / 1000
  if (c.context >= 0) signals.context = c.context / 1000
  return signals
}

/** The one-line reason of a kept pair. */
function writeReason(c: Scored, signals: Signals): string {
  const {item: p, field, system} = c
  return buildReason({
    signals,
    qualifierFactor: c.qualifierFactor,
    itemQualifiers: p.name.qualifiers,
    fieldQualifiers: c.qualifiers,
    via: c.via,
    itemGroup: p.item.group,
    table: field.table,
    itemRomaji: p.name.romaji[0],
    notes: system ? [`システム管理用の列 (${SYSTEM_COLUMN_LABELS[system]}) → 操作の記録項目`] : [],
    longerField:
      p.item.length !== undefined && field.length !== undefined && field.length > p.item.length && !['date', 'datetime', 'yearMonth', 'flag'].includes(p.item.type)
        ? {field: field.length, item: p.item.length}
        : undefined,
  })
}

/**
 * One-to-one assignment: the best pairs first (greedy on score), each standard item and each current field
 * used once, pairs below the threshold left out.
 */
export function assignOneToOne(result: MatchResult, threshold = DEFAULT_ACCEPT_THRESHOLD): Map<string, Candidate> {
  const all: Candidate[] = []
  for (const list of result.byItem.values()) for (const c of list) if (c.score >= threshold) all.push(c)
  all.sort(byScore)
  const usedItems = new Map<string, Candidate>()
  const usedFields = new Set<string>()
  for (const c of all) {
    if (usedItems.has(c.itemId) || usedFields.has(c.ref)) continue
    usedItems.set(c.itemId, c)
    usedFields.add(c.ref)
  }
  return usedItems
}
