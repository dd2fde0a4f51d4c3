/** The previous analysis' figures (サマリー「前回の分析から」): a convenience that never stops a run. */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {historyPath, loadPreviousAnalysis, saveAnalysis} from '../../src/workspace/analysis-history.js'
import {type Workspace, workspaceAt} from '../../src/workspace/workspace.js'
import {tempDir} from '../helpers/cli.js'

const figures = (n: number) => ({decided: n, judged: n, error: 0, warning: 1, optionsUndecided: 2})
const workspace = (): Workspace => workspaceAt(tempDir('fitgap-history-'), {version: 1, name: 'x', areas: [], editions: {}})

describe('analysis history', () => {
  it('has no previous analysis when the file is missing, unreadable or of another shape', () => {
    const ws = workspace()
    expect(loadPreviousAnalysis(ws)).toBeUndefined()
    mkdirSync(ws.reportsDir, {recursive: true})
    for (const text of ['{not json', JSON.stringify({at: '2026-01-01'}), JSON.stringify({at: 1, areas: {}}), JSON.stringify({at: 'x', areas: {jumin: {decided: 1}}})]) {
      writeFileSync(historyPath(ws), text)
      expect(loadPreviousAnalysis(ws), text).toBeUndefined()
    }
  })

  it('keeps the figures of 業務 this run did not cover, sorted by 業務, and reads them back', () => {
    const ws = workspace()
    saveAnalysis(ws, {at: '2026-01-01 10:00', areas: {kokuho: figures(1), jumin: figures(2)}}, undefined)
    const first = loadPreviousAnalysis(ws)
    expect(first).toEqual({at: '2026-01-01 10:00', areas: {jumin: figures(2), kokuho: figures(1)}})
    saveAnalysis(ws, {at: '2026-01-02 09:00', areas: {jumin: figures(5), aaa: figures(3)}}, first)
    expect(loadPreviousAnalysis(ws)).toEqual({at: '2026-01-02 09:00', areas: {aaa: figures(3), jumin: figures(5), kokuho: figures(1)}})
    expect(Object.keys(JSON.parse(readFileSync(historyPath(ws), 'utf8')).areas)).toEqual(['aaa', 'jumin', 'kokuho'])
    expect(readFileSync(historyPath(ws), 'utf8').endsWith('}\n')).toBe(true)
  })
})
