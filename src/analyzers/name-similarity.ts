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

export function nameSimilarity(a: string, b: string): number {
  const fa = foldName(a)
  const fb = foldName(b)
  if (fa === '' || fb === '') return 0
  if (fa === fb) return 1
  const ga = bigrams(fa)
  const gb = bigrams(fb)
  let shared = 0
  for (const [gram, count] of ga) shared += Math.min(count, gb.get(gram) ?? 0)
  const total = [...ga.values()].reduce((s, n) => s + n, 0) + [...gb.values()].reduce((s, n) => s + n, 0)
  const dice = (2 * shared) / total
  // One title inside the other ("住民票の写し" in "住民票の写し交付") is a strong hint even when short.
  const containment = fa.includes(fb) || fb.includes(fa) ? 0.5 + Math.min(fa.length, fb.length) / Math.max(fa.length, fb.length) / 2 : 0
  return Math.max(dice, containment)
}

/**
 * One-to-one pairing of two lists by a score, best pairs first (greedy), keeping pairs at or above the threshold.
 * Returns the partner index on the right for each left index.
 */
export function pairByScore<L, R>(
  left: readonly L[],
  right: readonly R[],
  score: (l: L, r: R) => number,
  threshold: number,
): Map<number, {index: number; score: number}> {
  const candidates: {l: number; r: number; score: number}[] = []
  left.forEach((l, li) =>
    right.forEach((r, ri) => {
      const s = score(l, r)
      if (s >= threshold) candidates.push({l: li, r: ri, score: s})
    }),
  )
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
