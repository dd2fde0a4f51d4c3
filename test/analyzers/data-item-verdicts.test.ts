/**
 * The inferred verdict of each standard data item from its links, with the reason a person reads, and which
 * findings a link raises: 未対応, 対応なし, 候補, confirmed with the worst conversion deciding ○ / △ / ×.
 */
import {beforeEach, describe, expect, it} from 'vitest'

import {analyzeDataItems, dataItemFingerprint} from '../../src/analyzers/data-items.js'
import type {AreaInput, FieldLink} from '../../src/analyzers/inputs.js'
import type {DataItem} from '../../src/model/catalog.js'
import type {CurrentField} from '../../src/model/current.js'
import {sampleInput} from '../helpers/sample-input.js'

const item = (id: string, name: string, over: Partial<DataItem> = {}): DataItem => ({id, group: 'g', name, type: 'text', length: 20, required: false, ...over})
const field = (column: string, label: string, over: Partial<CurrentField> = {}): CurrentField => ({table: 'T', column, label, type: 'text', length: 20, ...over})

function input(items: DataItem[], fields: CurrentField[], links: FieldLink[], noCounterpart: string[] = []): AreaInput {
  const base = sampleInput()
  return {
    ...base,
    catalog: {...base.catalog, dataItems: items, codeLists: undefined},
    current: {area: 'jumin', sources: [], functions: [], forms: [], fields},
    fieldLinks: links,
    noCounterpart: new Set(noCounterpart),
  }
}

describe('analyzeDataItems: verdicts and reasons', () => {
  const items = [
    item('I1', '世帯番号', {required: true}),
    item('I2', '備考'),
    item('I3', '旧姓'),
    item('I4', '電話番号'),
    item('I5', '摘要'),
    item('I6', '職業', {required: true}),
    item('I7', 'コメント', {length: 10}),
  ]
  const fields = [
    field('DENWA', '電話'),
    field('TEKIYO', '摘要', {required: false}),
    field('SHOKUGYO', '職業', {required: false}),
    field('KATAGAKI', 'コメント欄', {length: 40, required: true, source: {file: 'fields.xlsx', sheet: '項目', row: 12}}),
  ]
  const links: FieldLink[] = [
    {itemId: 'I4', fieldRef: 'T.DENWA', status: 'suggested', score: 0.8},
    {itemId: 'I5', fieldRef: 'T.TEKIYO', status: 'confirmed'},
    {itemId: 'I6', fieldRef: 'T.SHOKUGYO', status: 'confirmed'},
    {itemId: 'I7', fieldRef: 'T.KATAGAKI', status: 'confirmed'},
  ]
  // Computed in beforeEach, not while collecting: Stryker activates a mutant only once the tests run.
  let rows: ReturnType<typeof analyzeDataItems>['rows']
  let findings: ReturnType<typeof analyzeDataItems>['findings']
  let linkedFields: Set<string>
  beforeEach(() => {
    ;({rows, findings, linkedFields} = analyzeDataItems(input(items, fields, links, ['I3'])))
  })
  const row = (id: string) => rows.find((r) => r.item.id === id)!

  it('infers each verdict from the link state and the worst conversion of confirmed fields', () => {
    expect(rows.map((r) => [r.item.id, r.state, r.worst, r.autoVerdict, r.reason])).toEqual([
      ['I1', 'unmapped', undefined, 'undecided', '必須項目だが現行の対応項目がない。対応付けを確認'],
      ['I2', 'unmapped', undefined, 'undecided', '現行の対応項目がない'],
      ['I3', 'no-counterpart', undefined, 'gap', '現行に相当する項目がないことを確認済み。移行時の初期値を決める'],
      ['I4', 'suggested', undefined, 'undecided', '対応候補のみ (未確認)。map review で確認する'],
      ['I5', 'confirmed', undefined, 'fit', '対応項目あり'],
      ['I6', 'confirmed', 'warning', 'partial', '対応項目はあるが変換が必要'],
      ['I7', 'confirmed', 'error', 'gap', '対応項目はあるが移行で値が失われるおそれ'],
    ])
    expect(row('I4').fields.map((f) => f.field.column)).toEqual(['DENWA'])
    expect([...linkedFields].sort()).toEqual(['T.DENWA', 'T.KATAGAKI', 'T.SHOKUGYO', 'T.TEKIYO'])
  })

  it('raises 未対応 as a warning only for a required item once fields are imported; each conversion names field and source', () => {
    const of = (id: string) => findings.filter((f) => f.standardRef === id).map((f) => [f.key, f.kind, f.severity])
    expect(of('I1')).toEqual([['jumin:item:I1', 'item-unmapped', 'warning']])
    expect(of('I2')).toEqual([['jumin:item:I2', 'item-unmapped', 'info']])
    expect(of('I3')).toEqual([['jumin:item:I3', 'item-unmapped', 'info']])
    expect(of('I5')).toEqual([])
    expect(of('I6')).toEqual([['jumin:item:I6:required:T.SHOKUGYO', 'required', 'warning']])
    expect(of('I7')).toEqual([
      ['jumin:item:I7:length:T.KATAGAKI', 'length', 'error'],
      ['jumin:item:I7:required:T.KATAGAKI', 'required', 'info'],
    ])
    expect(findings.find((f) => f.standardRef === 'I1')!.message).toBe('I1 世帯番号: 必須項目だが現行の対応項目がない。対応付けを確認')
    const length = findings.find((f) => f.key === 'jumin:item:I7:length:T.KATAGAKI')!
    expect(length.message).toMatch(/^I7 コメント ← T\.KATAGAKI \(コメント欄\): 切り捨てのおそれ/)
    expect(length.source).toEqual({current: 'fields.xlsx [項目] 12行'})
    expect(length.currentRef).toBe('T.KATAGAKI')
    expect(findings.find((f) => f.key === 'jumin:item:I6:required:T.SHOKUGYO')!.source).toBeUndefined()
  })

  it('without imported fields, a required item is no warning yet and a confirmed link is not called missing', () => {
    const none = analyzeDataItems(input([item('I1', '世帯番号', {required: true})], [], [{itemId: 'I1', fieldRef: 'T.GONE', status: 'confirmed'}]))
    expect(none.findings).toEqual([{key: 'jumin:item:I1', area: 'jumin', kind: 'item-unmapped', severity: 'info', standardRef: 'I1', message: 'I1 世帯番号: 必須項目だが現行の対応項目がない。対応付けを確認'}])
  })

  it('names a confirmed field missing from the imported definitions', () => {
    const gone = analyzeDataItems(input([item('I1', '世帯番号')], [field('A', 'a')], [{itemId: 'I1', fieldRef: 'T.GONE', status: 'confirmed'}, {itemId: 'I1', fieldRef: 'T.OLD', status: 'suggested', score: 0.9}]))
    expect(gone.findings[0]).toEqual({
      key: 'jumin:item:I1:missing-field:T.GONE',
      area: 'jumin',
      kind: 'item-unmapped',
      severity: 'warning',
      standardRef: 'I1',
      currentRef: 'T.GONE',
      message: 'I1: 確定した現行項目 T.GONE が取り込んだ現行定義にない。現行定義を取り込み直したか、対応付けを見直す',
    })
    expect(gone.findings.filter((f) => f.currentRef === 'T.OLD')).toEqual([])
  })
})

describe('analyzeDataItems: one column, one item', () => {
  it('gives a column suggested for two items at the same score to the lower item ID, and tells the other why', () => {
    const {rows} = analyzeDataItems(
      input([item('I2', '氏名'), item('I1', '名前')], [field('SHIMEI', '氏名')], [
        {itemId: 'I2', fieldRef: 'T.SHIMEI', status: 'suggested', score: 0.8},
        {itemId: 'I1', fieldRef: 'T.SHIMEI', status: 'suggested', score: 0.8},
      ]),
    )
    expect(rows.map((r) => [r.item.id, r.state])).toEqual([
      ['I2', 'unmapped'],
      ['I1', 'suggested'],
    ])
    expect(rows[0]!.reason).toBe('現行の対応項目がない。候補の列 T.SHIMEI は I1 名前 (より高い点) の候補 (1列は1項目に対応: 両方に使うなら人が確定する)')
  })

  it('keeps a column a person confirmed for one item from being suggested for another', () => {
    const {rows} = analyzeDataItems(
      input([item('I1', '氏名'), item('I2', '漢字氏名')], [field('SHIMEI', '氏名')], [
        {itemId: 'I1', fieldRef: 'T.SHIMEI', status: 'confirmed'},
        {itemId: 'I2', fieldRef: 'T.SHIMEI', status: 'suggested', score: 0.95},
      ]),
    )
    expect(rows.map((r) => r.state)).toEqual(['confirmed', 'unmapped'])
    expect(rows[1]!.reason).toBe('現行の対応項目がない。候補の列 T.SHIMEI は 確定済みの別の項目 の候補 (1列は1項目に対応: 両方に使うなら人が確定する)')
  })

  it('lets a person confirm one column for two items (split between them)', () => {
    const {rows} = analyzeDataItems(
      input([item('I1', '氏'), item('I2', '名')], [field('SHIMEI', '氏名')], [
        {itemId: 'I1', fieldRef: 'T.SHIMEI', status: 'confirmed'},
        {itemId: 'I2', fieldRef: 'T.SHIMEI', status: 'confirmed'},
      ]),
    )
    expect(rows.map((r) => r.state)).toEqual(['confirmed', 'confirmed'])
    expect(rows[0]!.conversions.some((c) => c.kind === 'combine' || c.rule.includes('名'))).toBe(true)
  })

  it('fingerprints name, type, length, required-ness and code table', () => {
    const base = item('I1', '氏名')
    const fp = dataItemFingerprint(base)
    for (const change of [{name: '氏'}, {type: 'code' as const}, {length: 21}, {required: true}, {codeTable: '続柄'}]) expect(dataItemFingerprint({...base, ...change}), JSON.stringify(change)).not.toBe(fp)
    expect(dataItemFingerprint({...base, id: 'I9', description: 'x'})).toBe(fp)
  })
})
