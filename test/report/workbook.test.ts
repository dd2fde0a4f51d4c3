import path from 'node:path'
import {readdirSync} from 'node:fs'

import ExcelJS from 'exceljs'
import {beforeAll, describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {CONVERSION_SHEET_NAME} from '../../src/report/conversion-sheet.js'
import type {Report} from '../../src/report/report-model.js'
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

  it('writes a key column, frozen header, autofilter and the decision columns', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const h = headers(sheet)
    expect(h[0]).toBe('キー')
    expect(h).toEqual(expect.arrayContaining(['機能ID', '要件', '実装区分', '自動判定', '判定', '対応方針', '担当課', '備考']))
    expect(sheet.views[0]).toMatchObject({state: 'frozen', ySplit: 1})
    expect(sheet.autoFilter).toBeTruthy()
    const keys = sheet.getColumn(1).values.slice(2)
    expect(keys).toEqual(report.areas[0]!.analysis.functions.map((r) => r.key))
  })

  it('adds one list validation per decision column', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const h = headers(sheet)
    const verdictCol = h.indexOf('判定') + 1
    const policyCol = h.indexOf('対応方針') + 1
    const model = (sheet as unknown as {dataValidations: {model: Record<string, {type: string; formulae: string[]}>}}).dataValidations.model
    const letter = (n: number) => String.fromCharCode(64 + n)
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

  it('puts the summary numbers of the analysis in the サマリー sheet', () => {
    const summary = workbook.getWorksheet(SHEET_NAMES.summary)!
    const s = report.areas[0]!.analysis.summary
    let found: unknown[] | undefined
    summary.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1)
      if (values[0] === '住民基本台帳' && typeof values[2] === 'number') found = values
    })
    expect(found).toEqual([
      '住民基本台帳',
      'test-1',
      s.fitRate,
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
      '分析中',
    ])
    const text = summary.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n')
    expect(text).toContain('a'.repeat(64))
    expect(text).toContain('fitgap 0.0.0')
  })

  it('lists error and warning findings in 課題一覧 with links to their rows', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.issues)!
    const expected = report.areas[0]!.analysis.findings.filter((f) => f.severity !== 'info')
    expect(sheet.rowCount - 1).toBe(expected.length)
    expect(sheet.getRow(1).getCell(1).value).toBe('状態')
    expect(sheet.getRow(2).getCell(1).value).toBe('未対応')
    const keyCell = sheet.getRow(2).getCell(5)
    expect(keyCell.type).toBe(ExcelJS.ValueType.Formula)
    expect((keyCell.value as {formula: string}).formula).toMatch(/^HYPERLINK\("#'.+'!A\d+",".+"\)$/)
  })

  it('shows the recorded decision in the decision columns', () => {
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const h = headers(sheet)
    const row = sheet.getRow(report.areas[0]!.analysis.functions.findIndex((r) => r.fn.id === '0010006') + 2)
    expect(row.getCell(h.indexOf('判定') + 1).value).toBe('○ 適合')
    expect(row.getCell(h.indexOf('対応方針') + 1).value).toBe('業務運用の見直し')
    expect(row.getCell(h.indexOf('担当課') + 1).value).toBe('市民課')
  })
})
