/**
 * Loads the matching dictionaries: our YAML files under mappings/ (synonyms, romaji abbreviations, domain
 * terms) and the Sudachi synonym dictionary (npm sudachi-synonyms-dictionary, Apache-2.0), plus the Lindera
 * analyser. Everything heavy is read on first use only (`fitgap --version` pays nothing), once per process
 * (every 業務 of a run shares it), and from the per-user cache (dictionary-cache.ts) after the first run.
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {parse} from 'yaml'
import * as z from 'zod'

import {BUILD_ID} from '../build-id.js'
import {InputError} from '../errors.js'
import {BUNDLED_MAPPINGS_DIR, displayPath} from '../paths.js'
import {Analyzer} from './analyzer.js'
import {Matcher} from './engine.js'
import {type LexiconData, Lexicon, type LexiconTables, type SynonymGroup} from './lexicon.js'
import {cacheDir, persistentSegmenter, readCacheLines, writeCacheLines} from './dictionary-cache.js'
import {loadLinderaSegmenter} from './lindera.js'
import {hasJapanese} from './normalize.js'
import {isKana, kanaToRomajiKey} from './romaji.js'
import {cachedSegmenter, scriptSegmenter, type Segmenter} from './segmenter.js'

export const DICTIONARY_FILES = {
  synonyms: 'synonyms.yaml',
  abbreviations: 'romaji-abbreviations.yaml',
  domain: 'domain-dictionary.yaml',
  english: 'english-glossary.yaml',
} as const

const termList = z.array(z.union([z.string(), z.number()]).transform(String)).min(1)
const groupsFileSchema = z.object({
  groups: z.array(z.union([termList, z.object({terms: termList, weight: z.number().gt(0).lte(1).optional()})])),
})
const abbreviationsFileSchema = z.object({
  abbreviations: z.record(z.string(), z.array(z.string()).min(1)),
})

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  let data: unknown
  try {
    data = parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new InputError(`辞書 ${displayPath(file)} を読めません: ${(error as Error).message.split('\n')[0]}`)
  }
  const result = schema.safeParse(data)
  if (!result.success)
    throw new InputError(
      `辞書 ${displayPath(file)} の形式が正しくありません。`,
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  return result.data
}

export function readGroupsFile(file: string, prefix: string): SynonymGroup[] {
  const parsed = readYaml(file, groupsFileSchema)
  return parsed.groups.map((entry, index) =>
    Array.isArray(entry)
      ? {id: `${prefix}${index + 1}`, terms: entry}
      : {id: `${prefix}${index + 1}`, terms: entry.terms, weight: entry.weight},
  )
}

export function readAbbreviationsFile(file: string): Record<string, string[]> {
  return readYaml(file, abbreviationsFileSchema).abbreviations
}

interface SudachiItem {
  taigenYogen: string
  expandControl: number
  midashi: string
}

/** The folder and version of an installed package (for cache headers). */
function packageInfo(name: string): {dir: string; version: string} {
  const dir = path.dirname(createRequire(import.meta.url).resolve(name))
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {version?: string}).version ?? '?'
  return {dir, version}
}

/** The Sudachi synonym groups (nouns only, without entries marked "never expand"). */
export function readSudachiGroups(): SynonymGroup[] {
  const data = JSON.parse(readFileSync(path.join(packageInfo('sudachi-synonyms-dictionary').dir, 'sudachi-synonyms-dictionary.json'), 'utf8')) as {
    id: string
    items: SudachiItem[]
  }[]
  const groups: SynonymGroup[] = []
  for (const group of data) {
    const terms = group.items.filter((item) => item.expandControl !== 2 && item.taigenYogen !== '用言').map((item) => item.midashi)
    if (terms.length >= 2) groups.push({id: `s${group.id}`, terms, general: true})
  }
  return groups
}

export interface DictionaryOptions {
  /** Folder with synonyms.yaml etc. (default: the bundled mappings/). */
  readonly dir?: string
  /** Extra folders whose dictionary files add to the bundled ones (a workspace's mappings/). */
  readonly extraDirs?: readonly string[]
  /** Include the Sudachi synonym dictionary (default true). */
  readonly sudachi?: boolean
}

/** Reads the dictionary files themselves (no cache). */
export function readLexiconData(options: DictionaryOptions = {}): LexiconData {
  const dirs = [options.dir ?? BUNDLED_MAPPINGS_DIR, ...(options.extraDirs ?? [])]
  const groups: SynonymGroup[] = []
  const abbreviations: Record<string, string[]> = {}
  dirs.forEach((dir, d) => {
    const domain = path.join(dir, DICTIONARY_FILES.domain)
    const synonyms = path.join(dir, DICTIONARY_FILES.synonyms)
    const abbr = path.join(dir, DICTIONARY_FILES.abbreviations)
    if (existsSync(domain)) groups.push(...readGroupsFile(domain, `d${d}:`))
    if (existsSync(synonyms)) groups.push(...readGroupsFile(synonyms, `y${d}:`))
    const english = path.join(dir, DICTIONARY_FILES.english)
    if (existsSync(english)) groups.push(...readGroupsFile(english, `e${d}:`))
    if (existsSync(abbr))
      for (const [key, values] of Object.entries(readAbbreviationsFile(abbr))) abbreviations[key] = [...(abbreviations[key] ?? []), ...values]
  })
  if (options.sudachi ?? true) groups.push(...readSudachiGroups())
  return {groups, abbreviations}
}

/** Bump when the cache file's layout changes. */
const LEXICON_CACHE_FORMAT = 2
/**
 * What the cached lexicon was built from: the dictionary files (path, size, time), the Sudachi version, and the
 * matching code itself (the lookup keys come from normalize.ts / lexicon.ts: a new normaliser means new keys).
 */
function lexiconHeader(dirs: readonly string[], sudachi: boolean): string {
  const hash = createHash('sha256')
  const here = fileURLToPath(import.meta.url)
  if (BUILD_ID) hash.update(BUILD_ID)
  else
    for (const name of readdirSync(path.dirname(here)).filter((f) => path.extname(f) === path.extname(here)).sort())
      hash.update(name).update(readFileSync(path.join(path.dirname(here), name)))
  for (const dir of dirs)
    for (const name of Object.values(DICTIONARY_FILES)) {
      const stat = statSync(path.join(dir, name), {throwIfNoEntry: false})
      hash.update(`${path.join(dir, name)} ${stat ? `${stat.size} ${stat.mtimeMs}` : '-'}\n`)
    }
  hash.update(sudachi ? packageInfo('sudachi-synonyms-dictionary').version : '-')
  return `fitgap lexicon ${LEXICON_CACHE_FORMAT} ${hash.digest('hex').slice(0, 32)}`
}

/** The lexicon and the readings our dictionaries write (方書: カタガキ), ready to use. */
export interface LoadedLexicon {
  readonly lexicon: Lexicon
  /** [surface, romaji key] pairs from the domain dictionary (see {@link dictionaryReadings}). */
  readonly readings: readonly (readonly [string, string])[]
}

interface LexiconCache {
  readonly tables: LexiconTables
  readonly readings: readonly (readonly [string, string])[]
}

/**
 * The dictionaries as a ready lexicon, from the per-user cache when it is current: one JSON line holding the
 * lookup tables themselves (term keys already normalised, concepts as indexes), instead of 14 MB of JSON, YAML
 * and the normalisation of ~70,000 terms. A cache that is missing, stale or damaged is rebuilt from the files.
 */
export function loadLexicon(options: DictionaryOptions = {}): LoadedLexicon {
  const dirs = [options.dir ?? BUNDLED_MAPPINGS_DIR, ...(options.extraDirs ?? [])]
  const sudachi = options.sudachi ?? true
  const header = lexiconHeader(dirs, sudachi)
  const file = path.join(cacheDir(), `lexicon-${createHash('sha256').update(JSON.stringify([dirs, sudachi])).digest('hex').slice(0, 16)}.json`)
  const [line] = readCacheLines(file, header) ?? []
  if (line !== undefined) {
    try {
      const cached = JSON.parse(line) as LexiconCache
      return {lexicon: Lexicon.fromTables(cached.tables), readings: cached.readings}
    } catch {
      // A damaged file: rebuilt below.
    }
  }
  const data = readLexiconData(options)
  const loaded = {lexicon: new Lexicon(data), readings: dictionaryReadings(data)}
  const tables = loaded.lexicon.tables()
  if (tables) writeCacheLines(file, header, [JSON.stringify({tables, readings: loaded.readings} satisfies LexiconCache)])
  return loaded
}

export interface MatchResources extends LoadedLexicon {
  readonly segmenter: Segmenter
  /** Whether readings come from the morphological analyser (false: script runs only, no kanji readings; also false in effect when Lindera cannot load, which it reports). */
  readonly analyser: boolean
}

const loadedResources = new Map<string, MatchResources>()

/**
 * The dictionaries and the segmenter, loaded once per process for the same options. Lindera starts only when a
 * name is not in the cache of names already analysed (see dictionary-cache.ts).
 */
export function loadMatchResources(options: DictionaryOptions & {analyser?: boolean} = {}): MatchResources {
  // The files' sizes and times are part of the key: a dictionary edited between two runs in one process is re-read.
  const files = [options.dir ?? BUNDLED_MAPPINGS_DIR, ...(options.extraDirs ?? [])].flatMap((dir) =>
    Object.values(DICTIONARY_FILES).map((name) => {
      const stat = statSync(path.join(dir, name), {throwIfNoEntry: false})
      return stat ? `${stat.size}:${stat.mtimeMs}` : '-'
    }),
  )
  const key = JSON.stringify([options.dir ?? '', options.extraDirs ?? [], options.sudachi ?? true, options.analyser ?? true, files])
  const loaded = loadedResources.get(key)
  if (loaded) return loaded
  const resources = {...loadLexicon(options), segmenter: cachedSegmenter(options.analyser === false ? scriptSegmenter : analyserSegmenter()), analyser: options.analyser !== false}
  loadedResources.set(key, resources)
  return resources
}

/** Bump when the cached analyser output changes shape (see lindera.ts). */
const SEGMENT_CACHE_FORMAT = 1
let sharedAnalyser: Segmenter | undefined

function analyserSegmenter(): Segmenter {
  if (sharedAnalyser) return sharedAnalyser
  let version = '?'
  try {
    version = packageInfo('lindera-wasm-nodejs-ipadic').version
  } catch {
    // Not installed: loadLinderaSegmenter says so when a name needs it.
  }
  const header = `fitgap lindera-ipadic ${SEGMENT_CACHE_FORMAT} ${version}`
  // Started at once on a first run (no name analysed yet): Lindera loads (~1 s) while the dictionaries do.
  sharedAnalyser = persistentSegmenter(path.join(cacheDir(), 'segments.tsv'), header, loadLinderaSegmenter, scriptSegmenter, undefined, true)
  return sharedAnalyser
}

/**
 * A fresh analyser + matcher over loaded resources. Readings written in our dictionaries (方書 / カタガキ)
 * are registered so romaji column names find them even where the analyser reads the kanji differently.
 */
export function createMatcher(resources: MatchResources): Matcher {
  let prepared = preparedAnalyzers.get(resources)
  if (!prepared) {
    prepared = new Analyzer(resources.lexicon, resources.segmenter)
    for (const [surface, romaji] of resources.readings) prepared.registerDictionaryReading(surface, romaji)
    preparedAnalyzers.set(resources, prepared)
  }
  // A fork: its own vocabulary (each 業務's items), the Japanese names analysed by the matchers before it.
  return new Matcher(prepared.fork())
}

/** Per loaded resources, an analyser holding the dictionary readings only, never used itself (only forked). */
const preparedAnalyzers = new WeakMap<MatchResources, Analyzer>()

/** The readings the domain dictionary writes: its kana entries next to kanji terms (elsewhere kana are synonyms). */
export function dictionaryReadings(data: LexiconData): [string, string][] {
  const readings: [string, string][] = []
  for (const group of data.groups) {
    if (!group.id.startsWith('d')) continue
    const kana = group.terms.filter((t) => isKana(t))
    const kanji = group.terms.filter((t) => hasJapanese(t) && !isKana(t) && !/[\u30A0-\u30FF]/.test(t))
    for (const term of kanji)
      for (const reading of kana) {
        // A reading has 1–4 kana per kanji; anything else is a synonym written in kana.
        const ratio = [...reading].length / [...term].length
        if (ratio >= 1 && ratio <= 4) readings.push([term, kanaToRomajiKey(reading)])
      }
  }
  return readings
}
