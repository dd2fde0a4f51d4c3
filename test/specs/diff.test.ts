import {describe, expect, it} from 'vitest'

import type {DataItem, FormSpec, FunctionReq, SpecCatalog} from '../../src/model/catalog.js'
import {classifyKindChange, diffCatalogs, diffText, similarity, textOf, wordTokens} from '../../src/specs/diff.js'

const fn = (id: string, name: string, text: string, kind: FunctionReq['kind'] = 'mandatory', section?: string): FunctionReq => ({
  id,
  ...(section !== undefined ? {section} : {}),
  category: ['管理項目'],
  name,
  text,
  kind,
})

const item = (id: string, name: string, extra: Partial<DataItem> = {}): DataItem => ({id, group: '個人基本', name, type: 'text', required: false, ...extra})

const form = (id: string, name: string, fields: FormSpec['fields'], extra: Partial<FormSpec> = {}): FormSpec => ({
  id,
  name,
  category: '証明書',
  kind: 'mandatory',
  fields,
  ...extra,
})

function catalog(edition: string, parts: Partial<Pick<SpecCatalog, 'functions' | 'forms' | 'dataItems'>>): SpecCatalog {
  return {
    area: 'jumin',
    edition,
    title: `テスト ${edition}`,
    provenance: {type: 'representative', note: 'テスト'},
    functions: parts.functions ?? [],
    forms: parts.forms ?? [],
    dataItems: parts.dataItems ?? [],
  }
}

const OLD = catalog('v1', {
  functions: [
    fn('0010001', '住民データの管理', '日本人住民の氏名、生年月日を登録・保持・訂正できること。', 'mandatory', '1.1.1'),
    fn('0010002', '旧氏の管理', '旧氏を管理できること。', 'optional', '1.1.2'),
    fn('0010003', '除票の一括検索', '稼働中の除票と移した除票を一度の操作で検索できること。', 'mandatory', '1.1.5'),
    fn('0010004', '紙の住民票', '紙の住民票原本を作成すること。', 'prohibited', '1.1.6'),
    fn('0010005', '独自様式', '独自様式の証明書を出力できること。', 'optional', '1.1.7'),
    fn('0010006', '年齢到達者の抽出', '基準日に指定した年齢の住民を抽出できること。', 'optional', '9.9'),
  ],
  forms: [
    form('0010001', '住民票の写し', [
      {name: '氏名', dataItem: '001001002'},
      {name: '生年月日', dataItem: '001001003'},
      {name: '住民票コード', type: 'text', length: 11},
      {name: '認証文', type: 'text', length: 200},
    ]),
    form('0010002', '転出証明書', [{name: '氏名', dataItem: '001001002'}], {kind: 'optional'}),
  ],
  dataItems: [
    item('001001002', '氏名', {length: 100, required: true}),
    item('001001003', '生年月日', {type: 'date'}),
    item('001001004', 'CS送信日時', {type: 'datetime'}),
  ],
})

const NEW = catalog('v2', {
  functions: [
    fn('0010001', '住民データの管理', '日本人住民の氏名、生年月日、性別を登録・保持・修正できること。', 'mandatory', '1.1.1'),
    fn('0010002', '旧氏の管理', '旧氏を管理できること。', 'mandatory', '1.1.2'),
    fn('0010099', '除票の一括検索', '稼働中の除票と移した除票を一度の操作で検索できること。', 'mandatory', '1.1.5'),
    fn('0010004', '紙の住民票', '紙の住民票原本を作成すること。', 'optional', '1.1.6'),
    fn('0010005', '独自様式', '独自様式の証明書を出力できること。', 'prohibited', '1.1.7'),
    fn('0010100', '振り仮名の記載', '氏名の振り仮名を記載できること。', 'mandatory', '1.1.9'),
  ],
  forms: [
    form('0010001', '住民票の写し', [
      {name: '氏名', dataItem: '001001002'},
      {name: '氏名の振り仮名', dataItem: '001001010'},
      {name: '生年月日', dataItem: '001001003'},
      {name: '認証文', type: 'text', length: 300},
    ]),
    form('0010002', '転出証明書', [{name: '氏名', dataItem: '001001002'}], {kind: 'mandatory'}),
  ],
  dataItems: [
    item('001001002', '氏名', {length: 100, required: true}),
    item('001001003', '生年月日', {type: 'date', required: true}),
    item('001001010', '氏名の振り仮名', {length: 100}),
  ],
})

describe('diffText', () => {
  it('segments Japanese into words and diffs at word level', () => {
    expect(wordTokens('登録・保持・訂正できること').join('|')).toContain('訂正')
    const parts = diffText('氏名、生年月日を登録・保持・訂正できること。', '氏名、生年月日、性別を登録・保持・修正できること。')
    expect(parts).toEqual([
      {op: 'equal', text: '氏名、生年月日'},
      {op: 'added', text: '、性別'},
      {op: 'equal', text: 'を登録・保持・'},
      {op: 'removed', text: '訂正'},
      {op: 'added', text: '修正'},
      {op: 'equal', text: 'できること。'},
    ])
  })

  it.each([
    ['', 'すべて新しい文。'],
    ['消える文。', ''],
    ['改行\nを含む 文 (空白あり)', '改行\nを含む  文 (空白を変えた)'],
    ['𠮷野家の髙橋さん、IVS 葛󠄀城', '吉野家の高橋さん、IVS 葛城'],
  ])('gives both texts back exactly: %j → %j', (from, to) => {
    const parts = diffText(from, to)
    expect(textOf(parts, 'from')).toBe(from)
    expect(textOf(parts, 'to')).toBe(to)
  })

  it('is empty for two empty texts and a single equal part for equal texts', () => {
    expect(diffText('', '')).toEqual([])
    expect(diffText('同じ', '同じ')).toEqual([{op: 'equal', text: '同じ'}])
  })

  it('measures similarity after NFKC', () => {
    expect(similarity('ＡＢＣ１', 'ABC1')).toBe(1)
    expect(similarity('除票の一括検索', '除票の検索')).toBeCloseTo(0.6, 2)
    expect(similarity('除票の一括検索', '振り仮名')).toBe(0)
  })
})

describe('classifyKindChange', () => {
  it.each([
    ['optional', 'mandatory', 'obligation', 'warning'],
    ['prohibited', 'mandatory', 'obligation', 'warning'],
    ['mandatory', 'prohibited', 'prohibition', 'error'],
    ['optional', 'prohibited', 'prohibition', 'error'],
    ['mandatory', 'optional', 'relaxation', 'info'],
    ['prohibited', 'optional', 'relaxation', 'info'],
  ] as const)('%s → %s is %s (%s)', (from, to, direction, severity) => {
    const change = classifyKindChange(from, to)!
    expect(change).toMatchObject({from, to, direction, severity})
    expect(change.message).toMatch(/→/)
  })

  it('is null when the kind stays', () => {
    expect(classifyKindChange('mandatory', 'mandatory')).toBeNull()
  })
})

describe('diffCatalogs', () => {
  const diff = diffCatalogs(OLD, NEW)
  const byKey = (key: string) => diff.functions.find((f) => f.key === key)!

  it('reports every category of function change', () => {
    expect(diff.functions.map((f) => [f.key, f.status])).toEqual([
      ['fn:0010001', 'changed'],
      ['fn:0010002', 'changed'],
      ['fn:0010099', 'renumbered'],
      ['fn:0010004', 'changed'],
      ['fn:0010005', 'changed'],
      ['fn:0010006', 'removed'],
      ['fn:0010100', 'added'],
    ])
    expect(diff.summary.functions).toEqual({added: 1, removed: 1, changed: 4, renumbered: 1, unchanged: 0})
  })

  it('gives the changed attributes, old and new values and the word diff of the text', () => {
    const changed = byKey('fn:0010001')
    expect(changed.changes.map((c) => c.attribute)).toEqual(['text'])
    expect(changed.changes[0]).toMatchObject({label: '要件', from: OLD.functions[0]!.text, to: NEW.functions[0]!.text})
    expect(changed.textDiff).toContainEqual({op: 'removed', text: '訂正'})
    expect(changed.textDiff).toContainEqual({op: 'added', text: '修正'})
    expect(changed.kindChange).toBeNull()
  })

  it('reports a renumbered function with how it was matched and its confidence', () => {
    const renumbered = byKey('fn:0010099')
    expect(renumbered).toMatchObject({fromId: '0010003', toId: '0010099', match: {by: 'section+name', confidence: 1}, changes: []})
  })

  it('marks 実装区分 changes by direction and severity', () => {
    expect(byKey('fn:0010002').kindChange).toMatchObject({direction: 'obligation', severity: 'warning'})
    expect(byKey('fn:0010004').kindChange).toMatchObject({direction: 'relaxation', severity: 'info'})
    expect(byKey('fn:0010005').kindChange).toMatchObject({direction: 'prohibition', severity: 'error'})
    expect(diff.summary.kindChanges).toEqual({error: 1, warning: 2, info: 1})
  })

  it('diffs forms including their printed items', () => {
    const certificate = diff.forms[0]!
    expect(certificate.status).toBe('changed')
    expect(certificate.changes.map((c) => c.attribute)).toEqual(['fields'])
    expect(certificate.fields.map((f) => [f.name, f.status, f.fromIndex, f.toIndex])).toEqual([
      ['氏名', 'unchanged', 0, 0],
      ['氏名の振り仮名', 'added', null, 1],
      ['生年月日', 'unchanged', 1, 2],
      ['住民票コード', 'removed', 2, null],
      ['認証文', 'changed', 3, 3],
    ])
    expect(certificate.fields[4]!.changes).toMatchObject([{attribute: 'length', from: 200, to: 300}])
    expect(certificate.fieldsReordered).toBe(false)
    expect(diff.forms[1]!.kindChange).toMatchObject({direction: 'obligation', severity: 'warning'})
  })

  it('diffs data items', () => {
    expect(diff.dataItems.map((d) => [d.key, d.status])).toEqual([
      ['item:001001002', 'unchanged'],
      ['item:001001003', 'changed'],
      ['item:001001004', 'removed'],
      ['item:001001010', 'added'],
    ])
    expect(diff.dataItems[1]!.changes).toMatchObject([{attribute: 'required', from: false, to: true}])
  })

  it('notices reordered printed items', () => {
    const a = catalog('a', {forms: [form('0010001', '帳票', [{name: 'A'}, {name: 'B'}])]})
    const b = catalog('b', {forms: [form('0010001', '帳票', [{name: 'B'}, {name: 'A'}])]})
    const result = diffCatalogs(a, b).forms[0]!
    expect(result.status).toBe('changed')
    expect(result.fieldsReordered).toBe(true)
  })

  it('pairs a renumbered function by name alone with lower confidence, and keeps its other changes', () => {
    const a = catalog('a', {functions: [fn('0010001', '転入届の処理', '転入届に基づき住民票を作成すること。', 'mandatory', '4.1')]})
    const b = catalog('b', {functions: [fn('0010050', '転入届の処理', '転入届に基づき住民票を作成し、通知すること。', 'mandatory', '4.2')]})
    const [entry] = diffCatalogs(a, b).functions
    expect(entry!.status).toBe('renumbered')
    expect(entry!.match!.by).toBe('name')
    expect(entry!.match!.confidence).toBeLessThan(0.95)
    expect(entry!.changes.map((c) => c.attribute)).toEqual(['section', 'text'])
    expect(entry!.textDiff).not.toBeNull()
  })

  it('does not pair unrelated functions', () => {
    const a = catalog('a', {functions: [fn('0010001', '転入届の処理', '転入届に基づき住民票を作成すること。')]})
    const b = catalog('b', {functions: [fn('0010002', '証明書の交付', '住民票の写しを交付すること。')]})
    expect(diffCatalogs(a, b).functions.map((f) => f.status)).toEqual(['removed', 'added'])
  })

  it('is unchanged against itself and deterministic', () => {
    const same = diffCatalogs(OLD, OLD)
    expect(same.summary.functions.unchanged).toBe(OLD.functions.length)
    expect(same.functions.every((f) => f.changes.length === 0 && f.textDiff === null)).toBe(true)
    expect(JSON.stringify(diffCatalogs(OLD, NEW))).toBe(JSON.stringify(diff))
  })
})
