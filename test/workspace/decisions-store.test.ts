/**
 * The decisions files: read with line numbers for every problem, written sorted with a fixed field order, and
 * several 業務 saved together or not at all (a failed write or a file changed meanwhile leaves every file as it was).
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, describe, expect, it, vi} from 'vitest'

import {InputError} from '../../src/errors.js'
import type {Decision} from '../../src/model/decision.js'
import {decisionMap, decisionsPath, loadDecisions, saveDecisions, saveDecisionsTogether, stringifyDecisions} from '../../src/workspace/decisions-store.js'
import {type Workspace, workspaceAt} from '../../src/workspace/workspace.js'
import {tempDir} from '../helpers/cli.js'

/** A write that fails once the given number of files were written (a disk filling up half-way through). */
const inject = vi.hoisted(() => ({failAfter: Infinity, written: 0, nothing: false}))

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  return {
    ...fs,
    writeFileSync: (file: string, data: string, ...rest: unknown[]) => {
      if (inject.written++ >= inject.failAfter) {
        // Half the bytes reach the disk, or (nothing) the file is never created.
        if (!inject.nothing) fs.writeFileSync(file, data.slice(0, data.length / 2))
        throw Object.assign(new Error('ENOSPC: injected'), {code: 'ENOSPC'})
      }
      return (fs.writeFileSync as (...a: unknown[]) => void)(file, data, ...rest)
    },
  }
})

afterEach(() => {
  inject.failAfter = Infinity
  inject.written = 0
  inject.nothing = false
})

function workspace(): Workspace {
  const ws = workspaceAt(tempDir('fitgap-decisions-'), {version: 1, name: 'テスト市', areas: ['jumin', 'kokuho'], editions: {}})
  mkdirSync(ws.decisionsDir, {recursive: true})
  return ws
}

const d = (key: string, extra: Partial<Decision> = {}): Decision => ({key, verdict: 'fit', ...extra})
/** Every file in the decisions folder with its text (temp files included). */
const folder = (ws: Workspace) => Object.fromEntries(readdirSync(ws.decisionsDir).sort().map((f) => [f, readFileSync(path.join(ws.decisionsDir, f), 'utf8')]))
const problemOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('loadDecisions', () => {
  it('reads a missing file as no decisions, and an absent archive as empty', () => {
    const ws = workspace()
    expect(loadDecisions(ws, 'jumin')).toEqual({area: 'jumin', decisions: [], archived: []})
    writeFileSync(decisionsPath(ws, 'jumin'), 'area: jumin\ndecisions:\n  - key: jumin:fn:1\n    verdict: gap\n')
    expect(loadDecisions(ws, 'jumin')).toEqual({area: 'jumin', decisions: [{key: 'jumin:fn:1', verdict: 'gap'}], archived: []})
  })

  it('refuses a key recorded twice, naming both lines (both sides kept by a git merge)', () => {
    const ws = workspace()
    writeFileSync(
      decisionsPath(ws, 'jumin'),
      'area: jumin\ndecisions:\n  - key: jumin:fn:1\n    verdict: gap\n  - key: jumin:fn:2\n    verdict: fit\n  - key: jumin:fn:1\n    verdict: fit\n',
    )
    const file = path.relative(process.cwd(), decisionsPath(ws, 'jumin')).startsWith('..') ? decisionsPath(ws, 'jumin') : path.relative(process.cwd(), decisionsPath(ws, 'jumin'))
    expect(problemOf(() => loadDecisions(ws, 'jumin'))).toBe(
      `判定ファイル ${file} に同じキーの判定が2つ以上あります。どちらを残すか決めて、1つにしてください (git のマージで両方が残ったときなど)。\n  ${file}:7 キー jumin:fn:1 は 3 行目にもあります`,
    )
  })

  it('lists at most 20 repeated keys', () => {
    const ws = workspace()
    const entries = Array.from({length: 22}, () => '  - key: jumin:fn:1\n    verdict: gap\n').join('')
    writeFileSync(decisionsPath(ws, 'jumin'), `area: jumin\ndecisions:\n${entries}`)
    expect(problemOf(() => loadDecisions(ws, 'jumin')).split('\n')).toHaveLength(21)
  })

  it('names the file and line of a value it cannot use', () => {
    const ws = workspace()
    writeFileSync(decisionsPath(ws, 'jumin'), 'area: jumin\ndecisions:\n  - key: jumin:fn:1\n    verdict: maybe\n')
    const message = problemOf(() => loadDecisions(ws, 'jumin'))
    expect(message).toMatch(/^判定ファイル .*jumin\.yaml に誤りがあります。\n {2}.*jumin\.yaml:4 decisions\[0\]\.verdict: /)
  })
})

describe('stringifyDecisions / saveDecisions', () => {
  it('writes decisions sorted by key with a fixed field order, and the archive only when there is one', () => {
    const text = stringifyDecisions({
      area: 'jumin',
      decisions: [d('jumin:fn:2', {at: '2026-01-01', by: '山田', note: 'メモ', verdict: 'gap', policy: 'bpr'}), d('jumin:fn:1')],
      archived: [],
    })
    expect(text).toBe(
      '# fitgap の判定記録 (report import が書きます。手で直しても構いません)\n' +
        'area: jumin\ndecisions:\n  - key: jumin:fn:1\n    verdict: fit\n  - key: jumin:fn:2\n    verdict: gap\n    policy: bpr\n    note: メモ\n    by: 山田\n    at: 2026-01-01\n',
    )
    const archived = stringifyDecisions({area: 'jumin', decisions: [], archived: [d('jumin:fn:9'), d('jumin:fn:8')]})
    expect(archived).toContain('decisions: []\narchived:\n  - key: jumin:fn:8\n    verdict: fit\n  - key: jumin:fn:9\n')
  })

  it('sorts any number of decisions and archived decisions by key', () => {
    const keys = ['jumin:fn:3', 'jumin:fn:5', 'jumin:fn:1', 'jumin:fn:4', 'jumin:fn:2']
    const text = stringifyDecisions({area: 'jumin', decisions: keys.map((k) => d(k)), archived: keys.map((k) => d(k.replace('fn', 'item')))})
    expect([...text.matchAll(/key: (\S+)/g)].map((m) => m[1])).toEqual([...[1, 2, 3, 4, 5].map((n) => `jumin:fn:${n}`), ...[1, 2, 3, 4, 5].map((n) => `jumin:item:${n}`)])
  })

  it('keeps a long note on one line', () => {
    const note = '住民票の写しの交付は 窓口 と コンビニ交付 の両方で 同じ様式を使う (2026-10 確認)。'.repeat(3)
    expect(stringifyDecisions({area: 'jumin', decisions: [d('jumin:fn:1', {note})], archived: []})).toContain(`    note: ${note}\n`)
  })

  it('reads back what it wrote', () => {
    const ws = workspace()
    const file = {area: 'jumin', decisions: [d('jumin:fn:1', {note: 'a: b # c', due: '2027-03-31', state: 'doing' as const})], archived: [d('jumin:fn:0', {edition: '1.0'})]}
    saveDecisions(ws, file)
    expect(loadDecisions(ws, 'jumin')).toEqual(file)
    expect(decisionMap(file)).toEqual(new Map([['jumin:fn:1', file.decisions[0]]]))
  })
})

describe('saveDecisionsTogether', () => {
  const files = () => [
    {area: 'jumin', decisions: [d('jumin:fn:1', {verdict: 'gap'})], archived: []},
    {area: 'kokuho', decisions: [d('kokuho:fn:1')], archived: []},
  ]

  it('writes every 業務, creating the folder, and leaves no temp file', () => {
    const ws = workspaceAt(path.join(tempDir(), 'ws'), {version: 1, name: 'x', areas: [], editions: {}})
    saveDecisionsTogether(ws, files())
    expect(Object.keys(folder(ws))).toEqual(['jumin.yaml', 'kokuho.yaml'])
    expect(loadDecisions(ws, 'kokuho').decisions).toEqual([d('kokuho:fn:1')])
  })

  it('changes nothing when a write fails part-way, and leaves no temp file', () => {
    const ws = workspace()
    saveDecisions(ws, {area: 'jumin', decisions: [d('jumin:fn:1')], archived: []})
    const before = folder(ws)
    inject.written = 0
    inject.failAfter = 1 // the second 業務's temp file fails half-written
    expect(() => saveDecisionsTogether(ws, files())).toThrow(/ENOSPC/)
    expect(folder(ws)).toEqual(before)
    // A temp file that was never created does not hide the real error.
    inject.written = 0
    inject.nothing = true
    expect(() => saveDecisionsTogether(ws, files())).toThrow(/ENOSPC/)
    expect(folder(ws)).toEqual(before)
  })

  it('refuses, writing nothing, when a file changed since it was read (another import, an editor)', () => {
    const ws = workspace()
    saveDecisions(ws, {area: 'jumin', decisions: [d('jumin:fn:1')], archived: []})
    const readAs = new Map([
      ['jumin', readFileSync(decisionsPath(ws, 'jumin'), 'utf8')],
      ['kokuho', undefined],
    ])
    // Someone else records kokuho meanwhile.
    writeFileSync(decisionsPath(ws, 'kokuho'), stringifyDecisions({area: 'kokuho', decisions: [d('kokuho:fn:7')], archived: []}))
    const before = folder(ws)
    expect(problemOf(() => saveDecisionsTogether(ws, files(), readAs))).toMatch(/kokuho\.yaml が取り込みの途中で \(fitgap 以外から\) 変更されました。その変更を消さないよう、何も書き込んでいません。/)
    expect(folder(ws)).toEqual(before)
    // Both changed: both named.
    expect(problemOf(() => saveDecisionsTogether(ws, files(), new Map([['jumin', 'old'], ['kokuho', 'old']])))).toMatch(/jumin\.yaml、.*kokuho\.yaml が取り込みの途中で/)
    expect(folder(ws)).toEqual(before)
    // Unchanged since read: written.
    readAs.set('kokuho', before['kokuho.yaml'])
    saveDecisionsTogether(ws, files(), readAs)
    expect(loadDecisions(ws, 'jumin').decisions).toEqual([d('jumin:fn:1', {verdict: 'gap'})])
    expect(existsSync(decisionsPath(ws, 'kokuho'))).toBe(true)
    expect(Object.keys(folder(ws))).toEqual(['jumin.yaml', 'kokuho.yaml'])
  })
})
