import {readFileSync} from 'node:fs'
import path from 'node:path'

import {parse} from 'yaml'
import {describe, expect, it} from 'vitest'

import {aliasDictionarySchema} from '../../src/current/aliases.js'
import {
  type AliasDictionary,
  AliasError,
  compileAliases,
  detectHeader,
  isRepeatedHeader,
  matchRole,
  normalizeHeader,
} from '../../src/current/headers.js'
import {titleBlockTable} from '../../src/current/table-import.js'
import {ROOT} from '../helpers/cli.js'

const bundled = aliasDictionarySchema.parse(parse(readFileSync(path.join(ROOT, 'mappings/header-aliases.yaml'), 'utf8'))) as AliasDictionary
const aliases = compileAliases([{name: 'bundled', dictionary: bundled}])

describe('normalizeHeader', () => {
  it('folds width, case, spaces, line breaks and decoration', () => {
    expect(normalizeHeader('必須\nパターン1\n推奨:高')).toBe('必須パターン1推奨高')
    expect(normalizeHeader('項目名（英語）')).toBe('項目名(英語)')
    expect(normalizeHeader(' NOT NULL ')).toBe('notnull')
    expect(normalizeHeader('ｺｰﾄﾞ表※')).toBe('コード表')
    expect(normalizeHeader('COLUMN_NAME')).toBe('columnname')
  })
})

describe('the bundled dictionary', () => {
  it('loads, and names each header once per kind', () => {
    expect(aliases.layers).toHaveLength(1)
  })

  it.each([
    ['項目名', 'label'],
    ['項目名称', 'label'],
    ['論理名', 'label'],
    ['物理名', 'column'],
    ['カラム名', 'column'],
    ['項目名（英語）', 'column'],
    ['データ型', 'type'],
    ['型', 'type'],
    ['属性', 'type'],
    ['形式', 'type'],
    ['桁数', 'length'],
    ['桁', 'length'],
    ['長さ', 'length'],
    ['サイズ', 'length'],
    ['必須', 'required'],
    ['必須\nパターン2\n推奨:中', 'required'],
    ['NOT NULL', 'notNull'],
    ['NULL許可', 'nullable'],
    ['コード表', 'codeTable'],
    ['説明', 'description'],
    ['ﾃｰﾌﾞﾙ名', 'table'],
  ])('fields: %s → %s', (header, role) => {
    expect(matchRole(aliases, 'fields', header)).toBe(role)
  })

  it('ignores headers it does not know', () => {
    expect(matchRole(aliases, 'fields', '最大数')).toBeUndefined()
    expect(matchRole(aliases, 'fields', '記入例')).toBeUndefined()
    expect(matchRole(aliases, 'fields', '―')).toBeUndefined()
  })
})

describe('detectHeader', () => {
  it('finds the header below title rows', () => {
    const rows = [['住民記録システム 項目定義書'], ['作成日', '2024/04/01'], [], ['No.', '項目名', '物理名', '型', '桁数'], ['1', '氏名', 'SHIMEI', '文字', '40']]
    const header = detectHeader(aliases, rows)
    expect(header).toMatchObject({index: 3, kind: 'fields'})
    expect(Object.fromEntries(header!.columns)).toEqual({label: 1, column: 2, type: 3, length: 4})
  })

  it('prefers forms and functions over generic field headers', () => {
    expect(detectHeader(aliases, [['帳票ID', '帳票名', '項目名', '型', '桁数']])?.kind).toBe('forms')
    expect(detectHeader(aliases, [['機能ID', '大分類', '中分類', '機能名', '利用有無']])?.kind).toBe('functions')
    expect(detectHeader(aliases, [['帳票ID', '帳票名', '項目名', '型']], {kinds: ['fields']})?.kind).toBe('fields')
  })

  it('needs a name column and one more', () => {
    expect(detectHeader(aliases, [['項目名']])).toBeUndefined()
    expect(detectHeader(aliases, [['型', '桁数']])).toBeUndefined()
  })

  it('reports identical header texts, and lets a second 必須 column stand aside', () => {
    const dup = detectHeader(aliases, [['項目名', '項目名', '型']])
    expect(dup?.duplicates).toEqual([{text: '項目名', role: 'label', columns: [0, 1]}])
    const patterns = detectHeader(aliases, [['項目名', '必須\nパターン1', '必須\nパターン2', '形式']])
    expect(patterns?.duplicates).toEqual([])
    expect(patterns?.columns.get('required')).toBe(1)
  })

  it('recognises a repeated header inside the data', () => {
    const header = detectHeader(aliases, [['No.', '項目名', '―', '項目名（英語）', '形式']])!
    expect(isRepeatedHeader(aliases, header, ['No.', '項目名', '―', '項目名（英語）', '形式'])).toBe(true)
    expect(isRepeatedHeader(aliases, header, ['1', '氏', '必', 'familyName', '文字列'])).toBe(false)
  })
})

describe('alias layers', () => {
  it('lets a profile add and override aliases', () => {
    const layered = compileAliases([
      {name: 'profile', dictionary: {fields: {label: ['ｺｳﾓｸ'], description: ['型']}}},
      {name: 'bundled', dictionary: bundled},
    ])
    expect(matchRole(layered, 'fields', 'コウモク')).toBe('label')
    expect(matchRole(layered, 'fields', '型')).toBe('description')
  })

  it('rejects an alias given two roles and a bad pattern', () => {
    expect(() => compileAliases([{name: 'x', dictionary: {fields: {label: ['名前'], column: ['名前']}}}])).toThrow(AliasError)
    expect(() => compileAliases([{name: 'x', dictionary: {fields: {label: ['/(/']}}}])).toThrow(AliasError)
  })
})

describe('titleBlockTable', () => {
  it('takes the identifier-like name from a title block', () => {
    expect(titleBlockTable(aliases, [['項目定義書'], ['テーブル名', '住民基本', '', 'テーブルID', 'JUMIN_KIHON']])).toBe('JUMIN_KIHON')
    expect(titleBlockTable(aliases, [['テーブル論理名', '世帯']])).toBe('世帯')
    expect(titleBlockTable(aliases, [['住民記録']])).toBeUndefined()
  })
})
