import {describe, expect, it} from 'vitest'

import {requiredFinding} from '../../src/analyzers/compatibility.js'
import {checkMapping, type CheckKind} from '../../src/mapping/check.js'
import {emptyMappingFile, type MappingFile} from '../../src/mapping/model.js'
import type {DataItem} from '../../src/model/catalog.js'
import type {CurrentField} from '../../src/model/current.js'

const ITEMS: DataItem[] = [
  {id: '001001001', group: '個人基本', name: '宛名番号', type: 'text', length: 15, required: true},
  {id: '001001002', group: '個人基本', name: '氏名', type: 'text', length: 100, required: true},
  {id: '001001003', group: '個人基本', name: '生年月日', type: 'date', required: true},
  {id: '001001004', group: '個人基本', name: '性別', type: 'code', length: 1, required: false, codeTable: '性別コード'},
  {id: '001001005', group: '住所', name: '方書', type: 'text', length: 60, required: false},
]
const FIELDS: CurrentField[] = [
  {table: 'T', column: 'ATENA_NO', label: '', type: 'text', length: 20},
  {table: 'T', column: 'SHIMEI', label: '', type: 'text', length: 60, required: false},
  {table: 'T', column: 'SEINENGAPPI', label: '', type: 'flag'},
  {table: 'T', column: 'SEIBETSU', label: '', type: 'code', length: 1, codeTable: '男女区分'},
  {table: 'T', column: 'SEI', label: '', type: 'text', length: 40},
  {table: 'T', column: 'MEI', label: '', type: 'text', length: 40},
]

const mapping = (items: MappingFile['items']): MappingFile => ({...emptyMappingFile('jumin'), items})
const kinds = (m: MappingFile) =>
  checkMapping(m, ITEMS, FIELDS).map((f) => `${f.severity}:${f.kind}:${f.item ?? ''}:${f.ref ?? ''}`)

describe('checkMapping', () => {
  it('finds references that exist on neither side', () => {
    const result = kinds(
      mapping([
        {item: '009999999', name: '謎', entries: [{refs: ['T.SHIMEI'], status: 'confirmed'}]},
        {item: '001001002', entries: [{refs: ['T.NOPE'], status: 'confirmed'}, {refs: ['T.ALSO_NOPE'], status: 'suggested'}]},
      ]),
    )
    expect(result).toContain('error:unknown-item:009999999:')
    expect(result).toContain('error:unknown-field:001001002:T.NOPE')
    expect(result).toContain('warning:unknown-field:001001002:T.ALSO_NOPE')
  })

  it('finds duplicates and a field confirmed for several items', () => {
    const result = kinds(
      mapping([
        {item: '001001002', entries: [{refs: ['T.SHIMEI'], status: 'confirmed'}, {refs: ['T.SHIMEI'], status: 'suggested'}]},
        {item: '001001005', entries: [{refs: ['T.SHIMEI'], status: 'confirmed'}]},
        {item: '001001005', entries: []},
      ]),
    )
    expect(result).toContain('error:duplicate:001001002:T.SHIMEI')
    expect(result).toContain('error:duplicate:001001005:')
    expect(result).toContain('warning:shared-field::T.SHIMEI')
  })

  it('reports required items left unmapped (error) or decided as gaps (warning)', () => {
    const result = kinds(mapping([{item: '001001003', entries: [{refs: [], status: 'no-counterpart'}]}]))
    expect(result).toContain('error:required-unmapped:001001001:')
    expect(result).toContain('error:required-unmapped:001001002:')
    expect(result).toContain('warning:required-gap:001001003:')
    expect(result.some((r) => r.includes(':001001005:'))).toBe(false) // not required
  })

  it('derives the conversions of confirmed pairs and checks required-ness', () => {
    const result = kinds(
      mapping([
        {item: '001001001', entries: [{refs: ['T.ATENA_NO'], status: 'confirmed'}]},
        {item: '001001002', entries: [{refs: ['T.SHIMEI'], status: 'confirmed'}]},
        {item: '001001003', entries: [{refs: ['T.SEINENGAPPI'], status: 'confirmed'}]},
        {item: '001001004', entries: [{refs: ['T.SEIBETSU'], status: 'confirmed'}]},
      ]),
    )
    expect(result).toContain('error:length:001001001:T.ATENA_NO') // 20 > 15: truncation
    expect(result.some((r) => r.includes(':length:001001002:'))).toBe(false) // 60 < 100: nothing is lost
    expect(result).toContain('warning:required:001001002:T.SHIMEI')
    expect(result).toContain('error:type:001001003:T.SEINENGAPPI')
    expect(result).toContain('warning:code:001001004:T.SEIBETSU')
  })

  it('adds up lengths when several fields feed one item', () => {
    const result = kinds(mapping([{item: '001001002', entries: [{refs: ['T.SEI', 'T.MEI'], status: 'confirmed'}]}]))
    expect(result).toContain('warning:combine:001001002:T.SEI+T.MEI')
    expect(result.some((r) => r.includes(':length:'))).toBe(false) // 80 < 100
    const findings = checkMapping(mapping([{item: '001001002', entries: [{refs: ['T.SEI', 'T.MEI'], status: 'confirmed'}]}]), ITEMS, FIELDS)
    expect(findings.find((f) => f.kind === 'combine')?.conversion).toMatchObject({kind: 'combine', severity: 'convertible'})
  })

  it('checks suggestions only on request, never as errors', () => {
    const m = mapping([{item: '001001003', entries: [{refs: ['T.SEINENGAPPI'], status: 'suggested'}]}])
    expect(kinds(m).some((r) => r.includes(':type:'))).toBe(false)
    const withSuggested = checkMapping(m, ITEMS, FIELDS, {includeSuggested: true}).filter((f) => f.kind === 'type')
    expect(withSuggested.map((f) => f.severity)).toEqual(['warning'])
  })

  it('skips the existence check of current fields when nothing was imported', () => {
    const findings = checkMapping(mapping([{item: '001001002', entries: [{refs: ['T.WHATEVER'], status: 'confirmed'}]}]), ITEMS, undefined)
    expect(findings.some((f) => f.kind === 'unknown-field')).toBe(false)
  })

  it('covers every finding kind', () => {
    const seen = new Set<CheckKind>()
    const all = checkMapping(
      mapping([
        {item: '009999999', entries: [{refs: ['T.SHIMEI'], status: 'confirmed'}]},
        {item: '001001001', entries: [{refs: ['T.ATENA_NO'], status: 'confirmed'}, {refs: ['T.ATENA_NO'], status: 'suggested'}]},
        {item: '001001002', entries: [{refs: ['T.SHIMEI'], status: 'confirmed'}, {refs: ['T.NOPE'], status: 'confirmed'}]},
        {item: '001001003', entries: [{refs: [], status: 'no-counterpart'}]},
        {item: '001001004', entries: [{refs: ['T.SEIBETSU'], status: 'confirmed'}]},
        {item: '001001005', entries: [{refs: ['T.SEINENGAPPI'], status: 'confirmed'}]},
        {item: '001001006', entries: [{refs: ['T.SEI', 'T.MEI'], status: 'confirmed'}]},
        {item: '001001007', entries: [{refs: ['T.SEINENGAPPI'], status: 'confirmed'}]},
      ]),
      [...ITEMS, {id: '001001006', group: 'x', name: '必須', type: 'text', required: true}, {id: '001001007', group: 'x', name: '登録日', type: 'date', required: false}, {id: '001001008', group: 'x', name: '未対応の必須', type: 'text', required: true}],
      FIELDS,
    )
    for (const f of all) seen.add(f.kind)
    expect([...seen].sort()).toEqual([
      'code',
      'combine',
      'duplicate',
      'format',
      'identity',
      'length',
      'required',
      'required-gap',
      'required-unmapped',
      'shared-field',
      'type',
      'unknown-field',
      'unknown-item',
    ])
  })
})

describe('single findings', () => {
  it('the required helper says nothing when they agree', () => {
    expect(requiredFinding(ITEMS[0]!, {table: 'T', column: 'X', label: ''})).toBeUndefined()
    expect(requiredFinding(ITEMS[0]!, {table: 'T', column: 'X', label: '', required: false})?.severity).toBe('warning')
  })
})
