import {describe, expect, it} from 'vitest'

import {CALIBRATION_KNOTS, calibratedConfidence} from '../../src/matching/calibration.js'
import {matcher} from './helpers.js'

describe('score calibration', () => {
  it('never says a higher score is less likely right, and stays a probability', () => {
    let previous = 0
    for (let score = 0; score <= 1.0001; score += 0.01) {
      const p = calibratedConfidence(score)
      expect(p).toBeGreaterThanOrEqual(previous)
      expect(p).toBeGreaterThan(0)
      expect(p).toBeLessThan(1)
      previous = p
    }
  })

  it('goes through its knots and interpolates between them', () => {
    for (const [score, p] of CALIBRATION_KNOTS) expect(calibratedConfidence(score)).toBeCloseTo(p, 3)
    expect(calibratedConfidence(0.5)).toBeCloseTo(0.707 + ((0.5 - 0.458) / (0.689 - 0.458)) * (0.846 - 0.707), 3)
    expect(calibratedConfidence(0)).toBe(CALIBRATION_KNOTS[0]![1])
    expect(calibratedConfidence(1)).toBe(CALIBRATION_KNOTS.at(-1)![1])
  })

  it('is given with every candidate, from its score', () => {
    const result = matcher().match([{id: 'A1', group: '個人', name: '生年月日', type: 'date'}], [{table: 'JUMIN', column: 'SEINENGAPPI', label: ''}])
    const [candidate] = result.byItem.get('A1') ?? []
    expect(candidate).toBeDefined()
    expect(candidate!.confidence).toBe(calibratedConfidence(candidate!.score))
  })
})
