/**
 * importReport on a small hand-made 業務 (test/helpers/sample-input.ts): the workbook is written by writeWorkbook,
 * edited as a person would, and read back into a workspace in a temp folder. Fast: no command, no bundled catalogue.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {stringify} from 'yaml'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {InputError} from '../../src/errors.js'
import type {Decision} from '../../src/model/decision.js'
import {ForeignWorkbookError, importReport, type ReportImportOptions} from '../../src/report/import-report.js'
import {SHEET_NAMES} from '../../src/report/sheets.js'
import {writeWorkbook} from '../../src/report/workbook.js'
import {decisionsPath, loadDecisions, saveDecisionsTogether} from '../../src/workspace/decisions-store.js'
import type {AnalysisRun} from '../../src/workspace/run-analysis.js'
import {workspaceAt, type Workspace} from '../../src/workspace/workspace.js'
import {tempDir} from '../helpers/cli.js'
import {diskState} from '../helpers/disk.js'
import {editWorkbook} from '../helpers/edit-workbook.js'
import {sampleCatalog, sampleInput} from '../helpers/sample-input.js'

const ID = 'ws-unit-0001'
const RECORDED: Decision = {key: 'jumin:fn:0010006', verdict: 'fit', policy: 'bpr', department: '市民課', note: '手作業へ', by: '佐藤', at: '2026-01-01'}
const run = (decisions: Decision[]): AnalysisRun => {
  const input = sampleInput(decisions)
  return {areas: [{analysis: analyzeArea(input), specTitle: 'テスト仕様', provenance: {type: 'representative', note: 'x'}, sources: input.current.sources}]}
}
const OPTIONS: ReportImportOptions = {dryRun: false, skipInvalid: false}

/** A workspace of one 業務 whose decisions file holds `decisions`. */
function workspaceWith(decisions: Decision[]): Workspace {
  const workspace = workspaceAt(path.join(tempDir('fitgap-import-unit-'), 'ws'), {version: 1, name: 'テスト市', id: ID, areas: ['jumin'], editions: {}})
  mkdirSync(workspace.decisionsDir, {recursive: true})
  if (decisions.length > 0) saveDecisionsTogether(workspace, [{area: 'jumin', decisions, archived: []}], new Map([['jumin', undefined]]))
  return workspace
}

describe('importReport (unit)', () => {
  let written: string
  let workspace: Workspace
  let dir: string

  beforeAll(async () => {
    written = path.join(tempDir('fitgap-import-book-'), 'report.xlsx')
    await writeWorkbook({title: 't', workspace: {name: 'テスト市', id: ID, root: '/x'}, tool: {name: 'fitgap', version: '0.0.0'}, areas: run([RECORDED]).areas}, written)
  })
  beforeEach(() => {
    workspace = workspaceWith([RECORDED])
    dir = tempDir('fitgap-import-edit-')
  })

  const edited = async (edits: Parameters<typeof editWorkbook>[2], lastModifiedBy?: string) => {
    const file = path.join(dir, `edited-${Math.random().toString(36).slice(2)}.xlsx`)
    await editWorkbook(written, file, edits, lastModifiedBy ? {lastModifiedBy} : {})
    return file
  }
  const decisions = () => loadDecisions(workspace, 'jumin')
  const decisionOf = (key: string) => decisions().decisions.find((d) => d.key === key)

  it('records an edited verdict with who and when: --by and --at first, else the last editor and the workbook date', async () => {
    const file = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '△ 部分適合', 対応方針: 'パラメータ設定'}}], '鈴木 花子')
    const result = await importReport(workspace, file, {...OPTIONS, at: '2026-03-04'}, run([RECORDED]))
    expect(result).toMatchObject({applied: true, by: '鈴木 花子', at: '2026-03-04', invalid: [], misplaced: []})
    expect(result.file).toBe(file)
    expect(result.sheets).toContain(SHEET_NAMES.functions)
    expect(result.plan.added.map((c) => c.key)).toEqual(['jumin:fn:0010001'])
    expect(decisionOf('jumin:fn:0010001')).toMatchObject({verdict: 'partial', policy: 'parameter', by: '鈴木 花子', at: '2026-03-04'})
    // The decision that was not edited is kept as it was.
    expect(decisionOf(RECORDED.key)).toEqual(RECORDED)

    const other = workspaceWith([RECORDED])
    const byFlag = await importReport(other, file, {...OPTIONS, by: '田中'}, run([RECORDED]))
    const modified = new ExcelJS.Workbook()
    await modified.xlsx.readFile(file)
    const day = modified.modified!
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
    expect([byFlag.by, byFlag.at]).toEqual(['田中', local])
    expect(loadDecisions(other, 'jumin').decisions.find((d) => d.key === 'jumin:fn:0010001')).toMatchObject({by: '田中', at: local})
  })

  it('takes no editor name from a workbook only programs saved (exceljs, fitgap)', async () => {
    for (const program of ['exceljs', 'ExcelJS 4.4', 'fitgap 1.2.0']) {
      const file = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}}], program)
      const result = await importReport(workspaceWith([RECORDED]), file, {...OPTIONS, dryRun: true}, run([RECORDED]))
      expect(result.by, program).toBeUndefined()
    }
    const person = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}}], '  fitgapper 次郎  ')
    expect((await importReport(workspaceWith([RECORDED]), person, {...OPTIONS, dryRun: true}, run([RECORDED]))).by).toBe('fitgapper 次郎')
  })

  it('writes nothing on --dry-run, when nothing changed, and when there is a conflict', async () => {
    const before = diskState(workspace.root)
    const file = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}}])
    const dry = await importReport(workspace, file, {...OPTIONS, dryRun: true}, run([RECORDED]))
    expect([dry.applied, dry.plan.added.length]).toEqual([false, 1])
    expect(diskState(workspace.root)).toEqual(before)

    const untouched = await importReport(workspace, written, OPTIONS, run([RECORDED]))
    expect([untouched.applied, untouched.plan.added.length, untouched.plan.changed.length]).toEqual([false, 0, 0])
    expect(diskState(workspace.root)).toEqual(before)

    // Someone recorded a newer 判定 on 0010006 since the workbook was written; the workbook changes it too.
    const newer: Decision = {...RECORDED, verdict: 'gap', by: '山本', at: '2026-02-01'}
    const conflicting = await edited([
      {sheet: SHEET_NAMES.functions, key: RECORDED.key, values: {判定: '△ 部分適合'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}},
    ])
    const mine = workspaceWith([newer])
    const held = diskState(mine.root)
    const result = await importReport(mine, conflicting, OPTIONS, run([newer]))
    expect(result.applied).toBe(false)
    expect(result.plan.conflicts.map((c) => c.key)).toEqual([RECORDED.key])
    expect(diskState(mine.root)).toEqual(held)
    // Choosing a side applies the rest: --prefer theirs keeps the colleague's 判定 (and says so), mine takes the file's.
    const theirs = await importReport(mine, conflicting, {...OPTIONS, prefer: 'theirs'}, run([newer]))
    expect(theirs.applied).toBe(true)
    expect(theirs.plan.keptTheirs).toEqual([expect.objectContaining({key: RECORDED.key, fields: [{field: 'verdict', mine: 'partial', theirs: 'gap'}]})])
    const kept = loadDecisions(mine, 'jumin').decisions
    expect(kept.find((d) => d.key === RECORDED.key)).toEqual(newer)
    expect(kept.find((d) => d.key === 'jumin:fn:0010001')?.verdict).toBe('fit')
    const yours = workspaceWith([newer])
    expect((await importReport(yours, conflicting, {...OPTIONS, prefer: 'mine', by: '高橋'}, run([newer]))).applied).toBe(true)
    expect(loadDecisions(yours, 'jumin').decisions.find((d) => d.key === RECORDED.key)).toMatchObject({verdict: 'partial', policy: 'bpr', by: '高橋', department: '市民課'})
  })

  it('analyses the workspace itself when no analysis is passed', async () => {
    // The workspace's own copy of the sample catalogue, pinned; no current system imported.
    const own = workspaceAt(workspace.root, {...workspace.config, editions: {jumin: 'test-1'}})
    mkdirSync(path.join(own.specsDir, 'jumin'), {recursive: true})
    writeFileSync(path.join(own.specsDir, 'jumin', 'test-1.yaml'), stringify(sampleCatalog()))
    const file = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}}])
    const result = await importReport(own, file, OPTIONS)
    expect(result.plan.stale).toEqual([])
    expect(result.applied).toBe(true)
    expect(decisionOf('jumin:fn:0010001')?.verdict).toBe('fit')
  })

  it('archives a decision made on another edition when the import replaces it', async () => {
    const old: Decision = {...RECORDED, key: 'jumin:fn:0010001', verdict: 'gap', policy: 'bpr', edition: 'test-0'}
    const own = workspaceWith([RECORDED, old])
    const file = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合', 対応方針: '標準どおり'}}])
    const result = await importReport(own, file, OPTIONS, run([RECORDED]))
    expect(result.applied).toBe(true)
    const saved = loadDecisions(own, 'jumin')
    expect(saved.decisions.find((d) => d.key === 'jumin:fn:0010001')).toMatchObject({verdict: 'fit', policy: 'as-standard', edition: 'test-1'})
    expect(saved.archived).toEqual([old])

    // A decision of the same edition, or of none (recorded before editions were), is replaced, not archived.
    for (const edition of ['test-1', undefined]) {
      const same = workspaceWith([RECORDED, {...old, edition}])
      expect((await importReport(same, file, OPTIONS, run([RECORDED]))).applied).toBe(true)
      expect(loadDecisions(same, 'jumin').archived, String(edition)).toEqual([])
    }
  })

  it('refuses invalid values naming sheet!cell and key, or with --skip-invalid leaves those rows out', async () => {
    const file = await edited([
      // The row with an unusable value is left out whole, its usable 備考 too.
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: 'たぶん', 備考: 'メモ'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010002', values: {判定: '× 不適合', 対応方針: '業務運用の見直し'}},
    ])
    const before = diskState(workspace.root)
    const error = await importReport(workspace, file, OPTIONS, run([RECORDED])).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message.split('\n')[0]).toBe(`${file} に使えない値があります。直してから取り込むか、--skip-invalid でそれ以外を取り込んでください。何も取り込んでいません。`)
    expect((error as InputError).problems).toEqual([expect.stringMatching(/^機能要件![A-Z]+\d+ \(jumin:fn:0010001\): 判定「たぶん」は使えません/)])
    expect(diskState(workspace.root)).toEqual(before)

    const skipped = await importReport(workspace, file, {...OPTIONS, skipInvalid: true}, run([RECORDED]))
    expect(skipped.applied).toBe(true)
    expect(skipped.invalid.map((p) => p.key)).toEqual(['jumin:fn:0010001'])
    expect(skipped.plan.added.map((c) => c.key)).toEqual(['jumin:fn:0010002'])
    expect(decisionOf('jumin:fn:0010001')).toBeUndefined()
  })

  it('refuses a renamed header or a missing sheet, listing what is missing, and writes nothing', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(written)
    const sheet = book.getWorksheet(SHEET_NAMES.functions)!
    const column = (sheet.getRow(1).values as unknown[]).indexOf('判定')
    sheet.getRow(1).getCell(column).value = '判定結果'
    sheet.getRow(1).getCell((sheet.getRow(1).values as unknown[]).indexOf('備考')).value = 'メモ'
    book.removeWorksheet(book.getWorksheet(SHEET_NAMES.dataItems)!.id)
    const file = path.join(dir, 'renamed.xlsx')
    await book.xlsx.writeFile(file)
    const before = diskState(workspace.root)
    const error = (await importReport(workspace, file, OPTIONS, run([RECORDED])).catch((e: unknown) => e)) as InputError
    expect(error).toBeInstanceOf(InputError)
    expect(error.message.split('\n')[0]).toBe(`${file} のシートを読めません (見出しかシート名が fitgap の書いたものと違います)。元の名前に戻してから取り込んでください。何も取り込んでいません。`)
    expect(error.problems).toEqual([
      expect.stringMatching(/^シート「機能要件」1行目に見出し「判定」「備考」がありません \(必要な見出し: キー・/),
      `シート「${SHEET_NAMES.dataItems}」がありません`,
    ])
    expect(diskState(workspace.root)).toEqual(before)
  })

  it('refuses a missing file, a file that is not a workbook, and a workbook of no or another workspace', async () => {
    const missing = path.join(dir, 'nope.xlsx')
    await expect(importReport(workspace, missing, OPTIONS, run([]))).rejects.toThrow(new InputError(`${missing}: ファイルがありません。`))
    const text = path.join(dir, 'text.xlsx')
    writeFileSync(text, 'not a zip')
    await expect(importReport(workspace, text, OPTIONS, run([]))).rejects.toThrow(`${text}: Excel ブック (.xlsx) として読めません。`)

    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(written)
    book.subject = ''
    const untagged = path.join(dir, 'untagged.xlsx')
    await book.xlsx.writeFile(untagged)
    const foreign = await importReport(workspace, untagged, OPTIONS, run([])).catch((e: unknown) => e)
    expect(foreign).toBeInstanceOf(ForeignWorkbookError)
    expect((foreign as Error).message).toBe(`${untagged} は fitgap analyze が書いたブックではありません (ワークスペースの印がありません)。取り込めません。`)

    book.subject = 'fitgap-workspace:ws-other-0002'
    const other = path.join(dir, 'other.xlsx')
    await book.xlsx.writeFile(other)
    const wrong = await importReport(workspace, other, OPTIONS, run([])).catch((e: unknown) => e)
    expect(wrong).toBeInstanceOf(ForeignWorkbookError)
    expect((wrong as Error).message).toBe(`${other} は別のワークスペース (ws-other-0002) 用のブックです。このワークスペース (テスト市) には取り込めません。`)
    // The tag must match whole: the same id with more after it is another workspace.
    book.subject = `fitgap-workspace:${ID}x`
    await book.xlsx.writeFile(other)
    await expect(importReport(workspace, other, OPTIONS, run([]))).rejects.toBeInstanceOf(ForeignWorkbookError)
    expect(existsSync(decisionsPath(workspace, 'jumin'))).toBe(true)
    expect(readFileSync(decisionsPath(workspace, 'jumin'), 'utf8')).toContain('jumin:fn:0010006')
  })

  it('points out 自動判定 changed with 判定 left blank, and only then', async () => {
    const file = await edited([
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {自動判定: '× 不適合'}},
      // Changed 自動判定 but 判定 filled in: the entry is in the right column.
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010002', values: {自動判定: '× 不適合', 判定: '○ 適合'}},
      // 自動判定 emptied: nothing typed there.
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010004', values: {自動判定: null}},
    ])
    const result = await importReport(workspace, file, {...OPTIONS, dryRun: true}, run([RECORDED]))
    expect(result.misplaced).toEqual([{key: 'jumin:fn:0010001', sheet: SHEET_NAMES.functions, row: expect.any(Number), text: '× 不適合'}])
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    let row = 0
    book.getWorksheet(SHEET_NAMES.functions)!.eachRow((r, n) => {
      if ((r.values as unknown[]).includes('jumin:fn:0010001')) row = n
    })
    expect(result.misplaced[0]!.row).toBe(row)
  })

  it('reads 担当課・期限・状態 of 課題一覧 against the register rows of the analysis', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(written)
    const sheet = book.getWorksheet(SHEET_NAMES.issues)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    const key = sheet.getRow(2).getCell(headers.indexOf('キー')).value as string
    expect(key).toMatch(/^jumin:issue:/)
    const file = await edited([{sheet: SHEET_NAMES.issues, key, values: {担当課: '税務課', 状態: '対応中'}}])
    const result = await importReport(workspace, file, OPTIONS, run([RECORDED]))
    expect(result.plan.stale).toEqual([])
    expect(result.plan.added.map((c) => c.key)).toEqual([key])
    expect(decisionOf(key)).toMatchObject({department: '税務課', state: 'doing'})
  })

  it('dates the entries by the day the workbook was saved, in local time with two-digit month and day', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(written)
    const sheet = book.getWorksheet(SHEET_NAMES.functions)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    sheet.eachRow((row) => {
      if ((row.values as unknown[]).includes('jumin:fn:0010001')) row.getCell(headers.indexOf('判定')).value = '○ 適合'
    })
    book.modified = new Date(2026, 0, 5, 23, 30)
    book.lastModifiedBy = 'exceljs'
    const file = path.join(dir, 'dated.xlsx')
    await book.xlsx.writeFile(file)
    const result = await importReport(workspace, file, OPTIONS, run([RECORDED]))
    expect([result.at, result.by]).toEqual(['2026-01-05', undefined])
    expect(decisionOf('jumin:fn:0010001')).toEqual({key: 'jumin:fn:0010001', verdict: 'fit', at: '2026-01-05', edition: 'test-1', fingerprint: expect.any(String)})
  })

  it('keeps a person whose name only contains a program name', async () => {
    const file = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}}], '山田 fitgap 担当')
    expect((await importReport(workspace, file, {...OPTIONS, dryRun: true}, run([RECORDED]))).by).toBe('山田 fitgap 担当')
  })

  it('reads a row without its hidden record (typed or copied by hand) as an edit on whatever is recorded', async () => {
    const file = await edited([
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {_fitgap: null, 判定: '○ 適合'}},
      // 自動判定 as written and 判定 blank, but no record of what was written: nothing to point out.
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010002', values: {_fitgap: null}},
    ])
    const result = await importReport(workspace, file, OPTIONS, run([RECORDED]))
    expect(result.misplaced).toEqual([])
    expect(result.plan.added.map((c) => c.key)).toEqual(['jumin:fn:0010001'])
  })

  it('records entries for a 業務 of the analysis passed in, even one fitgap.yaml does not list', async () => {
    const other = workspaceAt(workspace.root, {...workspace.config, areas: ['kojin']})
    const file = await edited([{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}}])
    expect((await importReport(other, file, OPTIONS, run([RECORDED]))).applied).toBe(true)
    expect(loadDecisions(other, 'jumin').decisions.map((d) => d.key)).toEqual(['jumin:fn:0010001', RECORDED.key])
  })

  it('takes only findings on the register as 課題一覧 rows: another finding’s key is unknown, not a changed row', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(written)
    const sheet = book.getWorksheet(SHEET_NAMES.issues)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    // 0010001 is ○ (an information finding, off the register).
    sheet.getRow(2).getCell(headers.indexOf('キー')).value = 'jumin:issue:fn:0010001'
    sheet.getRow(2).getCell(headers.indexOf('担当課')).value = '税務課'
    const file = path.join(dir, 'issue.xlsx')
    await book.xlsx.writeFile(file)
    const result = await importReport(workspace, file, OPTIONS, run([RECORDED]))
    expect(result.plan.unknown.map((u) => u.key)).toEqual(['jumin:issue:fn:0010001'])
    expect(result.plan.stale).toEqual([])
  })
})
