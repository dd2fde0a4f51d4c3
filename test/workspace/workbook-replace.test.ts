/**
 * replaceWorkbook, called directly with a writer that stands in for writeWorkbook: a workbook holding entries
 * not imported is never replaced (checked before writing and again right before the rename), unless --force.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {analyzeArea} from '../../src/analyzers/analyze-area.js'
import {InputError} from '../../src/errors.js'
import {SHEET_NAMES} from '../../src/report/sheets.js'
import {writeWorkbook} from '../../src/report/workbook.js'
import type {AnalysisRun} from '../../src/workspace/run-analysis.js'
import {replaceWorkbook} from '../../src/workspace/workbook-replace.js'
import {workspaceAt, type Workspace} from '../../src/workspace/workspace.js'
import {recordWrittenWorkbook, sha256Of, unchangedSinceWritten, writtenPath} from '../../src/workspace/written-workbooks.js'
import {tempDir} from '../helpers/cli.js'
import {editWorkbook} from '../helpers/edit-workbook.js'
import {sampleInput} from '../helpers/sample-input.js'

const ID = 'ws-replace-0001'
const input = sampleInput()
const RUN: AnalysisRun = {areas: [{analysis: analyzeArea(input), specTitle: 't', provenance: {type: 'representative', note: 'x'}, sources: input.current.sources}]}
const NEW = Buffer.from('new workbook')

describe('replaceWorkbook', () => {
  let clean: string
  let pending: string
  let workspace: Workspace
  let out: string

  beforeAll(async () => {
    const dir = tempDir('fitgap-replace-books-')
    clean = path.join(dir, 'clean.xlsx')
    await writeWorkbook({title: 't', workspace: {name: 'テスト市', id: ID, root: '/x'}, tool: {name: 'fitgap', version: '0.0.0'}, areas: RUN.areas}, clean)
    pending = path.join(dir, 'pending.xlsx')
    await editWorkbook(clean, pending, [
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010001', values: {判定: '○ 適合'}},
      {sheet: SHEET_NAMES.functions, key: 'jumin:fn:0010002', values: {判定: 'たぶん'}},
    ])
  })
  beforeEach(() => {
    workspace = workspaceAt(path.join(tempDir('fitgap-replace-'), 'ws'), {version: 1, name: 'テスト市', id: ID, areas: ['jumin'], editions: {}})
    mkdirSync(workspace.reportsDir, {recursive: true})
    out = path.join(workspace.reportsDir, 'report.xlsx')
  })

  /** Writes NEW over `out` after `meanwhile`, as writeWorkbook does (beforeReplace right before the rename). */
  const writer =
    (meanwhile: () => void = () => {}) =>
    async (beforeReplace: () => Promise<void>) => {
      meanwhile()
      await beforeReplace()
      writeFileSync(out, NEW)
      return {size: NEW.length, sha256: sha256Of(NEW)}
    }
  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error)

  it('writes a new workbook and records its bytes, unless told not to record', async () => {
    await replaceWorkbook(workspace, out, RUN, {force: false, record: true}, writer())
    expect(readFileSync(out)).toEqual(NEW)
    expect(unchangedSinceWritten(workspace, out)).toBe(true)
    const other = path.join(workspace.reportsDir, 'other.xlsx')
    await replaceWorkbook(workspace, other, RUN, {force: false, record: false}, async (before) => {
      await before()
      writeFileSync(other, NEW)
      return {size: NEW.length, sha256: sha256Of(NEW)}
    })
    expect(Object.keys(JSON.parse(readFileSync(writtenPath(workspace), 'utf8')).files)).toEqual(['reports/report.xlsx'])
  })

  it('replaces a workbook whose entries are all recorded, and one still as analyze wrote it without reading it', async () => {
    writeFileSync(out, readFileSync(clean))
    await replaceWorkbook(workspace, out, RUN, {force: false, record: false}, writer())
    expect(readFileSync(out)).toEqual(NEW)
    // Not a workbook at all, but recorded as what analyze wrote: it is not read back.
    writeFileSync(out, 'as written')
    recordWrittenWorkbook(workspace, out, {size: 10, sha256: sha256Of(Buffer.from('as written'))})
    await replaceWorkbook(workspace, out, RUN, {force: false, record: true}, writer())
    expect(readFileSync(out)).toEqual(NEW)
  })

  it('refuses, exit 2 and nothing written, a workbook with entries not imported, counting them', async () => {
    writeFileSync(out, readFileSync(pending))
    let wrote = false
    const error = await refusal(replaceWorkbook(workspace, out, RUN, {force: false, record: true}, async () => ((wrote = true), {size: 0, sha256: ''})))
    expect(error).toBeInstanceOf(InputError)
    expect(error!.message).toBe(
      `${out} に、まだ取り込んでいない記入が 2 行あります。上書きすると失われるため、書き出しませんでした。\n` +
        `  先に \`fitgap report import ${out}\` で取り込むか、--out で別のファイルに書くか、--force で上書きしてください。`,
    )
    expect(wrote).toBe(false)
    expect(readFileSync(out)).toEqual(readFileSync(pending))
    // The check only reads: nothing was recorded in the workspace.
    expect(existsSync(workspace.decisionsDir)).toBe(false)
    // The record of a workbook saved since does not let it through.
    recordWrittenWorkbook(workspace, out, {size: 3, sha256: sha256Of(Buffer.from('old'))})
    await expect(replaceWorkbook(workspace, out, RUN, {force: false, record: true}, writer())).rejects.toBeInstanceOf(InputError)
    // --force replaces it without looking.
    await replaceWorkbook(workspace, out, RUN, {force: true, record: false}, writer())
    expect(readFileSync(out)).toEqual(NEW)
  })

  it('refuses a file it cannot read, and a workbook of another workspace, saying why', async () => {
    writeFileSync(out, 'not a workbook')
    const unreadable = await refusal(replaceWorkbook(workspace, out, RUN, {force: false, record: true}, writer()))
    expect(unreadable!.message).toBe(
      `${out} の記入を読み切れないため、上書きしませんでした (読めない記入は、取り込んでいない記入として扱います)。\n` +
        `  ブックを直して \`fitgap report import ${out}\` で取り込むか、--out で別のファイルに書くか、--force で上書きしてください。\n` +
        `  読めなかった理由: ${out}: Excel ブック (.xlsx) として読めません。`,
    )
    const other = workspaceAt(workspace.root, {...workspace.config, id: 'ws-another-0002'})
    writeFileSync(out, readFileSync(clean))
    const foreign = await refusal(replaceWorkbook(other, out, RUN, {force: false, record: false}, writer()))
    expect(foreign).toBeInstanceOf(InputError)
    expect(foreign!.message).toBe(`${out} は fitgap がこのワークスペース用に書いたブックではないため、上書きしません。--out で別のファイルを指定するか、--force で上書きしてください。`)
    expect(readFileSync(out)).toEqual(readFileSync(clean))
  })

  it('checks again right before replacing when the file was saved while the new one was written', async () => {
    // Saved (with entries) between the first check and the rename.
    const error = await refusal(replaceWorkbook(workspace, out, RUN, {force: false, record: true}, writer(() => writeFileSync(out, readFileSync(pending)))))
    expect(error!.message).toContain('まだ取り込んでいない記入が 2 行あります')
    expect(readFileSync(out)).toEqual(readFileSync(pending))
    // Saved with entries over a workbook that had none.
    writeFileSync(out, readFileSync(clean))
    const over = await refusal(replaceWorkbook(workspace, out, RUN, {force: false, record: false}, writer(() => writeFileSync(out, readFileSync(pending)))))
    expect(over).toBeInstanceOf(InputError)
    expect(readFileSync(out)).toEqual(readFileSync(pending))
    // Saved without entries: checked again, and replaced.
    writeFileSync(out, readFileSync(clean))
    await replaceWorkbook(workspace, out, RUN, {force: false, record: false}, writer(() => writeFileSync(out, readFileSync(clean))))
    expect(readFileSync(out)).toEqual(NEW)
    // With --force nothing is checked, before or after.
    await replaceWorkbook(workspace, out, RUN, {force: true, record: false}, writer(() => writeFileSync(out, readFileSync(pending))))
    expect(readFileSync(out)).toEqual(NEW)
  })
})
