import {copyFileSync, existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {beforeAll, describe, expect, it} from 'vitest'

import {parseMappingFile} from '../../src/mapping/file.js'
import {SHEET_NAMES} from '../../src/report/sheets.js'
import {loadDecisions} from '../../src/workspace/decisions-store.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {analysedDemoCopy, ROOT, tempDir} from '../helpers/cli.js'
import {fitgapProcess, watchedProcess} from '../helpers/spawn.js'

async function editCell(source: string, target: string, sheetName: string, key: string, header: string, value: string): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(source)
  const sheet = workbook.getWorksheet(sheetName)!
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(headers.indexOf('キー')).value === key) row.getCell(headers.indexOf(header)).value = value
  })
  await workbook.xlsx.writeFile(target)
}

const HOLD = path.join(ROOT, 'test', 'fixtures', 'hooks', 'hold-after-read.mjs')

/**
 * Runs fitgap in its own process, held right after its first read of `file` (hold-after-read.mjs): `held`
 * resolves then; `go()` lets it carry on. What the test does in between lands between the run's read and write.
 */
function heldRun(args: string[], file: string) {
  const dir = tempDir('fitgap-hold-')
  const marker = path.join(dir, 'held')
  const go = path.join(dir, 'go')
  const running = {done: false}
  const done = fitgapProcess(args, {
    env: {NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${HOLD}`.trim(), FITGAP_TEST_HOLD_FILE: file, FITGAP_TEST_HOLD_MARKER: marker, FITGAP_TEST_HOLD_GO: go},
  }).finally(() => (running.done = true))
  const held = (async () => {
    while (!existsSync(marker)) {
      if (running.done) throw new Error(`the run ended without reading ${file}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  return {done, held, go: () => writeFileSync(go, '')}
}

describe('concurrent writers lose nothing', {timeout: 600_000}, () => {
  let workspace: string
  let report: string
  let decisionsBefore: string

  beforeAll(async () => {
    workspace = await analysedDemoCopy()
    report = path.join(workspace, 'reports', 'fitgap-report.xlsx')
    decisionsBefore = readFileSync(path.join(workspace, 'decisions', 'jumin.yaml'), 'utf8')
  })

  it('two report imports at once both land in decisions/', async () => {
    const a = path.join(workspace, 'a.xlsx')
    const b = path.join(workspace, 'b.xlsx')
    await editCell(report, a, SHEET_NAMES.functions, 'jumin:fn:0010002', '担当課', '市民課')
    await editCell(report, b, SHEET_NAMES.functions, 'jumin:fn:0010003', '担当課', '情報政策課')
    const decisionsFile = path.join(workspace, 'decisions', 'jumin.yaml')
    writeFileSync(decisionsFile, decisionsBefore)
    // The worst interleaving, every time: the first import is held after reading decisions/, the second starts
    // then, and must wait for the first to finish instead of reading the same old file.
    const first = heldRun(['report', 'import', a, '--workspace', workspace], decisionsFile)
    await first.held
    const second = watchedProcess(['report', 'import', b, '--workspace', workspace])
    try {
      await second.said('書き込み中です。終わるのを待っています')
    } finally {
      first.go()
    }
    const results = [await first.done, await second.done]
    for (const result of results) expect(result.exitCode, result.stderr).toBe(0)
    const decisions = loadDecisions(loadWorkspace(workspace), 'jumin').decisions
    expect(decisions.find((d) => d.key === 'jumin:fn:0010002')?.department).toBe('市民課')
    expect(decisions.find((d) => d.key === 'jumin:fn:0010003')?.department).toBe('情報政策課')
  })

  it('map suggest keeps a confirmation saved while it runs', async () => {
    const mappingFile = path.join(workspace, 'mappings', 'jumin.yaml')
    const current = readFileSync(mappingFile, 'utf8')
    // A stale score on the last suggestion, so the run has something to rewrite (a run that changes nothing writes nothing).
    const lastScore = [...current.matchAll(/status: suggested\n\s+score: [\d.]+/g)].at(-1)!
    const original = current.slice(0, lastScore.index) + lastScore[0].replace(/score: [\d.]+/, 'score: 0.111') + current.slice(lastScore.index + lastScore[0].length)
    const firstSuggested = original.match(/- refs: \[([^\]]+)\]\n\s+status: suggested/)
    expect(firstSuggested).not.toBeNull()
    expect(firstSuggested!.index).toBeLessThan(lastScore.index)
    const itemId = [...original.slice(0, firstSuggested!.index).matchAll(/- item: '?([^'\n]+)'?/g)].at(-1)![1]!
    const confirmed = original.replace(firstSuggested![0], firstSuggested![0].replace('status: suggested', 'status: confirmed\n        by: 山田'))
    writeFileSync(mappingFile, original)
    const suggest = heldRun(['map', 'suggest', 'jumin', '--workspace', workspace], mappingFile)
    await suggest.held
    // An editor's save after the run read the file: write a temp file, rename it over the original.
    writeFileSync(`${mappingFile}.swp`, confirmed)
    renameSync(`${mappingFile}.swp`, mappingFile)
    suggest.go()
    const result = await suggest.done
    expect(result.exitCode, result.stderr).toBe(0)
    // The same current field may be confirmed for another item: look in this item only.
    const entry = parseMappingFile(readFileSync(mappingFile, 'utf8'), 'jumin.yaml')
      .items.find((item) => item.item === itemId)
      ?.entries.find((e) => e.refs.join(',') === firstSuggested![1])
    expect(entry).toMatchObject({status: 'confirmed', by: '山田'})
    expect(readFileSync(mappingFile, 'utf8'), 'the run rewrote the stale score').not.toContain('score: 0.111')
  })

  it('analyze does not replace a workbook saved with new entries while it runs', async () => {
    const edited = path.join(workspace, 'edited.xlsx')
    await editCell(report, edited, SHEET_NAMES.functions, 'jumin:fn:0010004', '担当課', '税務課')
    const analyze = heldRun(['analyze', '--workspace', workspace, '--out', report], report)
    // Held once its guard has read the workbook (and found nothing unimported).
    await analyze.held
    // Excel-style save: a new file renamed over the workbook.
    copyFileSync(edited, `${report}.tmp`)
    renameSync(`${report}.tmp`, report)
    analyze.go()
    const result = await analyze.done
    expect(result.exitCode, result.stderr).toBe(2)
    expect(result.stderr).toContain('まだ取り込んでいない記入が 1 行あります')
    expect(readFileSync(report).equals(readFileSync(edited))).toBe(true)
  })
})
