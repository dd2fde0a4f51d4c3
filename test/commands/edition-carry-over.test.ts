import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {carryDecisions} from '../../src/analyzers/carry-over.js'
import {SHEET_NAMES} from '../../src/report/sheets.js'
import {loadCatalog} from '../../src/specs/catalog-store.js'
import {diffCatalogs} from '../../src/specs/diff.js'
import {resolveArea} from '../../src/specs/registry.js'
import {saveDecisions} from '../../src/workspace/decisions-store.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {demoCopy, fitgap, fitgapJson} from '../helpers/cli.js'

const jumin = resolveArea('jumin')
const decided = (key: string, verdict: 'fit' | 'gap' | 'partial', note: string) => ({key, verdict, policy: 'bpr' as const, note, by: '山田', at: '2026-10-01', edition: 'rep-1'})

describe('carry-over of decisions across spec editions', () => {
  it('carries unchanged and renumbered requirements, holds changed ones for review, archives removed ones', () => {
    const diff = diffCatalogs(loadCatalog(jumin, 'rep-1'), loadCatalog(jumin, 'rep-2'))
    const {effective, rows} = carryDecisions(
      'jumin',
      [
        decided('jumin:fn:0010001', 'fit', '変更なし'),
        decided('jumin:fn:0010011', 'fit', '番号だけ変わる'),
        decided('jumin:fn:0010004', 'partial', '本文が変わる'),
        decided('jumin:fn:0010022', 'gap', '削除される'),
        decided('jumin:item:00111007', 'gap', '削除されるデータ項目'),
        {key: 'jumin:cur-fn:F0901', policy: 'loose-coupling', edition: 'rep-1'},
        {key: 'jumin:fn:0010002', verdict: 'fit', edition: 'rep-2'},
      ],
      'rep-2',
      new Map([['rep-1', diff]]),
    )
    const outcome = Object.fromEntries(rows.map((r) => [r.key, r.outcome]))
    expect(outcome).toEqual({
      'jumin:fn:0010001': 'carried',
      'jumin:fn:0010004': 'review',
      'jumin:fn:0010011': 'renumbered',
      'jumin:fn:0010022': 'archived',
      'jumin:item:00111007': 'archived',
    })
    expect([...effective.keys()].sort()).toEqual(['jumin:cur-fn:F0901', 'jumin:fn:0010001', 'jumin:fn:0010002', 'jumin:fn:0010263'])
    expect(effective.get('jumin:fn:0010263')?.note).toBe('番号だけ変わる')
    expect(rows.find((r) => r.key === 'jumin:fn:0010004')?.textDiff?.some((p) => p.op === 'added')).toBe(true)
  })

  it('runs analyze → new edition → analyze without losing a decision, with a 版差分 sheet', async () => {
    const workspace = demoCopy()
    const config = path.join(workspace, 'fitgap.yaml')
    writeFileSync(config, readFileSync(config, 'utf8').replace(/jumin: rep-\d/, 'jumin: rep-1'))
    const ws = loadWorkspace(workspace)
    const before = [
      decided('jumin:fn:0010001', 'fit', '変更なし'),
      decided('jumin:fn:0010004', 'partial', '本文が変わる'),
      decided('jumin:fn:0010029', 'fit', '一語が変わる'),
      decided('jumin:fn:0010011', 'fit', '番号だけ変わる'),
      decided('jumin:fn:0010022', 'gap', '削除される'),
    ]
    saveDecisions(ws, {area: 'jumin', decisions: before, archived: []})
    const decisionsFile = path.join(workspace, 'decisions', 'jumin.yaml')
    const recorded = readFileSync(decisionsFile, 'utf8')

    const rep1Workbook = path.join(workspace, 'rep1.xlsx')
    const first = fitgapJson<{areas: {edition: string; findings: {key: string; kind: string}[]}[]}>(
      await fitgap(['analyze', 'jumin', '--workspace', workspace, '--json', '--out', rep1Workbook]),
    )
    expect(first.areas[0]!.edition).toBe('rep-1')

    writeFileSync(config, readFileSync(config, 'utf8').replace('jumin: rep-1', 'jumin: rep-2'))
    const out = path.join(workspace, 'rep2.xlsx')
    const second = await fitgap(['analyze', 'jumin', '--workspace', workspace, '--json', '--out', out])
    expect(second.exitCode, second.stderr).toBe(0)
    const area = fitgapJson<{areas: {edition: string; findings: {key: string; kind: string; severity: string}[]}[]}>(second).areas[0]!
    expect(area.edition).toBe('rep-2')
    const kindOf = (key: string) => area.findings.filter((f) => f.key === key).map((f) => f.kind)
    expect(kindOf('jumin:fn:0010001')).toEqual(['fit'])
    expect(kindOf('jumin:fn:0010263')).toEqual(['fit'])
    expect(kindOf('jumin:fn:0010004')).toContain('needs-review')
    expect(kindOf('jumin:fn:0010029')).toContain('needs-review')
    expect(kindOf('jumin:fn:0010022')).toEqual(['archived-decision'])
    expect(readFileSync(decisionsFile, 'utf8')).toBe(recorded)

    // The rep-1 workbook, untouched, imported after the switch: nothing to apply, nothing misreported.
    const stale = await fitgap(['report', 'import', rep1Workbook, '--workspace', workspace, '--dry-run', '--json'])
    expect(stale.exitCode, stale.stderr).toBe(0)
    expect(fitgapJson<{counts: Record<string, number>; misplaced: unknown[]}>(stale)).toMatchObject({
      counts: {added: 0, changed: 0, unknown: 0, stale: 0, conflicts: 0},
      misplaced: [],
    })

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const sheet = workbook.getWorksheet(SHEET_NAMES.editions)!
    expect(sheet).toBeDefined()
    const keys = sheet.getColumn(1).values.slice(2)
    expect(keys).toEqual(expect.arrayContaining(['jumin:fn:0010001', 'jumin:fn:0010004', 'jumin:fn:0010263', 'jumin:fn:0010022']))
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    let diffCell: ExcelJS.CellValue | undefined
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'jumin:fn:0010029') diffCell = row.getCell(headers.indexOf('要件の差分')).value
    })
    const runs = (diffCell as ExcelJS.CellRichTextValue).richText
    expect(runs.some((run) => run.font?.strike === true)).toBe(true)
    expect(runs.some((run) => run.font?.underline)).toBe(true)
  })
})
