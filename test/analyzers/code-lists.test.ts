import {describe, expect, it} from 'vitest'

import {compareCodeLists, deriveConversions} from '../../src/analyzers/conversions.js'
import {parseCodeValues} from '../../src/current/records.js'
import type {CodeList, DataItem} from '../../src/model/catalog.js'
import type {CurrentField} from '../../src/model/current.js'

const FLAG: DataItem = {id: '03100025', group: '宛名', name: '代表宛名フラグ', type: 'number', length: 1, required: true, codeList: '002'}
const LISTS: CodeList[] = [
  {id: '002', name: '代表宛名フラグ', values: [{code: '0', label: '代表宛名'}, {code: '1', label: '非代表宛名'}]},
  {id: '999', name: '自治体固有コード', values: [{code: '任意', label: '任意'}]},
]
const field = (codes?: {code: string; label: string}[]): CurrentField => ({table: 'ATENA', column: 'DAIHYO_FLG', label: '代表フラグ', type: 'number', length: 1, ...(codes ? {codes} : {})})
const code = (item: DataItem, f: CurrentField) => deriveConversions(item, [f], {codeLists: LISTS}).find((c) => c.kind === 'code')

describe('code lists in map check / analyze', () => {
  it('compares code values: codes only one side has, and changed meanings', () => {
    expect(compareCodeLists(LISTS[0]!.values, [{code: '0', label: '代表'}, {code: '1', label: '非代表宛名'}, {code: '9', label: '不明'}])).toEqual({
      onlyCurrent: [{code: '9', label: '不明'}],
      onlyStandard: [],
      relabelled: [{code: '0', label: '代表'}],
    })
  })

  it('reports a different code set as a code conversion showing both lists', () => {
    const conversion = code(FLAG, field([{code: '0', label: '代表宛名'}, {code: '1', label: '非代表宛名'}, {code: '9', label: '不明'}]))
    expect(conversion).toMatchObject({severity: 'convertible', findingSeverity: 'warning'})
    expect(conversion?.basis).toContain('コード一覧 002 (0=代表宛名, 1=非代表宛名)')
    expect(conversion?.basis).toContain('コード値 (0=代表宛名, 1=非代表宛名, 9=不明)')
    expect(conversion?.rule).toContain('標準にないコード: 9=不明')
    expect(deriveConversions(FLAG, [field([{code: '0', label: '代表宛名'}, {code: '1', label: '非代表宛名'}])], {codeLists: LISTS}).map((c) => c.kind)).toEqual(['none'])
  })

  it('without current codes, a code table is needed; 999 asks the city to decide', () => {
    expect(code(FLAG, field())?.rule).toContain('標準「代表宛名フラグ」への対応表を作る (コード対応表が必要)')
    const local = code({...FLAG, codeList: '999'}, field([{code: 'A', label: 'x'}]))
    expect(local).toMatchObject({findingSeverity: 'info'})
    expect(local?.rule).toContain('自治体固有コード')
  })

  it('reads a current export コード値 cell', () => {
    expect(parseCodeValues('0:代表, 1：非代表')).toEqual([{code: '0', label: '代表'}, {code: '1', label: '非代表'}])
    expect(parseCodeValues('男\n女')).toBeUndefined()
  })
})
