import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {demoCopy, fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'

describe('fitgap areas', () => {
  it('lists the 20 業務 as JSON with slug, no, name and editions', async () => {
    const result = await fitgap(['areas', '--json'])
    expect(result.exitCode).toBe(0)
    const areas = fitgapJson<{slug: string; no: number; name: string; editions: {edition: string}[]}[]>(result)
    expect(areas).toHaveLength(20)
    expect(areas.map((a) => a.no)).toEqual(Array.from({length: 20}, (_, i) => i + 1))
    expect(areas[0]).toMatchObject({slug: 'jumin', no: 1, name: '住民基本台帳'})
    expect(areas[0]!.editions.map((e) => e.edition)).toContain('rep-1')
  })

  it('prints a table with Japanese names', async () => {
    const result = await fitgap(['areas'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('住民基本台帳')
    expect(result.stdout).toContain('戸籍の附票')
  })
})

describe('fitgap areas: the cache of catalogue counts', () => {
  it('reads the counts of catalogues it has seen from the cache and recounts a catalogue that changed', async () => {
    const workspace = demoCopy()
    const cache = tempDir('fitgap-cache-')
    // A catalogue of the workspace's own (specs/), to edit without touching the bundled ones.
    const file = path.join(workspace, 'specs', 'jumin', 'ext-1.yaml')
    mkdirSync(path.dirname(file), {recursive: true})
    const bundled = readFileSync(path.join(ROOT, 'specs', 'jumin', 'rep-1.yaml'), 'utf8')
    writeFileSync(file, bundled.replace(/^edition: rep-1$/m, 'edition: ext-1'))
    const counts = async () => {
      const result = await fitgap(['areas', '--json', '--workspace', workspace])
      expect(result.exitCode, result.stderr).toBe(0)
      const jumin = fitgapJson<{slug: string; editions: {edition: string; counts: {functions: number}}[]}[]>(result).find((a) => a.slug === 'jumin')!
      return jumin.editions.find((e) => e.edition === 'ext-1')!.counts.functions
    }
    const previous = process.env.FITGAP_CACHE_DIR
    process.env.FITGAP_CACHE_DIR = cache
    try {
      const functions = await counts()
      expect(functions).toBeGreaterThan(1)
      const cacheFile = path.join(cache, 'catalogue-summaries.tsv')
      const [header, ...entries] = readFileSync(cacheFile, 'utf8').trimEnd().split('\n')
      expect(entries.length).toBeGreaterThanOrEqual(21)
      // An entry is what is printed: a changed one (as no count can be) shows, so the catalogue was not parsed again.
      writeFileSync(cacheFile, [header, ...entries.map((line) => line.replace(`"functions":${functions},`, '"functions":99999,'))].join('\n') + '\n')
      expect(await counts()).toBe(99999)
      // One function fewer in the catalogue: counted again, whatever the cache says.
      const first = /\n {2}- id: '(\d+)'\n(?: {4}.*\n)+/.exec(readFileSync(file, 'utf8'))!
      writeFileSync(file, readFileSync(file, 'utf8').replace(first[0], '\n'))
      expect(await counts()).toBe(functions - 1)
    } finally {
      if (previous === undefined) delete process.env.FITGAP_CACHE_DIR
      else process.env.FITGAP_CACHE_DIR = previous
    }
  })
})
