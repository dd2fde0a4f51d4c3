/** Name similarity for functions and forms (short Japanese titles): bigram Dice on folded text. */
import {diceOfGrams, gramCodes} from '../matching/normalize.js'

export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s・･()（）「」『』【】[\]、。,.:：\-ー―‐−~〜]/g, '')
    .replace(/(の|に係る|に関する|機能|処理)/g, '')
    .replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
    .toLowerCase()
}

/** A name prepared once for many comparisons. */
export interface NameProfile {
  readonly folded: string
  /** Its character bigrams as sorted numbers ({@link gramCodes}): pairing compares every open pair. */
  readonly grams: readonly number[]
  readonly size: number
}

export function nameProfile(name: string): NameProfile {
  const folded = foldName(name)
  const grams = gramCodes(folded)
  return {folded, grams, size: grams.length}
}

export function profileSimilarity(a: NameProfile, b: NameProfile): number {
  if (a.folded === '' || b.folded === '') return 0
  const dice = diceOfGrams(a.grams, b.grams)
  // One title inside the other ("住民票の写し" in "住民票の写し交付") is a strong hint even when short.
  const fa = a.folded
  const fb = b.folded
  const containment = fa.includes(fb) || fb.includes(fa) ? 0.5 + Math.min(fa.length, fb.length) / Math.max(fa.length, fb.length) / 2 : 0
  return Math.max(dice, containment)
}
