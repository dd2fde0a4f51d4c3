import {readFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {SHEET_NAMES} from '../../src/report/sheets.js'
import {loadDecisions, saveDecisions} from '../../src/workspace/decisions-store.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {demoCopy, fitgap, fitgapJson} from '../helpers/cli.js'

/**
 * Decisions whose text starts with a character a spreadsheet would take for a formula. (A leading CR is escaped
 * too, see cells.test.ts, but XML turns CR into LF on reading, so it cannot come back byte for byte.)
 */
const FORMULA_LIKE = [
  {key: 'jumin:fn:0010001', verdict: 'fit', note: '=SUM(A1:A9) は別表で集計'},
  {key: 'jumin:fn:0010002', verdict: 'partial', department: '@窓口', note: '+追記あり'},
  {key: 'jumin:fn:0010004', verdict: 'gap', policy: 'bpr', note: '-1 件の差異'},
  {key: 'jumin:fn:0010005', verdict: 'na', note: '\tタブで始まる'},
  {key: 'jumin:fn:0010007', verdict: 'fit', note: '\'引用符で始まる'},
] as const

interface ImportJson {
  counts: {added: number; changed: number; unchanged: number; conflicts: number; unknown: number; stale: number}
}

describe('a workbook imported untouched changes nothing', () => {
  it('round-trips formula-like decisions through analyze and report import, again after regenerating the workbook', async () => {
    const workspace = demoCopy()
    const ws = loadWorkspace(workspace)
    const recorded = loadDecisions(ws, 'jumin')
    const keys = new Set<string>(FORMULA_LIKE.map((d) => d.key))
    saveDecisions(ws, {...recorded, decisions: [...recorded.decisions.filter((d) => !keys.has(d.key)), ...FORMULA_LIKE]})
    const file = path.join(workspace, 'decisions', 'jumin.yaml')
    const before = readFileSync(file, 'utf8')

    for (const name of ['first.xlsx', 'regenerated.xlsx']) {
      const out = path.join(workspace, name)
      const analyze = await fitgap(['analyze', '--workspace', workspace, '--out', out])
      expect(analyze.exitCode, analyze.stderr).toBe(0)

      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.readFile(out)
      const sheet = workbook.getWorksheet(SHEET_NAMES.functions)!
      let formulas = 0
      sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && !String(cell.formula).startsWith('HYPERLINK(') && formulas++)))
      expect(formulas, `${name}: no text became a formula`).toBe(0)

      const imported = await fitgap(['report', 'import', out, '--workspace', workspace, '--json'])
      expect(imported.exitCode, imported.stderr).toBe(0)
      expect(fitgapJson<ImportJson>(imported).counts, name).toMatchObject({added: 0, changed: 0, conflicts: 0, unknown: 0, stale: 0})
      expect(readFileSync(file, 'utf8'), name).toBe(before)
    }
    const notes = new Map(loadDecisions(ws, 'jumin').decisions.map((d) => [d.key, d.note]))
    for (const decision of FORMULA_LIKE) expect(notes.get(decision.key)).toBe(decision.note)
  })
})
