import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'

/** A workspace holding its own (imported) edition of 住民基本台帳 next to the bundled ones. */
async function workspaceWithEdition(): Promise<string> {
  const dir = path.join(tempDir(), 'ws')
  await fitgap(['init', dir, '--area', 'jumin'])
  const text = readFileSync(path.join(ROOT, 'specs', 'jumin', 'rep-2.yaml'), 'utf8').replace('edition: rep-2', 'edition: rep-9').replace(/^fictional: true\n/m, '')
  mkdirSync(path.join(dir, 'specs', 'jumin'), {recursive: true})
  writeFileSync(path.join(dir, 'specs', 'jumin', 'rep-9.yaml'), text)
  return dir
}

describe('catalogues imported into a workspace', () => {
  it('are listed by areas and used by specs show, specs diff and analyze', async () => {
    const dir = await workspaceWithEdition()
    const areas = fitgapJson<{slug: string; editions: {edition: string}[]}[]>(await fitgap(['areas', '--workspace', dir, '--json']))
    expect(areas.find((a) => a.slug === 'jumin')!.editions.map((e) => e.edition)).toEqual(['rep-1', 'rep-2', 'rep-9'])
    const outside = fitgapJson<{slug: string; editions: {edition: string}[]}[]>(await fitgap(['areas', '--json'], {cwd: tempDir()}))
    expect(outside.find((a) => a.slug === 'jumin')!.editions.map((e) => e.edition)).toEqual(['rep-1', 'rep-2'])

    const shown = fitgapJson<{edition: string}>(await fitgap(['specs', 'show', 'jumin', '--json'], {cwd: dir}))
    expect(shown.edition).toBe('rep-9')
    const diff = await fitgap(['specs', 'diff', 'jumin', '--workspace', dir])
    expect(diff.exitCode, diff.stderr).toBe(0)
    expect(diff.stdout).toContain('rep-2 → rep-9 (ワークスペース)')
    const analysed = fitgapJson<{areas: {edition: string}[]}>(await fitgap(['analyze', '--workspace', dir, '--json', '--no-suggest']))
    expect(analysed.areas[0]!.edition).toBe('rep-9')
  })

  it('follow the edition pinned in fitgap.yaml', async () => {
    const dir = await workspaceWithEdition()
    writeFileSync(path.join(dir, 'fitgap.yaml'), `${readFileSync(path.join(dir, 'fitgap.yaml'), 'utf8').replace('editions: {}', 'editions:\n  jumin: rep-1')}`)
    const shown = fitgapJson<{edition: string}>(await fitgap(['specs', 'show', 'jumin', '--workspace', dir, '--json']))
    expect(shown.edition).toBe('rep-1')
    const areas = fitgapJson<{slug: string; editionInUse: string}[]>(await fitgap(['areas', '--workspace', dir, '--json']))
    expect(areas.find((a) => a.slug === 'jumin')!.editionInUse).toBe('rep-1')
    const table = await fitgap(['areas', '--workspace', dir])
    expect(table.stdout).toMatch(/rep-1\*, rep-2\(架空\), rep-9\s+262/)
  })
})

describe('an official edition imported into the workspace', () => {
  it('is the latest, whatever its name, so analyze and specs diff use it by default', async () => {
    const dir = path.join(tempDir(), 'ws')
    await fitgap(['init', dir, '--area', 'jumin'])
    const text = readFileSync(path.join(ROOT, 'specs', 'jumin', 'rep-2.yaml'), 'utf8').replace('edition: rep-2', 'edition: "4.0"').replace(/^fictional: true\n/m, '')
    mkdirSync(path.join(dir, 'specs', 'jumin'), {recursive: true})
    writeFileSync(path.join(dir, 'specs', 'jumin', '4.0.yaml'), text)
    const shown = fitgapJson<{edition: string}>(await fitgap(['specs', 'show', 'jumin', '--workspace', dir, '--json']))
    expect(shown.edition).toBe('4.0')
    const diff = await fitgap(['specs', 'diff', 'jumin', '--workspace', dir])
    expect(diff.stdout).toContain('rep-2 → 4.0 (ワークスペース)')
  })
})
