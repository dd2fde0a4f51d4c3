import {readFileSync} from 'node:fs'

import ExcelJS from 'exceljs'

import {withAtomicTarget} from '../io/atomic-write.js'
import {sha256Of} from '../workspace/written-workbooks.js'
import {ISSUE_STATE_LABELS, ISSUE_STATES, POLICIES, POLICY_LABELS, VERDICT_LABELS} from '../model/decision.js'
import {SEVERITY_LABELS} from '../model/finding.js'
import {KIND_LABELS} from '../model/vocabulary.js'
import {columnLetter} from '../io/column-letter.js'
import {cellSafeText, fitWidth, formulaString, inputCellText, safeText, TEXT_FORMAT} from './cells.js'
import {conversionRows, conversionSheet} from './conversion-sheet.js'
import {dataCheckRows, dataCheckSheet} from './data-check-sheet.js'
import {issueRegister} from './issue-register.js'
import {EDIT_HEADER_FILL, FONT, HEADER_FILL, HEADER_FONT, SEVERITY_COLOURS, solid, STATUS_COLOURS, VERDICT_COLOURS} from './styles.js'
import {dataBar, writeSummary} from './summary-sheet.js'
import {AREA_STATUS_LABELS} from '../analyzers/analyze-area.js'
import {summarize} from './summary-model.js'
import {layoutColumns, printSetup, rowHeightFor, setPrintArea, wrappedLines} from './print-layout.js'
import type {Report} from './report-model.js'
import {richTextFromDiff} from './spec-diff-workbook.js'
import {
  type CellValue,
  type Column,
  currentOnlySheet,
  dataItemSheet,
  AUTO_VERDICT_HEADER,
  DECISION_HEADERS,
  editionSheet,
  formFieldSheet,
  formSheet,
  functionSheet,
  inputSheet,
  type InputRow,
  issueSheet,
  KEY_HEADER,
  POLICY_CHOICES,
  REGISTER_HEADERS,
  SHEET_NAMES,
  type SheetSpec,
  STATE_CHOICES,
  VERDICT_CHOICES,
} from './sheets.js'

type WorksheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']> & {
  dataValidations: {add(range: string, rule: ExcelJS.DataValidation): void}
}

const fill = (argb: string) => ({fill: {type: 'pattern' as const, pattern: 'solid' as const, bgColor: {argb}}})

/**
 * Writes the Fit&Gap workbook to a temp file and renames it into place: a failed run leaves no half workbook.
 * Returns the size and SHA-256 of the bytes written.
 */
export async function writeWorkbook(report: Report, file: string, beforeReplace?: () => Promise<void>): Promise<{size: number; sha256: string}> {
  return withAtomicTarget(file, async (temp) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({filename: temp, useStyles: true, useSharedStrings: false})
    workbook.creator = `${report.tool.name} ${report.tool.version}`
    workbook.title = report.title
    workbook.subject = `fitgap-workspace:${report.workspace.id}`
    if (report.generatedAt) workbook.created = new Date(report.generatedAt)

    const withArea = <T,>(pick: (a: Report['areas'][number]) => readonly T[]) =>
      report.areas.flatMap((a) => pick(a).map((row) => ({areaName: a.analysis.area.name, edition: a.analysis.edition, row})))
    const functions = functionSheet(withArea((a) => a.analysis.functions))
    const forms = formSheet(withArea((a) => a.analysis.forms))
    const formNames = new Map(report.areas.flatMap((a) => a.analysis.forms.map((f) => [`${a.analysis.area.slug}:${f.form.id}`, {name: f.form.name, current: f.current?.form.name}] as const)))
    const formFields = formFieldSheet(
      report.areas.flatMap((a) =>
        a.analysis.formFields.map((row) => {
          const names = formNames.get(`${a.analysis.area.slug}:${row.formId}`)
          return {areaName: a.analysis.area.name, edition: a.analysis.edition, row, formName: names?.name ?? '', currentFormName: names?.current}
        }),
      ),
    )
    const dataItems = dataItemSheet(withArea((a) => a.analysis.dataItems))
    const currentOnly = currentOnlySheet(withArea((a) => a.analysis.currentOnly))

    // Where each key lives, so 課題一覧 can link to the row it is about.
    const rowOf = new Map<string, string>()
    const index = (spec: SheetSpec<{readonly row: {readonly key: string}}>) =>
      spec.rows.forEach((r, i) => rowOf.set(r.row.key, `#'${spec.name}'!A${i + 2}`))
    for (const spec of [functions, forms, formFields, dataItems, currentOnly] as unknown as SheetSpec<{readonly row: {readonly key: string}}>[]) index(spec)
    const editionOf = new Map(report.areas.map((a) => [a.analysis.area.name, a.analysis.edition]))
    const issues = issueSheet(
      issueRegister(report.areas.map((a) => a.analysis)).map((row, i) => ({
        no: i + 1,
        edition: editionOf.get(row.areaName) ?? '',
        row,
        link: rowOf.get(row.findingKey) ?? rowOf.get(row.findingKey.split(':').slice(0, 3).join(':')),
      })),
    )

    const editions = editionSheet(withArea((a) => a.analysis.carryOver))

    const inputs = inputSheet(inputRows(report))

    writeSummary(workbook, report, summarize(report.areas, report.previous), localTime)
    const checked = dataCheckRows(report)
    const migration = [conversionSheet(conversionRows(report)), ...(checked.length > 0 ? [dataCheckSheet(checked)] : [])]
    const sheets = [functions, forms, formFields, dataItems, currentOnly, issues, ...migration, ...(editions.rows.length > 0 ? [editions] : []), inputs]
    for (const spec of sheets as SheetSpec<unknown>[]) writeTable(workbook, spec, report.title)
    writeLegend(workbook, report, inputs.rows)
    await workbook.commit()
    const bytes = readFileSync(temp)
    return {size: bytes.length, sha256: sha256Of(bytes)}
  }, beforeReplace)
}

function cellValue(value: CellValue): ExcelJS.CellValue {
  if (value === undefined) return null
  if (typeof value === 'number') return value
  if (typeof value === 'string') return inputCellText(value).text
  if ('diff' in value) return richTextFromDiff(value.diff)
  const text = cellSafeText(value.text)
  return {formula: `HYPERLINK(${formulaString(value.link)},${formulaString(text)})`, result: text}
}

/** Technical columns sit at the right end of a sheet and are left out of its print area. */
const isTechnical = (role: Column<unknown>['role']) => role === 'key' || role === 'meta'

function naturalWidth<Row>(spec: SheetSpec<Row>, column: Column<Row>): number {
  if (column.role === 'meta') return 10
  if (column.role === 'key') return fitWidth(column.header, sampleText(spec.rows, column), 10, 30)
  if (column.role === 'long') return 44
  if (column.role === 'edit-verdict') return 13
  if (column.role === 'edit-policy') return 16
  if (column.role === 'edit-due') return 11
  if (column.role === 'edit-state') return 9
  if (column.role === 'edit-text') return column.header === DECISION_HEADERS.note ? 30 : fitWidth(column.header, sampleText(spec.rows, column), 10, 16)
  return fitWidth(column.header, sampleText(spec.rows, column), 6, 40)
}

function writeTable<Row>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec<Row>, title: string): void {
  const columns = spec.columns
  const printed = columns.filter((c) => !isTechnical(c.role)).length
  if (columns.slice(printed).some((c) => !isTechnical(c.role))) throw new Error(`${spec.name}: technical columns must come last`)
  const natural = columns.map((column) => naturalWidth(spec, column))
  // Narrow the widest text columns (they wrap) until the printed part fits A4, or else A3, landscape at a readable size.
  const layout = layoutColumns(
    natural.slice(0, printed),
    columns.slice(0, printed).map((c) => (c.role === 'long' ? 30 : c.role === 'data' || c.role === 'edit-text' ? 10 : Infinity)),
  )
  const widths = [...layout.widths, ...natural.slice(printed)]
  const lastRow = Math.max(2, spec.rows.length + 1)
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{state: 'frozen', xSplit: spec.freezeColumns ?? 0, ySplit: 1}],
    ...printSetup({paper: layout.paper, lastPrintedColumn: printed, lastRow, titleRows: '1:1', title}),
  })
  // One style object per column, shared by its cells: exceljs then resolves each style once, not once per cell.
  const styles = columns.map(
    (column): Partial<ExcelJS.Style> => ({
      font: isTechnical(column.role) ? {...FONT, color: {argb: 'FF595959'}} : FONT,
      alignment: {vertical: 'top', wrapText: column.role !== 'percent' && !isTechnical(column.role)},
      ...(column.role === 'percent' ? {numFmt: '0%'} : column.role === 'edit-due' ? {numFmt: 'yyyy-mm-dd'} : {}),
    }),
  )
  // Column styles too, so what people type into empty cells (備考, 対応方針 …) wraps like the rest.
  sheet.columns = columns.map((column, i) => ({
    key: String(i),
    width: widths[i],
    hidden: column.role === 'meta' || (column.role === 'key' && spec.hideKey === true),
    style: styles[i]!,
  }))
  const header = sheet.addRow(columns.map((c) => c.header))
  header.height = rowHeightFor(Math.max(1, ...columns.map((c, i) => wrappedLines(c.header, widths[i]!))))
  header.eachCell((cell, col) => {
    const role = columns[col - 1]!.role
    cell.font = HEADER_FONT
    cell.fill = role.startsWith('edit-') ? EDIT_HEADER_FILL : HEADER_FILL
    cell.alignment = {vertical: 'middle', horizontal: 'center', wrapText: true}
  })
  header.commit()

  const linkStyle: Partial<ExcelJS.Style> = {font: {...FONT, color: {argb: 'FF0563C1'}, underline: true}, alignment: {vertical: 'top', wrapText: true}}
  const textStyles = styles.map((style) => ({...style, numFmt: TEXT_FORMAT}))
  const cellStyles: Partial<ExcelJS.Style>[] = new Array(columns.length)
  for (const row of spec.rows) {
    const values = columns.map((column, i) => {
      const raw = column.value(row)
      if (typeof raw !== 'string') {
        const value = cellValue(raw)
        cellStyles[i] = typeof value === 'object' && value !== null && 'formula' in value ? linkStyle : styles[i]!
        return value
      }
      const {text, textFormat} = inputCellText(raw)
      cellStyles[i] = column.fromInput === true && textFormat ? textStyles[i]! : styles[i]!
      return text
    })
    const excelRow = sheet.addRow(values)
    // Row heights for wrapped text, estimated since spreadsheets do not refit rows of a file they did not lay out.
    const lines = Math.min(20, Math.max(1, ...values.slice(0, printed).map((v, i) => wrappedLines(cellText(v), widths[i]!))))
    if (lines > 1) excelRow.height = rowHeightFor(lines)
    // Empty cells too: a cell keeps a style object of its own otherwise, which exceljs serialises again for each one.
    excelRow.eachCell({includeEmpty: true}, (cell, col) => {
      cell.style = cellStyles[col - 1]!
    })
    excelRow.commit()
  }

  sheet.autoFilter = {from: {row: 1, column: 1}, to: {row: lastRow, column: columns.length}}
  addColumnRules(sheet as WorksheetWriter, columns, lastRow)
  sheet.commit()
}

function cellText(value: ExcelJS.CellValue): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('')
  if (value && typeof value === 'object' && 'result' in value) return String(value.result ?? '')
  return ''
}

function sampleText<Row>(rows: readonly Row[], column: Column<Row>): string[] {
  const samples: string[] = []
  for (const row of rows.slice(0, 500)) {
    const v = column.value(row)
    if (v !== undefined) samples.push(typeof v !== 'object' ? String(v) : 'text' in v ? v.text : v.diff.map((p) => p.text).join(''))
  }
  return samples
}

/** One validation range and one set of colour rules per column (exceljs#2820: never per cell). */
function addColumnRules<Row>(sheet: WorksheetWriter, columns: readonly Column<Row>[], lastRow: number): void {
  const lastEditableRow = Math.max(lastRow, 1000)
  columns.forEach((column, i) => {
    const letter = columnLetter(i)
    const range = `${letter}2:${letter}${lastEditableRow}`
    if (column.role === 'edit-verdict' || column.role === 'edit-policy' || column.role === 'edit-state') {
      const choices = column.role === 'edit-verdict' ? VERDICT_CHOICES : column.role === 'edit-policy' ? POLICY_CHOICES : STATE_CHOICES
      sheet.dataValidations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: `${column.header}の値`,
        error: `一覧から選んでください: ${choices.join(' / ')}`,
      })
    }
    if (column.role === 'edit-verdict' || column.role === 'verdict-auto') {
      sheet.addConditionalFormatting({
        ref: range,
        rules: VERDICT_COLOURS.map(([mark, argb], p) => ({type: 'expression', priority: p + 1, formulae: [`LEFT(${letter}2,1)="${mark}"`], style: fill(argb)})),
      })
    }
    if (column.role === 'severity') {
      sheet.addConditionalFormatting({
        ref: range,
        rules: SEVERITY_COLOURS.map(([label, argb], p) => ({type: 'expression', priority: p + 1, formulae: [`${letter}2="${label}"`], style: fill(argb)})),
      })
    }
  })
}

/** The files each 業務 was analysed from, and how to credit official sources. */
function inputRows(report: Report): InputRow[] {
  return report.areas.flatMap((area): InputRow[] => {
    const areaName = area.analysis.area.name
    const p = area.provenance
    const spec: InputRow =
      p.type === 'representative'
        ? {areaName, kind: '標準仕様', what: `${area.specTitle} ${area.analysis.edition}`, detail: '同梱の代表例', attribution: `公式の本文ではありません: ${p.note}`}
        : {
            areaName,
            kind: '標準仕様',
            what: `${area.specTitle} ${area.analysis.edition}`,
            detail: `${p.source} (${p.importedAt} 取込)`,
            sha256: p.sha256,
            attribution: area.attribution ?? officialAttribution(area.specTitle, area.analysis.edition, p.source),
            official: true,
          }
    const notes = (area.specNotes ?? []).map((note): InputRow => ({areaName, kind: '標準仕様', what: `${area.specTitle} ${area.analysis.edition}`, detail: note}))
    return [
      spec,
      ...notes,
      ...area.sources.map((source): InputRow => ({areaName, kind: '現行定義', what: source.file, detail: `${source.format.toUpperCase()} ${source.records} 件`, sha256: source.sha256})),
      ...(area.mappingFile ? [{areaName, kind: '対応付け' as const, what: area.mappingFile}] : []),
    ]
  })
}

/** The credit line for data taken from an official workbook (reworded by fitgap, so said to be edited). */
export const officialAttribution = (title: string, edition: string, source: string) =>
  `出典: 「${title}」${edition} (${source}) を fitgap で取り込み、加工して作成`

/** A timestamp as the reader's clock shows it: 2026-11-26 14:05. */
function localTime(iso: string): string {
  const d = new Date(iso)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}

interface LegendRow {
  readonly term: string
  readonly meaning: string
  /** Fill of the term cell, exactly as used in the sheets. */
  readonly fill?: ExcelJS.Fill
  readonly font?: Partial<ExcelJS.Font>
  readonly heading?: boolean
  /** Show a data bar in the term cell (the value is the bar's length). */
  readonly bar?: number
}

/** 凡例: every colour, data bar, symbol and edited column of the workbook, and the credit line of official data. */
function writeLegend(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report, inputs: readonly InputRow[]): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.legend, printSetup({paper: 'a4', orientation: 'portrait', lastPrintedColumn: 2, title: report.title}))
  sheet.columns = [{width: 26}, {width: 80}]
  const heading = (term: string): LegendRow => ({term, meaning: '', heading: true})
  const gap: LegendRow = {term: '', meaning: ''}
  const attributions = [...new Set(inputs.flatMap((r) => (r.official && r.attribution ? [r.attribution] : [])))]
  const rows: LegendRow[] = [
    heading('このブックの使い方'),
    {term: SHEET_NAMES.summary, meaning: '業務ごとの状況・判定の内訳・次に決めること・担当課別の進捗 (A4 横 1 枚)'},
    {term: `${SHEET_NAMES.functions} / ${SHEET_NAMES.forms} / ${SHEET_NAMES.dataItems}`, meaning: '標準仕様の要件ごとの自動判定と、チームが記入する判定'},
    {term: `${SHEET_NAMES.formFields} / ${SHEET_NAMES.currentOnly}`, meaning: '帳票の印字項目の差分 / 標準に対応がない現行の機能・帳票・項目'},
    {term: SHEET_NAMES.issues, meaning: '課題の一覧 (重大 → 注意 → 情報の順)。担当課・期限・状態を記入して進み具合を管理する'},
    {term: SHEET_NAMES.inputs, meaning: '分析に使ったファイル・版・SHA-256 と出所'},
    gap,
    heading('見出しの色と記入する列'),
    {term: '青の見出し', fill: HEADER_FILL, font: HEADER_FONT, meaning: 'fitgap が書く列。書き換えても取り込みません'},
    {term: 'オレンジの見出し', fill: EDIT_HEADER_FILL, font: HEADER_FONT, meaning: '記入する列。`fitgap report import` でワークスペースに取り込みます'},
    {
      term: '記入する列',
      meaning: `${SHEET_NAMES.functions}・${SHEET_NAMES.forms}・${SHEET_NAMES.dataItems}・${SHEET_NAMES.currentOnly}: ${Object.values(DECISION_HEADERS).join('・')}。${SHEET_NAMES.issues}: ${Object.values(REGISTER_HEADERS).join('・')}`,
    },
    {term: AUTO_VERDICT_HEADER, meaning: 'fitgap が入力から推定した判定 (候補)。判定の列に記入すると、そちらが優先されます'},
    {term: `${KEY_HEADER} (右端の灰色の列)`, meaning: '取り込みに使う行の識別子。変更・削除しないでください。印刷範囲には含めていません'},
    gap,
    heading('判定の色と記号'),
    ...VERDICT_COLOURS.map(([, argb, label]): LegendRow => ({term: label, fill: solid(argb), meaning: verdictHelp[label] ?? ''})),
    {term: VERDICT_LABELS.undecided, meaning: 'まだ判定していない (色なし)'},
    {term: '− (適合率)', meaning: '判定済みの機能がなく、適合率を計算できない'},
    gap,
    heading('重大度の色'),
    ...SEVERITY_COLOURS.map(([label, argb]): LegendRow => ({term: label, fill: solid(argb), meaning: severityHelp[label] ?? ''})),
    gap,
    heading(`業務の状況 (${SHEET_NAMES.summary})`),
    ...(Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).map((status): LegendRow => ({term: AREA_STATUS_LABELS[status], fill: solid(STATUS_COLOURS[status]), meaning: statusHelp[status]})),
    {term: 'データバー (青)', bar: 0.6, meaning: `${SHEET_NAMES.summary}の判定済み・進捗の割合 (セルの幅いっぱいが 100%)`},
    gap,
    heading(`${SHEET_NAMES.issues}の状態`),
    ...ISSUE_STATES.map((state): LegendRow => ({term: ISSUE_STATE_LABELS[state], meaning: stateHelp[state]})),
    {term: REGISTER_HEADERS.due, meaning: '日付 (例: 2027-03-31)'},
    gap,
    heading('対応方針'),
    ...POLICIES.map((p): LegendRow => ({term: POLICY_LABELS[p], meaning: policyHelp[p]})),
    gap,
    heading('実装区分'),
    {term: KIND_LABELS.mandatory, meaning: '標準準拠システムが必ず備える機能'},
    {term: KIND_LABELS.optional, meaning: '団体が採用するかを選べる機能 (採否を決める)'},
    {term: KIND_LABELS.prohibited, meaning: '実装してはならない機能。現行で使っていれば業務の見直し (廃止) が必要'},
    gap,
    heading('出所'),
    ...(attributions.length > 0
      ? attributions.map((line): LegendRow => ({term: '公式資料', meaning: line}))
      : [{term: '標準仕様', meaning: '同梱の代表例 (公式の本文ではありません)。詳しくは「入力と出所」シート'}]),
  ]
  let rowNumber = 0
  for (const entry of rows) {
    const row = sheet.addRow([entry.term, safeText(entry.meaning)])
    rowNumber += 1
    const term = row.getCell(1)
    term.font = {...FONT, bold: entry.heading, ...entry.font}
    if (entry.fill) term.fill = entry.fill
    if (entry.bar !== undefined) {
      term.value = entry.bar
      term.numFmt = `"${entry.term}"`
    }
    term.alignment = {vertical: 'top', wrapText: true}
    row.getCell(2).font = FONT
    row.getCell(2).alignment = {wrapText: true, vertical: 'top'}
    const lines = Math.max(wrappedLines(entry.term, 26), wrappedLines(entry.meaning, 80))
    if (lines > 1) row.height = rowHeightFor(lines)
    if (entry.bar !== undefined) dataBar(sheet, `A${rowNumber}`)
    row.commit()
  }
  setPrintArea(sheet, 2, rowNumber)
  sheet.commit()
}

const verdictHelp: Record<string, string> = {
  [VERDICT_LABELS.fit]: '標準仕様どおりで現行の業務ができる',
  [VERDICT_LABELS.partial]: '概ねできるが、運用や設定の変更が必要',
  [VERDICT_LABELS.gap]: '標準仕様では現行の業務ができない、または現行が標準に反している',
  [VERDICT_LABELS.na]: '対象外 (実装不可機能を使っていない、業務がない など)',
}
const severityHelp: Record<string, string> = {
  [SEVERITY_LABELS.error]: '移行でデータが失われる、実装不可機能を使っている など、必ず対応が必要',
  [SEVERITY_LABELS.warning]: '確認・判断が必要',
  [SEVERITY_LABELS.info]: '参考情報 (標準オプションの採否など、決めることがあるものだけ課題一覧に載せます)',
}
const statusHelp: Record<keyof typeof STATUS_COLOURS, string> = {
  'not-started': '現行定義がまだ取り込まれていない (自動判定も出せない)',
  'in-progress': '未判定の機能が残っている',
  done: 'すべての機能に判定がある (未対応の課題は課題一覧で確認)',
}
const stateHelp: Record<(typeof ISSUE_STATES)[number], string> = {
  todo: 'まだ手を付けていない (既定)',
  doing: '担当課が対応中',
  done: '対応が済んだ。サマリーの未対応の課題から外れます',
}

const policyHelp: Record<(typeof POLICIES)[number], string> = {
  'as-standard': '標準仕様のまま使う',
  bpr: '業務のやり方を標準に合わせて変える (BPR)',
  'adopt-option': '標準オプション機能を採用する',
  'decline-option': '標準オプション機能を採用しない',
  operation: '標準機能のまま、運用 (手順・様式) を変えて対応する (BPR)',
  parameter: 'パラメータ設定で対応する',
  alternative: '標準の別の機能で代わりに対応する',
  euc: '職員が作るEUC (抽出データの加工など) で対応する',
  'loose-coupling': '独自施策は標準準拠システムの外の疎結合の別システムで行う',
  'request-revision': '標準仕様の改定を要望する',
  retire: '機能・帳票・項目を廃止する',
  customize: '原則として認められない。採る場合は備考に理由を必ず書く',
}
