/**
 * Pairing rules beyond the basics: how a name proposal is scored and explained, evidence precedence (a person's
 * mapping over the 対応表, a rejection over both), broken references, one candidate per current record.
 */
import {describe, expect, it} from 'vitest'

import {pairRecords, scorePair} from '../../src/analyzers/pairing.js'
import {nameProfile, profileSimilarity} from '../../src/analyzers/name-similarity.js'
import type {PairItem} from '../../src/mapping/model.js'

const pair = (id: string, status: 'confirmed' | 'rejected' | 'no-counterpart', ...refs: string[]): PairItem => ({id, entries: [{refs, status}]}) as PairItem

describe('scorePair', () => {
  it('scores the same ID 1, and otherwise the name similarity with its reason', () => {
    expect(scorePair({id: 'A1', name: '転居'}, {id: 'A1', name: '全く別'})).toEqual({index: -1, score: 1, reason: 'ID が一致'})
    const name = profileSimilarity(nameProfile('住民票の写しの交付'), nameProfile('住民票写し交付'))
    expect(scorePair({id: '1', name: '住民票の写しの交付'}, {id: 'X', name: '住民票写し交付'})).toEqual({
      index: -1,
      score: Math.round(name * 1000) / 1000,
      reason: `名称の類似 ${name.toFixed(2)}`,
    })
  })

  it('adds the requirement text against the current 概要 and 分類 as a quarter of the score, never lowering it', () => {
    const standard = {id: '1', name: '転居', text: '市内で住所を変更する届出を受け付けること'}
    const current = {id: 'X', name: '住所変更', description: '市内で住所を変更する届出の受付', category: ['異動']}
    const name = profileSimilarity(nameProfile('転居'), nameProfile('住所変更'))
    const text = profileSimilarity(nameProfile(`${standard.name}${standard.text}`), nameProfile(`住所変更${current.description} ${current.category[0]}`))
    const scored = scorePair(standard, current)
    expect(scored.score).toBe(Math.round(Math.max(name, 0.75 * name + 0.25 * Math.min(1, text * 2)) * 1000) / 1000)
    expect(scored.score).toBeGreaterThan(Math.round(name * 1000) / 1000)
    expect(scored.reason).toBe(`名称の類似 ${name.toFixed(2)}・要件と概要の類似 ${text.toFixed(2)}`)
    expect(scored.index).toBe(-1)
    // Without requirement text, or without 概要 and 分類, only the name counts.
    expect(scorePair({id: '1', name: '転居'}, current).reason).toBe(`名称の類似 ${name.toFixed(2)}`)
    expect(scorePair(standard, {id: 'X', name: '住所変更'}).reason).toBe(`名称の類似 ${name.toFixed(2)}`)
  })
})

describe('pairRecords: evidence', () => {
  const standard = [
    {id: '0010001', name: '住民票の写しの交付'},
    {id: '0010002', name: '転居'},
  ]

  it('marks a pair from the mapping file as the person’s, even when the 対応表 has it too', () => {
    const result = pairRecords(standard, [{id: 'A', name: 'x', standardIds: ['0010001']}], [pair('0010001', 'confirmed', 'A')], 0.5)
    expect(result.standard[0]).toEqual({state: 'confirmed', currents: [{index: 0, via: 'mapping'}]})
  })

  it('drops a 対応表 pair a person rejected', () => {
    const result = pairRecords(standard, [{id: 'A', name: '住民票の写しの交付', standardIds: ['0010001']}], [pair('0010001', 'rejected', 'A')], 0.5)
    expect(result.standard[0]!.state).toBe('none')
    expect(result.current).toEqual(['unreviewed'])
  })

  it('lists 対応表 IDs the catalogue lacks (a short ID is padded once, a non-number or a full-width one is not) and confirmed refs to missing records', () => {
    const result = pairRecords(
      standard,
      [{id: 'A', name: 'x', standardIds: ['10001', 'X10001', '90010001', '0010001']}],
      [pair('0010002', 'confirmed', 'GONE'), pair('9999999', 'confirmed', 'A')],
      0.5,
    )
    expect(result.unknownVendorIds).toEqual([
      {currentIndex: 0, id: 'X10001'},
      {currentIndex: 0, id: '90010001'},
    ])
    expect(result.danglingRefs).toEqual([{standardId: '0010002', ref: 'GONE'}])
    expect(result.standard[0]).toEqual({state: 'confirmed', currents: [{index: 0, via: 'vendor-table'}]})
  })

  it('uses the first of two current records with the same ID', () => {
    const result = pairRecords(standard, [{id: 'A', name: 'x'}, {id: 'A', name: 'y'}], [pair('0010002', 'confirmed', 'A')], 0.5)
    expect(result.standard[1]!.currents).toEqual([{index: 0, via: 'mapping'}])
    expect(result.current).toEqual(['paired', 'unreviewed'])
  })
})

describe('pairRecords: candidates', () => {
  it('proposes each current record once, best score first, and only at or above the threshold', () => {
    const standard = [
      {id: '1', name: '住民票の写しの交付'},
      {id: '2', name: '住民票の写し'},
    ]
    const current = [{id: 'X', name: '住民票の写し'}]
    const result = pairRecords(standard, current, [], 0.5)
    expect(result.standard.map((s) => [s.state, s.candidate?.index])).toEqual([
      ['none', undefined],
      ['candidate', 0],
    ])
    expect(result.standard[1]!.candidate!.score).toBe(1)
    const exact = profileSimilarity(nameProfile('住民票の写しの交付'), nameProfile('住民票の写し'))
    const round = Math.round(exact * 1000) / 1000
    expect(pairRecords([standard[0]!], current, [], round).standard[0]!.state).toBe('candidate')
    expect(pairRecords([standard[0]!], current, [], round + 0.001).standard[0]!.state).toBe('none')
  })

  it('proposes nothing against records a 対応表 places, nor for a standard record marked 対応なし or paired', () => {
    const standard = [
      {id: '1', name: '住民票の写しの交付'},
      {id: '2', name: '転居'},
    ]
    const placed = pairRecords(standard, [{id: 'X', name: '住民票の写しの交付', standardIds: []}], [], 0.5)
    expect(placed.standard.map((s) => s.state)).toEqual(['none', 'none'])
    expect(placed.current).toEqual(['own'])
    const marked = pairRecords(standard, [{id: 'X', name: '住民票の写しの交付'}], [pair('1', 'no-counterpart')], 0.5)
    expect(marked.standard.map((s) => s.state)).toEqual(['no-counterpart', 'none'])
    const rejected = pairRecords(standard, [{id: 'X', name: '住民票の写しの交付'}], [pair('1', 'rejected', 'X')], 0.5)
    expect(rejected.standard.map((s) => s.state)).toEqual(['none', 'none'])
  })
})

describe('pairRecords: rules stated one by one', () => {
  it('takes a 対応表 ID as written first, and restores leading zeros only for a shorter all-digit ID', () => {
    const standard = [
      {id: '0001', name: 'a'},
      {id: '00A1', name: 'b'},
      {id: '001A', name: 'c'},
      {id: '1', name: 'd'},
    ]
    const result = pairRecords(standard, [{id: 'X', name: 'x', standardIds: ['1', 'A1', '1A']}], [], 0.5)
    expect(result.standard.map((s) => s.state)).toEqual(['none', 'none', 'none', 'confirmed'])
    expect(result.unknownVendorIds).toEqual([
      {currentIndex: 0, id: 'A1'},
      {currentIndex: 0, id: '1A'},
    ])
  })

  it('ignores mapping entries for standard IDs the catalogue lacks, and a 現行になし entry pairs nothing', () => {
    const standard = [{id: '1', name: '転居'}]
    const unknown = pairRecords(standard, [{id: 'B', name: 'zzz'}], [pair('9', 'confirmed', 'B', 'GONE'), pair('9', 'rejected', 'B')], 0.99)
    expect(unknown.danglingRefs).toEqual([])
    expect(unknown.current).toEqual(['unreviewed'])
    const none = pairRecords(standard, [{id: 'B', name: 'zzz'}], [pair('1', 'no-counterpart', 'B')], 0.99)
    expect(none.standard[0]).toEqual({state: 'no-counterpart', currents: []})
    expect(none.current).toEqual(['unreviewed'])
  })

  it('proposes no candidate for a paired or 現行になし standard record, so its look-alike stays free', () => {
    const standard = [{id: '1', name: '住民票の写しの交付'}]
    const current = [
      {id: 'X', name: 'x'},
      {id: 'Y', name: '住民票の写しの交付'},
    ]
    expect(pairRecords(standard, current, [pair('1', 'confirmed', 'X')], 0.5).current).toEqual(['paired', 'unreviewed'])
    expect(pairRecords(standard, current, [pair('1', 'no-counterpart')], 0.5).current).toEqual(['unreviewed', 'unreviewed'])
  })

  it('breaks equal scores by standard order, then by current order', () => {
    const twoStandard = pairRecords(
      [
        {id: '1', name: '転居'},
        {id: '2', name: '転居'},
      ],
      [{id: 'X', name: '転居'}],
      [],
      0.5,
    )
    expect(twoStandard.standard.map((s) => s.candidate?.index)).toEqual([0, undefined])
    const twoCurrent = pairRecords(
      [{id: '1', name: '転居'}],
      [
        {id: 'X', name: '転居'},
        {id: 'Y', name: '転居'},
      ],
      [],
      0.5,
    )
    expect(twoCurrent.standard[0]!.candidate!.index).toBe(0)
    expect(twoCurrent.current).toEqual(['candidate', 'unreviewed'])
  })

  it('lists confirmed counterparts in current-list order, whatever the evidence', () => {
    const result = pairRecords([{id: '1', name: 'a'}], [{id: 'X', name: 'x', standardIds: ['1']}, {id: 'Y', name: 'y'}, {id: 'Z', name: 'z', standardIds: ['1']}], [pair('1', 'confirmed', 'Y')], 0.5)
    expect(result.standard[0]!.currents).toEqual([
      {index: 0, via: 'vendor-table'},
      {index: 1, via: 'mapping'},
      {index: 2, via: 'vendor-table'},
    ])
  })
})
