import {describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {emptyCurrentSystem} from '../../src/analyzers/inputs.js'
import type {Decision} from '../../src/model/decision.js'
import {plainContent} from '../../src/report/issue-register.js'
import type {AreaReport} from '../../src/report/report-model.js'
import {fitRateText} from '../../src/report/summary-sheet.js'
import {snapshotOf, summarize} from '../../src/report/summary-model.js'
import {sampleInput} from '../helpers/sample-input.js'

const report = (decisions: Decision[] = [], imported = true): AreaReport => {
  const input = sampleInput(decisions)
  const analysis = analyzeArea(imported ? input : {...input, current: emptyCurrentSystem('jumin'), fieldLinks: []})
  return {analysis, specTitle: 't', provenance: {type: 'representative', note: 'x'}, sources: imported ? input.current.sources : []}
}

describe('summary model (what サマリー shows)', () => {
  it('counts functions by 実装区分 × verdict, forms and data items by verdict, and the fit rate with its base', () => {
    const area = report()
    const [o] = summarize([area]).areas
    const rows = area.analysis.functions
    for (const kind of ['mandatory', 'optional', 'prohibited'] as const)
      for (const verdict of ['fit', 'partial', 'gap', 'na', 'undecided'] as const)
        expect(o!.functionsByKind[kind][verdict], `${kind} ${verdict}`).toBe(rows.filter((r) => r.fn.kind === kind && r.verdict === verdict).length)
    expect(Object.values(o!.forms).reduce((a, b) => a + b)).toBe(area.analysis.forms.length)
    expect(Object.values(o!.dataItems).reduce((a, b) => a + b)).toBe(area.analysis.dataItems.length)
    expect(o!.judged).toBe(rows.filter((r) => ['fit', 'partial', 'gap'].includes(r.verdict)).length)
    expect(o!.fitRate).toBe(area.analysis.summary.fitRate)
    // By hand: ○ 0010001 and 0010002 (対応表), × 0010004 (実装不可 in use); 0010006 (必須, no counterpart) stays undecided.
    expect([o!.judged, o!.fitRate]).toEqual([3, 0.667])
    expect(o!.optionsUndecided).toBe(1)
    expect(fitRateText(2 / 3, 15, 263)).toBe('67% (判定済み 15 / 263)')
    expect(fitRateText(null, 0, 263)).toBe('− (判定済み 0 / 263)')
  })

  it('takes each 業務 status from the analysis, and counts as open only findings no decision settles and no register entry closes', () => {
    expect(summarize([report([], false)]).areas[0]!.status).toBe('not-started')
    expect(summarize([report([], false)]).areas[0]!.nothingImported).toBe(true)
    expect(summarize([report()]).areas[0]!.status).toBe('in-progress')
    const area = report()
    const judged: Decision[] = area.analysis.functions.map((r) => ({key: r.key, verdict: 'na', policy: 'retire'}))
    const decided = summarize([report(judged)])
    expect(decided.areas[0]!.status).toBe('done')
    // Decisions settle the function findings (analyzers/settle.ts); the summary does not count them as open.
    const open = (m: ReturnType<typeof summarize>) => m.totals.open.error + m.totals.open.warning
    expect(open(decided)).toBeLessThan(open(summarize([area])))
    const closed: Decision[] = area.analysis.findings.filter((f) => f.severity !== 'info').map((f) => ({key: f.key.replace(/^jumin:/, 'jumin:issue:'), state: 'done'}))
    expect(open(summarize([report(closed)]))).toBe(0)
  })

  it('puts open 重大 first in 次に決めること with the 担当課 when known; a register entry marked 完了 is no longer open', () => {
    const base = summarize([report()])
    expect(base.next.length).toBeGreaterThan(0)
    expect(base.next[0]!.severity).toBe('error')
    const first = report().analysis.findings.find((f) => f.severity === 'error')!
    const issueKey = first.key.replace(/^jumin:/, 'jumin:issue:')
    const assigned = summarize([report([{key: issueKey, department: '市民課'}])])
    expect(assigned.next.find((n) => n.subject.startsWith(first.standardRef!))?.department).toBe('市民課')
    const done = summarize([report([{key: issueKey, state: 'done'}])])
    expect(done.totals.open.error).toBe(base.totals.open.error - 1)
    expect(done.next.some((n) => n.subject.startsWith(first.standardRef!) && n.content === plainContent(first))).toBe(false)
  })

  it('tracks progress by 担当課 and the change since the previous analysis', () => {
    const area = report()
    const fn = area.analysis.functions.find((r) => r.verdict === 'undecided')!
    const before = summarize([area])
    const after = summarize([report([{key: fn.key, verdict: 'fit', department: '市民課'}])], snapshotOf(before, '2026-11-30T01:00:00Z'))
    expect(after.departments.find((d) => d.department === '市民課')).toMatchObject({rows: 1, decided: 1})
    expect(after.departments.at(-1)!.department).toBeUndefined()
    expect(after.change).toMatchObject({since: '2026-11-30T01:00:00Z', decided: 1})
    expect(summarize([area]).change).toBeUndefined()
  })

  it('gives the same summary asked again for the same analysis, with or without the previous one', () => {
    const areas = [report()]
    const fresh = JSON.stringify(summarize([...areas]))
    const previous = snapshotOf(summarize([report([])]), '2026-11-30T01:00:00Z')
    const withPrevious = summarize(areas, previous)
    expect(withPrevious.change).toMatchObject({since: '2026-11-30T01:00:00Z'})
    // Asked again (the sheet, then the history): the change belongs to the call that passed the previous analysis.
    expect(JSON.stringify(summarize(areas))).toBe(fresh)
    expect(summarize(areas, previous)).toEqual(withPrevious)
  })
})
