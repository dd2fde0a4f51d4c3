import path from 'node:path'
import {readdirSync} from 'node:fs'

import ExcelJS from 'exceljs'
import {beforeAll, describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {CONVERSION_SHEET_NAME} from '../../src/report/conversion-sheet.js'
import type {Report} from '../../src/report/report-model.js'
import {BODY_FONT_SIZE, columnPx, wrappedLines} from '../../src/report/print-layout.js'
import {SHEET_NAMES} from '../../src/report/sheets.js'
import {writeWorkbook} from '../../src/report/workbook.js'
import {tempDir} from '../helpers/cli.js'
import {sampleInput} from '../helpers/sample-input.js'

function sampleReport(): Report {
  const analysis = analyzeArea(sampleInput([{key: 'jumin:fn:0010006', verdict: 'fit', policy: 'bpr', department: '市民課', note: '=手作業へ'}]))
  return {
    title: 'テスト市 Fit&Gap 分析',
    workspace: {name: 'テスト市', id: 'ws-123', root: '/x'},
    tool: {name: 'fitgap', version: '0.0.0'},
    areas: [{analysis, specTitle: '住民記録システム標準仕様書', provenance: {type: 'representative', note: 'x'}, sources: sampleInput().current.sources}],
  }
}

const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1)
const letter = (n: number) => String.fromCharCode(64 + n)

describe('Fit&Gap workbook', () => {
  let workbook: ExcelJS.Workbook
  let file: string
  const report = sampleReport()

  beforeAll(async () => {
    const dir = tempDir()
    file = path.join(dir, 'report.xlsx')
    await writeWorkbook(report, file)
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
  })

  it('has the sheets in order and leaves no temp file behind', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      SHEET_NAMES.summary,
      SHEET_NAMES.functions,
      SHEET_NAMES.forms,
      SHEET_NAMES.formFields,
      SHEET_NAMES.dataItems,
      SHEET_NAMES.currentOnly,
      SHEET_NAMES.issues,
      CONVERSION_SHEET_NAME,
      SHEET_NAMES.inputs,
      SHEET_NAMES.legend,
    ])
    expect(readdirSync(path.dirname(file))).toEqual(['report.xlsx'])
  })

  it('lists the conversion of every mapped field in 移行変換一覧', () => {
    const sheet = workbook.getWorksheet(CONVERSION_SHEET_NAME)!
    const h = headers(sheet)
    expect(h).toEqual(['業務', '現行 テーブル.項目', '現行の名称', '現行の型', 'データ項目ID', '標準データ項目', '標準の型', '変換の種類', '変換規則', '重大度', '規則の根拠', '対応付け'])
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1))
    const row = (ref: string) => rows.find((r) => r[1] === ref)!
    expect(row('JUMIN.ATENA_NO').slice(7, 10)).toEqual(['変換なし', 'そのまま移す', '−'])
    expect(row('JUMIN.SEINENGAPPI')[7]).toBe('形式の変換')
    expect(rows.filter((r) => r[1] === 'JUMIN.SHIMEI').map((r) => `${r[7]}:${r[9]}`)).toEqual(['文字同定:変換で対応可', '切り捨てのおそれ:情報欠落のおそれ'])
    expect(rows.every((r) => r[11] === '確定' || r[11] === '候補 (未確認)')).toBe(true)
  })

  it('writes the decision columns, then the key at the right end, outside the print area; freezes the header and the ID, not the key', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const h = headers(sheet)
    expect(h.slice(0, 2)).toEqual(['業務', '機能ID'])
    expect(h).toEqual(expect.arrayContaining(['機能ID', '要件', '実装区分', '自動判定', '判定', '対応方針', '担当課', '備考']))
    expect(h.slice(-2)).toEqual(['キー', '_fitgap'])
    expect(sheet.views[0]).toMatchObject({state: 'frozen', ySplit: 1, xSplit: 2})
    expect(sheet.autoFilter).toBeTruthy()
    expect(sheet.pageSetup.printArea).toMatch(new RegExp(`^\\$?A\\$?1:\\$?${letter(h.indexOf('備考') + 1)}\\$?\\d+$`))
    const keys = sheet.getColumn(h.indexOf('キー') + 1).values.slice(2)
    expect(keys).toEqual(report.areas[0]!.analysis.functions.map((r) => r.key))
  })

  it('adds one list validation per decision column', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const h = headers(sheet)
    const verdictCol = h.indexOf('判定') + 1
    const policyCol = h.indexOf('対応方針') + 1
    const model = (sheet as unknown as {dataValidations: {model: Record<string, {type: string; formulae: string[]}>}}).dataValidations.model
    const verdictRules = Object.entries(model).filter(([ref]) => ref.startsWith(letter(verdictCol)))
    expect(verdictRules.length).toBeGreaterThan(0)
    expect(verdictRules[0]![1].type).toBe('list')
    expect(verdictRules[0]![1].formulae[0]).toContain('○ 適合')
    expect(Object.entries(model).some(([ref, rule]) => ref.startsWith(letter(policyCol)) && rule.formulae[0]!.includes('業務運用の見直し'))).toBe(true)
  })

  it('colours 判定 and 重大度 with conditional formats and shows fit rates as data bars', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.dataItems)!
    const cf = (sheet as unknown as {conditionalFormattings: {ref: string; rules: {type: string; formulae?: string[]}[]}[]}).conditionalFormattings
    expect(cf.some((c) => c.rules.some((r) => r.formulae?.[0]?.includes('"○"')))).toBe(true)
    expect(cf.some((c) => c.rules.some((r) => r.formulae?.[0]?.includes('"重大"')))).toBe(true)
    const summary = workbook.getWorksheet(SHEET_NAMES.summary)!
    const summaryCf = (summary as unknown as {conditionalFormattings: {rules: {type: string}[]}[]}).conditionalFormattings
    expect(summaryCf.some((c) => c.rules.some((r) => r.type === 'dataBar'))).toBe(true)
  })

  it('writes formula-like input strings as text in Text-formatted cells, never as formulas', () => {
    const textCell = (sheetName: string, text: string) => {
      let found: ExcelJS.Cell | undefined
      workbook.getWorksheet(sheetName)!.eachRow((row) => row.eachCell((cell) => (found ??= cell.value === text ? cell : undefined)))
      return found
    }
    for (const [sheetName, text] of [
      [SHEET_NAMES.formFields, `=HYPERLINK("http://evil","x")`],
      [SHEET_NAMES.currentOnly, '+敬老対象'],
      [SHEET_NAMES.functions, '=手作業へ'],
    ] as const) {
      const cell = textCell(sheetName, text)
      expect(cell?.type, text).toBe(ExcelJS.ValueType.String)
      expect(cell?.numFmt, text).toBe('@')
    }
    const sheet = workbook.getWorksheet(SHEET_NAMES.formFields)!
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)))
  })

  it('puts the summary figures in サマリー, the fit rate always with its base, and the inputs in 入力と出所', () => {
    const summary = workbook.getWorksheet(SHEET_NAMES.summary)!
    const a = report.areas[0]!.analysis
    const judged = a.summary.functionsByVerdict.fit + a.summary.functionsByVerdict.partial + a.summary.functionsByVerdict.gap
    const text = summary.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n')
    // By hand: ○ 0010001, 0010002 (対応表) and 0010006 (decided), × 0010004 (実装不可 in use), − 0010005, 0010003 undecided.
    expect([judged, a.functions.length, a.summary.fitRate]).toEqual([4, 6, 0.75])
    expect(text).toContain('75% (判定済み 4 / 6)')
    for (const heading of ['業務別の状況', '判定の内訳 (件数)', '次に決めること', '担当課別の進捗']) expect(text).toContain(heading)
    expect(text).toContain('市民課')
    expect(text).toContain('fitgap 0.0.0')
    expect(text).not.toContain('a'.repeat(64))
    const inputs = workbook.getWorksheet(SHEET_NAMES.inputs)!
    const h = headers(inputs)
    const row = (inputs.getSheetValues() as unknown[][]).find((r) => r?.includes('fields.csv'))!
    expect(row[h.indexOf('SHA-256 (先頭12桁)') + 1]).toBe('a'.repeat(12))
    expect(row[h.indexOf('SHA-256') + 1]).toBe('a'.repeat(64))
    expect(inputs.pageSetup.printArea).toMatch(/^\$?A\$?1:\$?F\$?\d+$/)
  })

  it('lists findings in 課題一覧 as an issue register: columns, order 重大 → 注意 → 情報, link to the row, hidden key', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.issues)!
    const h = headers(sheet)
    expect(h).toEqual(['No.', '重大度', '業務', '区分', '標準', '現行', '内容', '判定', '対応方針', '担当課', '期限', '状態', '_fitgap', 'キー'])
    const rows = (sheet.getSheetValues() as unknown[][]).slice(2)
    const register = rows.map((r) => ({no: r[1], severity: r[2], key: r[14]}))
    const findings = report.areas[0]!.analysis.findings.filter((f) => f.severity !== 'info' || f.kind === 'option-undecided' || f.kind === 'archived-decision')
    expect(register.map((r) => r.no)).toEqual(findings.map((_, i) => i + 1))
    const rank = {重大: 0, 注意: 1, 情報: 2} as Record<string, number>
    const ranks = register.map((r) => rank[String(r.severity)])
    expect(ranks).toEqual([...ranks].sort())
    expect(ranks).toContain(0)
    expect(ranks).toContain(2)
    expect(new Set(register.map((r) => r.key))).toEqual(new Set(findings.map((f) => f.key.replace(/^jumin:/, 'jumin:issue:'))))
    expect(sheet.getColumn(h.indexOf('キー') + 1).hidden).toBe(true)
    expect(sheet.getColumn(h.indexOf('_fitgap') + 1).hidden).toBe(true)
    expect(sheet.views[0]).toMatchObject({state: 'frozen', ySplit: 1, xSplit: 2})
    const linked = rows.find((r) => typeof r[5] === 'object' && r[5] !== null)
    expect((linked![5] as {formula: string}).formula).toMatch(/^HYPERLINK\("#'.+'!A\d+",".+"\)$/)
    // The content says what is wrong without repeating the ID and name (they are in 標準).
    const prohibited = rows.find((r) => String(r[4]) === '実装不可機能を現行で使用')!
    expect(String(prohibited[7])).not.toMatch(/^0010004/)
    expect(rows.every((r) => r[12] === '未着手')).toBe(true)
    const length = rows.find((r) => String(r[4]) === '切り捨てのおそれ')!
    expect(length[6]).toBe('氏名 (JUMIN.SHIMEI)')
    expect(String(length[7])).toMatch(/120 桁/)
  })

  it('shows the recorded decision in the decision columns', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const h = headers(sheet)
    const row = sheet.getRow(report.areas[0]!.analysis.functions.findIndex((r) => r.fn.id === '0010006') + 2)
    expect(row.getCell(h.indexOf('判定') + 1).value).toBe('○ 適合')
    expect(row.getCell(h.indexOf('対応方針') + 1).value).toBe('業務運用の見直し')
    expect(row.getCell(h.indexOf('担当課') + 1).value).toBe('市民課')
  })

  it('sets up every sheet for printing: paper, landscape, fit to the page width, print titles, header and footer', () => {
    for (const sheet of workbook.worksheets) {
      const setup = sheet.pageSetup
      expect([8, 9], sheet.name).toContain(setup.paperSize)
      expect(setup.orientation, sheet.name).toBe(sheet.name === SHEET_NAMES.legend ? 'portrait' : 'landscape')
      expect(setup.fitToPage, sheet.name).toBe(true)
      expect(setup.fitToWidth, sheet.name).toBe(1)
      expect(setup.printArea, sheet.name).toBeTruthy()
      if (sheet.name !== SHEET_NAMES.summary && sheet.name !== SHEET_NAMES.legend) expect(setup.printTitlesRow, sheet.name).toMatch(/^\$?1:\$?1$/)
      expect(sheet.headerFooter.oddHeader, sheet.name).toContain('&A')
      expect(sheet.headerFooter.oddFooter, sheet.name).toMatch(/&P.*&N/)
    }
    // Wide sheets get A3 rather than shrinking below a readable size.
    expect(workbook.getWorksheet(SHEET_NAMES.dataItems)!.pageSetup.paperSize).toBe(8)
  })

  it('fits サマリー on one A4 landscape page at a readable scale', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.summary)!
    expect(sheet.pageSetup).toMatchObject({paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1})
    const lastColumn = Number(/:\$?([A-Z]+)/.exec(sheet.pageSetup.printArea!)![1]!.charCodeAt(0) - 64)
    let widthPx = 0
    for (let c = 1; c <= lastColumn; c++) widthPx += columnPx(sheet.getColumn(c).width ?? 9)
    let heightPt = 0
    for (let r = 1; r <= sheet.rowCount; r++) heightPt += sheet.getRow(r).height ?? 15
    const margins = sheet.pageSetup.margins!
    const scale = Math.min(((11.69 - margins.left - margins.right) * 96) / widthPx, ((8.27 - margins.top - margins.bottom) * 72) / heightPt)
    expect(scale * BODY_FONT_SIZE).toBeGreaterThanOrEqual(7)
  })

  it('wraps long text columns and gives their rows the height they need', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const h = headers(sheet)
    for (const header of ['要件', '判定理由', '対応方針', '備考']) expect(sheet.getRow(2).getCell(h.indexOf(header) + 1).alignment?.wrapText, header).toBe(true)
    const issues = workbook.getWorksheet(SHEET_NAMES.issues)!
    const content = headers(issues).indexOf('内容') + 1
    expect(issues.getRow(2).getCell(content).alignment?.wrapText).toBe(true)
    let tallest = 0
    issues.eachRow((row, n) => {
      if (n > 1 && wrappedLines(String(row.getCell(content).value ?? ''), issues.getColumn(content).width!) > 1) tallest = Math.max(tallest, row.height ?? 0)
    })
    expect(tallest).toBeGreaterThan(15)
  })

  it('explains in 凡例 every fill colour and data bar the other sheets use', () => {
    const used = new Set<string>()
    const bars = new Set<string>()
    const legend = workbook.getWorksheet(SHEET_NAMES.legend)!
    type Cf = {rules: {type: string; color?: {argb: string}; style?: {fill?: {bgColor?: {argb: string}}}}[]}
    const cfOf = (sheet: ExcelJS.Worksheet) => (sheet as unknown as {conditionalFormattings: Cf[]}).conditionalFormattings
    for (const sheet of workbook.worksheets) {
      if (sheet === legend) continue
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const fill = cell.fill as ExcelJS.FillPattern | undefined
          if (fill?.fgColor?.argb) used.add(fill.fgColor.argb)
        }),
      )
      for (const cf of cfOf(sheet))
        for (const rule of cf.rules) {
          if (rule.style?.fill?.bgColor?.argb) used.add(rule.style.fill.bgColor.argb)
          if (rule.type === 'dataBar' && rule.color) bars.add(rule.color.argb)
        }
    }
    const explained = new Set<string>()
    legend.eachRow((row) => {
      const fill = row.getCell(1).fill as ExcelJS.FillPattern | undefined
      if (fill?.fgColor?.argb && String(row.getCell(2).value ?? '') !== '') explained.add(fill.fgColor.argb)
    })
    expect(used.size).toBeGreaterThan(5)
    for (const argb of used) expect(explained, argb).toContain(argb)
    const legendBars = new Set(cfOf(legend).flatMap((cf) => cf.rules.filter((r) => r.type === 'dataBar').map((r) => r.color!.argb)))
    expect(bars.size).toBeGreaterThan(0)
    for (const argb of bars) expect(legendBars, argb).toContain(argb)
    const text = legend.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n')
    for (const word of ['○ 適合', '△ 部分適合', '× 不適合', '− 対象外', '期限', '状態', '出所']) expect(text).toContain(word)
    // A coloured label in サマリー (業務の状況) is explained by the same label with the same fill.
    const legendFills = new Map<string, string | undefined>()
    legend.eachRow((row) => legendFills.set(String(row.getCell(1).value ?? ''), (row.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb))
    let labels = 0
    workbook.getWorksheet(SHEET_NAMES.summary)!.eachRow((row) =>
      row.eachCell((cell) => {
        const argb = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb
        if (typeof cell.value !== 'string' || !argb || ['未着手', '分析中', '判定完了'].indexOf(cell.value) < 0) return
        labels += 1
        expect(legendFills.get(cell.value), cell.value).toBe(argb)
      }),
    )
    expect(labels).toBeGreaterThan(0)
  })
})

describe('Fit&Gap workbook from an official catalogue', () => {
  it('credits the official source in 凡例 and 入力と出所', async () => {
    const base = sampleReport()
    const area = base.areas[0]!
    const report: Report = {...base, areas: [{...area, provenance: {type: 'official', source: 'jumin_4.0.xlsx', importedAt: '2026-11-01', sha256: 'b'.repeat(64)}}]}
    const file = path.join(tempDir(), 'official.xlsx')
    await writeWorkbook(report, file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const credit = '出典: 「住民記録システム標準仕様書」test-1 (jumin_4.0.xlsx) を fitgap で取り込み、加工して作成'
    for (const name of [SHEET_NAMES.legend, SHEET_NAMES.inputs]) expect(workbook.getWorksheet(name)!.getSheetValues().flat(), name).toContain(credit)
  })
})
