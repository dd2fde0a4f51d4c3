/**
 * readXlsx called directly on workbooks made here with exceljs (the import command runs it on files): which
 * sheets are read, merged cells and formulas, the table name, and refusals naming the sheet and cell.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {InputError} from '../../src/errors.js'
import {loadAliases} from '../../src/current/aliases.js'
import {readXlsx} from '../../src/current/read-xlsx.js'
import type {ReaderOptions} from '../../src/current/reader.js'
import type {RecordSink} from '../../src/current/records.js'
import type {CurrentField, CurrentFunction} from '../../src/model/current.js'
import {tempDir} from '../helpers/cli.js'

type Rows = (string | number | null | {formula: string})[][]

async function book(sheets: {name: string; rows: Rows; state?: 'hidden'; merge?: string[]}[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, spec.state ? {state: spec.state} : {})
    spec.rows.forEach((row, i) => row.forEach((value, j) => value !== null && (sheet.getCell(i + 1, j + 1).value = value as ExcelJS.CellValue)))
    for (const range of spec.merge ?? []) sheet.mergeCells(range)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

async function read(bytes: Buffer, options: Partial<ReaderOptions> = {}) {
  const file = path.join(tempDir('fitgap-read-xlsx-'), 'def.xlsx')
  writeFileSync(file, bytes)
  const fields: CurrentField[] = []
  const functions: CurrentFunction[] = []
  const sink: RecordSink = {field: (r) => fields.push(r), form: () => {}, function: (r) => functions.push(r)}
  const result = await readXlsx({path: file, display: 'exports/def.xlsx', fileKey: 'def.xlsx', encoding: 'auto', aliases: loadAliases(), area: 'jumin', ...options}, sink)
  return {result, fields, functions}
}

const refusal = (bytes: Buffer, options: Partial<ReaderOptions> = {}) =>
  read(bytes, options).then(
    () => {
      throw new Error('not refused')
    },
    (error: unknown) => {
      if (!(error instanceof InputError)) throw error
      return error
    },
  )

const FIELD_HEADER = ['テーブル物理名', 'カラム名', '論理名', '桁数']

describe('readXlsx', () => {
  it('reads every visible sheet with a header, noting the others, and sums the counts', async () => {
    const bytes = await book([
      {name: '表紙', rows: [['住民記録 項目定義書'], ['作成日', '2024-04-01']]},
      {name: '空', rows: []},
      {name: '隠し', rows: [FIELD_HEADER, ['H', 'HIDDEN', '隠し', 1]], state: 'hidden'},
      {name: '住民', rows: [FIELD_HEADER, ['JUMIN', 'A', 'あ', 10], ['JUMIN', 'B', 'い', 20]]},
      {name: '世帯', rows: [['注記'], FIELD_HEADER, ['SETAI', 'C', 'う', null], ['※ 以上']]},
      {name: '機能', rows: [['機能ID', '機能名'], ['K01', '住民データ管理']]},
    ])
    const {result, fields, functions} = await read(bytes)
    expect(result.format).toBe('xlsx')
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(result.counts).toEqual({fields: 3, functions: 1})
    expect(result.warnings).toEqual([])
    expect(result.notes).toEqual([
      'シート「空」は空のため読み飛ばしました',
      'シート「隠し」は非表示のため読み飛ばしました',
      'シート「住民」: 項目定義 2 件 (見出し 1行目、テーブル 住民)',
      'シート「世帯」: 項目定義 1 件 (見出し 2行目、テーブル 世帯、定義でない行 1 行を読み飛ばし)',
      'シート「機能」: 機能一覧 1 件 (見出し 1行目)',
      'シート「表紙」 見出し行が見つからないため読み飛ばしました',
    ])
    expect(fields.map((f) => [f.table, f.column, f.length, f.source])).toEqual([
      ['JUMIN', 'A', 10, {file: 'def.xlsx', sheet: '住民', row: 2}],
      ['JUMIN', 'B', 20, {file: 'def.xlsx', sheet: '住民', row: 3}],
      ['SETAI', 'C', undefined, {file: 'def.xlsx', sheet: '世帯', row: 3}],
    ])
    expect(functions.map((f) => [f.id, f.name])).toEqual([['K01', '住民データ管理']])
  })

  it('reads only the sheets the profile names, its header row, and its table name', async () => {
    const bytes = await book([
      {name: 'A', rows: [['カラム名', '論理名'], ['X', 'えっくす']]},
      {name: 'B', rows: [['カラム名', '論理名'], ['Y', 'わい'], ['カラム名', '論理名'], ['Z', 'ぜっと']]},
    ])
    const {fields, result} = await read(bytes, {profile: {sheets: ['B'], headerRow: 3, table: 'PROFILE_T'} as ReaderOptions['profile']})
    expect(fields.map((f) => [f.table, f.column])).toEqual([['PROFILE_T', 'Z']])
    expect(result.notes).toEqual(['シート「B」: 項目定義 1 件 (見出し 3行目、テーブル PROFILE_T)'])
    expect((await read(bytes, {kinds: ['functions']}).catch((e: Error) => e)) as Error).toBeInstanceOf(InputError)
  })

  it('takes the table from a title block above the header, repeats a merged cell down its column only', async () => {
    const bytes = await book([
      {
        name: 'S',
        rows: [
          ['テーブル名', 'JUMIN_KIHON', null],
          ['タイトル', null, null],
          ['カラム名', '論理名', '説明'],
          ['A', 'あ', '縦に結合'],
          ['B', 'い', null],
        ],
        merge: ['A2:C2', 'C4:C5'],
      },
    ])
    const {fields} = await read(bytes)
    expect(fields.map((f) => [f.table, f.column, f.description])).toEqual([
      ['JUMIN_KIHON', 'A', '縦に結合'],
      ['JUMIN_KIHON', 'B', '縦に結合'],
    ])
  })

  it('warns about formulas without a saved result, naming at most five cells', async () => {
    const rows: Rows = [['カラム名', '論理名']]
    for (let i = 0; i < 7; i++) rows.push([`C${i}`, {formula: `"x"&${i}`}])
    const {result, fields} = await read(await book([{name: 'S', rows}]))
    expect(fields[0]!.label).toBe('C0')
    expect(result.warnings).toEqual([
      'exports/def.xlsx: 計算結果が保存されていない数式があり、空として読みました (S!B2, S!B3, S!B4, S!B5, S!B6)。Excel で開いて保存し直すと値が入ります。',
    ])
  })

  it('warns about a sheet with a header and no row under it', async () => {
    const {result} = await read(await book([{name: 'S', rows: [['カラム名', '論理名']]}, {name: 'T', rows: [['カラム名', '論理名'], ['A', 'あ']]}]))
    expect(result.warnings).toEqual(['exports/def.xlsx シート「S」: 見出し行 (1行目) の下に定義の行がありません。'])
  })

  it('names the sheet and cell of a value it cannot read, and reads nothing from the file', async () => {
    const bytes = await book([{name: 'S', rows: [['カラム名', '論理名', '桁数'], ['A', 'あ', 'たくさん']]}])
    const error = await refusal(bytes)
    expect(error.message.split('\n')[0]).toBe('exports/def.xlsx に誤りがあります (1 件)。ファイルは取り込んでいません。')
    expect(error.problems[0]).toMatch(/^exports\/def\.xlsx シート「S」 セル C2: 桁数「たくさん」を解釈できません/)
  })

  it('refuses a sheet with the same header twice, naming the sheet and row', async () => {
    const bytes = await book([{name: 'S', rows: [['カラム名', '論理名', '論理名'], ['A', 'あ', 'い']]}])
    const error = await refusal(bytes)
    expect(error.problems[0]).toMatch(/^exports\/def\.xlsx シート「S」 1行目/)
  })

  it('refuses files that are not xlsx workbooks, and workbooks with nothing to read', async () => {
    expect((await refusal(Buffer.alloc(0))).message).toBe('exports/def.xlsx: ファイルが空です (0 バイト)。')
    expect((await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).message).toBe(
      'exports/def.xlsx: Excel 97-2003 形式 (.xls) か、パスワードで保護されたブックです。Excel で .xlsx として保存し直してください。',
    )
    expect((await refusal(Buffer.from([0xd0, 0x00]))).message).toBe('exports/def.xlsx: XLSX ではありません (ZIP 形式ではありません)。')
    expect((await refusal(Buffer.from([0x50, 0x00]))).message).toBe('exports/def.xlsx: XLSX ではありません (ZIP 形式ではありません)。')
    expect((await refusal(Buffer.from('PK\x03\x04 broken', 'latin1'))).message).toMatch(/^exports\/def\.xlsx: XLSX として読めません \(.*\)。Excel で開けるか確かめてください。$/)
    expect((await refusal(await book([{name: 'H', rows: [['カラム名'], ['A']], state: 'hidden'}]))).message).toBe(
      'exports/def.xlsx: 読めるシートがありません (空か、すべて非表示か、--profile の sheets に当たるシートがありません)。',
    )
    const noHeader = await refusal(await book([{name: '表紙', rows: [['タイトル']]}]))
    expect(noHeader.message.split('\n')[0]).toBe(
      'exports/def.xlsx: どのシートにも見出し行が見つかりません。見出しの別名はワークスペースの mappings/header-aliases.yaml に、業者独自の形式は --profile で指定できます (docs/current-import.md)。',
    )
    expect(noHeader.problems[0]).toBe('シート「表紙」:')
  })
})
