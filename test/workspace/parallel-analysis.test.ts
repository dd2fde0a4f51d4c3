/**
 * The analysis on several threads (FITGAP_THREADS): how many threads, and the same results as one thread —
 * the report (--json), and the first error in 業務 order — through the built CLI, where the worker exists.
 */
import {rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {loadRegistry} from '../../src/specs/registry.js'
import {analysisThreads} from '../../src/workspace/parallel-analysis.js'
import {demoCopy} from '../helpers/cli.js'
import {fitgapProcess} from '../helpers/spawn.js'

const threadsBefore = process.env.FITGAP_THREADS
afterEach(() => {
  if (threadsBefore === undefined) delete process.env.FITGAP_THREADS
  else process.env.FITGAP_THREADS = threadsBefore
})

describe('analysisThreads', () => {
  const areas = loadRegistry().areas.filter((a) => ['jumin', 'kojin', 'kokuho'].includes(a.slug))

  it('takes FITGAP_THREADS when it is a whole number from 1 (never more than the 業務), else one thread', () => {
    delete process.env.FITGAP_THREADS
    expect(analysisThreads(areas)).toBe(1)
    process.env.FITGAP_THREADS = '2'
    expect(analysisThreads(areas)).toBe(2)
    process.env.FITGAP_THREADS = '8'
    expect(analysisThreads(areas)).toBe(3)
    expect(analysisThreads(areas.slice(0, 1))).toBe(1)
    for (const value of ['0', '-1', 'many', '']) {
      process.env.FITGAP_THREADS = value
      expect(analysisThreads(areas)).toBe(1)
    }
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
