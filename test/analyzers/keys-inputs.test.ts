/** Row keys and fingerprints never change for the same input; what counts as "something imported". */
import {createHash} from 'node:crypto'

import {describe, expect, it} from 'vitest'

import {emptyCurrentSystem, importedKinds} from '../../src/analyzers/inputs.js'
import {fingerprint, rowKey} from '../../src/analyzers/keys.js'
import type {CurrentSystem} from '../../src/model/current.js'

describe('rowKey / fingerprint', () => {
  it('builds every row key from the 業務 and the record', () => {
    expect([
      rowKey.function('jumin', '0010001'),
      rowKey.form('jumin', '0010002'),
      rowKey.formField('jumin', '0010002', 's3'),
      rowKey.dataItem('jumin', '001001002'),
      rowKey.currentFunction('jumin', 'K01'),
      rowKey.currentForm('jumin', 'C01'),
      rowKey.currentField('jumin', 'JUMIN.SHIMEI'),
      rowKey.issue('jumin:item:001001002:length:JUMIN.SHIMEI'),
    ]).toEqual([
      'jumin:fn:0010001',
      'jumin:form:0010002',
      'jumin:form-field:0010002:s3',
      'jumin:item:001001002',
      'jumin:cur-fn:K01',
      'jumin:cur-form:C01',
      'jumin:cur-field:JUMIN.SHIMEI',
      'jumin:issue:item:001001002:length:JUMIN.SHIMEI',
    ])
  })

  it('fingerprints the parts in order, 16 hex digits, an absent part as empty, parts kept apart', () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)
    expect(fingerprint(['氏名', 120, true])).toBe(sha('氏名\u0000120\u0000true'))
    expect(fingerprint(['a', undefined, 'b'])).toBe(sha('a\u0000\u0000b'))
    expect(fingerprint(['ab', 'c'])).not.toBe(fingerprint(['a', 'bc']))
    expect(fingerprint(['a'])).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('importedKinds', () => {
  const system = (extra: Partial<CurrentSystem>): CurrentSystem => ({...emptyCurrentSystem('jumin'), ...extra})
  const source = (kind: 'fields' | 'functions' | 'forms') => ({file: `${kind}.csv`, sha256: 'a'.repeat(64), format: 'csv' as const, kind, records: 0})

  it('tells nothing imported from any import, and functions or forms from their sources or records', () => {
    expect(emptyCurrentSystem('kokuho')).toEqual({area: 'kokuho', sources: [], fields: [], forms: [], functions: []})
    expect(importedKinds(system({}))).toEqual({any: false, functions: false, forms: false})
    expect(importedKinds(system({sources: [source('fields')]}))).toEqual({any: true, functions: false, forms: false})
    expect(importedKinds(system({sources: [source('functions')]}))).toEqual({any: true, functions: true, forms: false})
    expect(importedKinds(system({sources: [source('forms')]}))).toEqual({any: true, functions: false, forms: true})
    expect(importedKinds(system({fields: [{table: 'T', column: 'C', label: 'L', type: 'text'}]}))).toEqual({any: true, functions: false, forms: false})
    expect(importedKinds(system({functions: [{id: 'K1', name: 'x', inUse: true}]}))).toEqual({any: true, functions: true, forms: false})
    expect(importedKinds(system({forms: [{id: 'C1', name: 'x', fields: []}]}))).toEqual({any: true, functions: false, forms: true})
  })
})
