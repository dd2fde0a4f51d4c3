/**
 * What the current system has and the standard does not: only records the 対応表 places as its own are 現行独自
 * findings (warnings); unplaced functions and forms are questions (information), unused own functions are 廃止候補.
 */
import {beforeEach, describe, expect, it} from 'vitest'

import {analyzeCurrentOnly} from '../../src/analyzers/current-only.js'
import {fingerprint} from '../../src/analyzers/keys.js'
import type {CurrentSystem} from '../../src/model/current.js'
import {sampleInput} from '../helpers/sample-input.js'

const current: CurrentSystem = {
  area: 'jumin',
  sources: [],
  functions: [
    {id: 'F1', name: '住民票発行', standardIds: ['0010001'], inUse: true},
    {id: 'F2', name: '敬老祝い金', standardIds: [], inUse: true, source: {file: 'kinou.xlsx', sheet: '機能一覧', row: 3}},
    {id: 'F3', name: '旧様式印刷', standardIds: [], inUse: false, source: {file: 'kinou.csv', row: 4}},
    {id: 'F4', name: '住民検索', standardIds: [], inUse: true},
    {id: 'F5', name: '未整理の機能', standardIds: [], inUse: false},
  ],
  forms: [
    {id: 'P1', name: '住民票', fields: []},
    {id: 'P2', name: '敬老会名簿', fields: [{name: '氏名'}, {name: '住所'}, {name: '年齢'}]},
    {id: 'P3', name: '転出証明書', fields: [{name: '氏名'}]},
    {id: 'P4', name: '未整理の帳票', fields: []},
  ],
  fields: [
    {table: 'JUMIN', column: 'SHIMEI', label: '氏名', type: 'text', length: 120},
    {table: 'JUMIN', column: 'KEIRO', label: '敬老区分', type: 'code', typeRaw: 'X(1)', length: 1, source: {file: 'fields.csv', row: 9}},
    {table: 'JUMIN', column: 'MEMO', label: 'メモ', type: 'text'},
  ],
}

const matched = {
  functions: ['paired', 'own', 'own', 'candidate'] as const, // F5: not placed at all
  forms: ['paired', 'own', 'candidate', 'unreviewed'] as const,
  fields: new Set(['JUMIN.SHIMEI']),
}

describe('analyzeCurrentOnly', () => {
  const decision = {key: 'jumin:cur-fn:F2', verdict: 'na' as const, policy: 'loose-coupling' as const}
  // Computed in beforeEach, not while collecting: Stryker activates a mutant only once the tests run.
  let rows: ReturnType<typeof analyzeCurrentOnly>['rows']
  let findings: ReturnType<typeof analyzeCurrentOnly>['findings']
  beforeEach(() => {
    ;({rows, findings} = analyzeCurrentOnly({...sampleInput([decision]), current}, matched))
  })

  it('lists every record not paired with the standard, with its state, detail and decision', () => {
    expect(rows.map((r) => [r.key, r.type, r.state, r.ref, r.name, r.detail])).toEqual([
      ['jumin:cur-fn:F2', 'function', 'own', 'F2', '敬老祝い金', '使用中'],
      ['jumin:cur-fn:F3', 'function', 'own', 'F3', '旧様式印刷', '未使用'],
      ['jumin:cur-fn:F4', 'function', 'candidate', 'F4', '住民検索', '使用中'],
      ['jumin:cur-fn:F5', 'function', 'unreviewed', 'F5', '未整理の機能', '未使用'],
      ['jumin:cur-form:P2', 'form', 'own', 'P2', '敬老会名簿', '印字項目 3'],
      ['jumin:cur-form:P3', 'form', 'candidate', 'P3', '転出証明書', '印字項目 1'],
      ['jumin:cur-form:P4', 'form', 'unreviewed', 'P4', '未整理の帳票', '印字項目 0'],
      ['jumin:cur-field:JUMIN.KEIRO', 'field', 'unreviewed', 'JUMIN.KEIRO', '敬老区分', 'X(1) 1桁'],
      ['jumin:cur-field:JUMIN.MEMO', 'field', 'unreviewed', 'JUMIN.MEMO', 'メモ', 'text'],
    ])
    expect(rows[0]!.decision).toEqual(decision)
    expect(rows.filter((r) => r.decision).map((r) => r.key)).toEqual(['jumin:cur-fn:F2'])
    expect(rows[0]!.source).toEqual({file: 'kinou.xlsx', sheet: '機能一覧', row: 3})
  })

  it('fingerprints what a decision is made against: type, reference and name', () => {
    expect(rows.map((r) => r.fingerprint)).toEqual([
      fingerprint(['function', 'F2', '敬老祝い金']),
      fingerprint(['function', 'F3', '旧様式印刷']),
      fingerprint(['function', 'F4', '住民検索']),
      fingerprint(['function', 'F5', '未整理の機能']),
      fingerprint(['form', 'P2', '敬老会名簿']),
      fingerprint(['form', 'P3', '転出証明書']),
      fingerprint(['form', 'P4', '未整理の帳票']),
      fingerprint(['field', 'JUMIN.KEIRO', '敬老区分']),
      fingerprint(['field', 'JUMIN.MEMO', 'メモ']),
    ])
  })

  it('warns only about own functions and forms; candidates and unplaced ones are questions; fields are information', () => {
    expect(findings).toEqual([
      {
        key: 'jumin:cur-fn:F2',
        area: 'jumin',
        kind: 'extra-function',
        severity: 'warning',
        currentRef: 'F2',
        message: '現行独自機能「敬老祝い金」(F2): 標準に対応がない。独自施策として疎結合で残すか、業務を見直して廃止するかを決める',
        source: {current: 'kinou.xlsx [機能一覧] 3行'},
      },
      {
        key: 'jumin:cur-fn:F3',
        area: 'jumin',
        kind: 'extra-function',
        severity: 'warning',
        currentRef: 'F3',
        message: '現行独自機能「旧様式印刷」(F3): 標準に対応がない。未使用のため廃止候補',
        source: {current: 'kinou.csv 4行'},
      },
      {
        key: 'jumin:cur-fn:F4',
        area: 'jumin',
        kind: 'pair-candidate',
        severity: 'info',
        currentRef: 'F4',
        message: '現行機能「住民検索」(F4): 標準の候補と対応するかを確認する',
        source: undefined,
      },
      {
        key: 'jumin:cur-fn:F5',
        area: 'jumin',
        kind: 'unplaced-current',
        severity: 'info',
        currentRef: 'F5',
        message: '現行機能「未整理の機能」(F5): 標準との対応が未確認。map review で対応付けるか、現行独自と判定する',
        source: undefined,
      },
      {
        key: 'jumin:cur-form:P2',
        area: 'jumin',
        kind: 'extra-form',
        severity: 'warning',
        currentRef: 'P2',
        message: '現行独自帳票「敬老会名簿」(P2): 標準に対応がない。独自施策として疎結合で残すか、業務を見直して廃止するかを決める',
        source: undefined,
      },
      {
        key: 'jumin:cur-form:P3',
        area: 'jumin',
        kind: 'pair-candidate',
        severity: 'info',
        currentRef: 'P3',
        message: '現行帳票「転出証明書」(P3): 標準の候補と対応するかを確認する',
        source: undefined,
      },
      {
        key: 'jumin:cur-form:P4',
        area: 'jumin',
        kind: 'unplaced-current',
        severity: 'info',
        currentRef: 'P4',
        message: '現行帳票「未整理の帳票」(P4): 標準との対応が未確認。map review で対応付けるか、現行独自と判定する',
        source: undefined,
      },
      {
        key: 'jumin:cur-field:JUMIN.KEIRO',
        area: 'jumin',
        kind: 'extra-field',
        severity: 'info',
        currentRef: 'JUMIN.KEIRO',
        message: '現行独自項目「敬老区分」(JUMIN.KEIRO): 標準に対応がない。独自施策として疎結合で残すか、業務を見直して廃止するかを決める',
        source: {current: 'fields.csv 9行'},
      },
      {
        key: 'jumin:cur-field:JUMIN.MEMO',
        area: 'jumin',
        kind: 'extra-field',
        severity: 'info',
        currentRef: 'JUMIN.MEMO',
        message: '現行独自項目「メモ」(JUMIN.MEMO): 標準に対応がない。独自施策として疎結合で残すか、業務を見直して廃止するかを決める',
        source: undefined,
      },
    ])
  })
})
