/**
 * A per-user cache of what is slow to rebuild on every run: the lexicon's lookup tables (built from a 14 MB
 * Sudachi JSON and our YAML files; ~1.5 MB of JSON, see lexicon.ts) and the morphological analyser's output for names already seen (so a second
 * `map suggest`, `map review` or `analyze` over the same data never starts Lindera).
 *
 * Each file starts with a header naming what it was built from (format and package versions); a file with
 * another header is ignored and rebuilt. Writes are atomic (temp + rename), so concurrent runs are safe: the
 * last one wins, none reads a torn file. A cache that cannot be read or written is only slower, never an error.
 * Folder: $FITGAP_CACHE_DIR, else $XDG_CACHE_HOME/fitgap, else ~/.cache/fitgap (Windows: %LOCALAPPDATA%\fitgap).
 */
import {closeSync, existsSync, openSync, readFileSync, readSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {writeFileAtomic} from '../io/atomic-write.js'
import {AnalyserUnavailableError, type Morpheme, type Segmenter} from './segmenter.js'

export function cacheDir(): string {
  if (process.env.FITGAP_CACHE_DIR) return path.resolve(process.env.FITGAP_CACHE_DIR)
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, 'fitgap', 'cache')
  if (process.env.XDG_CACHE_HOME) return path.join(process.env.XDG_CACHE_HOME, 'fitgap')
  return path.join(os.homedir(), '.cache', 'fitgap')
}

/** The lines after the header, or undefined when the file is missing or was built from something else. */
export function readCacheLines(file: string, header: string): string[] | undefined {
  try {
    if (!existsSync(file)) return undefined
    const lines = readFileSync(file, 'utf8').split('\n')
    if (lines[0] !== header) return undefined
    if (lines.at(-1) === '') lines.pop()
    return lines.slice(1)
  } catch {
    return undefined
  }
}

export function writeCacheLines(file: string, header: string, lines: readonly string[]): void {
  try {
    writeFileAtomic(file, `${header}\n${lines.join('\n')}\n`)
  } catch {
    // A read-only home or a full disk: the next run rebuilds what it needs.
  }
}

/** Tabs and line breaks separate fields and records in the cache files: values holding them are not cached. */
export const cacheable = (value: string): boolean => !/[\t\n\r]/.test(value)

/** Whether the file starts with this header (only its first line is read). */
function startsWith(file: string, header: string): boolean {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const head = Buffer.alloc(Buffer.byteLength(header) + 1)
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8') === `${header}\n`
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * A segmenter backed by the cache file of names already analysed; the analyser itself (`load`) is started only
 * for a name the file does not have. New results are written back when the process ends. When the analyser
 * cannot be loaded, `fallback` answers and nothing is cached (its output is not the analyser's).
 * `startEarly`: when the file knows no name at all (missing, or written for another analyser version), the first
 * name will need the analyser: it is started at once, to load while the caller does other work.
 */
export function persistentSegmenter(
  file: string,
  header: string,
  load: () => Segmenter | undefined,
  fallback: Segmenter,
  limit = 300_000,
  startEarly = false,
): Segmenter & {save(): void} {
  // Read on the first name asked for, not when the dictionaries load (a command may never match anything).
  let knownNames: Map<string, Morpheme[]> | undefined
  const knownMap = (): Map<string, Morpheme[]> => {
    if (knownNames) return knownNames
    knownNames = new Map()
    for (const line of readCacheLines(file, header) ?? []) {
      const [text, ...parts] = line.split('\t')
      if (text === undefined) continue
      knownNames.set(
        text,
        parts.map((part) => {
          const [surface = '', reading, pos] = part.split('\u001F')
          return {surface, reading: reading || undefined, pos: pos || undefined}
        }),
      )
    }
    return knownNames
  }
  let inner: Segmenter | undefined
  let loaded = false
  let added = false
  let listening = false
  const save = () => {
    if (!added) return
    added = false
    const known = knownMap()
    const lines: string[] = []
    for (const [text, morphemes] of known) lines.push([text, ...morphemes.map((m) => `${m.surface}\u001F${m.reading ?? ''}\u001F${m.pos ?? ''}`)].join('\t'))
    writeCacheLines(file, header, lines)
  }
  const analyser = (): Segmenter | undefined => {
    if (!loaded) {
      inner = load()
      loaded = true
    }
    return inner
  }
  if (startEarly && !startsWith(file, header)) analyser()
  return {
    save,
    prefetch(texts) {
      const known = knownMap()
      const missing = texts.filter((text) => !known.has(text))
      if (missing.length > 0) analyser()?.prefetch?.(missing)
    },
    segment(text) {
      const known = knownMap()
      const hit = known.get(text)
      if (hit) return hit
      const active = analyser()
      if (!active) return fallback.segment(text)
      let result: Morpheme[]
      try {
        result = active.segment(text)
      } catch (error) {
        if (!(error instanceof AnalyserUnavailableError)) throw error
        inner = undefined
        return fallback.segment(text)
      }
      if (known.size < limit && cacheable(text) && result.every((m) => cacheable(m.surface) && !m.surface.includes('\u001F'))) {
        if (!added && !listening) process.once('exit', save)
        added = listening = true
        known.set(text, result)
      }
      return result
    },
  }
}
