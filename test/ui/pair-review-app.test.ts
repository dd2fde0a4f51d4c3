/**
 * map review on function pairs (ink-testing-library): a workspace with a realistic vendor function list, no 対応表.
 * Decisions are saved as the command saves them, survive map suggest re-runs, and make the analysis use the pair.
 */
import path from 'node:path'

import {render} from 'ink-testing-library'
import {createElement} from 'react'
import {describe, expect, it} from 'vitest'

import {loadMappingFile} from '../../src/mapping/file.js'
import {loadPairReviewSession} from '../../src/ui/pair-review/load.js'
import {PairReviewApp} from '../../src/ui/pair-review/PairReviewApp.js'
import type {PairReviewState} from '../../src/ui/pair-review/state.js'
import {guardedSaver} from '../../src/ui/review/save.js'
import {fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'

const VENDOR_LIST = path.join(ROOT, 'test', 'fixtures', 'vendor', 'jumin-kinou-ichiran.csv')

async function waitFor(check: () => boolean, what: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting; screen:\n${what()}`)
}

describe('map review --target functions', () => {
  it('confirms, rejects and marks no-counterpart; decisions survive map suggest and drive the analysis', async () => {
    const workspace = path.join(tempDir(), 'ws')
    expect((await fitgap(['init', workspace])).exitCode).toBe(0)
    expect((await fitgap(['current', 'import', VENDOR_LIST, '--area', 'jumin', '--workspace', workspace])).exitCode).toBe(0)

    const session = loadPairReviewSession('jumin', 'functions', {workspace, by: 'テスト 太郎', today: '2026-01-15'})
    expect(session.state.queue.length).toBeGreaterThan(3)
    const [first, second, third] = session.state.queue
    let last: PairReviewState = session.state
    const app = render(
      createElement(PairReviewApp, {
        initial: session.state,
        file: session.file,
        save: guardedSaver(session.context.mappingPath, session.file, session.original),
        onUpdate: (state: PairReviewState) => {
          last = state
        },
      }),
    )
    try {
      expect(app.lastFrame()).toContain(`標準機能 ${first!.standardId} ${first!.standardName}`)
      expect(app.lastFrame()).toContain(`候補 (要確認): ${first!.ref} ${first!.currentName}`)
      app.stdin.write('y')
      await waitFor(() => last.decisions === 1 && (app.lastFrame() ?? '').includes(second!.standardName), () => app.lastFrame() ?? '')
      app.stdin.write('n')
      await waitFor(() => last.decisions === 2, () => app.lastFrame() ?? '')
      app.stdin.write('x')
      await waitFor(() => last.decisions === 3, () => app.lastFrame() ?? '')
      app.stdin.write('q')
      await waitFor(() => last.quit, () => app.lastFrame() ?? '')
    } finally {
      app.unmount()
    }

    const entryOf = (id: string) => loadMappingFile(session.context.mappingPath)!.functions!.find((p) => p.id === id)!.entries
    const check = () => {
      expect(entryOf(first!.standardId)).toEqual([expect.objectContaining({refs: [first!.ref], status: 'confirmed', by: 'テスト 太郎', at: '2026-01-15'})])
      expect(entryOf(second!.standardId)).toContainEqual(expect.objectContaining({refs: [second!.ref], status: 'rejected', by: 'テスト 太郎'}))
      expect(entryOf(third!.standardId)).toEqual([expect.objectContaining({refs: [], status: 'no-counterpart'})])
    }
    check()

    // map suggest twice: the person's decisions stay, the rejected pair is not proposed again.
    for (let run = 0; run < 2; run++) {
      const suggested = await fitgap(['map', 'suggest', 'jumin', '--workspace', workspace])
      expect(suggested.exitCode, suggested.stderr).toBe(0)
      check()
      expect(entryOf(second!.standardId).filter((e) => e.status === 'suggested').map((e) => e.refs[0])).not.toContain(second!.ref)
    }

    const analysed = await fitgap(['analyze', 'jumin', '--workspace', workspace, '--json'])
    const pairs = fitgapJson<{areas: {pairs: {functions: {id: string; state: string; currents?: {id: string; via: string}[]}[]}}[]}>(analysed).areas[0]!.pairs.functions
    expect(pairs.find((p) => p.id === first!.standardId)).toMatchObject({state: 'confirmed', currents: [{id: first!.ref, via: 'mapping'}]})
    expect(pairs.find((p) => p.id === third!.standardId)?.state).toBe('no-counterpart')
    expect(pairs.find((p) => p.id === second!.standardId)?.state).not.toBe('confirmed')
  })
})
