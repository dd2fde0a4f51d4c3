/**
 * The matcher's speed paths change no result: memoised token-pair scores, shared token objects, and the analyser
 * in a worker thread (announced names, names asked for ahead of the queue, a worker that cannot load).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {persistentSegmenter} from '../../src/matching/dictionary-cache.js'
import {createMatcher, loadMatchResources} from '../../src/matching/dictionary-loader.js'
import type {FieldInput, MatchResult, StandardItem} from '../../src/matching/engine.js'
import {Analyzer} from '../../src/matching/analyzer.js'
import {Matcher} from '../../src/matching/engine.js'
import {linderaWorker} from '../../src/matching/lindera.js'
import {AnalyserUnavailableError, type Morpheme, scriptSegmenter} from '../../src/matching/segmenter.js'
import {computeTokenScore, TokenPairMemo, tokenMatch} from '../../src/matching/signals.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {ITEMS, matcher} from './helpers.js'

const NAMES = [
  '住所氏名', '氏名住所', '世帯主氏名', '生年月日', '異動年月日', 'ジュウショ', 'シメイカナ', '方書', '郵便番号', '住民票コード',
  '宛名番号', '続柄', '転入届出年月日', '被保険者番号', '口座名義人', 'SETAI_CD', 'SEINENGAPPI', 'JUSHO', 'birth_date', 'KOSHIN_YMD',
]

const FIELDS: FieldInput[] = [
  {table: 'JUMIN', column: 'SHIMEI', label: '氏名'},
  {table: 'JUMIN', column: 'SHIMEI_KANA', label: 'シメイ カナ'},
  {table: 'SETAI', column: 'NUSHI_SHIMEI', label: ''},
  {table: 'JUMIN', column: 'SEINENGAPPI', label: '', type: 'date'},
  {table: 'JUMIN', column: 'C1', label: '住所>郵便番号'},
  {table: 'ATENA', column: 'ATENA_NO', label: '宛名番号'},
  {table: 'IDO', column: 'IDO_YMD', label: '異動日'},
  {table: 'JUMIN', column: 'KOSHIN_YMD', label: '更新日時', type: 'datetime'},
  {table: 'JUMIN', column: 'ZOKUGARA', label: '世帯主との続柄'},
  {table: 'JUMIN', column: 'KATAGAKI', label: 'かたがき'},
]

const view = (r: MatchResult) => JSON.stringify([[...r.byItem], [...r.byField], [...r.systemColumns], r.stats])

describe('token-pair score memo', () => {
  it('answers every pair as the scoring itself does, through collisions, growth and the bound', () => {
    const m = matcher()
    const tokens = [...new Set(NAMES.flatMap((name) => m.analyzer.profile(name).tokens))]
    expect(tokens.length).toBeGreaterThan(20)
    // Tiny: 4 slots growing to 16, then emptied when full — every path of the table is taken.
    const memo = new TokenPairMemo(4, 16)
    for (let round = 0; round < 2; round++)
      for (const s of tokens) for (const c of tokens) expect(memo.score(s, c)).toBe(computeTokenScore(s, c))
    // The kind of evidence comes back with the score (first call computes it, the second reads the memo).
    for (const s of tokens.slice(0, 8))
      for (const c of tokens) {
        const first = tokenMatch(s, c)
        expect(tokenMatch(s, c)).toEqual(first)
      }
  })

  it('shares one token object for the same word in different names', () => {
    const m = matcher()
    const a = m.analyzer.profile('住所氏名').tokens
    const b = m.analyzer.profile('氏名住所').tokens
    expect(a.map((t) => t.surface)).toEqual(['住所', '氏名'])
    expect(a[0]).toBe(b[1])
    expect(a[1]).toBe(b[0])
    expect(a[0]!.id).not.toBe(a[1]!.id)
  })
})

describe('analyser in a worker thread', () => {
  const modulePath = createRequire(import.meta.url).resolve('lindera-wasm-nodejs-ipadic')

  /** What the analyser says, in this thread (the reference). */
  function inThread(): (text: string) => Morpheme[] {
    const lindera = createRequire(import.meta.url)('lindera-wasm-nodejs-ipadic') as {
      TokenizerBuilder: new () => {setDictionary(u: string): void; setMode(m: string): void; build(): {tokenize(t: string): {surface: string; reading?: string; partOfSpeech?: string}[]}}
    }
    const builder = new lindera.TokenizerBuilder()
    builder.setDictionary('embedded://ipadic')
    builder.setMode('normal')
    const tokenizer = builder.build()
    return (text) =>
      text.trim() === ''
        ? []
        : tokenizer.tokenize(text).map((t) => ({
            surface: t.surface,
            reading: t.reading && t.reading !== '*' && t.reading !== 'UNK' ? t.reading : undefined,
            pos: t.partOfSpeech || undefined,
          }))
  }

  it('segments exactly as the analyser does in this thread, announced or asked for first', () => {
    const reference = inThread()
    const worker = linderaWorker(modulePath)
    const texts = [...NAMES, '', ' ', '東京都千代田区霞が関', 'ﾃﾞｼﾞﾀﾙ', 'ABC123']
    // Half announced in one order, the rest asked for without notice (ahead of the queue), in another order.
    worker.prefetch(texts.filter((_, i) => i % 2 === 0))
    for (const text of [...texts].reverse()) expect(worker.segment(text)).toEqual(reference(text))
    // Asked again: the same answer.
    for (const text of texts) expect(worker.segment(text)).toEqual(reference(text))
  })

  it('reports an analyser that cannot load; the names cache then falls back and keeps nothing', () => {
    const broken = linderaWorker(path.join(tempDir(), 'missing-lindera.js'))
    broken.prefetch(['住民票'])
    expect(() => broken.segment('住民票')).toThrow(AnalyserUnavailableError)
    const file = path.join(tempDir(), 'segments.tsv')
    const names = persistentSegmenter(file, 'v1', () => linderaWorker(path.join(tempDir(), 'missing-lindera.js')), scriptSegmenter)
    names.prefetch!(['住民票ABC'])
    expect(names.segment('住民票ABC')).toEqual(scriptSegmenter.segment('住民票ABC'))
    names.save()
    expect(existsSync(file)).toBe(false)
  })

  it('starts its worker without the flags of the process (a module run with --input-type=module)', () => {
    const code = `import {linderaWorker} from ${JSON.stringify(path.join(ROOT, 'src', 'matching', 'lindera.ts'))}
      process.stdout.write(JSON.stringify(linderaWorker(${JSON.stringify(modulePath)}).segment('住所')))`
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {cwd: ROOT, encoding: 'utf8', timeout: 60_000})
    expect(child.stderr).toBe('')
    expect(JSON.parse(child.stdout)).toEqual([{surface: '住所', reading: 'ジュウショ', pos: '名詞'}])
  })

  it('reports an analyser that fails on a text instead of leaving the caller waiting', () => {
    const fake = path.join(tempDir(), 'fake-lindera.cjs')
    writeFileSync(
      fake,
      `exports.TokenizerBuilder = class {
        setDictionary() {}
        setMode() {}
        build() {
          return {tokenize: (text) => { if (text === '障害') throw new Error('壊れた辞書'); return [{surface: text, reading: 'ヨミ', partOfSpeech: '名詞'}] }}
        }
      }`,
    )
    const worker = linderaWorker(fake)
    expect(worker.segment('住所')).toEqual([{surface: '住所', reading: 'ヨミ', pos: '名詞'}])
    expect(() => worker.segment('障害')).toThrow(AnalyserUnavailableError)
  })

  it('matches the same with the names announced to the analyser as without', () => {
    const resources = loadMatchResources()
    const announced = createMatcher(resources).match(ITEMS, FIELDS, {topK: 3, minScore: 0})
    const silent = createMatcher({...resources, segmenter: {segment: (text) => resources.segmenter.segment(text)}}).match(ITEMS, FIELDS, {topK: 3, minScore: 0})
    expect(view(announced)).toBe(view(silent))
    expect(announced.stats.pairsScored).toBe(ITEMS.length * FIELDS.length)
  })

  it('matches one 業務 after others as a matcher of its own would: their vocabulary is not carried over, their Japanese names are', () => {
    const resources = loadMatchResources()
    // Another 業務 first: its items make KOSHIN, IDO and SETAI readable as 更新, 異動 and 世帯 for its own matching.
    const other: StandardItem[] = [
      {id: '002001001', group: '更新', name: '更新年月日', type: 'date'},
      {id: '002001002', group: '異動', name: '異動事由', type: 'code', length: 2},
      {id: '002001003', group: '世帯', name: '世帯番号', type: 'text', length: 15},
    ]
    createMatcher(resources).match(other, FIELDS, {topK: 3, minScore: 0})
    const next = createMatcher(resources)
    const after = next.match(ITEMS, FIELDS, {topK: 3, minScore: 0})
    const own = new Analyzer(resources.lexicon, resources.segmenter)
    for (const [surface, romaji] of resources.readings) own.registerDictionaryReading(surface, romaji)
    expect(view(after)).toBe(view(new Matcher(own).match(ITEMS, FIELDS, {topK: 3, minScore: 0})))
    // What is shared: a Japanese name is analysed once; a physical name is analysed again with each 業務's vocabulary.
    expect(createMatcher(resources).analyzer.profile('異動年月日')).toBe(next.analyzer.profile('異動年月日'))
    expect(createMatcher(resources).analyzer.profile('KOSHIN_YMD')).not.toBe(next.analyzer.profile('KOSHIN_YMD'))
    // An ASCII word read the same way in two 業務 is one token (its memoised pair scores serve both); read another
    // way (this 業務's items make KOSHIN 更新), it is a token of its own.
    const koshin = (m: Matcher) => m.analyzer.profile('KOSHIN_YMD').tokens.find((t) => t.surface === 'koshin')!
    const plain = [createMatcher(resources), createMatcher(resources)].map(koshin)
    expect(plain[0]).toBe(plain[1])
    const taught = createMatcher(resources)
    taught.analyzer.registerVocabulary(['更新年月日'])
    expect(koshin(taught).alts).toContain('更新')
    expect(plain[0]!.alts).not.toContain('更新')
    expect(koshin(taught)).not.toBe(plain[0])
  })

  it('takes names announced ahead by another matcher (the next 業務) in their order, and matches the same', () => {
    const resources = loadMatchResources()
    const told: string[][] = []
    const asked: string[] = []
    const recording = {
      ...resources,
      segmenter: {
        segment: (text: string) => (asked.push(text), resources.segmenter.segment(text)),
        prefetch: (texts: readonly string[]) => told.push([...texts]),
      },
    }
    createMatcher(recording).prefetch(ITEMS, FIELDS)
    // Items first (their names are needed before any field is scored), then the fields' names.
    expect(told[0]).toEqual([...new Set(ITEMS.map((item) => item.name.replace(/カナ$/, '')))])
    expect(told.flat()).toEqual(expect.arrayContaining(['世帯主トノ続柄', 'シメイ', '異動日']))
    const announcedCount = told.flat().length
    const later = createMatcher(recording).match(ITEMS, FIELDS, {topK: 3, minScore: 0})
    // The match announces nothing twice; it is what a matcher told nothing ahead finds.
    expect(told.flat().length).toBe(announcedCount)
    expect(asked.length).toBeGreaterThan(0)
    expect(view(later)).toBe(view(createMatcher(resources).match(ITEMS, FIELDS, {topK: 3, minScore: 0})))
  })

  it('hands out scores and signals rounded to the thousandth, as computed (pinned for a few pairs)', () => {
    const fields: FieldInput[] = [
      {table: 'IDO', column: 'IDO_YMD', label: '異動日'},
      {table: 'JUMIN', column: 'ZOKUGARA', label: '世帯主との続柄'},
    ]
    const result = matcher().match(ITEMS, fields, {topK: 2, minScore: 0})
    const pick = (ref: string, itemId: string) => {
      const c = result.byField.get(ref)!.find((x) => x.itemId === itemId)!
      return {score: c.score, confidence: c.confidence, signals: c.signals}
    }
    // A scoring change moves these knowingly; a change in how they are stored must not.
    expect(pick('IDO.IDO_YMD', '001004001')).toEqual({score: 0.955, confidence: expect.any(Number), signals: {reading: 1, english: 0.95, synonym: 0.978, context: 1}})
    expect(pick('IDO.IDO_YMD', '001004002')).toMatchObject({score: 0.587, signals: {reading: 0.517, english: 0.297, synonym: 0.62, context: 1}})
    expect(pick('JUMIN.ZOKUGARA', '001003002')).toMatchObject({score: 0.357, signals: {name: 0.429, reading: 0.236, synonym: 0.25, context: 0}})
    expect(Object.keys(pick('JUMIN.ZOKUGARA', '001003002').signals)).toEqual(['name', 'reading', 'synonym', 'context'])
  })

  it('writes a reason when read, the same each time, and in every copy (JSON, spread)', () => {
    const result = matcher().match(ITEMS, FIELDS, {topK: 3})
    const candidate = result.byItem.get('001001002')![0]!
    expect(candidate.reason).toMatch(/\S/)
    expect(candidate.reason).toBe(candidate.reason)
    expect((JSON.parse(JSON.stringify(candidate)) as {reason: string}).reason).toBe(candidate.reason)
    expect({...candidate}.reason).toBe(candidate.reason)
    // What a copy holds is the candidate's fields only: nothing of how the reason is written leaks out.
    expect(Object.keys(candidate)).toEqual(['itemId', 'ref', 'score', 'confidence', 'signals', 'reason'])
    expect(Object.keys(JSON.parse(JSON.stringify(candidate)) as object)).toEqual(Object.keys(candidate))
    // The two views hand out the same candidate object.
    expect(result.byField.get(candidate.ref)!.find((c) => c.itemId === candidate.itemId)).toBe(candidate)
  })
})
