/**
 * parseJsonDefinitions called directly (the import command runs it on files): records with their line, types
 * completed from typeRaw, kinds left out, and refusals that name the file, line and what is wrong.
 */
import {describe, expect, it} from 'vitest'

import {InputError} from '../../src/errors.js'
import type {CurrentField, CurrentForm, CurrentFunction} from '../../src/model/current.js'
import {type JsonContext, parseJsonDefinitions} from '../../src/current/read-json.js'
import type {RecordSink} from '../../src/current/records.js'

const CONTEXT: JsonContext = {display: 'exports/jumin.json', fileKey: 'jumin.json', areaMatches: (value) => value === 'jumin' || value === '住民基本台帳'}

function collect(text: string, context: Partial<JsonContext> = {}) {
  const got = {fields: [] as CurrentField[], forms: [] as CurrentForm[], functions: [] as CurrentFunction[]}
  const sink: RecordSink = {field: (r) => got.fields.push(r), form: (r) => got.forms.push(r), function: (r) => got.functions.push(r)}
  const result = parseJsonDefinitions(text, {...CONTEXT, ...context}, sink)
  return {...result, ...got}
}

function refusal(text: string, context: Partial<JsonContext> = {}): InputError {
  try {
    collect(text, context)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('not refused')
}

const SAMPLE = `{
  "area": "jumin",
  "fields": [
    {"table": "JUMIN", "column": "SHIMEI", "label": "氏名", "typeRaw": "VARCHAR2(40)"},
    {"table": "JUMIN", "column": "SEINENGAPPI", "label": "生年月日", "type": "date", "typeRaw": "9(8)", "length": 8, "required": true}
  ],
  "forms": [
    {"id": "C01", "name": "住民票", "fields": [
      {"name": "氏名", "typeRaw": "X(40)", "sourceField": "JUMIN.SHIMEI"}
    ]},
    {"id": "C02", "name": "転出証明書"}
  ],
  "functions": [
    {"id": "K01", "name": "住民データ管理", "standardIds": ["0010001"]},
    {"id": "K02", "name": "旧機能", "inUse": false}
  ]
}
`

describe('parseJsonDefinitions', () => {
  it('reads fields, forms and functions with the line of each record, completing type and length from typeRaw', () => {
    const got = collect(SAMPLE)
    expect(got.counts).toEqual({fields: 2, forms: 2, functions: 2})
    expect(got.skipped).toBe(0)
    expect(got.fields).toEqual([
      {table: 'JUMIN', column: 'SHIMEI', label: '氏名', type: 'text', typeRaw: 'VARCHAR2(40)', length: 40, source: {file: 'jumin.json', row: 4}},
      // Both given: typeRaw does not override them.
      {table: 'JUMIN', column: 'SEINENGAPPI', label: '生年月日', type: 'date', typeRaw: '9(8)', length: 8, required: true, source: {file: 'jumin.json', row: 5}},
    ])
    expect(got.forms).toEqual([
      {id: 'C01', name: '住民票', fields: [{name: '氏名', type: 'text', typeRaw: 'X(40)', length: 40, sourceField: 'JUMIN.SHIMEI', source: {file: 'jumin.json', row: 9}}], source: {file: 'jumin.json', row: 8}},
      {id: 'C02', name: '転出証明書', fields: [], source: {file: 'jumin.json', row: 11}},
    ])
    expect(got.functions).toEqual([
      {id: 'K01', name: '住民データ管理', standardIds: ['0010001'], inUse: true, source: {file: 'jumin.json', row: 14}},
      {id: 'K02', name: '旧機能', inUse: false, source: {file: 'jumin.json', row: 15}},
    ])
  })

  it('keeps a given type or length over the raw type, filling only what is missing', () => {
    const text = JSON.stringify({
      fields: [
        {table: 'T', column: 'A', label: 'a', type: 'code', typeRaw: 'NUMBER(5,2)'},
        {table: 'T', column: 'B', label: 'b', length: 3, typeRaw: 'NUMBER(5,2)'},
        {table: 'T', column: 'C', label: 'c', typeRaw: 'NUMBER(5,2)', scale: 1},
        {table: 'T', column: 'D', label: 'd', type: 'number'},
      ],
    })
    const [a, b, c, d] = collect(text).fields
    expect(a).toMatchObject({type: 'code', length: 5, scale: 2})
    expect(b).toMatchObject({type: 'number', length: 3, scale: 2})
    expect(c).toMatchObject({type: 'number', length: 5, scale: 1})
    expect(d).toEqual({table: 'T', column: 'D', label: 'd', type: 'number', source: {file: 'jumin.json', row: 1}})
  })

  it('reads only the kinds asked for and counts the rest as skipped', () => {
    const fieldsOnly = collect(SAMPLE, {kinds: ['fields']})
    expect([fieldsOnly.counts, fieldsOnly.skipped, fieldsOnly.forms, fieldsOnly.functions]).toEqual([{fields: 2}, 4, [], []])
    const formsOnly = collect(SAMPLE, {kinds: ['forms']})
    expect([formsOnly.counts, formsOnly.skipped, formsOnly.fields.length, formsOnly.functions.length]).toEqual([{forms: 2}, 4, 0, 0])
    const functionsOnly = collect(SAMPLE, {kinds: ['functions']})
    expect([functionsOnly.counts, functionsOnly.skipped, functionsOnly.fields.length, functionsOnly.forms.length]).toEqual([{functions: 2}, 4, 0, 0])
    const fieldsOnlyInFile = collect(JSON.stringify({fields: [{table: 'T', column: 'A', label: 'a'}]}), {kinds: ['forms', 'functions']})
    expect([fieldsOnlyInFile.counts, fieldsOnlyInFile.skipped]).toEqual([{}, 1])
    expect(collect(JSON.stringify({forms: [{id: 'C', name: 'c'}]}), {kinds: ['fields']}).skipped).toBe(1)
    // A kind absent from the file adds nothing.
    expect(collect(JSON.stringify({functions: [{id: 'K', name: 'k'}]}))).toMatchObject({counts: {functions: 1}, skipped: 0})
    // Sources given in the file are ignored: provenance is this file.
    expect(collect(JSON.stringify({sources: [{file: 'x'}], version: 1, $schema: 's', functions: [{id: 'K', name: 'k'}]})).functions[0]!.source).toEqual({file: 'jumin.json', row: 1})
  })

  it('accepts the 業務 the import is for, and refuses another one', () => {
    expect(collect(JSON.stringify({area: '住民基本台帳', functions: [{id: 'K', name: 'k'}]})).counts).toEqual({functions: 1})
    expect(refusal(JSON.stringify({area: 'kojin', functions: [{id: 'K', name: 'k'}]})).message).toBe(
      'exports/jumin.json: このファイルは業務「kojin」の定義です。--area と合いません。',
    )
  })

  it('refuses an empty file, bad JSON (line and column), and a file with no definition', () => {
    expect(refusal('  \n ').message).toBe('exports/jumin.json: ファイルが空です。')
    expect(refusal('{\n  "fields": [\n    {"table": }\n  ]\n}').message).toMatch(/^exports\/jumin\.json 3行目 \d+列: JSON として正しくありません \(.+\)。$/)
    expect(refusal('{"fields": [], "forms": [], "functions": []}').message).toBe('exports/jumin.json: fields・forms・functions のどれにも定義がありません。')
    expect(refusal('{"area": "jumin"}').message).toBe('exports/jumin.json: fields・forms・functions のどれにも定義がありません。')
  })

  it('names each line that does not fit the model, at most 20, in Japanese for unknown keys and huge numbers', () => {
    const text = `{
  "fields": [
    {"table": "T", "column": "A", "label": "a", "colour": "red", "size": 1},
    {"table": "T", "column": "B", "label": "b", "length": 1e400},
    {"table": "T", "column": "C", "label": "c", "length": -1}
  ]
}`
    const error = refusal(text)
    expect(error.message.split('\n')[0]).toBe('exports/jumin.json が fitgap の現行システム定義の形 (docs/current-import.md) になっていません。')
    expect(error.problems[0]).toBe('exports/jumin.json:3 fields[0]: 使えないキーがあります: colour, size')
    expect(error.problems[1]).toBe('exports/jumin.json:4 fields[1].length: 数が大きすぎます (扱える範囲の数を書いてください)')
    expect(error.problems[2]).toMatch(/^exports\/jumin\.json:5 fields\[2\]\.length: /)
    expect(error.problems[2]).not.toContain('大きすぎ')
    expect(error.problems).toHaveLength(3)
    const many = JSON.stringify({fields: Array.from({length: 30}, () => ({table: 'T'}))})
    expect(refusal(many).problems).toHaveLength(20)
  })

  it('refuses records with no name, naming their line, at most 20 and how many more', () => {
    const text = `{
  "fields": [
    {"table": "T", "column": " ", "label": ""},
    {"table": " ", "column": "A", "label": "a"},
    {"table": "", "column": "", "label": "b"},
    {"table": "T", "column": "", "label": "c"}
  ],
  "forms": [{"id": " ", "name": ""}, {"id": "C", "name": ""}, {"id": "", "name": "c"}],
  "functions": [{"id": "", "name": " "}, {"id": "K", "name": ""}, {"id": "", "name": "k"}]
}`
    const error = refusal(text)
    expect(error.message.split('\n')[0]).toBe('exports/jumin.json に名前のない定義があります。')
    expect(error.problems).toEqual([
      'exports/jumin.json:3 fields[0]: column も label も空です。どの項目か分からず、対応付けできません。',
      'exports/jumin.json:4 fields[1]: table が空です (項目 A)。テーブル名を書いてください。',
      'exports/jumin.json:5 fields[2]: table が空です (項目 b)。テーブル名を書いてください。',
      'exports/jumin.json:8 forms[0]: id も name も空です。',
      'exports/jumin.json:9 functions[0]: id も name も空です。',
    ])
    const many = JSON.stringify({functions: Array.from({length: 23}, () => ({id: '', name: ''}))})
    const problems = refusal(many).problems
    expect(problems).toHaveLength(21)
    expect(problems.at(-1)).toBe('… ほか 3 件')
    expect(refusal(JSON.stringify({functions: Array.from({length: 20}, () => ({id: '', name: ''}))})).problems).toHaveLength(20)
  })
})
