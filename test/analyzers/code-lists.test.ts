import {describe, expect, it} from 'vitest'

import {checkCompatibility, codeFinding, compareCodeLists} from '../../src/analyzers/compatibility.js'
import {parseCodeValues} from '../../src/current/records.js'
import type {CodeList, DataItem} from '../../src/model/catalog.js'
import type {CurrentField} from '../../src/model/current.js'

const FLAG: DataItem = {id: '03100025', group: '宛名', name: '代表宛名フラグ', type: 'number', length: 1, required: true, codeList: '002'}
const LISTS: CodeList[] = [
  {id: '002', name: '代表宛名フラグ', values: [{code: '0', label: '代表宛名'}, {code: '1', label: '非代表宛名'}]},
  {id: '999', name: '自治体固有コード', values: [{code: '任意', label: '任意'}]},
]
const field = (codes?: {code: string; label: string}[]): CurrentField => ({table: 'ATENA', column: 'DAIHYO_FLG', label: '代表フラグ', type: 'number', length: 1, ...(codes ? {codes} : {})})

describe('code lists in map check / analyze', () => {
  it('compares code values: codes only one side has, and changed meanings', () => {
    expect(compareCodeLists(LISTS[0]!.values, [{code: '0', label: '代表'}, {code: '1', label: '非代表宛名'}, {code: '9', label: '不明'}])).toEqual({
      onlyCurrent: [{code: '9', label: '不明'}],
      onlyStandard: [],
      relabelled: [{code: '0', label: '代表'}],
    })
  })

  it('reports a different code set as a conversion finding showing both lists', () => {
    const finding = codeFinding(FLAG, field([{code: '0', label: '代表宛名'}, {code: '1', label: '非代表宛名'}, {code: '9', label: '不明'}]), LISTS)
    expect(finding?.severity).toBe('warning')
    expect(finding?.message).toContain('コード一覧 002 代表宛名フラグ (0=代表宛名, 1=非代表宛名)')
    expect(finding?.message).toContain('現行 ATENA.DAIHYO_FLG のコード (0=代表宛名, 1=非代表宛名, 9=不明)')
    expect(finding?.message).toContain('標準にないコード: 9=不明')
    expect(checkCompatibility(FLAG, field([{code: '0', label: '代表宛名'}, {code: '1', label: '非代表宛名'}]), LISTS)).toEqual([])
  })

  it('without current codes, falls back to the list name; 999 asks the city to decide', () => {
    expect(codeFinding(FLAG, field(), LISTS)?.message).toContain('コード表「代表宛名フラグ」を使います')
    const local = codeFinding({...FLAG, codeList: '999'}, field([{code: 'A', label: 'x'}]), LISTS)
    expect(local).toMatchObject({severity: 'info'})
    expect(local?.message).toContain('自治体固有コード')
  })

  it('reads a current export コード値 cell', () => {
    expect(parseCodeValues('0:代表, 1：非代表')).toEqual([{code: '0', label: '代表'}, {code: '1', label: '非代表'}])
    expect(parseCodeValues('男\n女')).toBeUndefined()
  })
})
