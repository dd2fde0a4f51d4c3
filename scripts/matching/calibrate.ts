/**
 * Fits the score → "right how often" map of src/matching/calibration.ts on the TUNE parts of the frozen real sets
 * (never on held-out): isotonic regression (pool adjacent violators) of "the top-1 candidate is right" on its
 * score, each pooled block smoothed with one right and one wrong prior observation. Prints the knots to paste into
 * calibration.ts; `npm run eval:match` then reports how well they hold on tune and on held-out, separately.
 *
 *   npx tsx scripts/matching/calibrate.ts
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {createMatcher, loadMatchResources} from '../../src/matching/dictionary-loader.js'
import {type LabelledSet, SETS_DIR} from './sets.js'

const resources = loadMatchResources()
const points: {score: number; right: number}[] = []
for (const name of ['official', 'imi']) {
  const set = JSON.parse(readFileSync(path.join(SETS_DIR, `set-${name}.json`), 'utf8')) as LabelledSet
  for (const area of set.areas) {
    const tune = area.fields.filter((f) => f.part === 'tune')
    if (tune.length === 0) continue
    const result = createMatcher(resources).match(area.items, area.fields, {topK: 1, minScore: 0})
    for (const field of tune) {
      const top = result.byField.get(`${field.table}.${field.column}`)?.[0]
      points.push({score: top?.score ?? 0, right: top !== undefined && top.itemId === field.expected ? 1 : 0})
    }
  }
}
points.sort((a, b) => a.score - b.score)
// Pool adjacent violators: blocks of (sum of scores, rights, count) whose rates never decrease.
const blocks: {scores: number; rights: number; n: number}[] = []
for (const p of points) {
  blocks.push({scores: p.score, rights: p.right, n: 1})
  while (blocks.length >= 2) {
    const b = blocks.at(-1)!
    const a = blocks.at(-2)!
    if (a.rights / a.n < b.rights / b.n) break
    blocks.splice(-2, 2, {scores: a.scores + b.scores, rights: a.rights + b.rights, n: a.n + b.n})
  }
}
const knots = blocks.map((b) => [Number((b.scores / b.n).toFixed(3)), Number(((b.rights + 1) / (b.n + 2)).toFixed(3))] as const)
console.log(`${points.length} tune pairs (official + imi), ${blocks.length} blocks:`)
for (const b of blocks) console.log(`  score ≈ ${(b.scores / b.n).toFixed(3)}: ${b.rights}/${b.n} right`)
console.log(`\nexport const CALIBRATION_KNOTS: readonly (readonly [number, number])[] = ${JSON.stringify(knots)}`)
