/**
 * How often a top candidate with a given score is right: the score → probability map fitted on the TUNE parts of
 * the frozen real sets (official + imi, 176 pairs; `npx tsx scripts/matching/calibrate.ts` refits it, and
 * `npm run eval:match` reports how it holds on tune and on held-out separately). Pure.
 *
 * The score itself is not replaced: on those sets a top candidate scored 0.45 is right about 70% of the time, so a
 * calibrated score would pass the accept threshold (0.6) and cut precision at the threshold from ~0.96 to ~0.87.
 * The score keeps ranking and the accept decision; this map says what a score means.
 */

/** [score, share right] knots: the blocks of an isotonic fit, each smoothed with one right and one wrong prior. */
export const CALIBRATION_KNOTS: readonly (readonly [number, number])[] = [
  [0.031, 0.125],
  [0.101, 0.255],
  [0.27, 0.5],
  [0.328, 0.571],
  [0.458, 0.707],
  [0.689, 0.846],
  [0.855, 0.912],
  [0.892, 0.972],
]

/** The probability that a top candidate with this score is right (linear between knots, flat beyond them), 3 decimals. */
export function calibratedConfidence(score: number, knots: readonly (readonly [number, number])[] = CALIBRATION_KNOTS): number {
  const first = knots[0]!
  const last = knots.at(-1)!
  if (score <= first[0]) return first[1]
  if (score >= last[0]) return last[1]
  let i = 1
  while (knots[i]![0] < score) i++
  const [x0, y0] = knots[i - 1]!
  const [x1, y1] = knots[i]!
  return Math.round((y0 + ((score - x0) / (x1 - x0)) * (y1 - y0)) * 1000) / 1000
}
