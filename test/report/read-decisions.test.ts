/**
 * Reading the team's entries back from a Fit&Gap workbook (in memory, no file): columns found by header wherever
 * they sit, every vocabulary problem named by sheet, cell and key, cell values read as the person typed them.
 */
import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {TEXT_FORMAT} from '../../src/report/cells.js'
import {readDecisionRows} from '../../src/report/read-decisions.js'

const HEADERS = ['キー', '実装区分', '自動判定', '判定', '対応方針', '担当課', '備考', '_fitgap']
const SHEETS = ['機能要件', '帳票', 'データ項目', '現行独自項目']
const META = JSON.stringify({fp: 'abc', ed: '2.0', base: {verdict: 'fit'}, av: '○ 適合'})

/** A workbook with every decision sheet (headers only) and the given rows on the given sheets. */
function book(rows: Record<string, unknown[][]> = {}, headers: Record<string, string[] | null> = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  for (const name of [...SHEETS, ...Object.keys(headers).filter((n) => !SHEETS.includes(n))]) {
    const header = name in headers ? headers[name] : HEADERS
    if (header === null) continue
    const sheet = workbook.addWorksheet(name)
    sheet.addRow(header)
    for (const row of rows[name] ?? []) sheet.addRow(row)
  }
  return workbook
}

/** A functions-sheet row in HEADERS order. */
const fn = (key: string, kind: string, verdict: unknown, policy: unknown = null, department: unknown = null, note: unknown = null, meta: unknown = META) => [
  key,
  kind,
  '○ 適合',
  verdict,
  policy,
  department,
  note,
  meta,
]

describe('readDecisionRows', () => {
  it('reads the entries by header, wherever the columns are, and skips rows without a key', () => {
    const shuffled = ['備考', '判定', 'キー', '担当課', '対応方針']
    const workbook = book({帳票: [['メモ', '△ 部分適合', 'jumin:form:001', '市民課', '運用で対応 (BPR)'], ['x', '○', '', '', ''], ['', '', 'jumin:form:002', '', '']]}, {帳票: shuffled})
    const {rows, problems, sheetsRead, sheetProblems} = readDecisionRows(workbook)
    expect([problems, sheetProblems]).toEqual([[], []])
    expect(sheetsRead).toEqual(SHEETS)
    expect(rows).toEqual([
      {sheet: '帳票', row: 2, key: 'jumin:form:001', meta: undefined, values: {verdict: 'partial', policy: 'operation', department: '市民課', note: 'メモ'}},
      {sheet: '帳票', row: 4, key: 'jumin:form:002', meta: undefined, values: {}},
    ])
  })

  it('keeps the row meta and the 自動判定 text as found', () => {
    const {rows} = readDecisionRows(book({機能要件: [fn('jumin:fn:0010001', '実装必須機能', '× 不適合')]}))
    expect(rows).toEqual([
      {sheet: '機能要件', row: 2, key: 'jumin:fn:0010001', meta: JSON.parse(META), values: {verdict: 'gap'}, autoVerdictText: '○ 適合'},
    ])
  })

  it('ignores a meta cell that is not fitgap row meta', () => {
    const metas = ['{"fp":"abc","ed":"2.0"}', '{"fp":1,"ed":"2.0","base":{}}', '{"fp":"a","ed":2,"base":{}}', 'not json', '']
    const {rows} = readDecisionRows(book({機能要件: metas.map((m, i) => fn(`jumin:fn:00${i}`, '実装必須機能', null, null, null, null, m))}))
    expect(rows.map((r) => r.meta)).toEqual(metas.map(() => undefined))
  })

  it('names a missing sheet and the missing headers of a renamed column, and reads the other sheets', () => {
    const workbook = book({現行独自項目: [['jumin:cur:1', '', '', '', '廃止', '', '', '']]}, {帳票: null, データ項目: ['キー', '判定', '備考', '_fitgap']})
    const {rows, sheetsRead, sheetProblems} = readDecisionRows(workbook)
    expect(sheetProblems).toEqual([
      {sheet: '帳票', missing: []},
      {sheet: 'データ項目', missing: ['対応方針', '担当課']},
    ])
    expect(sheetsRead).toEqual(['機能要件', '現行独自項目'])
    expect(rows.map((r) => [r.sheet, r.values])).toEqual([['現行独自項目', {policy: 'retire'}]])
  })

  it('names the sheet, cell, key and allowed values of every word it cannot use', () => {
    const workbook = book({
      機能要件: [
        fn('jumin:fn:1', '実装必須機能', '◎'),
        fn('jumin:fn:2', '実装必須機能', null, '外注'),
        fn('jumin:fn:3', '実装不可機能', null, '標準どおり'),
        fn('jumin:fn:4', '実装必須機能', null, 'カスタマイズ (理由必須)'),
        fn('jumin:fn:5', '実装必須機能', null, 'カスタマイズ', null, '制度上必要'),
        fn('jumin:fn:6', '', null, '廃止'),
      ],
      データ項目: [['jumin:item:1', '', '', '', '廃止', '', '', '']],
      現行独自項目: [['jumin:cur:1', '', '', '', '標準どおり', '', '', '']],
    })
    const {rows, problems} = readDecisionRows(workbook)
    expect(problems).toEqual([
      {sheet: '機能要件', cell: 'D2', key: 'jumin:fn:1', message: '判定「◎」は使えません (使える値: ○ 適合 / △ 部分適合 / × 不適合 / − 対象外 / 未判定)'},
      {
        sheet: '機能要件',
        cell: 'E3',
        key: 'jumin:fn:2',
        message:
          '対応方針「外注」は使えません (使える値: 標準どおり / 業務運用の見直し / 運用で対応 (BPR) / 標準オプションを採用 / 標準オプションを採用しない / パラメータ設定 / 代替機能 / EUC / 独自施策システム (疎結合) / 仕様改定を要望 / 廃止 / カスタマイズ (理由必須))',
      },
      {
        sheet: '機能要件',
        cell: 'E4',
        key: 'jumin:fn:3',
        message:
          '対応方針「標準どおり」は実装不可の要件には使えません (使える値: 業務運用の見直し / 運用で対応 (BPR) / 代替機能 / EUC / 独自施策システム (疎結合) / 仕様改定を要望 / 廃止)',
      },
      {sheet: '機能要件', cell: 'G5', key: 'jumin:fn:4', message: 'カスタマイズを選んだ行は備考に理由を書いてください'},
      {
        sheet: 'データ項目',
        cell: 'E2',
        key: 'jumin:item:1',
        message:
          '対応方針「廃止」はデータ項目には使えません (使える値: 標準どおり / 業務運用の見直し / 運用で対応 (BPR) / 代替機能 / EUC / 独自施策システム (疎結合) / 仕様改定を要望 / パラメータ設定 / カスタマイズ (理由必須))',
      },
      {
        sheet: '現行独自項目',
        cell: 'E2',
        key: 'jumin:cur:1',
        message:
          '対応方針「標準どおり」は現行独自の行には使えません (使える値: 業務運用の見直し / 運用で対応 (BPR) / 代替機能 / EUC / 独自施策システム (疎結合) / 仕様改定を要望 / 廃止 / カスタマイズ (理由必須))',
      },
    ])
    // A customisation with its reason, and a policy on a row whose 実装区分 is not shown, are fine.
    expect(rows.find((r) => r.key === 'jumin:fn:5')?.values).toEqual({policy: 'customize', note: '制度上必要'})
    expect(rows.find((r) => r.key === 'jumin:fn:6')?.values).toEqual({policy: 'retire'})
  })

  it('checks 対応方針 against the 実装区分 shown on the row, for options too', () => {
    const {problems} = readDecisionRows(
      book({
        機能要件: [fn('jumin:fn:1', '標準オプション機能', null, '標準オプションを採用しない'), fn('jumin:fn:2', '実装必須機能', null, '標準オプションを採用しない')],
      }),
    )
    expect(problems.map((p) => [p.key, p.message.split('は')[1]])).toEqual([['jumin:fn:2', '実装必須の要件に']])
  })

  it('refuses a formula whose result the file does not hold, and reads one that has it', () => {
    const workbook = book({
      機能要件: [
        fn('jumin:fn:1', '実装必須機能', {formula: 'IF(1,"○ 適合")'}),
        fn('jumin:fn:2', '実装必須機能', {formula: 'IF(1,"○ 適合")', result: '○ 適合'}),
        fn('jumin:fn:3', '実装必須機能', null, null, {sharedFormula: 'F2', result: null}),
      ],
    })
    const {rows, problems} = readDecisionRows(workbook)
    const message = '数式の結果が保存されていないため読めません (Excel で開いて保存し直すか、値を直接入力してください)'
    expect(problems).toEqual([
      {sheet: '機能要件', cell: 'D2', key: 'jumin:fn:1', message},
      {sheet: '機能要件', cell: 'F4', key: 'jumin:fn:3', message},
    ])
    expect(rows.map((r) => r.values)).toEqual([{}, {verdict: 'fit'}, {}])
  })

  it('reads cells as the person typed them: Text-format cells as they are, older escapes undone, rich text, numbers, dates, links', () => {
    const workbook = book({
      機能要件: [
        fn('jumin:fn:1', '実装必須機能', null, null, null, '\t=A1 のまま  '),
        fn('jumin:fn:2', '実装必須機能', null, null, null, "  '=SUM(A1) "),
        fn('jumin:fn:3', '実装必須機能', null, null, null, "'メモ"),
        fn('jumin:fn:4', '実装必須機能', {richText: [{text: ' △ '}, {text: '部分適合 '}]}, null, 42, new Date('2027-03-31T00:00:00Z')),
        fn('jumin:fn:5', '実装必須機能', null, null, {text: ' 市民課 ', hyperlink: 'https://example.jp'}, true),
        fn('jumin:fn:6', '実装必須機能', null, null, {formula: 'A1', result: ' 税務課 '}, {richText: [{text: ' 理由は'}, {text: 'ここ '}]}),
      ],
    })
    workbook.getWorksheet('機能要件')!.getCell('G2').numFmt = TEXT_FORMAT
    const {rows} = readDecisionRows(workbook)
    expect(rows.map((r) => r.values)).toEqual([
      {note: '\t=A1 のまま'},
      {note: '=SUM(A1)'},
      {note: "'メモ"},
      {verdict: 'partial', department: '42', note: '2027-03-31'},
      {department: '市民課', note: 'true'},
      {department: '税務課', note: '理由はここ'},
    ])
  })
})

describe('readDecisionRows: 課題一覧', () => {
  const REGISTER = ['No', '内容', '担当課', '期限', '状態', '_fitgap', 'キー']

  it('reads 担当課, 期限 (a date or date text) and 状態, naming what it cannot read', () => {
    const rows = [
      [1, 'a', '市民課', new Date('2027-03-31T00:00:00Z'), '対応中', META, 'issue:1'],
      [2, 'b', '', ' 2027年4月1日 ', '完了', '', 'issue:2'],
      [3, 'c', '', '2027-02-30', '終わった', '', 'issue:3'],
      [4, 'd', '税務課', '', '', '', ''],
      [5, 'e', '', '', '', '', 'issue:5'],
      [6, 'f', '', {formula: 'A1', result: '2027/5/6'}, {formula: 'B1', result: ' 未着手 '}, '', 'issue:6'],
    ]
    const {rows: read, problems, sheetsRead} = readDecisionRows(book({課題一覧: rows}, {課題一覧: REGISTER}))
    expect(sheetsRead).toContain('課題一覧')
    expect(read.filter((r) => r.sheet === '課題一覧')).toEqual([
      {sheet: '課題一覧', row: 2, key: 'issue:1', meta: JSON.parse(META), values: {department: '市民課', due: '2027-03-31', state: 'doing'}},
      {sheet: '課題一覧', row: 3, key: 'issue:2', meta: undefined, values: {due: '2027-04-01', state: 'done'}},
      {sheet: '課題一覧', row: 4, key: 'issue:3', meta: undefined, values: {}},
      {sheet: '課題一覧', row: 6, key: 'issue:5', meta: undefined, values: {}},
      {sheet: '課題一覧', row: 7, key: 'issue:6', meta: undefined, values: {due: '2027-05-06', state: 'todo'}},
    ])
    expect(problems).toEqual([
      {sheet: '課題一覧', cell: 'D4', key: 'issue:3', message: '期限「2027-02-30」は日付として読めません (例: 2027-03-31)'},
      {sheet: '課題一覧', cell: 'E4', key: 'issue:3', message: '状態「終わった」は使えません (使える値: 未着手 / 対応中 / 完了)'},
    ])
  })

  it('refuses a register cell holding a formula with no saved result, as the decision sheets do', () => {
    const rows = [[1, 'a', {formula: 'A1'}, '', {formula: 'B1', result: null}, '', 'issue:1']]
    const {rows: read, problems} = readDecisionRows(book({課題一覧: rows}, {課題一覧: REGISTER}))
    const message = '数式の結果が保存されていないため読めません (Excel で開いて保存し直すか、値を直接入力してください)'
    expect(problems).toEqual([
      {sheet: '課題一覧', cell: 'E2', key: 'issue:1', message},
      {sheet: '課題一覧', cell: 'C2', key: 'issue:1', message},
    ])
    expect(read.filter((r) => r.sheet === '課題一覧').map((r) => r.values)).toEqual([{}])
  })

  it('reads a register with any one of its input columns, and skips one without a key or any input column', () => {
    const only = (headers: string[], row: unknown[]) => {
      const {rows, sheetsRead} = readDecisionRows(book({課題一覧: [row]}, {課題一覧: headers}))
      return sheetsRead.includes('課題一覧') ? rows.filter((r) => r.sheet === '課題一覧').map((r) => r.values) : 'not read'
    }
    expect(only(['キー', '状態'], ['issue:1', '完了'])).toEqual([{state: 'done'}])
    expect(only(['キー', '期限'], ['issue:1', '2027/3/31'])).toEqual([{due: '2027-03-31'}])
    expect(only(['キー', '担当課'], ['issue:1', '市民課'])).toEqual([{department: '市民課'}])
    expect(only(['キー', '内容'], ['issue:1', 'x'])).toBe('not read')
    expect(only(['状態', '担当課'], ['完了', '市民課'])).toBe('not read')
    expect(readDecisionRows(book()).sheetsRead).not.toContain('課題一覧')
  })
})
