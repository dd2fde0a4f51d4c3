/** Name similarity for functions and forms (short Japanese titles): bigram Dice on folded text. */
export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s・･()（）「」『』【】[\]、。,.:：\-ー―‐−~〜]/g, '')
    .replace(/(の|に係る|に関する|機能|処理)/g, '')
    .replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
    .toLowerCase()
}

/** Above every code point: a bigram's code is first × GRAM_SPACE + second, a lone character's first × GRAM_SPACE + GRAM_SPACE − 1. */
const GRAM_SPACE = 0x110001

/** The character bigrams of a text as numbers, sorted, a repeated bigram once per occurrence (a lone character: itself). */
function bigramCodes(text: string): number[] {
  const points = Array.from(text, (ch) => ch.codePointAt(0)!)
  if (points.length === 1) return [points[0]! * GRAM_SPACE + GRAM_SPACE - 1]
  const codes: number[] = []
  for (let i = 0; i + 1 < points.length; i++) codes.push(points[i]! * GRAM_SPACE + points[i + 1]!)
  return codes.sort((a, b) => a - b)
}

/** A name prepared once for many comparisons. */
export interface NameProfile {
  readonly folded: string
  /** Its character bigrams (see {@link bigramCodes}): pairing compares every open pair, so no string or map per gram. */
  readonly grams: readonly number[]
  readonly size: number
}

export function nameProfile(name: string): NameProfile {
  const folded = foldName(name)
  const grams = bigramCodes(folded)
  return {folded, grams, size: grams.length}
}

export function profileSimilarity(a: NameProfile, b: NameProfile): number {
  if (a.folded === '' || b.folded === '') return 0
  // Bigrams in common, each as often as both have it: one walk along the two sorted lists.
  const x = a.grams
  const y = b.grams
  let shared = 0
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      shared++
      i++
      j++
    }
  }
  const dice = (2 * shared) / (a.size + b.size)
  // One title inside the other ("住民票の写し" in "住民票の写し交付") is a strong hint even when short.
  const fa = a.folded
  const fb = b.folded
  const containment = fa.includes(fb) || fb.includes(fa) ? 0.5 + Math.min(fa.length, fb.length) / Math.max(fa.length, fb.length) / 2 : 0
  return Math.max(dice, containment)
}
