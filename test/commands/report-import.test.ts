import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {beforeEach, describe, expect, it} from 'vitest'

import {SHEET_NAMES} from '../../src/report/sheets.js'
import {loadDecisions} from '../../src/workspace/decisions-store.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {analysedDemoCopy, fitgap, fitgapJson, keyColumnOf, ROOT, tempDir} from '../helpers/cli.js'
import {editWorkbook} from '../helpers/edit-workbook.js'
import {diskState} from '../helpers/disk.js'

interface ImportJson {
  applied: boolean
  counts: {added: number; changed: number; unchanged: number; conflicts: number; unknown: number; stale: number; invalid: number}
  conflicts: {key: string; fields: {field: string; mine: string; theirs: string}[]}[]
  unknown: {key: string}[]
  stale: {key: string}[]
}

const decisionOf = (workspace: string, area: string, key: string) => loadDecisions(loadWorkspace(workspace), area).decisions.find((d) => d.key === key)

describe('fitgap report import', () => {
  let workspace: string
  let report: string

  // Each test gets its own copy of the analysed demo workspace and its workbook.
  beforeEach(async () => {
    workspace = await analysedDemoCopy()
    report = path.join(workspace, 'reports', 'fitgap-report.xlsx')
  })

  it('round-trips: edits in the workbook come back and show in the next analysis', async () => {
    const edited = path.join(workspace, 'edited.xlsx')
    await editWorkbook(
      report,
      edited,
      [
        {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合', 対応方針: '標準どおり', 担当課: '市民課', 備考: '現行どおり'}},
        {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010004', values: {判定: '△', 対応方針: 'パラメータ設定'}},
        {sheet: SHEET_NAMES.dataItems, key: 'jumin:item:00101002', values: {判定: '不適合', 対応方針: '業務運用の見直し', 備考: '=120桁の氏名は移行前に確認'}},
        {sheet: SHEET_NAMES.forms, key: 'jumin:form:0010001', values: {担当課: '市民課'}},
        {sheet: SHEET_NAMES.currentOnly, key: 'jumin:cur-fn:F0902', values: {対応方針: '廃止'}},
      ],
      {lastModifiedBy: '市民課 佐藤'},
    )
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(fitgapJson<ImportJson>(result).counts).toMatchObject({added: 5, conflicts: 0, unknown: 0, stale: 0})
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010001')).toMatchObject({verdict: 'fit', policy: 'as-standard', department: '市民課', note: '現行どおり', by: '市民課 佐藤', edition: 'rep-2'})
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010004')).toMatchObject({verdict: 'partial', policy: 'parameter'})
    expect(decisionOf(workspace, 'jumin', 'jumin:item:00101002')?.note).toBe('=120桁の氏名は移行前に確認')

    const next = path.join(workspace, 'next.xlsx')
    await fitgap(['analyze', '--workspace', workspace, '--out', next])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(next)
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    let row: ExcelJS.Row | undefined
    sheet.eachRow((r) => {
      if (r.getCell(keyColumnOf(sheet)).value === 'jumin:fn:0010004') row = r
    })
    expect(row?.getCell(headers.indexOf('判定')).value).toBe('△ 部分適合')
    expect(row?.getCell(headers.indexOf('対応方針')).value).toBe('パラメータ設定')
    const items = workbook.getWorksheet(SHEET_NAMES.dataItems)!
    const itemHeaders = (items.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    let itemRow: ExcelJS.Row | undefined
    items.eachRow((r) => {
      if (r.getCell(keyColumnOf(items)).value === 'jumin:item:00101002') itemRow = r
    })
    expect(itemRow, 'the data item row is in the workbook').toBeDefined()
    // As typed, in a Text-formatted cell (no added apostrophe): it stays text in Excel and reads back the same.
    expect(itemRow!.getCell(itemHeaders.indexOf('備考')).value).toBe('=120桁の氏名は移行前に確認')
    expect(itemRow!.getCell(itemHeaders.indexOf('備考')).numFmt).toBe('@')
  })

  it('is idempotent and never erases a recorded decision left blank in the file', async () => {
    const edited = path.join(workspace, 'edited.xlsx')
    await editWorkbook(report, edited, [{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}}])
    await fitgap(['report', 'import', edited, '--workspace', workspace])
    const decisionsFile = path.join(workspace, 'decisions', 'jumin.yaml')
    const before = readFileSync(decisionsFile, 'utf8')
    const again = await fitgap(['report', 'import', edited, '--workspace', workspace, '--json'])
    expect(fitgapJson<ImportJson>(again).counts).toMatchObject({added: 0, changed: 0, conflicts: 0})
    expect(readFileSync(decisionsFile, 'utf8')).toBe(before)

    // The demo recorded jumin:fn:0010019 (retire); the original workbook shows it, blank it in a copy.
    const blanked = path.join(workspace, 'blanked.xlsx')
    await editWorkbook(report, blanked, [{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010019', values: {判定: null, 対応方針: null, 担当課: null, 備考: null}}])
    const blankImport = await fitgap(['report', 'import', blanked, '--workspace', workspace])
    expect(blankImport.stdout).toContain('記録済みの値を空欄にした行があります')
    expect(blankImport.stdout).toMatch(/jumin:fn:0010019 \(機能要件 \d+行\): 判定・対応方針・担当課・備考/)
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010019')).toMatchObject({verdict: 'gap', policy: 'retire'})
  })

  it('refuses a value outside the vocabulary, naming sheet, cell and allowed values, and applies nothing', async () => {
    const edited = path.join(workspace, 'typo.xlsx')
    await editWorkbook(report, edited, [
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '適号'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010002', values: {判定: '○ 適合'}},
    ])
    const decisionsFile = path.join(workspace, 'decisions', 'jumin.yaml')
    const before = readFileSync(decisionsFile, 'utf8')
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/機能要件![A-Z]+\d+ \(jumin:fn:0010001\): 判定「適号」は使えません \(使える値: ○ 適合 \/ △ 部分適合/)
    expect(readFileSync(decisionsFile, 'utf8')).toBe(before)

    const skipped = await fitgap(['report', 'import', edited, '--workspace', workspace, '--skip-invalid', '--json'])
    expect(skipped.exitCode).toBe(0)
    expect(fitgapJson<ImportJson>(skipped).counts).toMatchObject({added: 1, invalid: 1})
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010001')).toBeUndefined()
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010002')?.verdict).toBe('fit')
  })

  it('reads 担当課・期限・状態 back from 課題一覧 (round trip), with the vocabulary and conflict rules of the other sheets', async () => {
    const issue = 'jumin:issue:fn:0010035'
    const edited = path.join(workspace, 'register.xlsx')
    await editWorkbook(report, edited, [
      {sheet: SHEET_NAMES.issues, key: issue, values: {担当課: '市民課', 期限: new Date(Date.UTC(2027, 2, 31)), 状態: '対応中'}},
      {sheet: SHEET_NAMES.issues, key: 'jumin:issue:fn:0010166', values: {期限: '2027年4月1日'}},
    ])
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(fitgapJson<ImportJson>(result).counts).toMatchObject({added: 2, conflicts: 0, unknown: 0, stale: 0, invalid: 0})
    expect(decisionOf(workspace, 'jumin', issue)).toMatchObject({department: '市民課', due: '2027-03-31', state: 'doing'})
    expect(decisionOf(workspace, 'jumin', 'jumin:issue:fn:0010166')).toMatchObject({due: '2027-04-01'})
    // The function's own decision is untouched: the register tracks the issue, not the 判定.
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010035')).toBeUndefined()

    const next = path.join(workspace, 'next.xlsx')
    expect((await fitgap(['analyze', '--workspace', workspace, '--out', next])).exitCode).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(next)
    const sheet = workbook.getWorksheet(SHEET_NAMES.issues)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    let shown: unknown[] = []
    sheet.eachRow((row) => {
      if (row.getCell(keyColumnOf(sheet)).value === issue) shown = ['担当課', '期限', '状態'].map((h) => row.getCell(headers.indexOf(h)).value)
    })
    expect(shown).toEqual(['市民課', '2027-03-31', '対応中'])

    const typo = path.join(workspace, 'typo.xlsx')
    await editWorkbook(next, typo, [
      {sheet: SHEET_NAMES.issues, key: issue, values: {状態: '保留'}},
      {sheet: SHEET_NAMES.issues, key: 'jumin:issue:fn:0010166', values: {期限: '来月'}},
    ])
    const refused = await fitgap(['report', 'import', typo, '--workspace', workspace])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/課題一覧![A-Z]+\d+ \(jumin:issue:fn:0010035\): 状態「保留」は使えません \(使える値: 未着手 \/ 対応中 \/ 完了\)/)
    expect(refused.stderr).toMatch(/課題一覧![A-Z]+\d+ \(jumin:issue:fn:0010166\): 期限「来月」は日付として読めません/)

    // Someone else's copy of the first workbook says 完了 where the workspace now records 対応中: a conflict.
    const other = path.join(workspace, 'other.xlsx')
    await editWorkbook(report, other, [{sheet: SHEET_NAMES.issues, key: issue, values: {状態: '完了'}}])
    const conflicted = await fitgap(['report', 'import', other, '--workspace', workspace, '--json'])
    expect(conflicted.exitCode).toBe(1)
    expect(fitgapJson<ImportJson>(conflicted).conflicts).toEqual([{key: issue, sheet: SHEET_NAMES.issues, row: expect.any(Number), fields: [{field: 'state', mine: 'done', theirs: 'doing'}]}])
  })

  it('requires a reason for カスタマイズ', async () => {
    const edited = path.join(workspace, 'custom.xlsx')
    await editWorkbook(report, edited, [{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {対応方針: 'カスタマイズ (理由必須)'}}])
    const before = diskState(workspace)
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('備考に理由を書いてください')
    expect(diskState(workspace)).toEqual(before)
  })

  it('reports unknown keys and rows whose requirement changed, without applying them', async () => {
    // The requirement text of 0010001 changes in the workspace's own copy of the catalogue.
    const catalog = readFileSync(path.join(ROOT, 'specs', 'jumin', 'rep-2.yaml'), 'utf8')
    const changed = catalog.replace(/(id: '0010001'[\s\S]*?text: )([^\n]+)/, '$1住民の記載事項を管理できること (改定)。')
    expect(changed).not.toBe(catalog)
    mkdirSync(path.join(workspace, 'specs', 'jumin'), {recursive: true})
    writeFileSync(path.join(workspace, 'specs', 'jumin', 'rep-2.yaml'), changed)
    const edited = path.join(workspace, 'edited.xlsx')
    await editWorkbook(report, edited, [
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010002', values: {判定: '○ 適合'}},
    ])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(edited)
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const verdictColumn = (sheet.getRow(1).values as unknown[]).indexOf('判定')
    sheet.getRow(4).getCell(keyColumnOf(sheet)).value = 'jumin:fn:9999999'
    sheet.getRow(4).getCell(verdictColumn).value = '○ 適合'
    await workbook.xlsx.writeFile(edited)
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const json = fitgapJson<ImportJson>(result)
    expect(json.stale.map((r) => r.key)).toEqual(['jumin:fn:0010001'])
    expect(json.unknown.map((r) => r.key)).toEqual(['jumin:fn:9999999'])
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010001')).toBeUndefined()
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010002')?.verdict).toBe('fit')
  })

  it('reports a row whose key appears twice and reads only the first', async () => {
    const edited = path.join(workspace, 'copied.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(report)
    const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    sheet.getRow(2).getCell(headers.indexOf('判定')).value = '○ 適合'
    const copy = sheet.getRow(sheet.rowCount + 1)
    sheet.getRow(2).eachCell({includeEmpty: true}, (cell, col) => (copy.getCell(col).value = cell.value))
    copy.getCell(headers.indexOf('判定')).value = '× 不適合'
    await workbook.xlsx.writeFile(edited)
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/同じキーの行が2回以上あります[\s\S]*jumin:fn:0010001 \(機能要件 \d+行、最初は 2行\)/)
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010001')?.verdict).toBe('fit')
  })

  it('points out an entry typed into 自動判定 instead of 判定', async () => {
    const edited = path.join(workspace, 'wrong-column.xlsx')
    await editWorkbook(report, edited, [{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {自動判定: '× 不適合'}}])
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('「自動判定」の列が書き換えられています')
    expect(result.stdout).toContain('jumin:fn:0010001')
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010001')).toBeUndefined()
  })

  it('refuses a workbook written for another workspace', async () => {
    const other = path.join(tempDir(), 'other')
    await fitgap(['init', other, '--name', '別の市', '--area', 'jumin'])
    const result = await fitgap(['report', 'import', report, '--workspace', other])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('別のワークスペース (demo-midori-0001) 用のブック')
  })

  it('says when the workbook file does not exist', async () => {
    const result = await fitgap(['report', 'import', path.join(workspace, 'nosuch.xlsx'), '--workspace', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('nosuch.xlsx: ファイルがありません')
  })

  it('refuses a file that is not an xlsx workbook', async () => {
    const bogus = path.join(workspace, 'bogus.xlsx')
    writeFileSync(bogus, 'not a zip')
    const result = await fitgap(['report', 'import', bogus, '--workspace', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('Excel ブック (.xlsx) として読めません')
  })

  it('merges two people’s copies, lists a conflict and lets the user choose', async () => {
    const alice = path.join(workspace, 'alice.xlsx')
    const bob = path.join(workspace, 'bob.xlsx')
    await editWorkbook(report, alice, [
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010002', values: {担当課: '市民課'}},
    ])
    await editWorkbook(report, bob, [
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '△ 部分適合'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010003', values: {担当課: '情報政策課'}},
    ])
    expect((await fitgap(['report', 'import', alice, '--workspace', workspace])).exitCode).toBe(0)

    const dry = await fitgap(['report', 'import', bob, '--workspace', workspace, '--dry-run'])
    expect(dry.exitCode).toBe(1)
    expect(dry.stdout).toContain('jumin:fn:0010001')
    expect(dry.stdout).toContain('判定: このファイル「△ 部分適合」/ 記録済み「○ 適合」')

    const conflicted = await fitgap(['report', 'import', bob, '--workspace', workspace, '--json'])
    expect(conflicted.exitCode).toBe(1)
    expect(fitgapJson<ImportJson>(conflicted)).toMatchObject({applied: false, counts: {conflicts: 1, added: 1}})
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010003')).toBeUndefined()

    const theirsDry = await fitgap(['report', 'import', bob, '--workspace', workspace, '--prefer', 'theirs', '--dry-run'])
    expect(theirsDry.stdout).toContain('--prefer theirs により記録済みの値を残し')
    expect(theirsDry.stdout).toContain('判定: このファイル「△ 部分適合」/ 記録済み「○ 適合」')
    const theirs = await fitgap(['report', 'import', bob, '--workspace', workspace, '--prefer', 'theirs', '--json'])
    expect(theirs.exitCode).toBe(0)
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010001')?.verdict).toBe('fit')
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010002')?.department).toBe('市民課')
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010003')?.department).toBe('情報政策課')

    const mine = await fitgap(['report', 'import', bob, '--workspace', workspace, '--prefer', 'mine'])
    expect(mine.exitCode).toBe(0)
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010001')?.verdict).toBe('partial')
  })

  it('keeps a carried decision when only its 判定 is changed, and archives a decision the new edition supersedes', async () => {
    // The demo decided 0010011 (renumbered to 0010263 in rep-2) and 0010029 (reworded in rep-2) on rep-1.
    const edited = path.join(workspace, 'edited.xlsx')
    await editWorkbook(report, edited, [
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010263', values: {判定: '△ 部分適合'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010029', values: {判定: '△ 部分適合', 備考: '新しい文言で確認した'}},
    ])
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace, '--by', '佐藤', '--at', '2026-11-20', '--json'])
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(fitgapJson<ImportJson>(result).counts).toMatchObject({conflicts: 0})
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010263')).toMatchObject({verdict: 'partial', policy: 'as-standard', department: '市民課', edition: 'rep-2', by: '佐藤', at: '2026-11-20'})
    expect(decisionOf(workspace, 'jumin', 'jumin:fn:0010029')).toMatchObject({verdict: 'partial', note: '新しい文言で確認した', edition: 'rep-2'})
    const archived = loadDecisions(loadWorkspace(workspace), 'jumin').archived
    expect(archived.find((d) => d.key === 'jumin:fn:0010029')).toMatchObject({verdict: 'fit', edition: 'rep-1'})
  })

  it('rejects --at that is not a date', async () => {
    const result = await fitgap(['report', 'import', report, '--workspace', workspace, '--at', '20261120'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('--at は YYYY-MM-DD の形で指定してください')
  })

  it('--dry-run lists the changes and writes nothing', async () => {
    const edited = path.join(workspace, 'edited.xlsx')
    await editWorkbook(report, edited, [{sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '× 不適合', 備考: '窓口の手順が違う'}}])
    const decisionsFile = path.join(workspace, 'decisions', 'jumin.yaml')
    const before = readFileSync(decisionsFile, 'utf8')
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace, '--dry-run'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('追加 1 / 変更 0')
    expect(result.stdout).toContain('+ jumin:fn:0010001')
    expect(readFileSync(decisionsFile, 'utf8')).toBe(before)
  })
})
