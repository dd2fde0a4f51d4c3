import {stripVTControlCharacters} from 'node:util'

import chalk from 'chalk'
import stringWidth from 'string-width'
import {afterEach, describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {emptyCurrentSystem} from '../../src/analyzers/inputs.js'
import {renderAnalysisSummary, SUMMARY_WIDTH} from '../../src/cli/analysis-summary.js'
import type {AreaReport} from '../../src/report/report-model.js'
import {sampleInput} from '../helpers/sample-input.js'


function areas(): AreaReport[] {
  const input = sampleInput()
  const imported = analyzeArea(input)
  const nothing = analyzeArea({...input, area: {slug: 'kokuho', name: '国民健康保険'}, current: emptyCurrentSystem('kokuho'), fieldLinks: [], decisions: new Map()})
  return [
    {analysis: imported, specTitle: 't', provenance: {type: 'representative', note: 'x'}, sources: input.current.sources},
    {analysis: nothing, specTitle: 't', provenance: {type: 'representative', note: 'x'}, sources: []},
  ]
}

describe('terminal summary of an analysis', () => {
  const level = chalk.level
  afterEach(() => {
    chalk.level = level
  })

  it('lines up the same with and without colour, and fits 80 columns', () => {
    chalk.level = 0
    const plain = renderAnalysisSummary(areas(), 'out.xlsx')
    chalk.level = 3
    const coloured = renderAnalysisSummary(areas(), 'out.xlsx')
    expect(coloured).not.toBe(plain)
    expect(stripVTControlCharacters(coloured)).toBe(plain)
    for (const line of plain.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(SUMMARY_WIDTH)
    // Every row of the table puts its columns at the same display positions as the header.
    const table = plain.split('\n').slice(2, 5)
    const starts = (line: string) => [...line.matchAll(/ {2}(?=\S)/g)].map((m) => stringWidth(line.slice(0, m.index)))
    const ends = (line: string) => stringWidth(line)
    expect(new Set(table.map(ends)).size).toBe(1)
    expect(starts(table[1]!).slice(0, 1)).toEqual(starts(table[2]!).slice(0, 1))
  })

  it('says 未着手 for a 業務 with nothing imported, and shows the fit rate with its base', () => {
    chalk.level = 0
    const text = renderAnalysisSummary(areas())
    const row = text.split('\n').find((l) => l.startsWith('国民健康保険'))!
    expect(row).toContain('未着手')
    expect(text).toMatch(/未着手: 国民健康保険 は現行定義が未取込です/)
    const first = areas()[0]!.analysis
    const v = first.summary.functionsByVerdict
    expect(text).toContain(`(${v.fit + v.partial + v.gap}/${first.functions.length})`)
  })
})
