import path from 'node:path'

import {beforeAll, describe, expect, it} from 'vitest'

import {loadBundledAliases, fieldForLabel, kindForSheetName} from '../../../src/specs/import/aliases.js'
import {detectHeader} from '../../../src/specs/import/header-detect.js'
import {type ImportResult, importGrids} from '../../../src/specs/import/import-workbook.js'
import {loadProfile as loadCurrentProfile} from '../../../src/current/aliases.js'
import {loadProfile, parseProfile} from '../../../src/specs/import/profile.js'
import {readWorkbookGrids, type SheetGrid} from '../../../src/specs/import/sheet-grid.js'
import {normalizeHeader} from '../../../src/io/header-text.js'
import {readDataType, readId, readKind, readLength, readNameEn, readRequired, readSection} from '../../../src/specs/import/values.js'
import {tempDir} from '../../helpers/cli.js'
import {FIXTURES, writeFixture} from '../../fixtures/spec-import/workbooks.js'

const dir = tempDir('fitgap-import-unit-')
const grids: Partial<Record<keyof typeof FIXTURES, SheetGrid[]>> = {}

beforeAll(async () => {
  for (const name of Object.keys(FIXTURES) as (keyof typeof FIXTURES)[])
    grids[name] = await readWorkbookGrids(await writeFixture(name, path.join(dir, name)))
})

const OPTIONS = {area: 'jumin', edition: 'x', title: 't', source: 's.xlsx', importedAt: '2030-01-01'}

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result
}

describe('cell values', () => {
  it('reads 実装区分 in both vocabularies, with remarks', () => {
    expect(readKind('実装必須機能')).toBe('mandatory')
    expect(readKind('【実装してもしなくても良い機能】')).toBe('optional')
    expect(readKind('実装しない機能')).toBe('prohibited')
    expect(readKind('標準オプション機能\n（※2）')).toBe('optional')
    expect(readKind('実装したい機能')).toBeUndefined()
  })

  it('restores leading zeros of IDs typed as numbers', () => {
    expect(readId({text: '10001', headerText: '', number: 10001, numFmt: '0000000'})).toEqual({id: '0010001'})
    expect(readId({text: '10001', headerText: '', number: 10001}, 7)).toEqual({id: '0010001', restoredZeros: true})
    expect(readId({text: '１００１ ', headerText: ''}, 7)).toEqual({id: '1001'})
  })

  it('reads hierarchical 項番 in several spellings', () => {
    expect(readSection(['1.1.3'])).toEqual({section: '1.1.3'})
    expect(readSection(['1-1-3'])).toEqual({section: '1.1.3'})
    expect(readSection(['１．２'])).toEqual({section: '1.2'})
    expect(readSection(['1', '2', '3'])).toEqual({section: '1.2.3'})
    expect(readSection(['(4)'])).toEqual({section: '4'})
    expect(readSection(['ア'])).toEqual({raw: 'ア'})
  })

  it('maps official-looking 型 / 桁数 / 必須 / 英語名 values', () => {
    expect(readDataType('文字列（半角数字）')).toBe('text')
    expect(readDataType('数値（整数）')).toBe('number')
    expect(readDataType('日付（YYYYMMDD）')).toBe('date')
    expect(readDataType('年月')).toBe('yearMonth')
    expect(readDataType('コード')).toBe('code')
    expect(readDataType('謎の型')).toBeUndefined()
    expect(readLength('１０桁')).toEqual({length: 10})
    expect(readLength('10,2')).toEqual({length: 10, scale: 2})
    expect(readLength('可変')).toEqual({unreadable: true})
    // the same reading as current-system exports (src/current/type-spec.ts parseLength)
    expect(readLength('(40)')).toEqual({length: 40})
    expect(readLength('（４０）')).toEqual({length: 40})
    expect(readLength('全角20文字')).toEqual({length: 20})
    expect(readLength('10.2')).toEqual({length: 10, scale: 2})
    expect(readLength('10、2')).toEqual({length: 10, scale: 2})
    // 1.5 is not "length 1, scale 5" (a scale cannot exceed the length): it is reported instead
    expect(readLength('1.5')).toEqual({unreadable: true})
    expect(readLength('NUMBER(10,2)')).toEqual({length: 10, scale: 2})
    expect(readLength('-')).toEqual({})
    expect(readLength('')).toEqual({})
    expect(readRequired('○')).toBe(true)
    expect(readRequired('任意')).toBe(false)
    expect(readRequired('ときどき')).toBeUndefined()
    expect(readNameEn('familyNameKana')).toBe('family_name_kana')
    expect(readNameEn('氏名')).toBeUndefined()
  })
})

describe('header aliases', () => {
  const dictionary = loadBundledAliases()

  it('normalises width, line breaks, brackets and notes', () => {
    expect(normalizeHeader('機能ＩＤ\n（７桁）')).toBe('機能id(7桁)')
    expect(fieldForLabel(dictionary, 'functions', '機能ID\n（7桁）')).toBe('id')
    expect(fieldForLabel(dictionary, 'functions', '【実装区分】※1')).toBe('kind')
    expect(fieldForLabel(dictionary, 'functions', '要件の考え方・理由')).toBe('reason')
    expect(fieldForLabel(dictionary, 'dataItems', '項目名（英語）')).toBe('nameEn')
  })

  it('classifies sheets by the longest matching name', () => {
    expect(kindForSheetName(dictionary, '機能・帳票要件')).toBe('functions')
    expect(kindForSheetName(dictionary, '帳票要件')).toBe('forms')
    expect(kindForSheetName(dictionary, '帳票詳細要件')).toBe('formFields')
    expect(kindForSheetName(dictionary, '基本データリスト（個人）')).toBe('dataItems')
    expect(kindForSheetName(dictionary, '改訂履歴')).toBe('ignore')
    expect(kindForSheetName(dictionary, '個人')).toBeUndefined()
  })
})

describe('header detection', () => {
  const dictionary = loadBundledAliases()

  it('finds a two-row header below title rows, with merged parent cells', () => {
    const sheet = grids['current-style.xlsx']!.find((g) => g.name === '機能要件')!
    const layout = detectHeader(sheet, 'functions', dictionary)!
    expect(layout.headerRows).toEqual([3, 4])
    expect(layout.dataStart).toBe(5)
    expect(layout.columns.get('category')).toEqual([1, 2, 3])
    expect(layout.columns.get('id')).toEqual([4])
    expect(layout.columns.get('text')).toEqual([6])
    expect(layout.columns.get('reason')).toEqual([9])
  })

  it('finds a one-row header under a merged title row', () => {
    const sheet = grids['current-style.xlsx']!.find((g) => g.name === '帳票詳細要件')!
    const layout = detectHeader(sheet, 'formFields', dictionary)!
    expect(layout.headerRows).toEqual([1])
  })

  it('returns nothing when no row names the required columns', () => {
    expect(detectHeader(grids['no-header.xlsx']![0]!, 'functions', dictionary)).toBeUndefined()
  })
})

describe('importGrids', () => {
  it('reads the current layout: functions, forms, printed items and data items', () => {
    const result = ok(importGrids(grids['current-style.xlsx']!, OPTIONS))
    const {catalog} = result
    expect(catalog.provenance).toMatchObject({type: 'official', source: 's.xlsx', importedAt: '2030-01-01'})
    expect(catalog.functions.map((f) => f.id)).toEqual(['0010001', '0010002', '0010003', '0010004', '0010005', '001006', '0010101', '0010102'])
    const first = catalog.functions[0]!
    expect(first).toMatchObject({section: '1.1.1', category: ['管理項目', '住民データ'], kind: '実装必須機能'})
    expect(first.notes).toContain('考え方・理由: 法定記載事項のため')
    // vertically merged 大分類 fills the rows below; 1-1-3 becomes 1.1.3; formula result; rich text; continuation row
    expect(catalog.functions[2]).toMatchObject({id: '0010003', section: '1.1.3', category: ['管理項目', '住民データ'], kind: '標準オプション機能'})
    expect(catalog.functions[3]!.name).toBe('異動履歴の管理')
    expect(catalog.functions[4]!.text).toBe('保存期間を過ぎた履歴を職員の確認なしに一括で削除すること。\n削除は法令の保存期間の経過後に限る。')
    expect(catalog.functions[6]!.category).toEqual(['証明書発行', '住民票の写し', '交付'])

    expect(catalog.forms.map((f) => [f.id, f.kind, f.fields.length])).toEqual([
      ['0010001', '実装必須機能', 4],
      ['0010002', '実装必須機能', 2],
      ['0010003', '実装不可機能', 0],
    ])
    expect(catalog.forms[0]!.fields[0]).toEqual({name: '氏名', dataItem: '001001002', type: '文字', length: 100})
    expect(catalog.forms[1]!.description).toBe('備考: 転出届の受理時')
    // a reference to a data item the workbook does not have is dropped (with a warning)
    expect(catalog.forms[1]!.fields[1]).toEqual({name: '転出先住所', type: '文字', length: 200})

    expect(catalog.dataItems).toHaveLength(6)
    expect(catalog.dataItems[0]).toMatchObject({id: '001001001', group: '個人基本', nameEn: 'atena_no', type: '文字', length: 15, required: true})
    expect(catalog.dataItems[3]).toMatchObject({type: 'コード', required: false, codeTable: '性別コード'})
    expect(catalog.dataItems[5]).toMatchObject({type: '文字', description: '備考: 続柄コードを参照'})

    const warnings = result.warnings.map((w) => `${w.sheet}:${w.row ?? '-'} ${w.message}`)
    expect(warnings).toContainEqual(expect.stringMatching(/^機能要件:9 .*先頭に0を補って「0010003」/))
    expect(warnings).toContainEqual(expect.stringMatching(/^機能要件:13 機能ID「001006」は7桁の数字ではありません/))
    expect(warnings).toContainEqual(expect.stringMatching(/^基本データリスト:10 .*型「謎の型」/))
    expect(warnings).toContainEqual(expect.stringMatching(/^帳票詳細要件:- .*001009999/))
    const skipped = result.skipped.map((s) => `${s.sheet}:${s.row} ${s.reason}`)
    expect(skipped).toEqual([
      '機能要件:6 分類の見出し行 (以降の機能の分類を「管理項目」とします)',
      '機能要件:12 11行目 (機能ID 0010005) の要件の続きとして連結しました',
      '機能要件:14 分類の見出し行 (以降の機能の分類を「証明書発行」とします)',
      '機能要件:15 見出し行の繰り返し',
      '帳票詳細要件:9 帳票ID「0019999」が帳票要件のシートにありません',
    ])
    expect(result.sheets.filter((s) => s.ignored).map((s) => s.sheet)).toEqual(['表紙', '改訂履歴'])
  })

  it('reads the legacy layout: old header names, old labels, and 【…】 heading rows', () => {
    const {catalog, skipped} = ok(importGrids(grids['legacy-style.xlsx']!, OPTIONS))
    expect(catalog.functions.map((f) => [f.id, f.kind])).toEqual([
      ['0010001', '実装必須機能'],
      ['0010002', '標準オプション機能'],
      ['0010003', '実装不可機能'],
      ['0010004', '標準オプション機能'],
      ['0010101', '実装必須機能'],
      ['0010102', '実装必須機能'],
      ['0010103', '標準オプション機能'],
      ['0010104', '実装不可機能'],
    ])
    expect(catalog.functions[2]).toMatchObject({category: ['管理項目', '住民データ'], notes: '別システムで対応'})
    expect(catalog.functions[4]!.category).toEqual(['機能要件（区分見出し）'])
    expect(skipped.map((s) => s.reason)).toEqual([
      '実装区分の見出し行 (以降の行を 実装必須機能 とします)',
      '実装区分の見出し行 (以降の行を 標準オプション機能 とします)',
      '実装区分の見出し行 (以降の行を 実装不可機能 とします)',
    ])
  })

  it('reads a 基本データリスト workbook whose sheets are named after groups', () => {
    const {catalog, sheets} = ok(importGrids(grids['001_住民基本台帳_基本データリスト【第2.1版】.xlsx']!, OPTIONS))
    expect(catalog.functions).toEqual([])
    expect(catalog.dataItems.map((d) => [d.id, d.group, d.type])).toEqual([
      ['001001001', '個人', '文字'],
      ['001001002', '個人', '文字'],
      ['001001003', '個人', '日付'],
      ['001001004', '個人', 'コード'],
      ['001002001', '世帯', '文字'],
      ['001002002', '世帯', 'コード'],
      ['001002003', '世帯', '数値'],
    ])
    expect(sheets.map((s) => [s.sheet, s.kind ?? null, s.detectedBy ?? null])).toEqual([
      ['改版履歴', null, null],
      ['個人', 'dataItems', 'headers'],
      ['世帯', 'dataItems', 'headers'],
    ])
  })

  it('reads headers only a profile knows', () => {
    const profile = parseProfile(
      `sheets:
  - sheet: 一覧
    kind: functions
    headerRow: 3
    columns: {id: A, name: やること, text: 詳しく, kind: D}
`,
      'profile.yaml',
    )
    const {catalog, sheets} = ok(importGrids(grids['odd-headers.xlsx']!, {...OPTIONS, profile}))
    expect(catalog.functions.map((f) => [f.id, f.name, f.kind])).toEqual([
      ['0010001', '住民データの管理', '実装必須機能'],
      ['0010002', '旧氏の管理', '標準オプション機能'],
    ])
    expect(sheets[0]).toMatchObject({detectedBy: 'profile', headerRows: [3]})
  })

  it('adds aliases from a profile', () => {
    const profile = parseProfile(
      `aliases:
  functions: {id: [要求No], name: [やること], text: [詳しく], kind: [レベル]}
sheetNames:
  functions: [一覧]
`,
      'profile.yaml',
    )
    const {catalog} = ok(importGrids(grids['odd-headers.xlsx']!, {...OPTIONS, profile}))
    expect(catalog.functions).toHaveLength(2)
  })

  it('rejects a profile naming a field the kind does not have', () => {
    expect(() => parseProfile('sheets:\n  - {sheet: 一覧, kind: forms, columns: {text: B}}\n', 'p.yaml')).toThrow(/「text」は forms の項目ではありません/)
  })

  it('reads 実装区分 from ○ marks in 実装必須 / 標準オプション / 実装不可 columns', () => {
    const cell = (text: string) => ({text, headerText: text})
    const grid: SheetGrid = {
      name: '機能要件',
      rows: [
        ['機能ID', '機能名称', '機能要件', '実装必須', '標準オプション', '実装不可'].map(cell),
        ['0010001', 'A', 'Aできること。', '○', '', ''].map(cell),
        ['0010002', 'B', 'Bできること。', '', '○', ''].map(cell),
        ['0010003', 'C', 'Cすること。', '-', '', '○'].map(cell),
        ['0010004', 'D', 'Dすること。', '○', '○', ''].map(cell),
      ],
    }
    const result = importGrids([grid], OPTIONS)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual(['シート「機能要件」5行目: 実装区分の印が複数の列 (実装必須 (印)・標準オプション (印)) にあります'])
    const fine = ok(importGrids([{...grid, rows: grid.rows.slice(0, 4)}], OPTIONS))
    expect(fine.catalog.functions.map((f) => f.kind)).toEqual(['実装必須機能', '標準オプション機能', '実装不可機能'])
  })

  it.each([
    ['no-header.xlsx', /^シート「機能要件」: 1〜3行目に機能要件の見出し行が見つかりません \(必要な列: 機能ID、機能名称 または 要件\)/],
    ['unknown-kind.xlsx', /^シート「機能要件」5行目: 実装区分「実装したい機能」は使えません/],
    ['duplicate-id.xlsx', /^シート「機能要件」4行目: 機能ID「0010001」が重複しています \(2行目と同じ\)/],
  ] as const)('fails on %s with sheet and row', (name, message) => {
    const result = importGrids(grids[name]!, OPTIONS)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]).toMatch(message)
  })
})

describe('profile loading (shared with current import)', () => {
  it('both profile formats are read and checked the same way', () => {
    const missing = path.join(dir, 'no-such-profile.yaml')
    expect(() => loadProfile(missing)).toThrow(/取込プロファイル .*no-such-profile\.yaml を読めません \(ファイルがありません\)/)
    expect(() => loadCurrentProfile(missing)).toThrow(/取込プロファイル .*no-such-profile\.yaml を読めません \(ファイルがありません\)/)
    expect(() => parseProfile('sheets: 1\n', 'p.yaml')).toThrow('取込プロファイル p.yaml に誤りがあります。')
  })
})

