/** Name similarity for functions and forms (short Japanese titles): bigram Dice on folded text. */
export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s・･()（）「」『』【】[\]、。,.:：\-ー―‐−~〜]/g, '')
    .replace(/(の|に係る|に関する|機能|処理)/g, '')
    .replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
    .toLowerCase()
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>()
  const chars = [...text]
  if (chars.length === 1) grams.set(text, 1)
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = chars[i]! + chars[i + 1]!
    grams.set(gram, (grams.get(gram) ?? 0) + 1)
  }
  return grams
}

/** A name prepared once for many comparisons. */
export interface NameProfile {
  readonly folded: string
  readonly grams: ReadonlyMap<string, number>
  readonly size: number
}

export function nameProfile(name: string): NameProfile {
  const folded = foldName(name)
  const grams = bigrams(folded)
  let size = 0
  for (const n of grams.values()) size += n
  return {folded, grams, size}
}

export function profileSimilarity(a: NameProfile, b: NameProfile): number {
  if (a.folded === '' || b.folded === '') return 0
  let shared = 0
  for (const [gram, count] of a.grams) shared += Math.min(count, b.grams.get(gram) ?? 0)
  const dice = (2 * shared) / (a.size + b.size)
  // One title inside the other ("住民票の写し" in "住民票の写し交付") is a strong hint even when short.
  const fa = a.folded
  const fb = b.folded
  const containment = fa.includes(fb) || fb.includes(fa) ? 0.5 + Math.min(fa.length, fb.length) / Math.max(fa.length, fb.length) / 2 : 0
  return Math.max(dice, containment)
}
