/**
 * Small workspace modules, called directly: the record of workbooks analyze wrote, reading a mapping file that
 * must name its own 業務, and saving a merged mapping file that someone may be editing at the same time.
 */
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {InputError} from '../../src/errors.js'
import {stringifyMappingFile} from '../../src/mapping/file.js'
import type {MappingFile} from '../../src/mapping/model.js'
import {guardedMappingSaver, saveMergedMapping} from '../../src/workspace/mapping-save.js'
import {checkMappingArea, loadAreaMapping} from '../../src/workspace/mappings.js'
import {workspaceAt, type Workspace} from '../../src/workspace/workspace.js'
import {recordWrittenWorkbook, sha256Of, unchangedSinceWritten, writtenPath} from '../../src/workspace/written-workbooks.js'
import {tempDir} from '../helpers/cli.js'
import {holdWorkspaceLock} from '../helpers/hold-lock.js'

const newWorkspace = (): Workspace => workspaceAt(path.join(tempDir('fitgap-ws-unit-'), 'ws'), {version: 1, name: 'テスト市', areas: [], editions: {}})

const confirmed = (item: string, ref: string) => ({item, name: item, entries: [{refs: [ref], status: 'confirmed' as const, by: '佐藤', at: '2026-01-01'}]})
const mapping = (items: MappingFile['items'], area = 'jumin'): MappingFile => ({version: 1, area, items, currentOnly: []})

describe('written workbooks (reports/.fitgap-written.json)', () => {
  it('knows a workbook is unchanged only while its size and SHA-256 are those recorded', () => {
    const workspace = newWorkspace()
    const file = path.join(workspace.reportsDir, 'a.xlsx')
    mkdirSync(workspace.reportsDir, {recursive: true})
    writeFileSync(file, 'written')
    expect(unchangedSinceWritten(workspace, file)).toBe(false)
    recordWrittenWorkbook(workspace, file, {size: 7, sha256: sha256Of(Buffer.from('written'))})
    expect(unchangedSinceWritten(workspace, file)).toBe(true)
    // Relative to the workspace, with forward slashes, sorted; a second record keeps the first.
    const other = path.join(workspace.reportsDir, '0', 'b.xlsx')
    mkdirSync(path.dirname(other), {recursive: true})
    writeFileSync(other, 'x')
    recordWrittenWorkbook(workspace, other, {size: 1, sha256: sha256Of(Buffer.from('x'))})
    expect(JSON.parse(readFileSync(writtenPath(workspace), 'utf8'))).toEqual({
      version: 1,
      files: {'reports/0/b.xlsx': {size: 1, sha256: sha256Of(Buffer.from('x'))}, 'reports/a.xlsx': {size: 7, sha256: sha256Of(Buffer.from('written'))}},
    })
    expect(Object.keys(JSON.parse(readFileSync(writtenPath(workspace), 'utf8')).files)).toEqual(['reports/0/b.xlsx', 'reports/a.xlsx'])
    expect(readFileSync(writtenPath(workspace), 'utf8')).toMatch(/^\{\n {2}"version": 1,[\s\S]*\}\n$/)
    expect(readdirSync(workspace.reportsDir).sort()).toEqual(['.fitgap-written.json', '0', 'a.xlsx'])

    // Saved since: same size, other bytes; other size; deleted.
    writeFileSync(file, 'WRITTEN')
    expect(unchangedSinceWritten(workspace, file)).toBe(false)
    writeFileSync(file, 'written!')
    expect(unchangedSinceWritten(workspace, file)).toBe(false)
    writeFileSync(file, 'written')
    expect(unchangedSinceWritten(workspace, file)).toBe(true)
    expect(unchangedSinceWritten(workspace, path.join(workspace.reportsDir, 'gone.xlsx'))).toBe(false)
    expect(unchangedSinceWritten(workspace, path.relative(process.cwd(), file))).toBe(true)
  })

  it('treats an unreadable or foreign record as empty, and rewrites it on the next record', () => {
    const workspace = newWorkspace()
    const file = path.join(workspace.reportsDir, 'a.xlsx')
    mkdirSync(workspace.reportsDir, {recursive: true})
    writeFileSync(file, 'w')
    const sha256 = sha256Of(Buffer.from('w'))
    for (const text of ['{', '{"version": 2, "files": {}}', JSON.stringify({version: 1, files: {'reports/a.xlsx': {size: '1', sha256}}})]) {
      writeFileSync(writtenPath(workspace), text)
      expect(unchangedSinceWritten(workspace, file), text).toBe(false)
    }
    writeFileSync(writtenPath(workspace), JSON.stringify({version: 1, files: {'reports/a.xlsx': {size: 1, sha256}, 'reports/old.xlsx': {size: 2, sha256}}}))
    expect(unchangedSinceWritten(workspace, file)).toBe(true)
    writeFileSync(writtenPath(workspace), '{')
    recordWrittenWorkbook(workspace, file, {size: 1, sha256})
    expect(JSON.parse(readFileSync(writtenPath(workspace), 'utf8'))).toEqual({version: 1, files: {'reports/a.xlsx': {size: 1, sha256}}})
  })
})

describe('mapping file of a 業務', () => {
  it('reads mappings/<業務>.yaml with its text, or nothing when there is none', () => {
    const workspace = newWorkspace()
    expect(loadAreaMapping(workspace.mappingsDir, 'jumin')).toEqual({path: path.join(workspace.mappingsDir, 'jumin.yaml'), text: undefined, mapping: undefined})
    mkdirSync(workspace.mappingsDir, {recursive: true})
    const text = stringifyMappingFile(mapping([confirmed('0010001', 'T.A')]))
    writeFileSync(path.join(workspace.mappingsDir, 'jumin.yaml'), text)
    const loaded = loadAreaMapping(workspace.mappingsDir, 'jumin')
    expect(loaded.text).toBe(text)
    expect(loaded.mapping?.items.map((i) => i.item)).toEqual(['0010001'])
  })

  it('refuses a file whose area is another 業務, naming both', () => {
    const workspace = newWorkspace()
    mkdirSync(workspace.mappingsDir, {recursive: true})
    const file = path.join(workspace.mappingsDir, 'jumin.yaml')
    writeFileSync(file, stringifyMappingFile(mapping([], 'kojin')))
    expect(() => loadAreaMapping(workspace.mappingsDir, 'jumin')).toThrow(
      new InputError(
        `${file} は業務「kojin」の対応付けファイルです (area: kojin)。業務「jumin」のファイル名と合わないため、読み書きせずに終了しました。ファイル名か area を直してください。`,
      ),
    )
    expect(() => checkMappingArea(mapping([]), 'jumin', file)).not.toThrow()
  })
})

describe('saveMergedMapping', () => {
  const setup = () => {
    const dir = tempDir('fitgap-mapping-save-')
    return {dir, file: path.join(dir, 'jumin.yaml')}
  }
  const addItem = (item: string, ref: string) => (existing: MappingFile | undefined) => mapping([...(existing?.items ?? []), confirmed(item, ref)])

  it('writes a new file, and says so', () => {
    const {file} = setup()
    const result = saveMergedMapping(file, undefined, addItem('0010001', 'T.A'))
    expect(result.written).toBe(true)
    expect(result.mapping.items.map((i) => i.item)).toEqual(['0010001'])
    expect(readFileSync(file, 'utf8')).toBe(stringifyMappingFile(result.mapping))
  })

  it('does not write when the merge changes nothing, and keeps the comments when it does', () => {
    const {file} = setup()
    const text = `# 担当: 市民課\n${stringifyMappingFile(mapping([confirmed('0010001', 'T.A')]))}`
    writeFileSync(file, text)
    const same = saveMergedMapping(file, text, (existing) => existing!)
    expect(same).toMatchObject({written: false})
    expect(readFileSync(file, 'utf8')).toBe(text)
    const added = saveMergedMapping(file, text, addItem('0010002', 'T.B'))
    expect(added.written).toBe(true)
    expect(readFileSync(file, 'utf8')).toMatch(/^# 担当: 市民課\n/)
    expect(readFileSync(file, 'utf8')).toContain('0010002')
    // Written as stringifyMappingFile writes: long lines whole, flow lists without padding.
    const long = Array.from({length: 30}, () => '長い備考').join(' ')
    saveMergedMapping(file, readFileSync(file, 'utf8'), (existing) => mapping([...existing!.items, {...confirmed('0010003', 'T.C'), name: long}]))
    const saved = readFileSync(file, 'utf8')
    expect(saved).toContain(`name: ${long}\n`)
    expect(saved).toContain('refs: [T.C]')
  })

  it('merges again onto a file saved meanwhile, so the other save is kept', () => {
    const {file} = setup()
    const readAs = stringifyMappingFile(mapping([confirmed('0010001', 'T.A')]))
    // Someone saved a confirmation after this run read the file.
    writeFileSync(file, stringifyMappingFile(mapping([confirmed('0010001', 'T.A'), confirmed('0010003', 'T.C')])))
    const seen: (string[] | undefined)[] = []
    const result = saveMergedMapping(file, readAs, (existing) => {
      seen.push(existing?.items.map((i) => i.item))
      return addItem('0010002', 'T.B')(existing)
    })
    expect(seen).toEqual([['0010001'], ['0010001', '0010003']])
    expect(result.written).toBe(true)
    expect(result.mapping.items.map((i) => i.item)).toEqual(['0010001', '0010003', '0010002'])
    expect(readFileSync(file, 'utf8')).toContain('0010003')

    // Nothing to change, but the file changed meanwhile: it looks again at the newer text.
    const now = readFileSync(file, 'utf8')
    const calls: number[] = []
    const unchanged = saveMergedMapping(file, readAs, (existing) => {
      calls.push(existing!.items.length)
      return existing!
    })
    expect(calls).toEqual([1, 3])
    expect(unchanged.written).toBe(false)
    expect(readFileSync(file, 'utf8')).toBe(now)
  })

  it('gives up with exit 2 after five attempts when the file keeps changing, writing nothing of its own', () => {
    const {file} = setup()
    writeFileSync(file, stringifyMappingFile(mapping([])))
    let attempts = 0
    const merge = (existing: MappingFile | undefined) => {
      attempts++
      // Another writer saves again each time this run merges.
      writeFileSync(file, stringifyMappingFile(mapping([confirmed(`00100${String(attempts).padStart(2, '0')}`, 'T.X')])))
      return addItem('0019999', 'T.Z')(existing)
    }
    expect(() => saveMergedMapping(file, 'version: 1\narea: jumin\n', merge)).toThrow(
      new InputError(`${file} が書き込みの間に何度も変更されたため、書き込みませんでした。編集を保存し終えてから、もう一度実行してください。`),
    )
    expect(attempts).toBe(5)
    expect(readFileSync(file, 'utf8')).not.toContain('0019999')
    expect(readdirSync(path.dirname(file))).toEqual(['jumin.yaml'])
  })

  it('refuses to merge onto a file of another 業務', () => {
    const {file} = setup()
    const text = stringifyMappingFile(mapping([], 'kojin'))
    writeFileSync(file, text)
    expect(() => saveMergedMapping(file, text, addItem('0010001', 'T.A'))).toThrow('業務「kojin」の対応付けファイルです')
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})

describe('guardedMappingSaver (map review saves on every decision)', () => {
  it('saves each time under the lock, and refuses once the file was changed outside the screen', async () => {
    const root = tempDir('fitgap-guarded-')
    const file = path.join(root, 'mappings', 'jumin.yaml')
    const save = guardedMappingSaver(root, file, 'mappings/jumin.yaml', undefined)
    save(mapping([confirmed('0010001', 'T.A')]))
    save(mapping([confirmed('0010001', 'T.A'), confirmed('0010002', 'T.B')]))
    expect(readFileSync(file, 'utf8')).toBe(stringifyMappingFile(mapping([confirmed('0010001', 'T.A'), confirmed('0010002', 'T.B')])))
    expect(readdirSync(root).sort()).toEqual(['mappings'])

    // Another writer holds the lock: nothing is saved, the decision stays on screen.
    const {release, done: other} = await holdWorkspaceLock(root)
    const before = readFileSync(file, 'utf8')
    expect(() => save(mapping([]))).toThrow(InputError)
    expect(readFileSync(file, 'utf8')).toBe(before)
    release()
    await other

    writeFileSync(file, `${before}# hand edit\n`)
    expect(() => save(mapping([]))).toThrow(new Error('mappings/jumin.yaml が画面の外で変更されたため上書きしません。q で終了し、map review を開き直してください'))
    expect(readFileSync(file, 'utf8')).toBe(`${before}# hand edit\n`)
  })

  it('refuses when a file appeared since the screen opened on none', () => {
    const root = tempDir('fitgap-guarded-')
    const file = path.join(root, 'jumin.yaml')
    const save = guardedMappingSaver(root, file, 'jumin.yaml', undefined)
    writeFileSync(file, stringifyMappingFile(mapping([])))
    expect(() => save(mapping([confirmed('0010001', 'T.A')]))).toThrow('画面の外で変更された')
  })
})
