import type ExcelJS from 'exceljs'

import {VERDICTS} from '../model/decision.js'
import {SEVERITY_LABELS} from '../model/finding.js'
import {IMPLEMENTATION_KINDS, KIND_LABELS} from '../model/vocabulary.js'
import {safeText} from './cells.js'
import {printSetup, rowHeightFor, setPrintArea, wrappedLines} from './print-layout.js'
import type {Report} from './report-model.js'
import {SHEET_NAMES} from './sheets.js'
import {DATA_BAR_ARGB, FONT, HEADER_FILL, HEADER_FONT, SEVERITY_COLOURS, solid, STATUS_COLOURS, VERDICT_COLOURS} from './styles.js'
import {AREA_STATUS_LABELS} from '../analyzers/analyze-area.js'
import type {SummaryModel} from './summary-model.js'

type Sheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>

/** A grid of one name column and 25 narrow ones; every table of the page is laid out on it with merged cells. */
const FIRST_WIDTH = 16
const NARROW = 6.2
const COLUMNS = 26

interface Span {
  readonly from: number
  readonly to?: number
  readonly value: ExcelJS.CellValue
  readonly bold?: boolean
  readonly size?: number
  readonly fill?: string
  readonly header?: boolean
  readonly wrap?: boolean
  readonly align?: 'left' | 'center' | 'right'
  readonly numFmt?: string
}

const spanWidth = (span: Span) => {
  let width = 0
  for (let c = span.from; c <= (span.to ?? span.from); c++) width += c === 1 ? FIRST_WIDTH : NARROW
  return width
}

const percent = (n: number) => `${Math.round(n * 100)}%`
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0')

/** 「適合率 67% (判定済み 15 / 263)」: the rate never without the base it rests on. */
export const fitRateText = (fitRate: number | null, judged: number, total: number) =>
  `${fitRate === null ? '−' : percent(fitRate)} (判定済み ${judged} / ${total})`

/** サマリー: one A4 landscape page a manager can read without knowing the tool. */
export function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report, summary: SummaryModel, localTime: (iso: string) => string): void {
  const sheet: Sheet = workbook.addWorksheet(SHEET_NAMES.summary, {
    views: [{showGridLines: false}],
    ...printSetup({paper: 'a4', lastPrintedColumn: COLUMNS, onePage: true, title: report.title}),
  })
  sheet.columns = Array.from({length: COLUMNS}, (_, i) => ({width: i === 0 ? FIRST_WIDTH : NARROW}))
  let rowNumber = 0
  /** Cells of a table get a thin grey border. */
  let tableRow = false
  const thin: Partial<ExcelJS.Borders> = {
    top: {style: 'thin', color: {argb: 'FFBFBFBF'}},
    bottom: {style: 'thin', color: {argb: 'FFBFBFBF'}},
    left: {style: 'thin', color: {argb: 'FFBFBFBF'}},
    right: {style: 'thin', color: {argb: 'FFBFBFBF'}},
  }
  const line = (spans: readonly Span[], height?: number) => {
    const values: ExcelJS.CellValue[] = []
    for (const span of spans) values[span.from - 1] = span.value
    const row = sheet.addRow(values)
    rowNumber += 1
    let lines = 1
    for (const span of spans) {
      for (let c = span.from; c <= (span.to ?? span.from); c++) {
        const cell = row.getCell(c)
        cell.font = span.header ? {...HEADER_FONT, size: span.size ?? FONT.size} : {...FONT, bold: span.bold, size: span.size ?? FONT.size}
        if (span.header) cell.fill = HEADER_FILL
        else if (span.fill) cell.fill = solid(span.fill)
        cell.alignment = {vertical: 'middle', horizontal: span.align ?? (span.header ? 'center' : 'left'), wrapText: span.wrap ?? false}
        if (span.numFmt) cell.numFmt = span.numFmt
        cell.border = span.header || span.fill !== undefined || tableRow ? thin : {}
      }
      if (span.to !== undefined && span.to > span.from) sheet.mergeCells(rowNumber, span.from, rowNumber, span.to)
      if (span.wrap && typeof span.value === 'string') lines = Math.max(lines, wrappedLines(span.value, spanWidth(span)))
    }
    if (height !== undefined || lines > 1) row.height = height ?? rowHeightFor(lines)
    row.commit()
    return rowNumber
  }
  const heading = (text: string) => line([{from: 1, to: COLUMNS, value: text, bold: true, size: 12}], 20)
  const blank = () => line([], 8)
  const t = summary.totals

  line([{from: 1, to: COLUMNS, value: safeText(report.title), bold: true, size: 16}], 26)
  line(
    [
      {
        from: 1,
        to: COLUMNS,
        value: `ワークスペース: ${safeText(report.workspace.name)} / 作成: ${report.tool.name} ${report.tool.version}${report.generatedAt ? ` (${localTime(report.generatedAt)})` : ''} / 入力ファイルと出所は「${SHEET_NAMES.inputs}」シート`,
        size: 10,
      },
    ],
  )
  line([
    {
      from: 1,
      to: COLUMNS,
      value: `全体: 適合率 ${fitRateText(t.fitRate, t.judged, t.functionCount)} / 判定済み ${percent(t.decidedRate)} / 未対応の課題 重大 ${t.open.error} 件・注意 ${t.open.warning} 件 / 標準オプション未決定 ${t.optionsUndecided} 件`,
      bold: true,
      size: 11,
    },
  ])
  if (summary.change)
    line([
      {
        from: 1,
        to: COLUMNS,
        value: `前回の分析 (${localTime(summary.change.since)}) から: 判定 ${signed(summary.change.decided)}、重大 ${signed(summary.change.error)}、注意 ${signed(summary.change.warning)}、標準オプション未決定 ${signed(summary.change.optionsUndecided)}`,
      },
    ])
  blank()

  heading('業務別の状況')
  tableRow = true
  line([
    {from: 1, value: '業務', header: true},
    {from: 2, to: 3, value: '状況', header: true},
    {from: 4, to: 9, value: '適合率 (判定済み / 機能数)', header: true},
    {from: 10, to: 12, value: '判定済み', header: true},
    {from: 13, to: 14, value: '重大', header: true},
    {from: 15, to: 16, value: '注意', header: true},
    {from: 17, to: 20, value: 'オプション未決定', header: true},
    {from: 21, to: COLUMNS, value: '注記', header: true},
  ])
  const firstArea = rowNumber + 1
  for (const area of summary.areas) {
    const note = area.nothingImported ? '現行定義が未取込。自動判定は標準だけから (fitgap current import)' : area.functionCount === 0 ? 'この版に機能要件がない' : ''
    line([
      {from: 1, value: area.name, bold: true},
      {from: 2, to: 3, value: AREA_STATUS_LABELS[area.status], fill: STATUS_COLOURS[area.status], align: 'center'},
      {from: 4, to: 9, value: fitRateText(area.fitRate, area.judged, area.functionCount), align: 'center'},
      {from: 10, to: 12, value: area.decidedRate, numFmt: '0%', align: 'right'},
      {from: 13, to: 14, value: area.open.error, align: 'right', ...(area.open.error > 0 ? {fill: SEVERITY_COLOURS[0]![1]} : {})},
      {from: 15, to: 16, value: area.open.warning, align: 'right'},
      {from: 17, to: 20, value: area.optionsUndecided, align: 'right'},
      {from: 21, to: COLUMNS, value: note, size: 10, wrap: true},
    ])
  }
  if (summary.areas.length > 0) dataBar(sheet, `J${firstArea}:J${rowNumber}`)
  tableRow = false
  blank()

  heading('判定の内訳 (件数)')
  tableRow = true
  const groups = [...IMPLEMENTATION_KINDS.map((k) => `機能 (${KIND_LABELS[k]})`), '帳票', 'データ項目']
  line([{from: 1, value: '', header: true}, ...groups.map((g, i): Span => ({from: 2 + i * 5, to: 6 + i * 5, value: g, header: true, size: 10}))])
  const marks = [...VERDICT_COLOURS.map(([mark, argb]) => ({mark, argb})), {mark: '未', argb: undefined}]
  line([
    {from: 1, value: '業務', header: true},
    ...groups.flatMap((_, g) => marks.map(({mark, argb}, i): Span => (argb ? {from: 2 + g * 5 + i, value: mark, fill: argb, align: 'center', bold: true} : {from: 2 + g * 5 + i, value: mark, header: true}))),
  ])
  for (const area of summary.areas) {
    const counts = [...IMPLEMENTATION_KINDS.map((k) => area.functionsByKind[k]), area.forms, area.dataItems]
    line([{from: 1, value: area.name, bold: true}, ...counts.flatMap((c, g) => VERDICTS.map((v, i): Span => ({from: 2 + g * 5 + i, value: c[v], align: 'right'})))])
  }
  tableRow = false
  line([{from: 1, to: COLUMNS, value: '○ 適合 / △ 部分適合 / × 不適合 / − 対象外 / 未 未判定。標準オプションは採否 (対応方針) を決めるまで未判定です。', size: 10}])
  blank()

  heading('次に決めること (未対応の課題から重大・注意の順)')
  tableRow = true
  line([
    {from: 1, value: '業務', header: true},
    {from: 2, to: 3, value: '重大度', header: true},
    {from: 4, to: 9, value: '対象', header: true},
    {from: 10, to: 23, value: '内容', header: true},
    {from: 24, to: COLUMNS, value: '担当課', header: true},
  ])
  if (summary.next.length === 0) line([{from: 1, to: COLUMNS, value: '未対応の課題はありません。'}])
  for (const next of summary.next)
    line([
      {from: 1, value: next.areaName, bold: true},
      {from: 2, to: 3, value: SEVERITY_LABELS[next.severity], fill: SEVERITY_COLOURS.find(([label]) => label === SEVERITY_LABELS[next.severity])?.[1], align: 'center'},
      {from: 4, to: 9, value: safeText(next.subject), wrap: true},
      {from: 10, to: 23, value: safeText(next.content), wrap: true},
      {from: 24, to: COLUMNS, value: next.department ? safeText(next.department) : '(未定)', wrap: true},
    ])
  tableRow = false
  line([{from: 1, to: COLUMNS, value: `全件は「${SHEET_NAMES.issues}」シート (担当課・期限・状態を記入できます)。`, size: 10}])
  blank()

  heading('担当課別の進捗')
  tableRow = true
  line([
    {from: 1, value: '担当課', header: true},
    {from: 2, to: 4, value: '担当件数', header: true},
    {from: 5, to: 7, value: '判定済み', header: true},
    {from: 8, to: 12, value: '進捗', header: true},
    {from: 13, to: 16, value: '未対応の課題', header: true},
  ])
  const firstDepartment = rowNumber + 1
  for (const d of summary.departments)
    line([
      {from: 1, value: d.department ? safeText(d.department) : '(担当課未記入)', bold: d.department !== undefined},
      {from: 2, to: 4, value: d.rows, align: 'right'},
      {from: 5, to: 7, value: d.decided, align: 'right'},
      {from: 8, to: 12, value: d.rows === 0 ? 0 : d.decided / d.rows, numFmt: '0%', align: 'right'},
      {from: 13, to: 16, value: d.openIssues, align: 'right'},
    ])
  if (summary.departments.length > 0) dataBar(sheet, `H${firstDepartment}:H${rowNumber}`)
  tableRow = false
  line([{from: 1, to: COLUMNS, value: '担当件数 = 判定の列に担当課を記入した機能・帳票・データ項目・現行独自項目の数。課題の担当課は課題一覧の記入を優先します。', size: 10}])
  blank()
  line(
    [
      {
        from: 1,
        to: COLUMNS,
        value:
          '適合率 = (○ 適合 + △ 部分適合 × 0.5) ÷ 判定済み (○ + △ + ×) の機能。判定済みが少ないうちは参考値です。判定済み = 未判定以外の機能の割合。判定が記録されていればそれを、なければ自動判定を使います。',
        size: 10,
        wrap: true,
      },
    ],
  )
  setPrintArea(sheet, COLUMNS, rowNumber)
  sheet.commit()
}

/** A 0–100% data bar in the one colour 凡例 explains. */
export function dataBar(sheet: Pick<Sheet, 'addConditionalFormatting'>, ref: string): void {
  sheet.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        cfvo: [
          {type: 'num', value: 0},
          {type: 'num', value: 1},
        ],
        color: {argb: DATA_BAR_ARGB},
        gradient: false,
      } as unknown as ExcelJS.ConditionalFormattingRule,
    ],
  })
}
