/**
 * The counts of each catalogue file (what `fitgap areas` prints), kept in the user's cache folder so that a listing
 * reads every catalogue file but parses and validates only the ones it has not seen: parsing all 20 catalogues
 * took most of a second. An entry is keyed by the SHA-256 of everything that decides it: the file's text and
 * place (its folder and name give 業務 and 版), the 業務 registry, and the code that validates and counts (so
 * an edited catalogue, or another fitgap, never gets an old entry). A cache that cannot be read or written only
 * makes the listing slower.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {BUILD_ID} from '../build-id.js'
import {cacheDir, readCacheLines, writeCacheLines} from '../matching/dictionary-cache.js'
import {BUNDLED_SPECS_DIR} from '../paths.js'

const FORMAT = 1
const LIMIT = 2000
const here = path.dirname(fileURLToPath(import.meta.url))
const extension = path.extname(fileURLToPath(import.meta.url))
/** The modules whose code decides a summary (schema, checks, counting). */
const CODE = ['../model/catalog', '../model/vocabulary', '../model/area', './catalog-store', './summary', './summary-cache']

let header: string | undefined
function cacheHeader(): string {
  if (header) return header
  const hash = createHash('sha256')
  if (BUILD_ID) hash.update(BUILD_ID)
  const code = BUILD_ID ? [] : CODE.map((m) => path.join(here, `${m}${extension}`))
  for (const file of [...code, path.join(BUNDLED_SPECS_DIR, 'areas.yaml')]) {
    try {
      hash.update(readFileSync(file))
    } catch {
      hash.update(`missing ${file}`)
    }
  }
  return (header = `fitgap catalogue-summaries ${FORMAT} ${hash.digest('hex').slice(0, 32)}`)
}

const cacheFile = () => path.join(cacheDir(), 'catalogue-summaries.tsv')

/** The key of one catalogue file: its text and the last two parts of its path. */
export function summaryKey(file: string, text: string): string {
  return createHash('sha256').update(`${path.basename(path.dirname(file))}/${path.basename(file)}\n`).update(text).digest('hex').slice(0, 40)
}

/**
 * Summaries of catalogue files through the cache: `compute` runs only for files without an entry, and their
 * entries are written back once, at the end.
 */
export function cachedSummaries<T>(files: readonly string[], compute: (file: string) => T): T[] {
  const known = new Map<string, string>()
  for (const line of readCacheLines(cacheFile(), cacheHeader()) ?? []) {
    const tab = line.indexOf('\t')
    if (tab > 0) known.set(line.slice(0, tab), line.slice(tab + 1))
  }
  const added = new Map<string, string>()
  const results = files.map((file) => {
    let key: string | undefined
    try {
      key = summaryKey(file, readFileSync(file, 'utf8'))
    } catch {
      // Unreadable: computing says so in the user's terms.
    }
    const hit = key === undefined ? undefined : known.get(key)
    if (hit !== undefined) {
      try {
        return JSON.parse(hit) as T
      } catch {
        // A damaged entry: compute it again.
      }
    }
    const value = compute(file)
    if (key !== undefined) added.set(key, JSON.stringify(value))
    return value
  })
  if (added.size > 0) {
    const lines = [...added].map(([key, value]) => `${key}\t${value}`)
    for (const [key, value] of known) if (!added.has(key) && lines.length < LIMIT) lines.push(`${key}\t${value}`)
    writeCacheLines(cacheFile(), cacheHeader(), lines)
  }
  return results
}
