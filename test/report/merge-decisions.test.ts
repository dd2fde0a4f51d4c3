import {describe, expect, it} from 'vitest'

import type {Decision} from '../../src/model/decision.js'
import {type CurrentRow, planImport} from '../../src/report/merge-decisions.js'
import type {DecisionValues, EditedRow} from '../../src/report/read-decisions.js'
import type {RowMeta} from '../../src/report/sheets.js'

const KEY = 'jumin:fn:0010001'
const NOW: ReadonlyMap<string, CurrentRow> = new Map([
  [KEY, {fingerprint: 'fp1', edition: 'rep-2'}],
  ['jumin:fn:0010002', {fingerprint: 'fp2', edition: 'rep-2'}],
])

/** A row of the workbook: what the cells hold now, and (for a workbook fitgap wrote) what they showed then. */
function row(values: DecisionValues, base?: RowMeta['base'], options: {key?: string; row?: number; fp?: string} = {}): EditedRow {
  return {
    sheet: '機能',
    row: options.row ?? 2,
    key: options.key ?? KEY,
    values,
    ...(base ? {meta: {fp: options.fp ?? 'fp1', ed: 'rep-2', base}} : {}),
  }
}

const recorded = (...decisions: Decision[]) => new Map(decisions.map((d) => [d.key, d]))
const SATO = {by: '市民課 佐藤', at: '2026-11-02'}

describe('planImport: three-way merge of the team’s edits', () => {
  it('applies an edit when the workspace still holds what the workbook showed, stamping who and when', () => {
    const before: Decision = {key: KEY, verdict: 'partial', policy: 'parameter', note: '設定で対応', by: '山田', at: '2026-10-01', edition: 'rep-2', fingerprint: 'fp1'}
    const plan = planImport([row({verdict: 'fit', policy: 'parameter', note: '設定で対応'}, {verdict: 'partial', policy: 'parameter', note: '設定で対応'})], recorded(before), NOW, SATO)
    expect(plan.changed).toEqual([
      {key: KEY, sheet: '機能', row: 2, before, after: {key: KEY, verdict: 'fit', policy: 'parameter', note: '設定で対応', by: '市民課 佐藤', at: '2026-11-02', edition: 'rep-2', fingerprint: 'fp1'}},
    ])
    expect([plan.added, plan.conflicts, plan.keptTheirs, plan.unknown, plan.stale, plan.cleared, plan.duplicates]).toEqual([[], [], [], [], [], [], []])
    expect(plan.unchanged).toBe(0)
  })

  it('never treats an untouched cell as an edit: --prefer mine does not revert a colleague’s newer 判定', () => {
    // The workbook showed △; a colleague has since imported ×; this file still shows △ and only its note was typed.
    const theirs: Decision = {key: KEY, verdict: 'gap', note: '旧メモ', by: '鈴木', at: '2026-10-20', edition: 'rep-2', fingerprint: 'fp1'}
    const file = row({verdict: 'partial', note: '新メモ'}, {verdict: 'partial', note: '旧メモ'})
    const plan = planImport([file], recorded(theirs), NOW, {prefer: 'mine', ...SATO})
    expect(plan.changed[0]!.after).toMatchObject({verdict: 'gap', note: '新メモ', by: '市民課 佐藤'})
    expect(plan.conflicts).toEqual([])

    const untouched = planImport([row({verdict: 'partial'}, {verdict: 'partial'})], recorded(theirs), NOW, {prefer: 'mine', ...SATO})
    expect(untouched.changed).toEqual([])
    expect(untouched.unchanged).toBe(1)
  })

  it('keeps the previous by and at when the import names nobody', () => {
    const before: Decision = {key: KEY, verdict: 'partial', by: '山田', at: '2026-10-01', edition: 'rep-2', fingerprint: 'fp1'}
    const plan = planImport([row({verdict: 'fit'}, {verdict: 'partial'})], recorded(before), NOW, {})
    expect(plan.changed[0]!.after).toStrictEqual({key: KEY, verdict: 'fit', by: '山田', at: '2026-10-01', edition: 'rep-2', fingerprint: 'fp1'})
    const nobody = planImport([row({verdict: 'fit'}, {})], new Map(), NOW, {})
    expect(nobody.added[0]!.after).toStrictEqual({key: KEY, verdict: 'fit', edition: 'rep-2', fingerprint: 'fp1'})
  })

  it('a field both sides changed differently is a conflict, settled by --prefer mine or theirs', () => {
    const theirs: Decision = {key: KEY, verdict: 'gap', department: '市民課', by: '鈴木', edition: 'rep-2', fingerprint: 'fp1'}
    const file = [row({verdict: 'fit', department: '市民課'}, {verdict: 'partial', department: '市民課'})]

    const open = planImport(file, recorded(theirs), NOW, SATO)
    expect(open.conflicts).toEqual([{key: KEY, sheet: '機能', row: 2, fields: [{field: 'verdict', mine: 'fit', theirs: 'gap'}]}])
    expect([open.changed, open.added, open.keptTheirs]).toEqual([[], [], []])

    const mine = planImport(file, recorded(theirs), NOW, {prefer: 'mine', ...SATO})
    expect(mine.conflicts).toEqual([])
    expect(mine.changed[0]!.after).toMatchObject({verdict: 'fit', department: '市民課', by: '市民課 佐藤'})

    const kept = planImport(file, recorded(theirs), NOW, {prefer: 'theirs', ...SATO})
    expect(kept.conflicts).toEqual([])
    expect(kept.changed).toEqual([])
    expect(kept.unchanged).toBe(1)
    expect(kept.keptTheirs).toEqual([{key: KEY, sheet: '機能', row: 2, fields: [{field: 'verdict', mine: 'fit', theirs: 'gap'}]}])
  })

  it('--prefer theirs still applies the fields only this file changed', () => {
    const theirs: Decision = {key: KEY, verdict: 'gap', note: 'メモ', edition: 'rep-2', fingerprint: 'fp1'}
    const plan = planImport([row({verdict: 'fit', note: '追記したメモ'}, {verdict: 'partial', note: 'メモ'})], recorded(theirs), NOW, {prefer: 'theirs'})
    expect(plan.changed[0]!.after).toMatchObject({verdict: 'gap', note: '追記したメモ'})
    expect(plan.keptTheirs[0]!.fields).toEqual([{field: 'verdict', mine: 'fit', theirs: 'gap'}])
  })

  it('the same change made on both sides is no conflict and no change', () => {
    const theirs: Decision = {key: KEY, verdict: 'fit', edition: 'rep-2', fingerprint: 'fp1'}
    const plan = planImport([row({verdict: 'fit'}, {verdict: 'partial'})], recorded(theirs), NOW, {})
    expect([plan.conflicts, plan.changed]).toEqual([[], []])
    expect(plan.unchanged).toBe(1)
  })

  it('without the hidden base (a hand-made workbook) any disagreement is a conflict, and a new key is added', () => {
    const theirs: Decision = {key: KEY, verdict: 'gap', edition: 'rep-2', fingerprint: 'fp1'}
    const plan = planImport([row({verdict: 'fit'}), row({verdict: 'na'}, undefined, {key: 'jumin:fn:0010002', row: 3})], recorded(theirs), NOW, {})
    expect(plan.conflicts.map((c) => c.key)).toEqual([KEY])
    expect(plan.added.map((c) => [c.key, c.after.verdict, c.before])).toEqual([['jumin:fn:0010002', 'na', undefined]])
  })

  it('a blank cell never erases; a cleared cell is listed so nobody believes it is gone', () => {
    const before: Decision = {key: KEY, verdict: 'partial', note: '大事なメモ', edition: 'rep-2', fingerprint: 'fp1'}
    const plan = planImport([row({verdict: 'fit'}, {verdict: 'partial', note: '大事なメモ'})], recorded(before), NOW, {})
    expect(plan.cleared).toEqual([{key: KEY, sheet: '機能', row: 2, fields: ['note']}])
    expect(plan.changed[0]!.after).toMatchObject({verdict: 'fit', note: '大事なメモ'})

    const onlyCleared = planImport([row({}, {note: '大事なメモ'})], recorded(before), NOW, {})
    expect(onlyCleared.cleared.map((c) => c.fields)).toEqual([['note']])
    expect([onlyCleared.changed, onlyCleared.added]).toEqual([[], []])
    expect(onlyCleared.unchanged).toBe(0)
  })

  it('lists edited rows of unknown keys and of changed requirements without applying them; ignores unedited ones', () => {
    const rows = [
      row({verdict: 'fit'}, {}, {key: 'jumin:fn:9999999', row: 5}),
      row({verdict: 'fit'}, {verdict: 'fit'}, {key: 'jumin:fn:8888888', row: 6}),
      row({verdict: 'gap'}, {verdict: 'fit'}, {fp: 'old', row: 7}),
      row({verdict: 'fit'}, {verdict: 'fit'}, {fp: 'old', row: 8, key: 'jumin:fn:0010002'}),
    ]
    const plan = planImport(rows, new Map(), NOW, {})
    expect(plan.unknown).toEqual([{key: 'jumin:fn:9999999', sheet: '機能', row: 5}])
    expect(plan.stale).toEqual([{key: KEY, sheet: '機能', row: 7}])
    expect([plan.added, plan.changed]).toEqual([[], []])
    expect(plan.unchanged).toBe(0)
  })

  it('reads only the first of rows with the same key (a copied row) and names both', () => {
    const plan = planImport([row({verdict: 'fit'}, {}, {row: 4}), row({verdict: 'gap'}, {}, {row: 9})], new Map(), NOW, {})
    expect(plan.added.map((c) => [c.row, c.after.verdict])).toEqual([[4, 'fit']])
    expect(plan.duplicates).toEqual([{key: KEY, sheet: '機能', row: 9, firstRow: 4}])
  })

  it('counts rows that only show what the workspace already holds as unchanged; empty rows are not counted', () => {
    const before: Decision = {key: KEY, verdict: 'fit', edition: 'rep-2', fingerprint: 'fp1'}
    const rows = [row({verdict: 'fit'}, {verdict: 'fit'}), row({}, {}, {key: 'jumin:fn:0010002', row: 3})]
    const plan = planImport(rows, recorded(before), NOW, {})
    expect(plan.unchanged).toBe(1)
    expect(plan.cleared).toEqual([])
  })

  it('writes the edition and fingerprint of the current analysis and drops fields left empty', () => {
    const plan = planImport([row({policy: 'bpr', department: '市民課'}, {})], new Map(), new Map([[KEY, {fingerprint: 'new-fp', edition: 'rep-3'}]]), {at: '2026-12-01'})
    expect(plan.stale).toHaveLength(1)
    const fresh = planImport([row({policy: 'bpr', department: '市民課'})], new Map(), new Map([[KEY, {fingerprint: 'new-fp', edition: 'rep-3'}]]), {at: '2026-12-01'})
    expect(fresh.added[0]!.after).toStrictEqual({key: KEY, policy: 'bpr', department: '市民課', at: '2026-12-01', edition: 'rep-3', fingerprint: 'new-fp'})
  })
})
