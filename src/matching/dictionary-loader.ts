/**
 * Loads the matching dictionaries: our YAML files under mappings/ (synonyms, romaji abbreviations, domain
 * terms) and the Sudachi synonym dictionary (npm sudachi-synonyms-dictionary, Apache-2.0), plus the Lindera
 * analyser. Everything heavy is read on first use only (`fitgap --version` pays nothing).
 */
import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

import {parse} from 'yaml'
import {z} from 'zod'

import {InputError} from '../errors.js'
import {BUNDLED_MAPPINGS_DIR, displayPath} from '../paths.js'
import {Analyzer} from './analyzer.js'
import {Matcher} from './engine.js'
import {type LexiconData, Lexicon, type SynonymGroup} from './lexicon.js'
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

/** The Sudachi synonym groups (nouns only, without entries marked "never expand"). */
export function readSudachiGroups(): SynonymGroup[] {
  const require = createRequire(import.meta.url)
  const main = require.resolve('sudachi-synonyms-dictionary')
  const file = path.join(path.dirname(main), 'sudachi-synonyms-dictionary.json')
  const data = JSON.parse(readFileSync(file, 'utf8')) as {id: string; items: SudachiItem[]}[]
  const groups: SynonymGroup[] = []
  for (const group of data) {
    const terms = group.items.filter((item) => item.expandControl !== 2 && item.taigenYogen !== '用言').map((item) => item.midashi)
    if (terms.length >= 2) groups.push({id: `s${group.id}`, terms})
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

export function loadLexiconData(options: DictionaryOptions = {}): LexiconData {
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

export interface MatchResources {
  readonly data: LexiconData
  readonly lexicon: Lexicon
  readonly segmenter: Segmenter
  /** Whether readings come from the morphological analyser (false: script runs only, no kanji readings). */
  readonly analyser: boolean
}

export function loadMatchResources(options: DictionaryOptions & {analyser?: boolean} = {}): MatchResources {
  const data = loadLexiconData(options)
  const lexicon = new Lexicon(data)
  const lindera = options.analyser === false ? undefined : loadLinderaSegmenter()
  return {data, lexicon, segmenter: cachedSegmenter(lindera ?? scriptSegmenter), analyser: lindera !== undefined}
}

/**
 * A fresh analyser + matcher over loaded resources. Readings written in our dictionaries (方書 / カタガキ)
 * are registered so romaji column names find them even where the analyser reads the kanji differently.
 */
export function createMatcher(resources: MatchResources): Matcher {
  const analyzer = new Analyzer(resources.lexicon, resources.segmenter)
  registerDictionaryReadings(analyzer, resources.data)
  return new Matcher(analyzer)
}

export function registerDictionaryReadings(analyzer: Analyzer, data: LexiconData): void {
  // Only the domain dictionary writes readings (its kana entries are readings; elsewhere they are synonyms).
  for (const group of data.groups) {
    if (!group.id.startsWith('d')) continue
    const kana = group.terms.filter((t) => isKana(t))
    const kanji = group.terms.filter((t) => hasJapanese(t) && !isKana(t) && !/[\u30A0-\u30FF]/.test(t))
    for (const term of kanji)
      for (const reading of kana) {
        // A reading has 1–4 kana per kanji; anything else is a synonym written in kana.
        const ratio = [...reading].length / [...term].length
        if (ratio >= 1 && ratio <= 4) analyzer.registerDictionaryReading(term, kanaToRomajiKey(reading))
      }
  }
}
