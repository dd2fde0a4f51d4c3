import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {beforeAll, describe, expect, it} from 'vitest'

import {CONVERSION_SHEET_NAME} from '../../src/report/conversion-sheet.js'
import {DATA_CHECK_SHEET_NAME} from '../../src/report/data-check-sheet.js'
import {SHEET_NAMES} from '../../src/report/sheets.js'
import {analysedDemoCopy, demoCopy, fitgap, fitgapJson, keyColumnOf, ROOT, tempDir} from '../helpers/cli.js'
import {diskState} from '../helpers/disk.js'

interface AnalysisJson {
  workspace: {name: string; id: string}
  areas: {
    slug: string
    edition: string
    sources: {file: string; sha256: string}[]
    summary: {fitRate: number; functionsByVerdict: Record<string, number>; findingsBySeverity: Record<string, number>}
    findings: {key: string; kind: string; severity: string; settledBy?: {key: string; summary: string}}[]
  }[]
}

describe('fitgap analyze', () => {
  let workspace: string
  let json: AnalysisJson
  let workbook: ExcelJS.Workbook
  let out: string

  beforeAll(async () => {
    workspace = demoCopy()
    const result = await fitgap(['analyze', '--workspace', workspace, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    json = fitgapJson<AnalysisJson>(result)
    out = path.join(tempDir(), 'report.xlsx')
    const written = await fitgap(['analyze', '--workspace', workspace, '--out', out])
    expect(written.exitCode, written.stderr).toBe(0)
    expect(written.stdout).toContain('Fit&Gap 分析の結果')
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
  })

  it('analyses the three demo 業務 with provenance of every input file', () => {
    expect(json.workspace.id).toBe('demo-midori-0001')
    expect(json.areas.map((a) => a.slug)).toEqual(['jumin', 'kojin', 'kokuho'])
    const jumin = json.areas[0]!
    expect(jumin.sources.map((s) => s.file).sort()).toEqual(['exports/jumin/住記_帳票定義.xml', 'exports/jumin/住記_機能一覧.csv', 'exports/jumin/住記_項目定義.csv'])
    for (const source of jumin.sources) expect(source.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('shows every finding kind on the demo', () => {
    const kinds = new Set(json.areas.flatMap((a) => a.findings.map((f) => f.kind)))
    for (const kind of [
      'fit',
      'partial',
      'gap',
      'na',
      'undecided',
      'option-undecided',
      'prohibited-in-use',
      'form-missing',
      'form-field-missing',
      'form-field-extra',
      'form-field-renamed',
      'form-field-reordered',
      'item-unmapped',
      // 'type' (型の変換) is not on the demo since the matcher keeps flags off dates; test/analyzers covers it.
      'length',
      'required',
      'code',
      'extra-function',
      'extra-form',
      'extra-field',
    ])
      expect(kinds, kind).toContain(kind)
  })

  it('applies the recorded decisions, even one that disagrees with the inferred verdict', async () => {
    // A function the tool judges on its own (no decision recorded), then a person records the opposite verdict.
    const own = demoCopy()
    const file = path.join(own, 'decisions', 'jumin.yaml')
    const recorded = readFileSync(file, 'utf8')
    const inferred = json.areas[0]!.findings.find((f) => f.key.startsWith('jumin:fn:') && f.kind === 'fit' && !recorded.includes(`key: ${f.key}\n`))!
    expect(inferred, 'the demo has an inferred ○ with no decision').toBeDefined()
    writeFileSync(file, readFileSync(file, 'utf8') + `  - key: ${inferred.key}\n    verdict: gap\n    note: 人が×と判定した\n`)
    const result = await fitgap(['analyze', 'jumin', '--workspace', own, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const area = fitgapJson<AnalysisJson>(result).areas[0]!
    expect(area.findings.find((f) => f.key === inferred.key)?.kind).toBe('gap')
    const before = json.areas[0]!.summary.functionsByVerdict
    expect(area.summary.functionsByVerdict.gap).toBe(before.gap! + 1)
    expect(area.summary.functionsByVerdict.fit).toBe(before.fit! - 1)
  })

  it('applies the recorded decisions: a 実装不可 function in use with 廃止 decided is settled', () => {
    const keys = json.areas[0]!.findings.filter((f) => f.key === 'jumin:fn:0010019')
    expect(keys[0]).toMatchObject({kind: 'prohibited-in-use', severity: 'error', settledBy: {key: 'jumin:fn:0010019', summary: '× 不適合 / 廃止'}})
  })

  it('is deterministic in JSON', async () => {
    const again = await fitgap(['analyze', '--workspace', workspace, '--json'])
    expect(again.stdout).toBe(JSON.stringify(json, null, 2) + '\n')
  })

  it('writes the workbook whose summary matches the JSON, and says what changed since the previous analysis', async () => {
    expect(workbook.worksheets.map((s) => s.name)).toContain(SHEET_NAMES.issues)
    const textOf = (book: ExcelJS.Workbook) =>
      book.getWorksheet(SHEET_NAMES.summary)!.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n')
    // Pinned by hand from the demo's decisions: 25 ○, 1 △, 3 × of 263 functions; △ counts half: (25 + 0.5) / 29.
    const jumin = json.areas[0]!
    expect(jumin.summary.functionsByVerdict).toEqual({fit: 25, partial: 1, gap: 3, na: 25, undecided: 209})
    expect(jumin.summary.fitRate).toBe(0.879)
    expect(textOf(workbook)).toContain('88% (判定済み 29 / 263)')
    expect(textOf(workbook)).not.toContain('前回の分析')
    const issues = workbook.getWorksheet(SHEET_NAMES.issues)!
    const expected = json.areas.flatMap((a) => a.findings).filter((f) => f.severity !== 'info' || f.kind === 'option-undecided' || f.kind === 'archived-decision').length
    expect(issues.rowCount - 1).toBe(expected)

    const again = path.join(tempDir(), 'again.xlsx')
    expect((await fitgap(['analyze', '--workspace', workspace, '--out', again])).exitCode).toBe(0)
    const second = new ExcelJS.Workbook()
    await second.xlsx.readFile(again)
    expect(textOf(second)).toMatch(/前回の分析 \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}\) から: 判定 ±0、重大 ±0、注意 ±0/)
  })

  it('shows the demo migration cases: 移行変換一覧 (続柄・郵便番号・和暦・半角カナ) and データ検査', () => {
    const rows = (name: string) => workbook.getWorksheet(name)!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1).map(String))
    const conversions = rows(CONVERSION_SHEET_NAME)
    const kindOf = (ref: string, item: string) => conversions.find((r) => r[1] === ref && r[5] === item)?.slice(7, 10).filter((_, i) => i !== 1)
    expect(kindOf('SETAI.ZOKUGARA_CD', '続柄')).toEqual(['コード変換', '変換で対応可'])
    expect(kindOf('JUMIN_JUSHO.YUBIN_NO', '郵便番号')).toEqual(['形式の変換', '変換で対応可'])
    expect(kindOf('JUMIN_KIHON.SEINENGAPPI', '生年月日')).toEqual(['形式の変換', '変換で対応可'])
    expect(kindOf('JUMIN_KIHON.SHIMEI_KANA', '氏名フリガナ')).toEqual(['文字幅の変換', '変換で対応可'])
    const checks = rows(DATA_CHECK_SHEET_NAME)
    const name = checks.find((r) => r[2] === 'SHIMEI')!
    expect(name.at(-1)).toContain('外字 (私用領域) 2 件')
    expect(checks.find((r) => r[2] === 'SEINENGAPPI')!.at(-1)).toContain('日付として読めない値 3 件')
  })

  it('runs on the bundled demo when no workspace is in reach, writing into the current folder', async () => {
    const dir = tempDir()
    const result = await fitgap(['analyze'], {cwd: dir})
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toContain('同梱のデモ')
    expect(existsSync(path.join(dir, 'fitgap-demo-report.xlsx'))).toBe(true)
    expect(existsSync(path.join(ROOT, 'examples', 'demo', 'reports', 'fitgap-report.xlsx'))).toBe(false)
  })

  it('analyses only the 業務 asked for and rejects an unknown one with exit 2', async () => {
    const one = await fitgap(['analyze', '個人住民税', '--workspace', workspace, '--json'])
    expect(fitgapJson<AnalysisJson>(one).areas.map((a) => a.slug)).toEqual(['kojin'])
    const bad = await fitgap(['analyze', 'nosuch', '--workspace', workspace, '--json'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('業務「nosuch」が見つかりません')
  })

  it('exits 2 when --workspace is not a workspace', async () => {
    const result = await fitgap(['analyze', '--workspace', tempDir()])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('ワークスペースではありません')
  })
})

describe('fitgap analyze keeps the team’s entries', () => {
  it('refuses to overwrite a workbook with entries not yet imported, until imported or --force', async () => {
    const workspace = await analysedDemoCopy()
    const out = path.join(workspace, 'reports', 'fitgap-report.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const noteColumn = (sheet.getRow(1).values as unknown[]).indexOf('備考')
    sheet.getRow(2).getCell(noteColumn).value = '大事なメモ'
    await workbook.xlsx.writeFile(out)

    const refused = await fitgap(['analyze', '--workspace', workspace])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toContain('まだ取り込んでいない記入が 1 行あります')
    const kept = new ExcelJS.Workbook()
    await kept.xlsx.readFile(out)
    expect(kept.getWorksheet(SHEET_NAMES.functions)!.getRow(2).getCell(noteColumn).value).toBe('大事なメモ')

    expect((await fitgap(['report', 'import', out, '--workspace', workspace])).exitCode).toBe(0)
    expect((await fitgap(['analyze', '--workspace', workspace])).exitCode).toBe(0)
    expect((await fitgap(['analyze', '--workspace', workspace, '--force'])).exitCode).toBe(0)
  })

  it('asks for an .xlsx file name in --out', async () => {
    const workspace = demoCopy()
    const before = diskState(workspace)
    const result = await fitgap(['analyze', '--workspace', workspace, '--out', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('--out には Excel ブックのファイル名 (.xlsx) を指定してください')
    const csv = await fitgap(['analyze', '--workspace', workspace, '--out', path.join(workspace, 'report.csv')])
    expect(csv.exitCode).toBe(2)
    expect(diskState(workspace)).toEqual(before)
  })

  it('writes no workbook for --json unless --out is given', async () => {
    const dir = tempDir()
    const result = await fitgap(['analyze', '--json'], {cwd: dir})
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('同梱のデモ')
    expect(existsSync(path.join(dir, 'fitgap-demo-report.xlsx'))).toBe(false)
  })
})

describe('fitgap analyze and the areas of fitgap.yaml', () => {
  it('says which imported 業務 it leaves out because fitgap.yaml does not list them', async () => {
    const workspace = demoCopy()
    const config = path.join(workspace, 'fitgap.yaml')
    writeFileSync(config, readFileSync(config, 'utf8').replace('  - kokuho\n', ''))
    const result = await fitgap(['analyze', '--workspace', workspace, '--json'])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('国民健康保険 は fitgap.yaml の areas にないため分析しません')
  })
})

describe('fitgap analyze of one 業務', () => {
  it('still protects entries made for another 業務 in the workbook it would replace', async () => {
    const workspace = await analysedDemoCopy()
    const out = path.join(workspace, 'reports', 'fitgap-report.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const noteColumn = (sheet.getRow(1).values as unknown[]).indexOf('備考')
    sheet.eachRow((row) => {
      if (String(row.getCell(keyColumnOf(sheet)).value).startsWith('kojin:fn:0100001')) row.getCell(noteColumn).value = '個人住民税のメモ'
    })
    await workbook.xlsx.writeFile(out)
    const one = await fitgap(['analyze', 'jumin', '--workspace', workspace])
    expect(one.exitCode).toBe(0)
    expect(one.stdout).toContain('fitgap-report-jumin.xlsx')
    const refused = await fitgap(['analyze', 'jumin', '--workspace', workspace, '--out', out])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toContain('まだ取り込んでいない記入が 1 行あります')
  })
})
