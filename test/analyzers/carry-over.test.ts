import {describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {carryDecisions} from '../../src/analyzers/carry-over.js'
import type {SpecCatalog} from '../../src/model/catalog.js'
import type {Decision} from '../../src/model/decision.js'
import {diffCatalogs} from '../../src/specs/diff.js'
import {sampleCatalog, sampleInput} from '../helpers/sample-input.js'

const OLD: SpecCatalog = {...sampleCatalog(), edition: 'v1'}

/** The next edition: one change of each sort, each on its own entry. */
function nextEdition(): SpecCatalog {
  const old = sampleCatalog()
  return {
    ...old,
    edition: 'v2',
    functions: old.functions
      .filter((f) => f.id !== '0010006')
      .map((f) => {
        if (f.id === '0010002') return {...f, kind: 'prohibited' as const} // 実装区分 only: mandatory → 実装不可
        if (f.id === '0010003') return {...f, id: '0010099'} // renumbered, nothing else
        return f
      }),
    dataItems: old.dataItems.map((item) => (item.id === '001001002' ? {...item, length: 120} : item)), // attribute only
    forms: old.forms.map((form) => (form.id === '0010002' ? {...form, kind: 'optional' as const} : form)),
  }
}

const decided = (key: string, extra: Partial<Decision> = {}): Decision => ({key, verdict: 'fit', note: `${key} の判定`, by: '山田', at: '2026-10-01', edition: 'v1', ...extra})

describe('carryDecisions', () => {
  const diff = diffCatalogs(OLD, nextEdition())
  const diffs = new Map([['v1', diff]])

  it('holds for review a decision whose requirement changed only its 実装区分 or one attribute', () => {
    const {effective, rows} = carryDecisions(
      'jumin',
      [decided('jumin:fn:0010002'), decided('jumin:item:001001002'), decided('jumin:form:0010002')],
      'v2',
      diffs,
    )
    expect(rows.map((r) => [r.key, r.type, r.outcome, r.changes.map((c) => c.attribute)])).toEqual([
      ['jumin:fn:0010002', 'function', 'review', ['kind']],
      ['jumin:form:0010002', 'form', 'review', ['kind']],
      ['jumin:item:001001002', 'dataItem', 'review', ['length']],
    ])
    expect(effective.size).toBe(0)
  })

  it('carries an unchanged requirement, and a renumbered one under its new key', () => {
    const {effective, rows} = carryDecisions('jumin', [decided('jumin:fn:0010001'), decided('jumin:fn:0010003', {verdict: 'gap'})], 'v2', diffs)
    expect(rows.map((r) => [r.key, r.newKey, r.fromId, r.toId, r.outcome, r.fromEdition, r.toEdition])).toEqual([
      ['jumin:fn:0010001', 'jumin:fn:0010001', '0010001', '0010001', 'carried', 'v1', 'v2'],
      ['jumin:fn:0010003', 'jumin:fn:0010099', '0010003', '0010099', 'renumbered', 'v1', 'v2'],
    ])
    expect(effective.get('jumin:fn:0010001')).toEqual(decided('jumin:fn:0010001'))
    expect(effective.get('jumin:fn:0010099')).toEqual({...decided('jumin:fn:0010003', {verdict: 'gap'}), key: 'jumin:fn:0010099'})
    expect(effective.has('jumin:fn:0010003')).toBe(false)
  })

  it('a decision made on the new edition wins over a carried one, in whatever order they are recorded', () => {
    const fresh = decided('jumin:fn:0010099', {verdict: 'partial', edition: 'v2'})
    for (const decisions of [[decided('jumin:fn:0010003'), fresh], [fresh, decided('jumin:fn:0010003')]])
      expect(carryDecisions('jumin', decisions, 'v2', diffs).effective.get('jumin:fn:0010099')).toEqual(fresh)
  })

  it('archives the decision of a removed requirement and never applies it', () => {
    const {effective, rows} = carryDecisions('jumin', [decided('jumin:fn:0010006')], 'v2', diffs)
    expect(rows).toMatchObject([{key: 'jumin:fn:0010006', newKey: undefined, outcome: 'archived', name: '人口統計の作成'}])
    expect(effective.size).toBe(0)
  })

  it('holds for review what cannot be checked: an edition without a diff, an ID the diff does not know', () => {
    const {effective, rows} = carryDecisions('jumin', [decided('jumin:fn:0010001', {edition: 'v0'}), decided('jumin:fn:0019999')], 'v2', diffs)
    expect(rows.map((r) => [r.key, r.outcome, r.name, r.changes])).toEqual([
      ['jumin:fn:0010001', 'review', '', []],
      ['jumin:fn:0019999', 'review', '', []],
    ])
    expect(effective.size).toBe(0)
  })

  it('passes through decisions on this edition, without an edition, and on current-only records', () => {
    const same = decided('jumin:fn:0010004', {edition: 'v2'})
    const none: Decision = {key: 'jumin:fn:0010005', verdict: 'na'}
    const currentOnly = decided('jumin:cur-fn:K09', {policy: 'loose-coupling'})
    const {effective, rows} = carryDecisions('jumin', [same, none, currentOnly], 'v2', diffs)
    expect(rows).toEqual([])
    expect(effective).toEqual(
      new Map([
        [same.key, same],
        [none.key, none],
        [currentOnly.key, currentOnly],
      ]),
    )
  })

  it('lists rows sorted by key and keeps the requirement text diff', () => {
    const changedText = {...nextEdition(), functions: nextEdition().functions.map((f) => (f.id === '0010001' ? {...f, text: '住民データを一元管理できること。'} : f))}
    const {rows} = carryDecisions('jumin', [decided('jumin:fn:0010006'), decided('jumin:fn:0010001')], 'v2', new Map([['v1', diffCatalogs(OLD, changedText)]]))
    expect(rows.map((r) => r.key)).toEqual(['jumin:fn:0010001', 'jumin:fn:0010006'])
    expect(rows[0]!.outcome).toBe('review')
    expect(rows[0]!.textDiff?.some((p) => p.op === 'added' && p.text.includes('一元'))).toBe(true)
  })
})

describe('carry-over findings in the analysis', () => {
  it('a changed requirement is a warning naming what changed; a removed one is kept on record as information', () => {
    const {rows} = carryDecisions('jumin', [decided('jumin:fn:0010002'), decided('jumin:fn:0010006'), decided('jumin:fn:0010001', {edition: 'v0'})], 'v2', new Map([['v1', diffCatalogs(OLD, nextEdition())]]))
    const analysis = analyzeArea({...sampleInput(), carryOver: rows})
    const review = analysis.findings.filter((f) => f.kind === 'needs-review')
    expect(review.map((f) => [f.key, f.severity, f.standardRef])).toEqual([
      ['jumin:fn:0010001', 'warning', '0010001'],
      ['jumin:fn:0010002', 'warning', '0010002'],
    ])
    expect(review[1]!.message).toContain('v1 で判定済みだが v2 で要件が変わった (実装区分)')
    expect(review[0]!.message).toContain('(旧版と照合できない)')
    expect(review[1]!.message).toMatch(/^0010002 住民の検索: /)
    expect(review[0]!.message).toMatch(/^0010001: /)
    expect(analysis.findings.filter((f) => f.kind === 'archived-decision')).toMatchObject([{key: 'jumin:fn:0010006', severity: 'info', standardRef: '0010006'}])
    expect(analysis.findings.find((f) => f.kind === 'archived-decision')!.message).toBe('0010006 人口統計の作成: 保管 (要件が削除された) (v1 → v2)')
    expect(analysis.carryOver).toBe(rows)
  })
})
