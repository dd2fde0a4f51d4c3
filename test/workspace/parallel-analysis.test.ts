/**
 * The analysis on several threads (large workspaces): how many threads, and the same results as one thread —
 * the report (--json), and the first error in 業務 order — through the built CLI, where the worker exists.
 */
import {rmSync, writeFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {loadRegistry} from '../../src/specs/registry.js'
import {analysisThreads} from '../../src/workspace/parallel-analysis.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {demoCopy} from '../helpers/cli.js'
import {fitgapProcess} from '../helpers/spawn.js'

const threadsBefore = process.env.FITGAP_THREADS
afterEach(() => {
  if (threadsBefore === undefined) delete process.env.FITGAP_THREADS
  else process.env.FITGAP_THREADS = threadsBefore
})

describe('analysisThreads', () => {
  const areas = loadRegistry().areas.filter((a) => ['jumin', 'kojin', 'kokuho'].includes(a.slug))

  it('takes FITGAP_THREADS when it is a whole number from 1 (never more than the 業務), else decides by the size of the inputs', () => {
    const workspace = loadWorkspace(demoCopy())
    delete process.env.FITGAP_THREADS
    // The demo's few hundred kilobytes: one thread is quicker than starting another.
    expect(analysisThreads(workspace, areas)).toBe(1)
    process.env.FITGAP_THREADS = '2'
    expect(analysisThreads(workspace, areas)).toBe(2)
    process.env.FITGAP_THREADS = '8'
    expect(analysisThreads(workspace, areas)).toBe(3)
    expect(analysisThreads(workspace, areas.slice(0, 1))).toBe(1)
    for (const value of ['0', '-1', 'many', '']) {
      process.env.FITGAP_THREADS = value
      expect(analysisThreads(workspace, areas)).toBe(1)
    }
  })

  it('uses the cores for large inputs', () => {
    const dir = demoCopy()
    delete process.env.FITGAP_THREADS
    writeFileSync(path.join(dir, 'mappings', 'kokuho.yaml'), `# ${'x'.repeat(3 * 1024 * 1024)}\n`)
    const threads = analysisThreads(loadWorkspace(dir), areas)
    expect(threads).toBe(Math.min(3, availableParallelism()))
  })
})

describe('analyze on several threads (built CLI)', () => {
  it('writes the same --json report as one thread', async () => {
    const dir = demoCopy()
    const one = await fitgapProcess(['analyze', '--workspace', dir, '--json'], {env: {FITGAP_THREADS: '1'}})
    const three = await fitgapProcess(['analyze', '--workspace', dir, '--json'], {env: {FITGAP_THREADS: '3'}})
    expect(one.exitCode).toBe(0)
    expect(three.exitCode).toBe(0)
    expect(JSON.parse(three.stdout)).toMatchObject({areas: [{}, {}, {}]})
    expect(three.stdout).toBe(one.stdout)
  })

  it('stops on the first 業務 in order that cannot be read, with the same message and exit code 2', async () => {
    const dir = demoCopy()
    // kojin (second) and kokuho (third) both broken: the message names kojin's file, whichever thread read it.
    for (const slug of ['kojin', 'kokuho']) {
      rmSync(path.join(dir, 'mappings', `${slug}.yaml`))
      writeFileSync(path.join(dir, 'mappings', `${slug}.yaml`), 'version: [\n')
    }
    const one = await fitgapProcess(['analyze', '--workspace', dir, '--json'], {env: {FITGAP_THREADS: '1'}})
    const three = await fitgapProcess(['analyze', '--workspace', dir, '--json'], {env: {FITGAP_THREADS: '3'}})
    expect(one.exitCode).toBe(2)
    expect(one.stderr).toContain('kojin.yaml')
    expect(three.exitCode).toBe(2)
    expect(three.stderr).toBe(one.stderr)
  })
})
