import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {ownDictionaryDirs} from '../../src/workspace/dictionary-dirs.js'
import {demoCopy, fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

describe("a workspace's own dictionaries", () => {
  it('are an extra dictionary folder only when mappings/ holds a dictionary file', () => {
    const dir = tempDir()
    expect(ownDictionaryDirs(dir, ['synonyms.yaml', 'domain-dictionary.yaml'])).toEqual([])
    writeFileSync(path.join(dir, 'domain-dictionary.yaml'), 'groups: []\n')
    expect(ownDictionaryDirs(dir, ['synonyms.yaml', 'domain-dictionary.yaml'])).toEqual([dir])
  })

  it('map suggest matches through a synonym the workspace added in mappings/synonyms.yaml', async () => {
    const workspace = demoCopy()
    mkdirSync(path.join(workspace, 'mappings'), {recursive: true})
    // A made-up word that no bundled dictionary links to 世帯番号.
    writeFileSync(path.join(workspace, 'mappings', 'synonyms.yaml'), 'groups:\n  - [世帯番号, ぬばたま識別子]\n')
    const csv = path.join(tempDir(), 'fields.csv')
    writeFileSync(csv, 'テーブル名,項目名,データ型\nT,ぬばたま識別子,CHAR\n')
    expect((await fitgap(['current', 'import', csv, '--area', 'kokuho', '--workspace', workspace])).exitCode).toBe(0)
    const result = await fitgap(['map', 'suggest', 'kokuho', '--workspace', workspace, '--by-field', '--top', '1', '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const json = fitgapJson<{fields: {label: string; candidates: {name: string}[]}[]}>(result)
    expect(json.fields.find((f) => f.label === 'ぬばたま識別子')?.candidates[0]?.name).toBe('世帯番号')
  })
})
