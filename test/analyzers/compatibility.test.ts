/** What feeding a standard data item from current fields needs: every conversion but `none`, and required-ness. */
import {describe, expect, it} from 'vitest'

import {checkCompatibility, requiredFinding} from '../../src/analyzers/compatibility.js'
import {conversionMessage} from '../../src/analyzers/conversions.js'
import type {DataItem} from '../../src/model/catalog.js'
import type {CurrentField} from '../../src/model/current.js'

const item = (over: Partial<DataItem> = {}): DataItem => ({id: '001001002', group: 'g', name: '備考', type: 'text', length: 100, required: true, ...over})
const field = (over: Partial<CurrentField> = {}): CurrentField => ({table: 'JUMIN', column: 'BIKO', label: '備考', type: 'text', length: 100, ...over})

describe('requiredFinding', () => {
  it('warns when the standard requires what the current field may leave empty, informs the other way, and is silent otherwise', () => {
    expect(requiredFinding(item({required: true}), field({required: false}))).toEqual({
      severity: 'warning',
      message: '標準「備考」は必須ですが、現行 JUMIN.BIKO は任意です。空の値が移行されるおそれがあります。',
    })
    expect(requiredFinding(item({required: false}), field({required: true}))).toEqual({severity: 'info', message: '現行 JUMIN.BIKO は必須ですが、標準「備考」は任意です。'})
    expect(requiredFinding(item({required: true}), field({required: true}))).toBeUndefined()
    expect(requiredFinding(item({required: false}), field({required: false}))).toBeUndefined()
    expect(requiredFinding(item({required: true}), field({required: undefined}))).toBeUndefined()
  })
})

describe('checkCompatibility', () => {
  it('gives nothing to do for a field that fits, but still returns its `none` conversion', () => {
    const {issues, conversions} = checkCompatibility(item(), [field({required: true})])
    expect(issues).toEqual([])
    expect(conversions.map((c) => c.kind)).toEqual(['none'])
  })

  it('lists each conversion with its finding severity and message, then the required-ness of every field', () => {
    const {issues, conversions} = checkCompatibility(item({length: 10}), [field({length: 20, required: false})])
    expect(conversions.map((c) => c.kind)).toEqual(['length'])
    expect(issues).toEqual([
      {kind: 'length', severity: conversions[0]!.findingSeverity, ref: 'JUMIN.BIKO', message: conversionMessage(conversions[0]!), conversion: conversions[0]},
      {kind: 'required', ref: 'JUMIN.BIKO', severity: 'warning', message: '標準「備考」は必須ですが、現行 JUMIN.BIKO は任意です。空の値が移行されるおそれがあります。'},
    ])
    expect(issues[0]!.severity).toBe('error')
    expect(issues[0]!.message).toMatch(/^切り捨てのおそれ \(情報欠落のおそれ\): 現行は最大 20 桁、標準は 10 /)
  })
})
