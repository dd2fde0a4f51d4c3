import {copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {loadCurrentSystem, mergeForms, saveCurrentSystem} from '../../src/current/store.js'
import type {CurrentSystem} from '../../src/model/current.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {fitgap, tempDir} from '../helpers/cli.js'
import {fixture, importInto, newWorkspace, show} from './helpers.js'

const snapshot = (ws: string) =>
  Object.fromEntries(
    readdirSync(path.join(ws, 'current/jumin'))
      .sort()
      .map((name) => [name, readFileSync(path.join(ws, 'current/jumin', name), 'utf8')]),
  )

describe('current store: layout and API', () => {
  it('keeps one index and one JSON-lines file per (file, kind), without absolute paths or timestamps', async () => {
    const ws = await newWorkspace()
    expect((await importInto(ws, [fixture('jumin-current.xml')])).exitCode).toBe(0)
    const files = readdirSync(path.join(ws, 'current/jumin')).sort()
    expect(files).toHaveLength(4)
    expect(files).toContain('index.json')
    expect(files.filter((f) => f.startsWith('fields.jumin-current.xml.'))).toHaveLength(1)
    const index = JSON.parse(readFileSync(path.join(ws, 'current/jumin/index.json'), 'utf8'))
    expect(index).toMatchObject({version: 1, area: 'jumin'})
    expect(index.sources.map((s: {kind: string}) => s.kind)).toEqual(['fields', 'forms', 'functions'])
    const fieldsFile = files.find((f) => f.startsWith('fields.'))!
    const first = readFileSync(path.join(ws, 'current/jumin', fieldsFile), 'utf8').split('\n')[0]
    expect(JSON.parse(first!)).toEqual({
      table: 'JUMIN_KIHON',
      column: 'ATENA_NO',
      label: '宛名番号',
      type: 'number',
      typeRaw: '9(15)',
      length: 15,
      required: true,
      description: '個人を一意に識別する番号',
      source: {row: 5},
    })
    const stored = JSON.stringify(snapshot(ws))
    expect(stored).not.toContain(ws)
    expect(stored).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/)
  })

  it('is deterministic: the same imports give byte-identical files', async () => {
    const a = await newWorkspace()
    const b = await newWorkspace()
    for (const ws of [a, b]) {
      await importInto(ws, [fixture('jumin-teigisho.xlsx'), fixture('jumin-functions.tsv')])
      await importInto(ws, [fixture('jumin-fields.cp932.csv')])
    }
    expect(snapshot(a)).toEqual(snapshot(b))
  })

  it('re-importing a file replaces its records; another file adds; --replace starts over', async () => {
    const ws = await newWorkspace()
    const dir = tempDir()
    const csv = path.join(dir, 'fields.csv')
    writeFileSync(csv, '項目名,物理名,型\n氏名,SHIMEI,文字\n住所,JUSHO,文字\n')
    await importInto(ws, [csv])
    await importInto(ws, [fixture('jumin-functions.tsv')])
    expect((await show(ws)).fields).toHaveLength(2)
    writeFileSync(csv, '項目名,物理名,型\n氏名,SHIMEI,文字\n')
    await importInto(ws, [csv])
    const system = await show(ws)
    expect(system.fields.map((f) => f.column)).toEqual(['SHIMEI'])
    expect(system.functions).toHaveLength(4)
    expect(system.sources.map((s) => [s.file, s.kind, s.records])).toEqual([
      ['fields.csv', 'fields', 1],
      ['jumin-functions.tsv', 'functions', 4],
    ])
    await importInto(ws, [fixture('jumin-current.xml')], '--replace')
    expect((await show(ws)).sources.map((s) => s.file)).toEqual(['jumin-current.xml', 'jumin-current.xml', 'jumin-current.xml'])
    expect(readdirSync(path.join(ws, 'current/jumin'))).toHaveLength(4)
  })

  it('warns when the same content was already imported under another name', async () => {
    const ws = await newWorkspace()
    const copy = path.join(tempDir(), 'renamed-copy.xml')
    copyFileSync(fixture('jumin-current.xml'), copy)
    expect((await importInto(ws, [fixture('jumin-current.xml')])).exitCode).toBe(0)
    const again = await importInto(ws, [copy])
    expect(again.exitCode).toBe(0)
    expect(again.stdout + again.stderr).toContain('同じ内容のファイル「jumin-current.xml」を取り込み済みです')
  })

  it('records a file inside the workspace by its relative path', async () => {
    const ws = await newWorkspace()
    const inside = path.join(ws, 'exports')
    mkdirSync(inside)
    copyFileSync(fixture('jumin-functions.tsv'), path.join(inside, 'kinou.tsv'))
    await importInto(ws, [path.join(inside, 'kinou.tsv')])
    expect((await show(ws)).functions[0]?.source?.file).toBe('exports/kinou.tsv')
  })

  it('loadCurrentSystem / saveCurrentSystem round-trip, splitting merged forms back per file', async () => {
    const ws = await newWorkspace()
    await importInto(ws, [fixture('jumin-forms-list.csv'), fixture('jumin-form-items.csv'), fixture('jumin-fields.cp932.csv')])
    const workspace = loadWorkspace(ws)
    const before = snapshot(ws)
    const system = loadCurrentSystem(workspace, 'jumin')!
    expect(system.forms).toHaveLength(2)
    saveCurrentSystem(workspace, system)
    expect(snapshot(ws)).toEqual(before)
    expect(loadCurrentSystem(workspace, 'jumin')).toEqual(system)
    expect(loadCurrentSystem(workspace, 'koseki')).toBeUndefined()
  })

  it('saveCurrentSystem writes a hand-made system, sources derived when missing', () => {
    const root = path.join(tempDir(), 'ws')
    mkdirSync(root)
    writeFileSync(path.join(root, 'fitgap.yaml'), 'version: 1\nname: t\n')
    const workspace = loadWorkspace(root)
    const system: CurrentSystem = {
      area: 'jumin',
      sources: [],
      fields: [
        {table: 'T', column: 'B', label: 'び', source: {file: 'b.csv', row: 3}},
        {table: 'T', column: 'A', label: 'あ', source: {file: 'a.csv', row: 2}},
      ],
      forms: [],
      functions: [{id: 'F1', name: '機能', inUse: true}],
    }
    saveCurrentSystem(workspace, system)
    const loaded = loadCurrentSystem(workspace, 'jumin')!
    expect(loaded.sources.map((s) => [s.file, s.kind, s.records])).toEqual([
      ['', 'functions', 1],
      ['a.csv', 'fields', 1],
      ['b.csv', 'fields', 1],
    ])
    expect(loaded.fields.map((f) => f.column)).toEqual(['A', 'B'])
    expect(loaded.functions).toEqual([{id: 'F1', name: '機能', inUse: true}])
  })

  it('mergeForms joins a list entry with its items', () => {
    const merged = mergeForms([
      {id: 'R1', name: '住民票', fields: [], source: {file: 'list.csv', row: 2}},
      {id: 'R1', name: '', fields: [{name: '氏名', source: {file: 'items.csv', row: 2}}], source: {file: 'items.csv', row: 2}},
      {id: 'R2', name: '', fields: [{name: '住所'}], source: {file: 'items.csv', row: 3}},
    ])
    expect(merged).toEqual([
      {id: 'R1', name: '住民票', fields: [{name: '氏名', source: {file: 'items.csv', row: 2}}], source: {file: 'list.csv', row: 2}},
      {id: 'R2', name: '', fields: [{name: '住所', source: {file: 'items.csv', row: 3}}], source: {file: 'items.csv', row: 3}},
    ])
  })

  it('reports a damaged store file with its path and line', async () => {
    const ws = await newWorkspace()
    await importInto(ws, [fixture('jumin-functions.tsv')])
    const file = readdirSync(path.join(ws, 'current/jumin')).find((f) => f.endsWith('.jsonl'))!
    writeFileSync(path.join(ws, 'current/jumin', file), '{"id": "F1"}\n')
    const result = await fitgap(['current', 'show', 'jumin', '--workspace', ws])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain(`${file}:1 の形が正しくありません`)
  })
})
