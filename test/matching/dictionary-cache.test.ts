import {cpSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {persistentSegmenter, readCacheLines} from '../../src/matching/dictionary-cache.js'
import {dictionaryReadings, loadLexicon, loadMatchResources, readLexiconData} from '../../src/matching/dictionary-loader.js'
import {Lexicon, termKey} from '../../src/matching/lexicon.js'
import type {Morpheme, Segmenter} from '../../src/matching/segmenter.js'
import {scriptSegmenter} from '../../src/matching/segmenter.js'
import {ROOT, tempDir} from '../helpers/cli.js'

let previous: string | undefined
let cache: string

beforeEach(() => {
  previous = process.env.FITGAP_CACHE_DIR
  cache = tempDir('fitgap-cache-')
  process.env.FITGAP_CACHE_DIR = cache
})
afterEach(() => {
  if (previous === undefined) delete process.env.FITGAP_CACHE_DIR
  else process.env.FITGAP_CACHE_DIR = previous
})

/** Our YAML dictionaries only (the Sudachi file is 14 MB: the cache format is the same with or without it). */
function dictionaries(): string {
  const dir = path.join(tempDir(), 'mappings')
  cpSync(path.join(ROOT, 'mappings'), dir, {recursive: true})
  return dir
}

describe('dictionary cache', () => {
  it('gives the same lexicon from the cache as from the files, with every term key precomputed', () => {
    const dir = dictionaries()
    const fresh = readLexiconData({dir, sudachi: false})
    const reference = new Lexicon(fresh)
    const first = loadLexicon({dir, sudachi: false})
    expect(readdirSync(cache).filter((f) => f.startsWith('lexicon-'))).toHaveLength(1)
    const cached = loadLexicon({dir, sudachi: false})
    expect(cached.lexicon.tables()).toEqual(reference.tables())
    expect(first.lexicon.tables()).toEqual(reference.tables())
    expect(cached.readings).toEqual(dictionaryReadings(fresh))
    expect(cached.readings.length).toBeGreaterThan(0)
    const terms = [...new Set(fresh.groups.flatMap((g) => g.terms)), ...Object.keys(fresh.abbreviations), 'cd', 'じゅうしょ', '未知の語']
    for (const term of terms)
      expect({term, concepts: cached.lexicon.concepts(term), expansions: cached.lexicon.expansions(term), ascii: cached.lexicon.knowsAscii(termKey(term))}).toEqual({
        term,
        concepts: reference.concepts(term),
        expansions: reference.expansions(term),
        ascii: reference.knowsAscii(termKey(term)),
      })
    for (const group of fresh.groups) expect(cached.lexicon.japaneseTerms(group.id)).toEqual(reference.japaneseTerms(group.id))
  })

  it('is rebuilt when a dictionary file changes, and a damaged cache file is ignored', () => {
    const dir = dictionaries()
    loadLexicon({dir, sudachi: false})
    const [file] = readdirSync(cache).filter((f) => f.startsWith('lexicon-'))
    writeFileSync(path.join(dir, 'synonyms.yaml'), 'groups:\n  - [改名テスト語, かいめいてすとご]\n')
    const changed = loadLexicon({dir, sudachi: false})
    expect(changed.lexicon.concepts('改名テスト語')).toHaveLength(1)

    const header = readFileSync(path.join(cache, file!), 'utf8').split('\n')[0]
    for (const damaged of ['not a cache\n', `${header}\n{"tables": [}\n`]) {
      writeFileSync(path.join(cache, file!), damaged)
      expect(loadLexicon({dir, sudachi: false}).lexicon.tables()).toEqual(changed.lexicon.tables())
    }
  })

  it('loads the resources once per process for the same dictionaries, and again after an edit', () => {
    const dir = dictionaries()
    const first = loadMatchResources({dir, sudachi: false, analyser: false})
    expect(loadMatchResources({dir, sudachi: false, analyser: false})).toBe(first)
    writeFileSync(path.join(dir, 'synonyms.yaml'), 'groups:\n  - [別の語, べつのご]\n')
    expect(loadMatchResources({dir, sudachi: false, analyser: false})).not.toBe(first)
  })

  it('still reports a broken dictionary file as bad input (nothing cached hides it)', () => {
    const dir = dictionaries()
    writeFileSync(path.join(dir, 'synonyms.yaml'), 'groups: [[ok, fine], 3]\n')
    expect(() => loadLexicon({dir, sudachi: false})).toThrow(/synonyms\.yaml の形式が正しくありません/)
  })
})

describe('analysed names cache', () => {
  function counting(): {segmenter: Segmenter; calls: string[]; loads: number[]} {
    const calls: string[] = []
    const loads: number[] = []
    const segmenter: Segmenter = {
      segment(text) {
        calls.push(text)
        return [{surface: text, reading: 'ヨミ', pos: '名詞'}] satisfies Morpheme[]
      },
    }
    return {segmenter, calls, loads}
  }

  it('starts the analyser only for names it has not seen, and remembers them across runs', () => {
    const file = path.join(cache, 'segments.tsv')
    const first = counting()
    let loaded = 0
    const a = persistentSegmenter(file, 'v1', () => (loaded++, first.segmenter), scriptSegmenter)
    expect(a.segment('住民票')).toEqual([{surface: '住民票', reading: 'ヨミ', pos: '名詞'}])
    expect(loaded).toBe(1)
    a.save() // what the end of the run does: the new names are written
    expect(readCacheLines(file, 'v1')).toHaveLength(1)

    let loadedAgain = 0
    const b = persistentSegmenter(file, 'v1', () => (loadedAgain++, first.segmenter), scriptSegmenter)
    expect(b.segment('住民票')).toEqual([{surface: '住民票', reading: 'ヨミ', pos: '名詞'}])
    expect(loadedAgain).toBe(0)
    const other = persistentSegmenter(file, 'v2', () => (loadedAgain++, first.segmenter), scriptSegmenter)
    other.segment('住民票')
    expect(loadedAgain).toBe(1) // another analyser version: the file is not trusted
  })

  it('starts the analyser at once, when asked, only if the file knows no name (missing, or another version)', () => {
    const file = path.join(cache, 'segments.tsv')
    const first = counting()
    let loads = 0
    const load = () => (loads++, first.segmenter)
    const fresh = persistentSegmenter(file, 'v1', load, scriptSegmenter, undefined, true)
    expect(loads).toBe(1) // no file yet: started before any name is asked for
    fresh.segment('住民票')
    expect(loads).toBe(1)
    fresh.save()
    persistentSegmenter(file, 'v1', load, scriptSegmenter, undefined, true)
    expect(loads).toBe(1) // the file knows names: started only for one it lacks
    persistentSegmenter(file, 'v2', load, scriptSegmenter, undefined, true)
    expect(loads).toBe(2) // written for another version: nothing known
    persistentSegmenter(path.join(cache, 'other.tsv'), 'v1', load, scriptSegmenter)
    expect(loads).toBe(2) // not asked to: started on the first name only
  })

  it('falls back without caching when the analyser cannot load', () => {
    const file = path.join(cache, 'segments.tsv')
    const s = persistentSegmenter(file, 'v1', () => undefined, scriptSegmenter)
    expect(s.segment('住民票ABC')).toEqual(scriptSegmenter.segment('住民票ABC'))
    s.save()
    expect(readdirSync(cache)).not.toContain('segments.tsv')
  })
})
