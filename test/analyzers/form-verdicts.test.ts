/**
 * The inferred verdict of each standard form, the printed-item diff of a confirmed pair and the findings, with
 * the exact reasons and messages a person reads.
 */
import {describe, expect, it} from 'vitest'

import {analyzeForms, formFingerprint} from '../../src/analyzers/forms.js'
import type {AreaInput} from '../../src/analyzers/inputs.js'
import type {PairItem} from '../../src/mapping/model.js'
import type {FormSpec} from '../../src/model/catalog.js'
import type {CurrentForm, CurrentSystem} from '../../src/model/current.js'
import {sampleInput} from '../helpers/sample-input.js'

const spec = (id: string, name: string, kind: FormSpec['kind'], fields: string[] = ['氏名']): FormSpec => ({id, name, category: '証明書', kind, fields: fields.map((name) => ({name}))})
const currentForm = (id: string, name: string, fields: string[] = ['氏名'], standardIds?: string[]): CurrentForm => ({id, name, fields: fields.map((name) => ({name})), ...(standardIds ? {standardIds} : {})})
const confirmed = (id: string, ref: string): PairItem => ({id, entries: [{refs: [ref], status: 'confirmed'}]}) as PairItem
const none = (id: string): PairItem => ({id, entries: [{refs: [], status: 'no-counterpart'}]}) as PairItem
const source = (kind: 'fields' | 'forms') => ({file: `${kind}.csv`, sha256: 'a'.repeat(64), format: 'csv' as const, kind, records: 1})

function input(forms: FormSpec[], current: Partial<CurrentSystem>, formPairs: PairItem[] = []): AreaInput {
  const base = sampleInput()
  return {
    ...base,
    catalog: {...base.catalog, edition: 'rep-2', forms},
    current: {area: 'jumin', sources: [], fields: [], functions: [], forms: [], ...current},
    formPairs,
    fieldLinks: [],
  }
}

describe('analyzeForms: verdicts', () => {
  it('gives no verdict before anything is imported', () => {
    const {rows, findings} = analyzeForms(input([spec('0000001', '住民票', 'mandatory')], {}))
    expect(rows.map((r) => [r.autoVerdict, r.reason])).toEqual([['undecided', '未着手: 現行システムの定義を取り込んでいない']])
    expect(findings).toEqual([])
  })

  it('judges forms without a current counterpart by 実装区分 and by what a person confirmed', () => {
    const forms = [
      spec('0000001', '住民票', 'mandatory'),
      spec('0000002', '転出証明書', 'mandatory'),
      spec('0000003', '独自証明', 'prohibited'),
      spec('0000004', '広域交付通知', 'optional'),
    ]
    const {rows, findings} = analyzeForms(input(forms, {sources: [source('forms')], forms: [currentForm('C9', '全く関係ない名前の帳票')]}, [none('0000002')]))
    expect(rows.map((r) => [r.pairing, r.autoVerdict, r.reason])).toEqual([
      ['none', 'undecided', '現行の帳票一覧に対応する帳票が見つからない。標準帳票の様式で運用できるか確認'],
      ['no-counterpart', 'gap', '現行に相当する帳票がないことを確認済み。標準帳票の様式で運用を準備する'],
      ['none', 'na', '実装不可の帳票。現行にもない'],
      ['none', 'undecided', '標準オプションの帳票。現行に対応する帳票がない。採用するかを決める'],
    ])
    expect(findings.map((f) => [f.key, f.kind, f.severity, f.message])).toEqual([
      ['jumin:form:0000001', 'form-missing', 'info', '0000001 住民票: 現行の帳票一覧に対応する帳票が見つからない。標準帳票の様式で運用できるか確認'],
      ['jumin:form:0000002', 'form-missing', 'warning', '0000002 転出証明書: 現行に相当する帳票がないことを確認済み。標準帳票の様式で運用を準備する'],
      ['jumin:form:0000004', 'form-missing', 'info', '0000004 広域交付通知: 標準オプションの帳票。現行に対応する帳票がない。採用するかを決める'],
    ])
  })

  it('cannot say a 実装不可 form is unused without the form list, unless a person said so', () => {
    const fieldsOnly = {sources: [source('fields')], fields: [{table: 'T', column: 'C', label: 'L', type: 'text' as const}]}
    expect(analyzeForms(input([spec('0000003', '独自証明', 'prohibited')], fieldsOnly)).rows[0]).toMatchObject({
      autoVerdict: 'undecided',
      reason: '実装不可の帳票。現行の帳票一覧を取り込んでいないため確認できない',
    })
    const said = analyzeForms(input([spec('0000003', '独自証明', 'prohibited')], fieldsOnly, [none('0000003')]))
    expect(said.rows[0]).toMatchObject({autoVerdict: 'na', reason: '実装不可の帳票。現行にもない'})
    // Without the form list, a missing form is not a finding about the current system.
    expect(analyzeForms(input([spec('0000001', '住民票', 'mandatory')], fieldsOnly)).findings).toEqual([])
  })

  it('calls a 実装不可 form still printed an error, and a confirmed pair ○ when every printed item matches', () => {
    const {rows, findings} = analyzeForms(
      input([spec('0000003', '独自証明', 'prohibited'), spec('0000001', '住民票', 'mandatory', ['氏名', '住所'])], {
        forms: [currentForm('C3', '独自証明書'), currentForm('C1', '住民票の写し', ['氏名', '住所'])],
      }, [confirmed('0000003', 'C3'), confirmed('0000001', 'C1')]),
    )
    expect(rows.map((r) => [r.autoVerdict, r.reason, r.current?.form.id])).toEqual([
      ['gap', '実装不可の帳票を現行で出力している。廃止が必要', 'C3'],
      ['fit', '印字項目が一致', 'C1'],
    ])
    expect(findings).toEqual([
      {key: 'jumin:form:0000003', area: 'jumin', kind: 'prohibited-in-use', severity: 'error', standardRef: '0000003', currentRef: 'C3', message: '0000003 独自証明: 実装不可の帳票を現行で出力している。廃止が必要'},
    ])
  })

  it('shows a name-based candidate as a question, comparing no printed items', () => {
    const {rows, fieldRows, findings} = analyzeForms(input([spec('0000001', '住民票の写し', 'mandatory', ['氏名', '本籍'])], {forms: [currentForm('C1', '住民票の写し', ['カナ'])]}))
    expect(rows[0]).toMatchObject({pairing: 'candidate', autoVerdict: 'undecided', reason: '候補「住民票の写し」(一致度 1.00、要確認)。対応付けを map review で確認する'})
    expect(fieldRows).toEqual([])
    expect(findings).toEqual([
      {key: 'jumin:form:0000001', area: 'jumin', kind: 'pair-candidate', severity: 'info', standardRef: '0000001', currentRef: 'C1', message: '0000001 住民票の写し: 候補「住民票の写し」(一致度 1.00、要確認)。対応付けを map review で確認する'},
    ])
  })
})

describe('analyzeForms: printed items', () => {
  // Standard 氏名 生年月日 住所 本籍, current 住所 氏名 生年月日 世帯主: 住所 moved, 本籍 missing, 世帯主 extra.
  const analyse = (kind: FormSpec['kind']) =>
    analyzeForms(
      input([spec('0000001', '住民票', kind, ['氏名', '生年月日', '住所', '本籍'])], {forms: [currentForm('C1', '住民票', ['住所', '氏名', '生年月日', '世帯主'])]}, [confirmed('0000001', 'C1')]),
    )

  it('counts and names every difference: moved, missing, only in the current form; in standard order, extras last', () => {
    const {rows, fieldRows, findings} = analyse('mandatory')
    expect(fieldRows.map((r) => [r.key, r.change, r.standard?.position, r.current?.position])).toEqual([
      ['jumin:form-field:0000001:s1', 'same', 1, 2],
      ['jumin:form-field:0000001:s2', 'same', 2, 3],
      ['jumin:form-field:0000001:s3', 'reordered', 3, 1],
      ['jumin:form-field:0000001:s4', 'missing', 4, undefined],
      ['jumin:form-field:0000001:c4', 'extra', undefined, 4],
    ])
    expect(rows[0]).toMatchObject({autoVerdict: 'partial', reason: '印字項目の差異: 不足 1 / 現行のみ 1 / 名称差異 0 / 順序差異 1', counts: {same: 2, renamed: 0, reordered: 1, missing: 1, extra: 1}})
    expect(findings.map((f) => [f.key, f.kind, f.severity, f.currentRef, f.message])).toEqual([
      ['jumin:form-field:0000001:s3', 'form-field-reordered', 'info', 'C1', '0000001 住民票: 「住所」 (標準 3 番目) は現行では「住所」(1 番目)'],
      ['jumin:form-field:0000001:s4', 'form-field-missing', 'warning', 'C1', '0000001 住民票: 「本籍」 が現行帳票「住民票」にない'],
      ['jumin:form-field:0000001:c4', 'form-field-extra', 'info', 'C1', '0000001 住民票: 「世帯主」 は現行帳票「住民票」にだけある'],
    ])
  })

  it('names a printed item by its data item when the current form calls it that', () => {
    const base = sampleInput()
    const item = base.catalog.dataItems[0]!
    const result = analyzeForms({
      ...input([{...spec('0000001', '住民票', 'mandatory'), fields: [{name: '番号', dataItem: item.id}]}], {forms: [currentForm('C1', '住民票', [item.name])]}, [confirmed('0000001', 'C1')]),
      catalog: {...base.catalog, forms: [{...spec('0000001', '住民票', 'mandatory'), fields: [{name: '番号', dataItem: item.id}]}]},
    })
    expect(result.fieldRows.map((r) => r.change)).toEqual(['renamed'])
    expect(result.findings.map((f) => f.message)).toEqual([`0000001 住民票: 「番号」 (標準 1 番目) は現行では「${item.name}」(1 番目)`])
  })

  it('makes a missing item on an optional form information only', () => {
    expect(analyse('optional').findings.find((f) => f.kind === 'form-field-missing')?.severity).toBe('info')
  })

  it('warns about 対応表 form IDs the catalogue lacks', () => {
    const {findings} = analyzeForms(input([spec('0000001', '住民票', 'mandatory')], {forms: [currentForm('C1', '住民票', ['氏名'], ['0000001', '0009999'])]}))
    expect(findings.filter((f) => f.kind === 'unknown-standard-id')).toEqual([
      {key: 'jumin:cur-form:C1:unknown-standard-id:0009999', area: 'jumin', kind: 'unknown-standard-id', severity: 'warning', currentRef: 'C1', message: '現行帳票「住民票」(C1): 対応表の標準帳票ID「0009999」が標準仕様書 (rep-2) にない'},
    ])
  })

  it('fingerprints the name, the 実装区分 and the printed items with their data items', () => {
    const form = spec('0000001', '住民票', 'mandatory', ['氏名'])
    const fp = formFingerprint(form)
    expect(formFingerprint({...form, name: '住民票の写し'})).not.toBe(fp)
    expect(formFingerprint({...form, kind: 'optional'})).not.toBe(fp)
    expect(formFingerprint({...form, fields: [{name: '氏'}]})).not.toBe(fp)
    expect(formFingerprint({...form, fields: [{name: '氏名', dataItem: '001'}]})).not.toBe(fp)
    expect(formFingerprint({...form, id: '0000009', category: '通知'})).toBe(fp)
  })
})
