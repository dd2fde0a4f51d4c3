import ExcelJS from 'exceljs'

import {withAtomicTarget} from '../io/atomic-write.js'
import {POLICIES, POLICY_LABELS, VERDICT_LABELS, VERDICTS} from '../model/decision.js'
import {type Finding, isOpen, SEVERITY_LABELS} from '../model/finding.js'
import type {Decision} from '../model/decision.js'
import {AREA_STATUS_LABELS, type AreaAnalysis} from '../analyzers/analyze-area.js'
import {ownerKey} from '../analyzers/settle.js'
import {KIND_LABELS} from '../model/vocabulary.js'
import {columnLetter} from '../io/column-letter.js'
import {cellSafeText, fitWidth, formulaString, inputCellText, safeText, TEXT_FORMAT} from './cells.js'
import {conversionRows, conversionSheet} from './conversion-sheet.js'
import {dataCheckRows, dataCheckSheet} from './data-check-sheet.js'
import type {Report} from './report-model.js'
import {richTextFromDiff} from './spec-diff-workbook.js'
import {
  type CellValue,
  type Column,
  currentOnlySheet,
  dataItemSheet,
  editionSheet,
  formFieldSheet,
  formSheet,
  functionSheet,
  issueSheet,
  SHEET_NAMES,
  type SheetSpec,
} from './sheets.js'

type WorksheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']> & {
  dataValidations: {add(range: string, rule: ExcelJS.DataValidation): void}
}

const FONT = {name: 'Meiryo UI', size: 10}

const decisionCache = new WeakMap<AreaAnalysis, Map<string, Decision>>()
/** The decision recorded on the row a finding is about (the finding's own row, its form or its data item). */
function decisionOf(analysis: AreaAnalysis, finding: Finding): Decision | undefined {
  let byKey = decisionCache.get(analysis)
  if (!byKey) {
    byKey = new Map()
    for (const row of [...analysis.functions, ...analysis.forms, ...analysis.dataItems, ...analysis.currentOnly]) if (row.decision) byKey.set(row.key, row.decision)
    decisionCache.set(analysis, byKey)
  }
  return byKey.get(ownerKey(finding))
}
const HEADER_FILL: ExcelJS.Fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: 'FF1F4E79'}}
const EDIT_HEADER_FILL: ExcelJS.Fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: 'FFC65911'}}
const HEADER_FONT = {...FONT, bold: true, color: {argb: 'FFFFFFFF'}}

/** Fill colours by the leading mark of a 判定 label, and by severity label. */
const VERDICT_COLOURS: [mark: string, argb: string][] = [
  ['○', 'FFC6EFCE'],
  ['△', 'FFFFEB9C'],
  ['×', 'FFFFC7CE'],
  ['−', 'FFE7E6E6'],
]
const SEVERITY_COLOURS: [label: string, argb: string][] = [
  [SEVERITY_LABELS.error, 'FFFFC7CE'],
  [SEVERITY_LABELS.warning, 'FFFFEB9C'],
  [SEVERITY_LABELS.info, 'FFDDEBF7'],
]

/** Printed as a manager would want it: landscape A4, all columns on one page width. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0}

const fill = (argb: string) => ({fill: {type: 'pattern' as const, pattern: 'solid' as const, bgColor: {argb}}})

export const VERDICT_CHOICES = VERDICTS.map((v) => VERDICT_LABELS[v])
export const POLICY_CHOICES = POLICIES.map((p) => POLICY_LABELS[p])

/** Writes the Fit&Gap workbook to a temp file and renames it into place: a failed run leaves no half workbook. */
export async function writeWorkbook(report: Report, file: string, beforeReplace?: () => Promise<void>): Promise<void> {
  await withAtomicTarget(file, async (temp) => {
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
    const issues = issueSheet(
      report.areas.flatMap((a) =>
        // Open items first; settled ones stay listed as 対応済み so the register keeps its history.
        [...a.analysis.findings.filter((f) => f.severity !== 'info' && isOpen(f)), ...a.analysis.findings.filter((f) => f.severity !== 'info' && !isOpen(f))].map((f) => ({
          areaName: a.analysis.area.name,
          edition: a.analysis.edition,
          row: {...f, link: rowOf.get(f.key) ?? rowOf.get(f.key.split(':').slice(0, 3).join(':')), decision: decisionOf(a.analysis, f)},
        })),
      ),
    )

    const editions = editionSheet(withArea((a) => a.analysis.carryOver))

    writeSummary(workbook, report, issues.rows.filter((r) => isOpen(r.row)).length)
    const checked = dataCheckRows(report)
    const migration = [conversionSheet(conversionRows(report)), ...(checked.length > 0 ? [dataCheckSheet(checked)] : [])]
    const sheets = [functions, forms, formFields, dataItems, currentOnly, issues, ...migration, ...(editions.rows.length > 0 ? [editions] : [])]
    for (const spec of sheets as SheetSpec<unknown>[]) writeTable(workbook, spec)
    writeLegend(workbook)
    await workbook.commit()
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

function writeTable<Row>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec<Row>): void {
  const sheet = workbook.addWorksheet(spec.name, {views: [{state: 'frozen', xSplit: 1, ySplit: 1}], pageSetup: PAGE_SETUP})
  sheet.pageSetup.printTitlesRow = '1:1'
  const columns = spec.columns
  const widths = columns.map((column) => {
    if (column.role === 'meta') return 10
    if (column.role === 'long') return 50
    if (column.role === 'edit-verdict' || column.role === 'edit-policy') return 18
    if (column.role === 'edit-text') return column.header === '備考' ? 30 : 14
    return fitWidth(column.header, sampleText(spec.rows, column), 6, 40)
  })
  sheet.columns = columns.map((column, i) => ({key: String(i), width: widths[i], hidden: column.role === 'meta'}))
  const header = sheet.addRow(columns.map((c) => c.header))
  header.height = 20
  header.eachCell((cell, col) => {
    const role = columns[col - 1]!.role
    cell.font = HEADER_FONT
    cell.fill = role.startsWith('edit-') ? EDIT_HEADER_FILL : HEADER_FILL
    cell.alignment = {vertical: 'middle', horizontal: 'center'}
  })
  header.commit()

  // One style object per column, shared by its cells: exceljs then resolves each style once, not once per cell.
  const styles = columns.map(
    (column): Partial<ExcelJS.Style> => ({
      font: column.role === 'key' ? {...FONT, color: {argb: 'FF595959'}} : FONT,
      alignment: {vertical: 'top', wrapText: column.role === 'long'},
      ...(column.role === 'percent' ? {numFmt: '0%'} : {}),
    }),
  )
  const textStyles = styles.map((style) => ({...style, numFmt: TEXT_FORMAT}))
  const linkStyle: Partial<ExcelJS.Style> = {font: {...FONT, color: {argb: 'FF0563C1'}, underline: true}, alignment: {vertical: 'top'}}
  const longColumns = columns.flatMap((column, i) => (column.role === 'long' ? [{i, width: widths[i]!}] : []))
  for (const row of spec.rows) {
    const values = columns.map((column) => cellValue(column.value(row)))
    const excelRow = sheet.addRow(values)
    // Row heights for wrapped text, estimated (full-width characters ≈ 2 units) since spreadsheets do not always refit them.
    const lines = Math.min(6, Math.max(1, ...longColumns.map(({i, width}) => Math.ceil((textLength(values[i]) * 2) / Math.max(1, width - 2)))))
    if (lines > 1) excelRow.height = 13.5 * lines
    excelRow.eachCell((cell, col) => {
      const value = cell.value
      cell.style =
        typeof value === 'object' && value !== null && 'formula' in value
          ? linkStyle
          : typeof value === 'string' && columns[col - 1]!.fromInput === true && inputCellText(value).textFormat
            ? textStyles[col - 1]!
            : styles[col - 1]!
    })
    excelRow.commit()
  }

  const lastRow = Math.max(2, spec.rows.length + 1)
  sheet.autoFilter = {from: {row: 1, column: 1}, to: {row: lastRow, column: columns.length}}
  addColumnRules(sheet as WorksheetWriter, columns, lastRow)
  sheet.commit()
}

function textLength(value: ExcelJS.CellValue): number {
  if (typeof value === 'string') return value.length
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.reduce((n, run) => n + run.text.length, 0)
  return 0
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
    if (column.role === 'edit-verdict' || column.role === 'edit-policy') {
      const choices = column.role === 'edit-verdict' ? VERDICT_CHOICES : POLICY_CHOICES
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

function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report, issueCount: number): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.summary, {views: [{showGridLines: false}], pageSetup: PAGE_SETUP})
  sheet.columns = [{width: 18}, {width: 12}, ...Array.from({length: 7}, () => ({width: 11})), {width: 17}, ...Array.from({length: 3}, () => ({width: 10}))]
  let rowNumber = 0
  const add = (values: ExcelJS.CellValue[], style?: {bold?: boolean; size?: number; fill?: ExcelJS.Fill; color?: string}) => {
    const row = sheet.addRow(values)
    rowNumber += 1
    row.eachCell({includeEmpty: false}, (cell) => {
      cell.font = {...FONT, bold: style?.bold, size: style?.size ?? FONT.size, color: style?.color ? {argb: style.color} : undefined}
      if (style?.fill) cell.fill = style.fill
      cell.alignment = {vertical: 'middle'}
    })
    row.commit()
    return rowNumber
  }
  add([safeText(report.title)], {bold: true, size: 16})
  add([`ワークスペース: ${report.workspace.name}`])
  add([`作成: ${report.tool.name} ${report.tool.version}${report.generatedAt ? ` / ${localTime(report.generatedAt)}` : ''}`])
  add([`未対応の課題 (重大・注意): ${issueCount} 件 — 「${SHEET_NAMES.issues}」シート (状態で絞り込めます)`])
  const notStarted = report.areas.filter((a) => a.analysis.summary.status === 'not-started').map((a) => a.analysis.area.name)
  if (notStarted.length > 0) add([`未着手 (現行の定義が未取込): ${notStarted.join('、')}`], {bold: true})
  add([])

  add(['業務別の適合状況'], {bold: true, size: 12})
  const firstTableRow = add(
    ['業務', '版', '適合率', '判定済み率', '○ 適合', '△ 部分適合', '× 不適合', '− 対象外', '未判定', 'データ項目確定率', '重大', '注意', '現行独自', '状態'],
    {bold: true, fill: HEADER_FILL, color: 'FFFFFFFF'},
  )
  for (const {analysis} of report.areas) {
    const s = analysis.summary
    const r = sheet.addRow([
      analysis.area.name,
      safeText(analysis.edition),
      s.fitRate ?? '−',
      s.decidedRate,
      s.functionsByVerdict.fit,
      s.functionsByVerdict.partial,
      s.functionsByVerdict.gap,
      s.functionsByVerdict.na,
      s.functionsByVerdict.undecided,
      s.mappedRate,
      s.findingsBySeverity.error,
      s.findingsBySeverity.warning,
      s.currentOnly,
      AREA_STATUS_LABELS[s.status],
    ])
    rowNumber += 1
    r.eachCell((cell, col) => {
      cell.font = FONT
      if (col === 3 || col === 4 || col === 10) cell.numFmt = '0.0%'
    })
    r.commit()
  }
  const lastTableRow = rowNumber
  if (lastTableRow > firstTableRow) {
    for (const letter of ['C', 'D', 'J'])
      sheet.addConditionalFormatting({
        ref: `${letter}${firstTableRow + 1}:${letter}${lastTableRow}`,
        rules: [
          {
            type: 'dataBar',
            priority: 1,
            cfvo: [
              {type: 'num', value: 0},
              {type: 'num', value: 1},
            ],
            color: {argb: letter === 'C' ? 'FF5B9BD5' : letter === 'D' ? 'FFA5A5A5' : 'FF70AD47'},
            gradient: false,
          } as unknown as ExcelJS.ConditionalFormattingRule,
        ],
      })
  }
  add(['適合率 = (○ 適合 + △ 部分適合 × 0.5) ÷ (○ + △ + ×)。判定済み率 = 未判定以外の機能の割合。判定が記録されていればそれを、なければ自動判定を使います。'], {size: 9})
  add([])

  add(['重大な課題 (未対応・上位)'], {bold: true, size: 12})
  const top = report.areas
    .flatMap((a) => a.analysis.findings.filter((f) => f.severity === 'error' && isOpen(f)).map((f) => ({area: a.analysis.area.name, f})))
    .slice(0, 15)
  if (top.length === 0) add(['重大な課題はありません。'])
  for (const {area, f} of top) add([area, safeText(f.message)])
  add([])

  add(['入力 (出所)'], {bold: true, size: 12})
  // File names run over the empty cells to their right; the hash sits far enough away not to cut them.
  const provenanceRow = (area: string, kind: string, what: string, sha: string): ExcelJS.CellValue[] => [area, kind, what, null, null, null, null, null, null, sha]
  add(provenanceRow('業務', '区分', 'ファイル / 版', 'SHA-256'), {bold: true, fill: HEADER_FILL, color: 'FFFFFFFF'})
  for (const area of report.areas) {
    const spec =
      area.provenance.type === 'representative'
        ? `${area.specTitle} ${area.analysis.edition} (同梱の代表例)`
        : `${area.specTitle} ${area.analysis.edition} (${area.provenance.source})`
    add(provenanceRow(area.analysis.area.name, '標準仕様', safeText(spec), area.provenance.type === 'official' ? (area.provenance.sha256 ?? '') : ''))
    if (area.attribution) add(provenanceRow(area.analysis.area.name, '出典の表示', safeText(area.attribution), ''))
    for (const note of area.specNotes ?? []) add(provenanceRow(area.analysis.area.name, '注意', safeText(note), ''))
    for (const source of area.sources) add(provenanceRow(area.analysis.area.name, '現行定義', safeText(source.file), source.sha256))
    if (area.mappingFile) add(provenanceRow(area.analysis.area.name, '対応付け', safeText(area.mappingFile), ''))
  }
  sheet.commit()
}

/** A timestamp as the reader's clock shows it: 2026-11-26 14:05. */
function localTime(iso: string): string {
  const d = new Date(iso)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}

function writeLegend(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.legend, {pageSetup: {...PAGE_SETUP, orientation: 'portrait'}})
  sheet.columns = [{width: 24}, {width: 90}]
  const rows: [string, string][] = [
    ['このブックの使い方', ''],
    ['オレンジの見出しの列', '判定・対応方針・担当課・備考は記入用です。`fitgap report import` でワークスペースに取り込みます。キー列は変更しないでください。'],
    ['自動判定', 'fitgap が入力から推定した判定です。判定列に記入すると、それが優先されます。'],
    ['', ''],
    ['判定', ''],
    [VERDICT_LABELS.fit, '標準仕様どおりで現行の業務ができる'],
    [VERDICT_LABELS.partial, '概ねできるが、運用や設定の変更が必要'],
    [VERDICT_LABELS.gap, '標準仕様では現行の業務ができない、または現行が標準に反している'],
    [VERDICT_LABELS.na, '対象外 (実装不可機能を使っていない、業務がない など)'],
    [VERDICT_LABELS.undecided, 'まだ判定していない'],
    ['', ''],
    ['対応方針', ''],
    ...POLICIES.map((p): [string, string] => [POLICY_LABELS[p], policyHelp[p]]),
    ['', ''],
    ['実装区分', ''],
    [KIND_LABELS.mandatory, '標準準拠システムが必ず備える機能'],
    [KIND_LABELS.optional, '団体が採用するかを選べる機能 (採否を決める)'],
    [KIND_LABELS.prohibited, '実装してはならない機能。現行で使っていれば業務の見直し (廃止) が必要'],
    ['', ''],
    ['重大度', ''],
    [SEVERITY_LABELS.error, '移行でデータが失われる、実装不可機能を使っている など、必ず対応が必要'],
    [SEVERITY_LABELS.warning, '確認・判断が必要'],
    [SEVERITY_LABELS.info, '参考情報'],
  ]
  for (const [term, meaning] of rows) {
    const row = sheet.addRow([term, meaning])
    const heading = meaning === '' && term !== ''
    row.getCell(1).font = {...FONT, bold: heading}
    row.getCell(2).font = FONT
    row.getCell(2).alignment = {wrapText: true, vertical: 'top'}
    row.commit()
  }
  sheet.commit()
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
