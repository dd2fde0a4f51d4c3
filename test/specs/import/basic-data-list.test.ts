import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {loadCatalogFile} from '../../../src/specs/catalog-store.js'
import {type CatalogDocument, importGrids} from '../../../src/specs/import/import-workbook.js'
import {readWorkbookGrids} from '../../../src/specs/import/sheet-grid.js'
import {fitgap, fitgapJson, ROOT, tempDir} from '../../helpers/cli.js'

/** The real デジタル庁 workbook (PDL1.0, see test/fixtures/official/NOTICE.md), byte-identical to the published one. */
const OFFICIAL = path.join(ROOT, 'test/fixtures/official/atenabango-kanri_item-definition.xlsx')
const OPTIONS = {area: 'jumin', edition: 'x', title: 't', source: 's.xlsx', importedAt: '2030-01-01'}

describe('基本データリスト: the real official workbook, with no profile', () => {
  it('imports 29 items with split IDs, types, output conditions, keys and code lists', async () => {
    const out = tempDir('fitgap-official-')
    const result = await fitgap(['specs', 'import', OFFICIAL, '--area', 'jumin', '--edition', '2.1', '--out', out, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const report = fitgapJson<{counts: {dataItems: number; codeLists: number}; skipped: {row: number; reason: string}[]}>(result)
    expect(report.counts).toMatchObject({dataItems: 29, codeLists: 3})

    const catalog = loadCatalogFile(path.join(out, 'jumin', '2.1.yaml'))
    const ids = catalog.dataItems.map((item) => item.id)
    expect(ids).toEqual(Array.from({length: 29}, (_, i) => `031${String(i + 1).padStart(5, '0')}`))
    expect(catalog.dataItems.some((item) => item.name === 'e' || item.id.includes('e'))).toBe(false)
    expect(report.skipped.some((s) => s.row === 36 && s.reason.includes('終端'))).toBe(true)

    const byName = (name: string) => catalog.dataItems.find((item) => item.name === name)!
    const shimei = byName('氏名')
    expect(shimei).toMatchObject({type: 'fullText', officialType: 'Ｎ', length: 100, output: '条件付き必須', required: false, nameRomaji: 'shimei'})
    expect(shimei.condition).toBe('氏名未定でない場合は出力必須')
    expect(shimei.classes).toEqual(['住登外者', '共通', '氏名'])
    expect(byName('個人番号')).toMatchObject({type: 'text', officialType: 'X', length: 12, output: '任意'})
    expect(byName('宛名番号')).toMatchObject({primaryKey: true, required: true, output: '必須', functionIds: ['0310002'], implementation: '必須'})
    expect(byName('操作時刻').type).toBe('time')
    expect(byName('性別').codeList).toBe('001')
    expect(byName('独自施策システム等ID')).toMatchObject({codeList: '999', repeat: 999})

    const flag = byName('代表宛名フラグ')
    expect(flag.codeList).toBe('002')
    const list = catalog.codeLists!.find((l) => l.id === flag.codeList)!
    expect(list.name).toBe('代表宛名フラグ')
    expect(list.values.map((v) => v.code)).toEqual(['0', '1'])
    expect(catalog.codeLists!.map((l) => l.id)).toEqual(['001', '002', '999'])

    const validate = await fitgap(['specs', 'validate', path.join(out, 'jumin', '2.1.yaml')])
    expect(validate.exitCode, validate.stdout + validate.stderr).toBe(0)
  })
})

interface SyntheticItem {
  serial: number
  name: string
  romaji: string
  pk?: boolean
  fk?: boolean
  type: string
  length?: string | number
  code?: string | number
  output: string
  explanation?: string
}

/** One group sheet in the 基本データリスト layout: title B1, note row 3, two-row merged header on 5–6, data from 7, `e` end. */
function addGroupSheet(workbook: ExcelJS.Workbook, group: string, items: SyntheticItem[]): void {
  const ws = workbook.addWorksheet(`項目定義書（テスト業務）${group}`)
  ws.getCell('B1').value = '■テスト業務 基本データリスト'
  ws.getCell('B3').value = '水色セル：主キー'
  const top = ['データ項目ID', 'データ項目ID', 'データ項目', 'データ項目（ローマ字）', 'グループ', '', '', 'クラス分類', '', '', 'データ型', '桁数', 'コード', '繰り返し', 'データ出力条件', '項目定義', '項目説明', '標準仕様書関連箇所', '実装類型', 'サンプル値', '備考']
  const bottom = ['データ項目ID', 'データ項目ID', 'データ項目', 'データ項目（ローマ字）', '名称', '主キー', '外部キー', 'LV1', 'LV2', 'LV3', 'データ型', '桁数', 'コード', '繰り返し', 'データ出力条件', '項目定義', '項目説明', '標準仕様書関連箇所', '実装類型', 'サンプル値', '備考']
  top.forEach((text, i) => {
    if (text !== '') ws.getCell(5, i + 2).value = text
  })
  bottom.forEach((text, i) => (ws.getCell(6, i + 2).value = text))
  ws.mergeCells('B5:C6')
  for (const col of ['D', 'E', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V']) ws.mergeCells(`${col}5:${col}6`)
  items.forEach((item, i) => {
    const r = 7 + i
    ws.getCell(r, 2).value = '099'
    const serial = ws.getCell(r, 3)
    serial.value = item.serial
    serial.numFmt = '00000'
    const values: (string | number | undefined)[] = [item.name, item.romaji, group, item.pk ? '○' : undefined, item.fk ? '○' : undefined, 'テスト', undefined, undefined, item.type, item.length, undefined, undefined, item.output, `${item.name}の定義`, item.explanation, '0990001テスト機能', '○', undefined, undefined]
    values.forEach((value, c) => {
      if (value !== undefined) ws.getCell(r, 4 + c).value = value
    })
    if (item.code !== undefined) {
      const code = ws.getCell(r, 14)
      code.value = item.code
      if (typeof item.code === 'number') code.numFmt = '000'
    }
    ws.getCell(r, 23).value = 'e'
  })
  const end = 7 + items.length
  for (let c = 1; c <= 23; c++) ws.getCell(end, c).value = 'e'
}

async function syntheticDataList(): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  addGroupSheet(workbook, '個人', [
    {serial: 1, name: '宛名番号', romaji: 'atenabango', pk: true, type: 'X', length: 15, output: '必須'},
    {serial: 2, name: '氏名', romaji: 'shimei', type: 'Ｎ', length: 100, output: '条件付き必須', explanation: '・全角\n※※氏名がある場合は出力必須'},
    {serial: 3, name: '性別', romaji: 'seibetsu', type: 'X', length: 1, code: 1, output: '任意'},
  ])
  addGroupSheet(workbook, '世帯', [
    {serial: 4, name: '世帯番号', romaji: 'setaibango', pk: true, type: 'X', length: 15, output: '必須'},
    {serial: 5, name: '宛名番号', romaji: 'atenabango', fk: true, type: 'X', length: 15, output: '必須'},
  ])
  addGroupSheet(workbook, '税額', [
    {serial: 6, name: '税額', romaji: 'zeigaku', type: '9V', length: '12,2', output: '任意'},
    {serial: 7, name: '課税年度', romaji: 'kazeinendo', type: 'YEAR', length: 4, code: '999', output: '任意'},
  ])
  const codes = workbook.addWorksheet('コード一覧（個別）_テスト業務')
  codes.getCell('A1').value = 'コード一覧表'
  const header = ['コードID', 'コード名', 'コード値', 'コード値の内容', '備考']
  header.forEach((text, i) => {
    codes.getCell(4, i + 1).value = text
    codes.getCell(5, i + 1).value = text
  })
  for (const col of ['A', 'B', 'C', 'D', 'E']) codes.mergeCells(`${col}4:${col}5`)
  const rows: (string | number | undefined)[][] = [
    [1, '性別', '1', '男'],
    [undefined, undefined, '2', '女'],
    [undefined, undefined, '9', '不明'],
    [999, '自治体固有コード', '任意', '任意', '自治体が定める'],
  ]
  rows.forEach((row, i) => {
    row.forEach((value, c) => {
      if (value !== undefined) codes.getCell(6 + i, c + 1).value = value
    })
  })
  codes.getCell('A6').numFmt = '000'
  const file = path.join(tempDir('fitgap-bdl-'), 'data-list.xlsx')
  await workbook.xlsx.writeFile(file)
  return file
}

function imported(result: ReturnType<typeof importGrids>): CatalogDocument {
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result.catalog
}

describe('基本データリスト: a workbook with several group sheets', () => {
  it('imports every group sheet and the code list', async () => {
    const grids = await readWorkbookGrids(await syntheticDataList())
    const catalog = imported(importGrids(grids, OPTIONS))
    expect(catalog.dataItems.map((i) => `${i.id} ${i.group} ${i.name}`)).toEqual([
      '09900001 個人 宛名番号',
      '09900002 個人 氏名',
      '09900003 個人 性別',
      '09900004 世帯 世帯番号',
      '09900005 世帯 宛名番号',
      '09900006 税額 税額',
      '09900007 税額 課税年度',
    ])
    const [atena, shimei, sex, , householdAtena, tax, year] = catalog.dataItems
    expect(atena).toMatchObject({primaryKey: true, required: true, output: '必須', nameRomaji: 'atenabango'})
    expect(householdAtena).toMatchObject({foreignKey: true})
    expect(householdAtena!.primaryKey).toBeUndefined()
    expect(shimei).toMatchObject({type: '全角文字', officialType: 'Ｎ', output: '条件付き必須', condition: '氏名がある場合は出力必須'})
    expect(sex).toMatchObject({codeList: '001'})
    expect(tax).toMatchObject({type: '数値', officialType: '9V', length: 12, scale: 2})
    expect(year).toMatchObject({type: '年', codeList: '999'})
    expect(catalog.codeLists).toEqual([
      {id: '001', name: '性別', values: [{code: '1', label: '男'}, {code: '2', label: '女'}, {code: '9', label: '不明'}]},
      {id: '999', name: '自治体固有コード', values: [{code: '任意', label: '任意', note: '自治体が定める'}]},
    ])
  })
})

/** A 機能・帳票要件 workbook whose requirements sit under merged section rows (no 分類 columns). */
async function sectionedRequirements(): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const fn = workbook.addWorksheet('機能要件')
  fn.getCell('A1').value = '機能要件一覧'
  ;['機能ID', '機能名称', '機能要件', '実装区分'].forEach((text, i) => (fn.getCell(3, i + 1).value = text))
  let r = 4
  const section = (text: string) => {
    fn.getCell(r, 1).value = text
    fn.mergeCells(r, 1, r, 4)
    r += 1
  }
  const requirement = (id: string, name: string, kind: string) => {
    ;[id, name, `${name}ができること。`, kind].forEach((text, i) => (fn.getCell(r, i + 1).value = text))
    r += 1
  }
  section('1 管理項目')
  section('1.1 住民データ')
  requirement('0990001', '記載事項の管理', '実装必須機能')
  requirement('0990002', '付随情報の管理', '標準オプション機能')
  section('1.2 除票')
  requirement('0990003', '除票の保存', '実装必須機能')
  section('2 異動')
  requirement('0990004', '異動の記録', '実装必須機能')
  section('2.1 転入')
  section('2.1.1 通常の転入')
  requirement('0990005', '転入届の受付', '実装不可機能')
  const form = workbook.addWorksheet('帳票要件')
  ;['帳票ID', '帳票名称', '実装区分'].forEach((text, i) => (form.getCell(2, i + 1).value = text))
  form.getCell('A3').value = '1 証明書'
  form.mergeCells('A3:C3')
  ;['0990001', '住民票の写し', '実装必須機能'].forEach((text, i) => (form.getCell(4, i + 1).value = text))
  form.getCell('A5').value = '2 通知書'
  form.mergeCells('A5:C5')
  ;['0990002', '転入通知書', '標準オプション機能'].forEach((text, i) => (form.getCell(6, i + 1).value = text))
  const file = path.join(tempDir('fitgap-sections-'), '機能・帳票要件.xlsx')
  await workbook.xlsx.writeFile(file)
  return file
}

describe('機能・帳票要件: merged section rows become 大/中/小分類', () => {
  it('keeps the section path as the category of each function and form', async () => {
    const catalog = imported(importGrids(await readWorkbookGrids(await sectionedRequirements()), OPTIONS))
    expect(catalog.functions.map((f) => [f.id, f.category])).toEqual([
      ['0990001', ['管理項目', '住民データ']],
      ['0990002', ['管理項目', '住民データ']],
      ['0990003', ['管理項目', '除票']],
      ['0990004', ['異動']],
      ['0990005', ['異動', '転入', '通常の転入']],
    ])
    expect(catalog.forms.map((f) => [f.id, f.category])).toEqual([
      ['0990001', '証明書'],
      ['0990002', '通知書'],
    ])
  })

  it('a re-import of the same content shows no 分類 change in specs diff', async () => {
    const ws = path.join(tempDir('fitgap-sections-ws-'), 'ws')
    expect((await fitgap(['init', ws])).exitCode).toBe(0)
    const file = await sectionedRequirements()
    for (const edition of ['4.0', '4.1']) expect((await fitgap(['specs', 'import', file, '--area', 'jumin', '--edition', edition, '--workspace', ws])).exitCode).toBe(0)
    const diff = await fitgap(['specs', 'diff', 'jumin', '--from', '4.0', '--to', '4.1', '--workspace', ws, '--json'])
    expect(diff.exitCode, diff.stderr).toBe(0)
    const summary = fitgapJson<{summary: {functions: {changed: number; unchanged: number}; forms: {changed: number}}}>(diff).summary
    expect(summary.functions).toMatchObject({changed: 0, unchanged: 5})
    expect(summary.forms.changed).toBe(0)
  })
})
