/**
 * loadFieldLinks called directly: what the analysis takes from the mapping file (rejected pairs left out, no-counterpart
 * kept as a result), and the matcher's best candidate for the items the file does not list — above the accept
 * threshold only, and never a field a person tied to another item.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {beforeEach, describe, expect, it} from 'vitest'
import {stringify} from 'yaml'

import {createMatcher, loadMatchResources} from '../../src/matching/dictionary-loader.js'
import {DEFAULT_ACCEPT_THRESHOLD} from '../../src/matching/engine.js'
import type {DataItem} from '../../src/model/catalog.js'
import {syntheticData} from '../../bench/synthetic-data.js'
import {loadFieldLinks} from '../../src/workspace/field-links.js'
import {type Workspace, workspaceAt} from '../../src/workspace/workspace.js'
import {tempDir} from '../helpers/cli.js'
import {sampleCatalog, sampleCurrent} from '../helpers/sample-input.js'

const mapping = {
  version: 1,
  area: 'jumin',
  edition: 'test-1',
  items: [
    {
      item: '001001001',
      name: '宛名番号',
      entries: [
        {refs: ['JUMIN.ATENA_NO'], status: 'confirmed', score: 0.94, by: '市民課 山田', at: '2026-10-15'},
        {refs: ['JUMIN.SEX'], status: 'suggested', score: 0.41},
      ],
    },
    {item: '001001002', name: '氏名', entries: [{refs: ['JUMIN.SHIMEI'], status: 'rejected', by: '市民課 山田', at: '2026-10-15'}]},
    {item: '001001005', name: '本籍', entries: [{refs: ['JUMIN.JUSHO'], status: 'confirmed', by: '市民課 山田', at: '2026-10-15'}]},
    {item: '001001006', name: '性別', entries: [{refs: [], status: 'no-counterpart', by: '市民課 山田', at: '2026-10-15'}]},
  ],
}

describe('loadFieldLinks', () => {
  let workspace: Workspace

  beforeEach(() => {
    workspace = workspaceAt(path.join(tempDir('fitgap-links-unit-'), 'ws'), {version: 1, name: 'テスト市', areas: ['jumin'], editions: {}})
  })

  const writeMapping = () => {
    mkdirSync(workspace.mappingsDir, {recursive: true})
    writeFileSync(path.join(workspace.mappingsDir, 'jumin.yaml'), stringify(mapping))
  }

  it('takes the mapping file as it is when no suggestions are asked for: rejected pairs out, no-counterpart kept', () => {
    writeMapping()
    const result = loadFieldLinks(workspace, 'jumin', sampleCatalog(), sampleCurrent(), {suggest: false})
    expect(result.links).toEqual([
      {itemId: '001001001', fieldRef: 'JUMIN.ATENA_NO', status: 'confirmed', score: 0.94},
      {itemId: '001001001', fieldRef: 'JUMIN.SEX', status: 'suggested', score: 0.41},
      {itemId: '001001005', fieldRef: 'JUMIN.JUSHO', status: 'confirmed', score: undefined},
    ])
    expect([...result.noCounterpart]).toEqual(['001001006'])
    expect(result.mappingFile).toBe(path.join(workspace.mappingsDir, 'jumin.yaml'))
    expect(result.functionPairs).toEqual([])
    expect(result.formPairs).toEqual([])
  })

  it('suggests only for items the file does not list, above the threshold, never a field confirmed for another item', () => {
    writeMapping()
    const result = loadFieldLinks(workspace, 'jumin', sampleCatalog(), sampleCurrent(), {suggest: true})
    const suggested = result.links.slice(3)
    // 生年月日 gets its column; 住所's best column is confirmed for 本籍, so it gets none; 氏名 (rejected) and the
    // other listed items are not offered anything.
    expect(suggested.map((l) => [l.itemId, l.fieldRef, l.status])).toEqual([['001001003', 'JUMIN.SEINENGAPPI', 'suggested']])
    expect(suggested[0]!.score).toBeGreaterThanOrEqual(DEFAULT_ACCEPT_THRESHOLD)
    expect(result.links.slice(0, 3)).toEqual(loadFieldLinks(workspace, 'jumin', sampleCatalog(), sampleCurrent(), {suggest: false}).links)
  })

  it('without a mapping file, suggests each item its best column at or above the threshold', () => {
    const current = sampleCurrent()
    // 本籍's only candidate is weak (about 0.43): a 候補 below the threshold is not a link.
    const weak = {table: 'RIREKI', column: 'C1', label: '前本籍の筆頭者', type: 'text' as const, length: 50, source: {file: 'fields.csv', row: 9}}
    const result = loadFieldLinks(workspace, 'jumin', sampleCatalog(), {...current, fields: [...current.fields, weak]}, {suggest: true})
    expect(result.links.find((l) => l.itemId === '001001005')).toBeUndefined()
    expect(result.mappingFile).toBeUndefined()
    expect(result.noCounterpart.size).toBe(0)
    expect(result.links.length).toBeGreaterThanOrEqual(4)
    for (const link of result.links) {
      expect(link.status).toBe('suggested')
      expect(link.score).toBeGreaterThanOrEqual(DEFAULT_ACCEPT_THRESHOLD)
    }
    expect(result.links.map((l) => [l.itemId, l.fieldRef])).toEqual(
      expect.arrayContaining([
        ['001001001', 'JUMIN.ATENA_NO'],
        ['001001002', 'JUMIN.SHIMEI'],
        ['001001003', 'JUMIN.SEINENGAPPI'],
        ['001001004', 'JUMIN.JUSHO'],
      ]),
    )
    expect(loadFieldLinks(workspace, 'jumin', sampleCatalog(), sampleCurrent(), {suggest: false}).links).toEqual([])
    expect(loadFieldLinks(workspace, 'jumin', sampleCatalog(), {...sampleCurrent(), fields: []}, {suggest: true}).links).toEqual([])
  })

  it('suggests what the full candidate lists give, though pairs that cannot reach the threshold are not scored in full', () => {
    const data = syntheticData(200, 600, 11)
    const dataItems: DataItem[] = data.items.map((item) => ({...item, required: false}))
    const fields = data.fields.map((field, i) => ({...field, source: {file: 'fields.csv', row: i + 2}}))
    const catalog = {...sampleCatalog(), dataItems}
    const links = loadFieldLinks(workspace, 'jumin', catalog, {...sampleCurrent(), fields}, {suggest: true}).links
    // The rule of resolveFieldLinks, over lists that keep every pair from 0.3 up.
    const full = createMatcher(loadMatchResources()).match(dataItems, fields, {topK: 3})
    const expected = dataItems.flatMap((item) => {
      const best = (full.byItem.get(item.id) ?? []).find((c) => c.score >= DEFAULT_ACCEPT_THRESHOLD)
      return best ? [{itemId: item.id, fieldRef: best.ref, status: 'suggested', score: best.score}] : []
    })
    expect(links).toEqual(expected)
    // Some just above the threshold: a cut set any higher would lose them.
    expect(links.filter((l) => l.score! < DEFAULT_ACCEPT_THRESHOLD + 0.02).length).toBeGreaterThan(0)
  })
})
