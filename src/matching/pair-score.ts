/**
 * The score of one (standard item, current field) pair from the signals, and the profiles it is computed from.
 * Pure; shared by the engine and its scoring worker (score-worker.ts), which must agree to the bit.
 */
import type {NameProfile} from './analyzer.js'
import type {FieldInput, StandardItem} from './engine.js'
import {qualifierAgreement} from './normalize.js'
import {alignTokens, descriptionSignal, englishSignal, nameSignal, readingSignal, readingsSignal, type Signals, tokenScore, typeSignal} from './signals.js'
import {type SystemColumnKind, type ValueKind, valueKindsConflict} from './system-columns.js'

export interface ItemProfile {
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

export interface FieldProfile {
  readonly field: FieldInput
  readonly variants: readonly NameProfile[]
  readonly variantWeights: readonly (readonly number[])[]
  readonly table: NameProfile
  readonly system?: SystemColumnKind
  readonly kind: ValueKind
  /** Per variant: its romaji keys behind the table's (SETAI + NUSHI_SHIMEI), for ASCII variants of a table with a reading. */
  readonly prefixedRomaji: readonly (readonly string[])[]
  /** Index of the variant that is only the label's last segment, and the discount it takes. */
  readonly tail?: {readonly index: number; readonly factor: number}
}

/** What {@link scorePair} found for a pair that reaches minScore. */
export interface PairScore {
  score: number
  signals: Signals
  /** Index of the field's variant (label, column, label's last segment) the score came from. */
  variant: number
  qualifierFactor: number
  /** Bit set of the kinds of token evidence (signals.ts VIA). */
  via: number
}

export const newPairScore = (): PairScore => ({score: 0, signals: {}, variant: 0, qualifierFactor: 1, via: 0})

export const round3 = (x: number) => Math.round(x * 1000) / 1000

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

/** Per item group, per table name (a name's profile is the same whichever object holds it). */
const contextCache = new WeakMap<NameProfile, Map<string, number | undefined>>()

function cachedContext(group: NameProfile, table: NameProfile): number | undefined {
  let inner = contextCache.get(group)
  if (!inner) contextCache.set(group, (inner = new Map()))
  if (inner.has(table.raw)) return inner.get(table.raw)
  const value = contextSignal(group, table)
  inner.set(table.raw, value)
  return value
}

/**
 * Scores one pair into `out` (reused: a pair below minScore allocates nothing); false when it does not reach
 * minScore.
 */
export function scorePair(p: ItemProfile, f: FieldProfile, minScore: number, out: PairScore): boolean {
  // Structure first: a system column only goes to an 操作 item; a flag never holds a date.
  if (f.system && !p.operations.includes(f.system)) return false
  if (valueKindsConflict(p.kind, f.kind)) return false
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
    const alignment = alignTokens(p.name.tokens, p.weights, variant.tokens, f.variantWeights[vi]!, f.table.tokens)
    const qualifier = qualifierAgreement(p.name.qualifiers, variant.qualifiers)
    const lex = combineLexical(name, reading, english, alignment.score) * qualifier * (f.tail?.index === vi ? f.tail.factor : 1)
    if (lex > bestLex) {
      if (bestLex >= 0) secondLex = bestLex
      bestLex = lex
      bestVi = vi
      bName = name
      bReading = reading
      bEnglish = english
      bSynonym = alignment.score
      bQualifier = qualifier
      bVia = alignment.via
    } else secondLex = Math.max(secondLex, lex)
  }
  // Label and physical name agreeing is worth a little more than either alone.
  let lex = Math.min(1, bestLex + 0.06 * secondLex)
  // 更新者 → 操作者ID, 更新日時 → 操作年月日 + 操作時刻: the kind of record agrees even when the words do not.
  if (f.system) lex = Math.max(lex, 0.8)
  if (lex < minScore) return false
  const firstVariant = f.variants[0]
  const description = descriptionSignal(p.item.description, f.field.description, firstVariant?.japanese ? firstVariant.base : '')
  const type = typeSignal(p.item.type, p.item.length, f.field.type, f.field.length)
  const context = cachedContext(p.group, f.table)
  const modifier = 0.5 * (type ?? 0.7) + 0.35 * (context ?? 0.5) + 0.15 * (description ?? 0.5)
  const score = round3(Math.max(0, Math.min(1, lex * (0.8 + 0.2 * modifier))))
  if (score < minScore) return false
  const signals: Signals = {}
  if (bName !== undefined) signals.name = round3(bName)
  if (bReading !== undefined) signals.reading = round3(bReading)
  if (bEnglish !== undefined) signals.english = round3(bEnglish)
  signals.synonym = round3(bSynonym)
  if (description !== undefined) signals.description = round3(description)
  if (type !== undefined) signals.type = round3(type)
  if (context !== undefined) signals.context = round3(context)
  out.score = score
  out.signals = signals
  out.variant = bestVi
  out.qualifierFactor = bQualifier
  out.via = bVia
  return true
}
