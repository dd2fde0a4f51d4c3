/**
 * The inferred verdict of each standard function and its finding, with the exact reason a person reads: confirmed
 * pairs (対応表 or mapping file), 対応なし confirmed by a person, candidates, nothing imported, broken references.
 */
import {describe, expect, it} from 'vitest'

import {analyzeFunctions, functionFingerprint} from '../../src/analyzers/functions.js'
import type {AreaInput} from '../../src/analyzers/inputs.js'
import type {PairItem} from '../../src/mapping/model.js'
import type {FunctionReq} from '../../src/model/catalog.js'
import type {CurrentFunction, CurrentSystem} from '../../src/model/current.js'
import type {Decision} from '../../src/model/decision.js'
import {sampleInput} from '../helpers/sample-input.js'

type Kind = FunctionReq['kind']

function input(options: {
  standard: [id: string, name: string, kind: Kind][]
  current?: CurrentFunction[]
  pairs?: PairItem[]
  decisions?: Decision[]
  sources?: CurrentSystem['sources']
  fields?: CurrentSystem['fields']
}): AreaInput {
  const base = sampleInput(options.decisions ?? [])
  const template = base.catalog.functions[0]!
  return {
    ...base,
    catalog: {...base.catalog, edition: 'rep-2', functions: options.standard.map(([id, name, kind]) => ({...template, id, name, text: `${name}ができること。`, kind}))},
    current: {area: 'jumin', sources: options.sources ?? [], fields: options.fields ?? [], forms: [], functions: options.current ?? []},
    functionPairs: options.pairs ?? [],
  }
}

const confirmedPair = (id: string, ...refs: string[]): PairItem => ({id, entries: [{refs, status: 'confirmed'}]}) as PairItem
const noCounterpart = (id: string): PairItem => ({id, entries: [{refs: [], status: 'no-counterpart'}]}) as PairItem

describe('analyzeFunctions: verdicts and reasons', () => {
  it('gives no verdict at all before anything is imported, even with a function list in the catalogue', () => {
    const {rows} = analyzeFunctions(input({standard: [['0000001', '転入', 'mandatory'], ['0000002', '独自処理', 'prohibited']]}))
    expect(rows.map((r) => [r.autoVerdict, r.reason])).toEqual([
      ['undecided', '未着手: 現行システムの定義を取り込んでいない'],
      ['undecided', '未着手: 現行システムの定義を取り込んでいない'],
    ])
  })

  it('follows a person’s 対応なし: 実装不可 → 対象外, option → to decide, mandatory → ×', () => {
    const {rows, findings} = analyzeFunctions(
      input({
        standard: [['0000001', '転入', 'mandatory'], ['0000002', '独自処理', 'prohibited'], ['0000003', 'コンビニ交付', 'optional']],
        current: [{id: 'K1', name: '別の機能', inUse: true}],
        pairs: [noCounterpart('0000001'), noCounterpart('0000002'), noCounterpart('0000003')],
      }),
    )
    expect(rows.map((r) => [r.pairing, r.autoVerdict, r.reason])).toEqual([
      ['no-counterpart', 'gap', '現行に相当する機能がないことを確認済み。標準機能での運用を準備する'],
      ['no-counterpart', 'na', '実装不可機能。現行に相当する機能がないことを確認済み'],
      ['no-counterpart', 'undecided', '標準オプション機能。現行にないことを確認済み。採用するかを決める'],
    ])
    expect(findings.map((f) => [f.key, f.kind, f.severity, f.message])).toEqual([
      ['jumin:fn:0000001', 'gap', 'warning', '0000001 転入: 現行に相当する機能がないことを確認済み。標準機能での運用を準備する'],
      ['jumin:fn:0000002', 'na', 'info', '0000002 独自処理: 実装不可機能。現行に相当する機能がないことを確認済み'],
      ['jumin:fn:0000003', 'option-undecided', 'info', '0000003 コンビニ交付: 標準オプション機能。現行にないことを確認済み。採用するかを決める'],
    ])
  })

  it('judges confirmed pairs by use, naming every current function', () => {
    const {rows, findings} = analyzeFunctions(
      input({
        standard: [
          ['0000001', '転入', 'mandatory'],
          ['0000002', '転出', 'mandatory'],
          ['0000003', '独自処理', 'prohibited'],
          ['0000004', '広域交付', 'optional'],
          ['0000005', 'コンビニ交付', 'optional'],
        ],
        current: [
          {id: 'K1', name: '転入受付', inUse: false},
          {id: 'K2', name: '転入審査', inUse: true},
          {id: 'K3', name: '転出受付', inUse: false},
          {id: 'K4', name: '独自処理', inUse: false},
          {id: 'K5', name: '広域', inUse: true},
          {id: 'K6', name: 'コンビニ', inUse: false},
        ],
        pairs: [confirmedPair('0000001', 'K1', 'K2'), confirmedPair('0000002', 'K3'), confirmedPair('0000003', 'K4'), confirmedPair('0000004', 'K5'), confirmedPair('0000005', 'K6')],
      }),
    )
    expect(rows.map((r) => [r.autoVerdict, r.reason])).toEqual([
      ['fit', '現行機能「転入受付」「転入審査」で実施している (対応は確定済み)'],
      ['partial', '現行機能「転出受付」はあるが使っていない。運用開始の準備が必要'],
      ['na', '実装不可機能。現行機能「独自処理」は使っていない'],
      ['undecided', '標準オプション機能。現行機能「広域」で使用中のため採用を検討'],
      ['undecided', '標準オプション機能。採用するかを決める'],
    ])
    expect(findings.map((f) => [f.kind, f.severity, f.currentRef])).toEqual([
      ['fit', 'info', 'K1,K2'],
      ['partial', 'info', 'K3'],
      ['na', 'info', 'K4'],
      ['option-undecided', 'info', 'K5'],
      ['option-undecided', 'info', 'K6'],
    ])
  })

  it('calls a 実装不可 function in use an error to retire, and a mandatory one missing from the list a question', () => {
    const {rows, findings} = analyzeFunctions(
      input({
        standard: [['0000001', '独自処理', 'prohibited'], ['0000002', '転入', 'mandatory']],
        current: [{id: 'K1', name: '独自', inUse: true, standardIds: ['0000001']}],
      }),
    )
    expect(rows.map((r) => [r.autoVerdict, r.reason])).toEqual([
      ['gap', '実装不可機能を現行機能「独自」で使用中。業務の見直し (廃止) が必要'],
      ['undecided', '現行の機能一覧に対応する機能が見つからない。標準機能で業務ができるかを確認'],
    ])
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ['prohibited-in-use', 'error', '0000001 独自処理: 実装不可機能を現行機能「独自」で使用中。業務の見直し (廃止) が必要'],
      ['undecided', 'info', '0000002 転入: 現行の機能一覧に対応する機能が見つからない。標準機能で業務ができるかを確認'],
    ])
  })

  it('says 実装不可 is unused only when the vendor’s full function list was imported', () => {
    const standard: [string, string, Kind][] = [['0000001', '独自処理', 'prohibited']]
    const withList = analyzeFunctions(input({standard, current: [{id: 'K1', name: '全く別の名前', inUse: true}]}))
    expect(withList.rows[0]).toMatchObject({pairing: 'none', autoVerdict: 'na', reason: '実装不可機能。現行の機能一覧に対応する機能がない'})
    const fieldsOnly = analyzeFunctions(
      input({
        standard,
        sources: [{file: 'fields.csv', sha256: 'a'.repeat(64), format: 'csv', kind: 'fields', records: 1}],
        fields: [{table: 'T', column: 'C', label: 'L', type: 'text'}],
      }),
    )
    expect(fieldsOnly.rows[0]).toMatchObject({autoVerdict: 'undecided', reason: '実装不可機能。現行の機能一覧を取り込んでいないため、使っていないかを確認できない'})
  })

  it('shows a name-based candidate as a question with its score, never a verdict', () => {
    const {rows, findings} = analyzeFunctions(input({standard: [['0000001', '住民票の写しの交付', 'mandatory']], current: [{id: 'K1', name: '住民票の写しの交付', inUse: true}]}))
    expect(rows[0]).toMatchObject({pairing: 'candidate', autoVerdict: 'undecided', currents: []})
    expect(rows[0]!.candidate).toMatchObject({fn: {id: 'K1'}, score: 1})
    expect(rows[0]!.reason).toBe('候補「住民票の写しの交付」(一致度 1.00、要確認)。対応付けを map review で確認する')
    expect(findings).toEqual([
      {
        key: 'jumin:fn:0000001',
        area: 'jumin',
        standardRef: '0000001',
        currentRef: 'K1',
        kind: 'pair-candidate',
        severity: 'info',
        message: '0000001 住民票の写しの交付: 候補「住民票の写しの交付」(一致度 1.00、要確認)。対応付けを map review で確認する',
      },
    ])
  })

  it('uses a recorded decision as the verdict and says so; only a mandatory × is a warning', () => {
    const {rows, findings} = analyzeFunctions(
      input({
        standard: [['0000001', '転入', 'mandatory'], ['0000002', '転出', 'mandatory'], ['0000003', '独自処理', 'prohibited']],
        current: [{id: 'K1', name: '転入受付', inUse: true}],
        pairs: [confirmedPair('0000001', 'K1')],
        decisions: [
          {key: 'jumin:fn:0000001', verdict: 'gap', policy: 'bpr'},
          {key: 'jumin:fn:0000002', verdict: 'fit'},
          {key: 'jumin:fn:0000003', verdict: 'gap'},
        ],
      }),
    )
    expect(rows.map((r) => [r.autoVerdict, r.verdict, r.decision?.verdict])).toEqual([
      ['fit', 'gap', 'gap'],
      ['undecided', 'fit', 'fit'],
      ['na', 'gap', 'gap'],
    ])
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ['gap', 'warning', '0000001 転入: 判定済み'],
      ['fit', 'info', '0000002 転出: 判定済み'],
      ['gap', 'info', '0000003 独自処理: 判定済み'],
    ])
  })

  it('warns about 対応表 IDs the catalogue lacks and confirmed pairs naming no imported function', () => {
    const {findings} = analyzeFunctions(
      input({
        standard: [['0000001', '転入', 'mandatory']],
        current: [
          {id: 'K1', name: '転入受付', inUse: true, standardIds: ['0000001', '0009999'], source: {file: 'kinou.xlsx', sheet: '一覧', row: 5}},
          {id: 'K2', name: '旧機能', inUse: true, standardIds: ['0008888'], source: {file: 'kinou.csv', row: 6}},
          {id: 'K3', name: '別機能', inUse: true, standardIds: ['0007777']},
        ],
        pairs: [confirmedPair('0000001', 'K1', 'K404')],
      }),
    )
    expect(findings.filter((f) => f.kind === 'unknown-standard-id')).toEqual([
      {
        key: 'jumin:cur-fn:K1:unknown-standard-id:0009999',
        area: 'jumin',
        kind: 'unknown-standard-id',
        severity: 'warning',
        currentRef: 'K1',
        message: '現行機能「転入受付」(K1): 対応表の標準機能ID「0009999」が標準仕様書 (rep-2) にない',
        source: {current: 'kinou.xlsx [一覧] 5行'},
      },
      {
        key: 'jumin:cur-fn:K2:unknown-standard-id:0008888',
        area: 'jumin',
        kind: 'unknown-standard-id',
        severity: 'warning',
        currentRef: 'K2',
        message: '現行機能「旧機能」(K2): 対応表の標準機能ID「0008888」が標準仕様書 (rep-2) にない',
        source: {current: 'kinou.csv 6行'},
      },
      {
        key: 'jumin:cur-fn:K3:unknown-standard-id:0007777',
        area: 'jumin',
        kind: 'unknown-standard-id',
        severity: 'warning',
        currentRef: 'K3',
        message: '現行機能「別機能」(K3): 対応表の標準機能ID「0007777」が標準仕様書 (rep-2) にない',
        source: undefined,
      },
      {
        key: 'jumin:fn:0000001:missing-current:K404',
        area: 'jumin',
        kind: 'unknown-standard-id',
        severity: 'warning',
        standardRef: '0000001',
        currentRef: 'K404',
        message: '0000001: 確定した現行機能 K404 が取り込んだ現行の機能一覧にない。取り込み直したか、対応付けを見直す',
      },
    ])
  })

  it('fingerprints the name, the text and the 実装区分', () => {
    const fn = sampleInput().catalog.functions[0]!
    const fp = functionFingerprint(fn)
    expect(fp).toMatch(/^[0-9a-f]{16}$/)
    expect(functionFingerprint({...fn, name: `${fn.name}!`})).not.toBe(fp)
    expect(functionFingerprint({...fn, text: `${fn.text}!`})).not.toBe(fp)
    expect(functionFingerprint({...fn, kind: fn.kind === 'mandatory' ? 'prohibited' : 'mandatory'})).not.toBe(fp)
    expect(functionFingerprint({...fn, id: 'other'})).toBe(fp)
  })
})
