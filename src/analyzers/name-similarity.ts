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
  if (a.folded === b.folded) return 1
  let shared = 0
  for (const [gram, count] of a.grams) shared += Math.min(count, b.grams.get(gram) ?? 0)
  const dice = (2 * shared) / (a.size + b.size)
  // One title inside the other ("住民票の写し" in "住民票の写し交付") is a strong hint even when short.
  const fa = a.folded
  const fb = b.folded
  const containment = fa.includes(fb) || fb.includes(fa) ? 0.5 + Math.min(fa.length, fb.length) / Math.max(fa.length, fb.length) / 2 : 0
  return Math.max(dice, containment)
}

/**
 * One-to-one pairing of standard and current records (functions, forms): the same ID scores 1, otherwise name
 * similarity; best pairs first (greedy), keeping pairs at or above the threshold. Returns the partner index on
 * the right for each paired left index.
 */
export function pairByName(
  left: readonly {readonly id: string; readonly name: string}[],
  right: readonly {readonly id: string; readonly name: string}[],
  threshold: number,
): Map<number, {index: number; score: number}> {
  const rightProfiles = right.map((r) => nameProfile(r.name))
  const candidates: {l: number; r: number; score: number}[] = []
  left.forEach((l, li) => {
    const profile = nameProfile(l.name)
    right.forEach((r, ri) => {
      const score = r.id === l.id ? 1 : profileSimilarity(profile, rightProfiles[ri]!)
      if (score >= threshold) candidates.push({l: li, r: ri, score})
    })
  })
  candidates.sort((a, b) => b.score - a.score || a.l - b.l || a.r - b.r)
  const usedRight = new Set<number>()
  const result = new Map<number, {index: number; score: number}>()
  for (const c of candidates) {
    if (result.has(c.l) || usedRight.has(c.r)) continue
    result.set(c.l, {index: c.r, score: c.score})
    usedRight.add(c.r)
  }
  return result
}
