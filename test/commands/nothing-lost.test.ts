import {execFileSync} from 'node:child_process'
import {readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {beforeEach, describe, expect, it} from 'vitest'

import {SHEET_NAMES} from '../../src/report/sheets.js'
import {loadDecisions, saveDecisions} from '../../src/workspace/decisions-store.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {analysedDemoCopy, fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

async function changeWorkbook(file: string, target: string, change: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  change(workbook)
  await workbook.xlsx.writeFile(target)
}

function cellOf(workbook: ExcelJS.Workbook, sheetName: string, key: string, header: string): ExcelJS.Cell {
  const sheet = workbook.getWorksheet(sheetName)!
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
  let found: ExcelJS.Cell | undefined
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(headers.indexOf('キー')).value === key) found = row.getCell(headers.indexOf(header))
  })
  if (!found) throw new Error(`no ${key} in ${sheetName}`)
  return found
}

describe('nothing lost: report import and analyze', () => {
  let workspace: string
  let report: string

  beforeEach(async () => {
    workspace = await analysedDemoCopy()
    report = path.join(workspace, 'reports', 'fitgap-report.xlsx')
  })

  it.each([
    ['判定', '判定(記入)'],
    ['キー', 'キー (変更不可)'],
    ['備考', 'メモ'],
  ])('refuses a sheet whose header %s was renamed, and analyze keeps the workbook', async (header, renamed) => {
    await changeWorkbook(report, report, (workbook) => {
      const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
      cellOf(workbook, SHEET_NAMES.functions, 'jumin:fn:0010001', '担当課').value = '市民課'
      sheet.getRow(1).eachCell((cell) => {
        if (cell.value === header) cell.value = renamed
      })
    })
    const imported = await fitgap(['report', 'import', report, '--workspace', workspace])
    expect(imported.exitCode).toBe(2)
    expect(imported.stderr).toContain(`シート「機能要件」1行目に見出し「${header}」がありません`)
    expect(imported.stderr).toContain('必要な見出し: キー・判定・対応方針・担当課・備考')
    const before = readFileSync(report)
    const analyzed = await fitgap(['analyze', '--workspace', workspace])
    expect(analyzed.exitCode).toBe(2)
    expect(analyzed.stderr).toContain('記入を読み切れないため、上書きしませんでした')
    expect(readFileSync(report).equals(before)).toBe(true)
  })

  it('refuses a workbook whose decision sheet was renamed', async () => {
    await changeWorkbook(report, report, (workbook) => {
      workbook.getWorksheet(SHEET_NAMES.forms)!.name = '帳票 (市民課)'
    })
    const imported = await fitgap(['report', 'import', report, '--workspace', workspace])
    expect(imported.exitCode).toBe(2)
    expect(imported.stderr).toContain('シート「帳票」がありません')
  })

  it('counts entries typed in 自動判定 as not imported, so analyze does not overwrite them', async () => {
    await changeWorkbook(report, report, (workbook) => {
      cellOf(workbook, SHEET_NAMES.functions, 'jumin:fn:0010001', '自動判定').value = '× 不適合'
    })
    const analyzed = await fitgap(['analyze', '--workspace', workspace])
    expect(analyzed.exitCode).toBe(2)
    expect(analyzed.stderr).toContain('まだ取り込んでいない記入が 1 行あります')
  })

  it('reports a 判定 formula without a saved result instead of dropping it', async () => {
    await changeWorkbook(report, report, (workbook) => {
      const cell = cellOf(workbook, SHEET_NAMES.functions, 'jumin:fn:0010001', '判定')
      cell.value = {formula: 'IF(TRUE,"○ 適合","")'} as ExcelJS.CellFormulaValue
    })
    const imported = await fitgap(['report', 'import', report, '--workspace', workspace])
    expect(imported.exitCode).toBe(2)
    expect(imported.stderr).toMatch(/機能要件!\w+\d+ \(jumin:fn:0010001\): 数式の結果が保存されていない/)
    expect((await fitgap(['analyze', '--workspace', workspace])).exitCode).toBe(2)
  })

  it('round-trips text that begins with an apostrophe or looks like a formula', async () => {
    const texts: Record<string, string> = {
      'jumin:fn:0010001': "'=A1 と書かれた帳票欄",
      'jumin:fn:0010002': "'+81 窓口",
      'jumin:fn:0010003': '=120桁の氏名',
      'jumin:fn:0010004': '-',
    }
    const ws = loadWorkspace(workspace)
    const file = loadDecisions(ws, 'jumin')
    for (const [key, note] of Object.entries(texts)) file.decisions.push({key, note, by: '山田', at: '2026-01-01', edition: 'rep-2'})
    saveDecisions(ws, file)
    const before = readFileSync(path.join(workspace, 'decisions', 'jumin.yaml'), 'utf8')

    expect((await fitgap(['analyze', '--workspace', workspace, '--force'])).exitCode).toBe(0)
    const again = await fitgap(['report', 'import', report, '--workspace', workspace, '--json'])
    expect(again.exitCode, again.stderr).toBe(0)
    expect(fitgapJson<{counts: {added: number; changed: number}}>(again).counts).toMatchObject({added: 0, changed: 0})
    expect(readFileSync(path.join(workspace, 'decisions', 'jumin.yaml'), 'utf8')).toBe(before)
    // Formula-like text sits in a Text-formatted cell as it is, so editing it in Excel keeps it text.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(report)
    const cell = cellOf(workbook, SHEET_NAMES.functions, 'jumin:fn:0010003', '備考')
    expect(cell.value).toBe('=120桁の氏名')
    expect(cell.numFmt).toBe('@')
    expect(cellOf(workbook, SHEET_NAMES.functions, 'jumin:fn:0010001', '備考').value).toBe("'=A1 と書かれた帳票欄")
  })

  it('writes a readable workbook when an imported label holds U+FFFF, a lone surrogate or 40,000 characters', async () => {
    const csv = path.join(tempDir(), 'odd.csv')
    writeFileSync(csv, `テーブル名,項目名,データ型\nODD,変な\uFFFF名前,CHAR\nODD,${'長'.repeat(40_000)},CHAR\nODD,外字\uE000,CHAR\n`)
    const json = path.join(path.dirname(csv), 'odd.json')
    writeFileSync(json, '{"fields": [{"table": "ODJ", "column": "C1", "label": "孤立\\uD800サロゲート"}]}')
    const imported = await fitgap(['current', 'import', csv, json, '--area', 'jumin', '--workspace', workspace])
    expect(imported.exitCode, imported.stderr).toBe(0)
    expect(imported.stderr).toMatch(/odd\.csv 2行目.*XML に使えない文字 U\+FFFF/)
    expect(imported.stderr).toMatch(/odd\.csv 4行目.*外字 \(私用領域の文字 U\+E000\)/)
    const analyzed = await fitgap(['analyze', '--workspace', workspace, '--force'])
    expect(analyzed.exitCode, analyzed.stderr).toBe(0)
    const result = await fitgap(['report', 'import', report, '--workspace', workspace])
    expect(result.exitCode, result.stderr).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(report)
    const texts: string[] = []
    workbook.getWorksheet(SHEET_NAMES.currentOnly)!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))))
    expect(texts.some((t) => t.includes('変な\uFFFD名前'))).toBe(true)
    expect(texts.some((t) => t.includes('孤立\uFFFDサロゲート'))).toBe(true)
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(32_767)
  })

  it('reads and writes regular files only', async () => {
    const fifo = path.join(tempDir(), 'pipe.xlsx')
    execFileSync('mkfifo', [fifo])
    const imported = await fitgap(['report', 'import', fifo, '--workspace', workspace])
    expect(imported.exitCode).toBe(2)
    expect(imported.stderr).toContain('通常のファイルではありません (名前付きパイプ (FIFO))')
    const zero = path.join(tempDir(), 'zero.xlsx')
    symlinkSync('/dev/zero', zero)
    for (const args of [
      ['report', 'import', zero, '--workspace', workspace],
      ['analyze', '--workspace', workspace, '--out', zero],
      ['specs', 'import', zero, '--area', 'jumin', '--edition', 'x1', '--workspace', workspace],
    ]) {
      const result = await fitgap(args)
      expect(result.exitCode, args.join(' ')).toBe(2)
      expect(result.stderr).toContain('通常のファイルではありません (デバイス)')
    }
  })
})
