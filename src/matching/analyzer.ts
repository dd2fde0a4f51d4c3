/**
 * Turns names (standard item names, current labels and physical column names) into comparable profiles:
 * normalised base, qualifiers, tokens with readings (romaji keys) and concept groups. Pure given a
 * {@link Lexicon} and a {@link Segmenter}.
 */
import {type ConceptRef, Lexicon, termKey} from './lexicon.js'
import {MEMO_BOUND, remember} from './memo.js'
import {ASCII_QUALIFIER_TOKENS, compactName, gramCodes, isPlainAscii, normalizeName, normalizeText, QUALIFIER} from './normalize.js'
import {isKana, kanaToRomajiKey, looksLikeRomaji, romajiKey} from './romaji.js'
import type {Morpheme, Segmenter} from './segmenter.js'

export interface Token {
  /** Normalised surface: compact Japanese, or a lower-case ASCII word. */
  readonly surface: string
  /** Japanese surfaces this token stands for (ASCII tokens: via readings and abbreviations). */
  readonly alts: readonly string[]
  /** Romaji key of the reading ('' when unknown). */
  readonly romaji: string
  readonly concepts: readonly ConceptRef[]
  readonly ascii: boolean
  /** English words this token stands for (ASCII tokens and abbreviation expansions). */
  readonly english: readonly string[]
  /** Japanese renderings from the dictionaries (abbreviations, English words), not from readings. */
  readonly gloss?: readonly string[]
  /** The morphemes a merged dictionary term was built from (世帯主氏名 → 世帯, 主, 氏名). */
  readonly parts?: readonly Token[]
  /** {@link gramCodes} of the surface (Japanese tokens) and of each alt (ASCII tokens). */
  readonly grams: readonly number[]
  readonly altGrams: readonly (readonly number[])[]
  /** Unique per token object in the process: the key of the memoised token-pair scores (signals.ts). */
  readonly id: number
}

let lastTokenId = 0
const nextTokenId = (): number => ++lastTokenId

export interface NameProfile {
  readonly raw: string
  /** Compact normalised form without qualifiers (Japanese), or lower-case alphanumerics (ASCII). */
  readonly base: string
  readonly qualifiers: readonly string[]
  readonly ascii: boolean
  readonly japanese: boolean
  /** Romaji keys of the whole name (with abbreviations expanded, and as spelled). */
  readonly romaji: readonly string[]
  readonly tokens: readonly Token[]
  /** Japanese renderings of an ASCII name, built from its tokens' dictionary entries. */
  readonly glosses: readonly string[]
  /** {@link gramCodes} of the base and of each gloss. */
  readonly baseGrams: readonly number[]
  readonly glossGrams: readonly (readonly number[])[]
}

const NO_GRAMS: readonly number[] = Object.freeze([])
/** The one empty list every profile and token without qualifiers, glosses, alts… shares (frozen: never written). */
const NONE: readonly never[] = Object.freeze([])
const listOrNone = <T>(list: readonly T[]): readonly T[] => (list.length === 0 ? NONE : list)

const SKIP_POS = new Set(['助詞', '記号', '助動詞'])
const STOP_ASCII = new Set(['of', 'the', 'and', 'or', 'for', 'to', 'in', 'on', 'a', 'an', 'by', 'with', 'tbl', 'tb', 'mst'])

/** A name's runs of ASCII and of other characters; each is analysed its own way. */
const RUN_RE = /[!-~]+|[\u0080-\u{10FFFF}]+/gu
const ASCII_RUN_RE = /^[!-~]+$/

/** The texts a Japanese run is segmented as (separators split it). */
function japaneseChunks(run: string): string[] {
  const text = normalizeText(run).replace(/[\s・_\-.,、，/:：()[\]{}「」【】]+/g, ' ').trim()
  return text === '' ? [] : text.split(' ')
}

/** Splits a physical name into lower-case words: snake_case, kebab, camelCase, digits. */
export function splitAsciiWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '')
}

export interface AnalyzerOptions {
  /** Longest run of morphemes merged into one dictionary term. */
  readonly maxMerge?: number
}

/**
 * What an analyser learns that depends only on its lexicon, its segmenter and the dictionary readings, not on the
 * vocabulary registered: analysers forked from one another share it (see {@link Analyzer.fork}).
 */
interface JapaneseState {
  /** Readings written in our dictionaries, preferred to the analyser's (方書: カタガキ, not カタショ). */
  readonly dictionaryReadings: Map<string, string>
  readonly runs: Map<string, Token[]>
  readonly intern: Map<string, Token>
  readonly readings: Map<string, string>
  /** Profiles of names with no ASCII run (the only part of a profile the registered vocabulary changes). */
  readonly profiles: Map<string, NameProfile>
  /**
   * {@link normalizeName} of names announced by {@link Analyzer.prefetch} and not built yet: a name announced by
   * one fork (analyze announces every 業務's names as it reads them) is normalised once, whichever fork builds it.
   */
  readonly normalized: Map<string, ReturnType<typeof normalizeName>>
  /**
   * ASCII tokens by content. Their content depends on the vocabulary, so each analyser makes its own; one with
   * the same content as another fork's is that token (scores memoised per token pair are found again, 業務 after 業務).
   */
  readonly asciiIntern: Map<string, Token>
}

const emptyJapaneseState = (dictionaryReadings = new Map<string, string>(), readings = new Map<string, string>()): JapaneseState => ({
  dictionaryReadings,
  runs: new Map(),
  intern: new Map(),
  readings,
  profiles: new Map(),
  normalized: new Map(),
  asciiIntern: new Map(),
})

export class Analyzer {
  private readonly cache = new Map<string, NameProfile>()
  /** Shared with forks; a new dictionary reading gives this analyser a state of its own first. */
  private japanese = emptyJapaneseState()
  /** romaji key → Japanese surfaces with that reading (standard-side vocabulary + dictionary). */
  private readonly romajiIndex = new Map<string, Set<string>>()
  /** ASCII words known for segmentation of run-together names (SEINENGAPPI, JUSHOCD). */
  private readonly asciiVocabulary = new Set<string>()
  private readonly maxMerge: number

  constructor(
    readonly lexicon: Lexicon,
    private readonly segmenter: Segmenter,
    options: AnalyzerOptions = {},
  ) {
    this.maxMerge = options.maxMerge ?? 4
  }

  /** Makes the tokens of these Japanese names findable by their romaji reading (call with the standard names). */
  registerVocabulary(names: Iterable<string>): void {
    for (const name of names) {
      const profile = this.profile(name)
      for (const token of profile.tokens) if (!token.ascii) this.registerReading(token.surface, token.romaji)
    }
  }

  /**
   * A new analyser with this one's vocabulary so far, sharing what it learns of Japanese names (the
   * analysis of each 業務 starts from the dictionaries without re-analysing the names the others had). Changes no result.
   */
  fork(): Analyzer {
    const copy = new Analyzer(this.lexicon, this.segmenter, {maxMerge: this.maxMerge})
    for (const [romaji, surfaces] of this.romajiIndex) copy.romajiIndex.set(romaji, new Set(surfaces))
    for (const word of this.asciiVocabulary) copy.asciiVocabulary.add(word)
    for (const [raw, profile] of this.cache) copy.cache.set(raw, profile)
    copy.japanese = this.japanese
    return copy
  }

  /** Registers a reading from a dictionary: it becomes the token's reading wherever the surface appears. */
  registerDictionaryReading(surface: string, romaji: string): void {
    const key = compactName(normalizeText(surface))
    if (romaji.length < 2 || key === '') return
    if (!this.japanese.dictionaryReadings.has(key)) {
      // Names analysed with the old readings stay as they were in this analyser only (its own profile cache).
      this.japanese = emptyJapaneseState(new Map(this.japanese.dictionaryReadings), this.japanese.readings)
      this.japanese.dictionaryReadings.set(key, romaji)
    }
    this.registerReading(key, romaji)
  }

  registerReading(surface: string, romaji: string): void {
    if (romaji.length < 2 || surface === '') return
    let set = this.romajiIndex.get(romaji)
    if (!set) this.romajiIndex.set(romaji, (set = new Set()))
    if (set.has(surface)) return
    set.add(surface)
    this.asciiVocabulary.add(romaji)
    // ASCII words now read differently (SETAI → 世帯): their cached tokens and splits are stale.
    this.asciiTokenCache.clear()
    this.splitCache.clear()
  }

  /** Tokens of one ASCII word and of one Japanese run, shared by every name that has them. */
  private readonly asciiTokenCache = new Map<string, Token>()
  private readonly splitCache = new Map<string, string[] | undefined>()

  /** The profile of a name (cached). */
  profile(raw: string): NameProfile {
    const own = this.cache.get(raw)
    if (own) return own
    const shared = this.japanese.profiles.get(raw)
    if (shared) {
      this.cache.set(raw, shared)
      return shared
    }
    const {profile, ascii} = this.build(raw)
    this.cache.set(raw, profile)
    if (!ascii) this.japanese.profiles.set(raw, profile)
    return profile
  }

  /** The romaji key of a Japanese term (reading from the segmenter). */
  readingKey(surface: string): string {
    const hit = this.japanese.readings.get(surface)
    if (hit !== undefined) return hit
    let key = ''
    if (isKana(surface)) key = kanaToRomajiKey(surface)
    else {
      const morphemes = this.segmenter.segment(surface)
      const parts = morphemes.map((m) => (m.reading ? m.reading : isKana(m.surface) ? m.surface : undefined))
      if (parts.every((p) => p !== undefined)) key = kanaToRomajiKey(parts.join(''))
    }
    this.japanese.readings.set(surface, key)
    return key
  }

  /** The profile, and whether the name has an ASCII run (its tokens then depend on the registered vocabulary). */
  private build(raw: string): {profile: NameProfile; ascii: boolean} {
    const announced = this.japanese.normalized
    const normalized = announced.get(raw) ?? normalizeName(raw)
    announced.delete(raw)
    const qualifiers = new Set(normalized.qualifiers)
    const japanese = !isPlainAscii(normalized.text)
    const tokens: Token[] = []
    // Split into Japanese and ASCII runs; each run is analysed its own way.
    const runs = normalized.text.match(RUN_RE) ?? []
    const asciiWords: string[] = []
    let asciiRun = false
    const flushAscii = () => {
      if (asciiWords.length > 0) tokens.push(...this.asciiTokens(asciiWords.splice(0), qualifiers, !japanese))
    }
    for (const run of runs) {
      if (ASCII_RUN_RE.test(run)) {
        asciiRun = true
        // camelCase names end in "En" for the English version of an item (eventNameEn → 英字).
        if (/[a-z]En$/.test(run)) {
          qualifiers.add(QUALIFIER.latin)
          asciiWords.push(...splitAsciiWords(run.slice(0, -2)))
        } else asciiWords.push(...splitAsciiWords(run))
      }
      else {
        flushAscii()
        tokens.push(...this.japaneseTokens(run))
      }
    }
    flushAscii()
    const ascii = !japanese
    const base = ascii ? normalized.base.toLowerCase().replace(/[^a-z0-9]/g, '') : normalized.base
    const romaji = new Set<string>()
    if (tokens.length > 0 && tokens.every((t) => t.romaji !== '')) romaji.add(tokens.map((t) => t.romaji).join(''))
    if (ascii) {
      const spelled = romajiKey(tokens.map((t) => t.surface).join(''))
      if (spelled.length >= 3) romaji.add(spelled)
    } else if (isKana(base)) romaji.add(kanaToRomajiKey(base))
    const glosses = ascii ? listOrNone(this.glosses(tokens)) : NONE
    const profile: NameProfile = {
      raw,
      base,
      qualifiers: qualifiers.size === 0 ? NONE : [...qualifiers].sort(),
      ascii,
      japanese,
      romaji: listOrNone([...romaji].filter((r) => r.length >= 2)),
      tokens,
      glosses,
      baseGrams: gramCodes(base),
      glossGrams: glosses === NONE ? NONE : glosses.map(gramCodes),
    }
    return {profile, ascii: asciiRun}
  }

  private japaneseTokens(run: string): Token[] {
    return this.japanese.runs.get(run) ?? remember(this.japanese.runs, run, this.buildJapaneseTokens(run))
  }

  /**
   * Tells the segmenter which texts the profiles of these names will ask it for, in order (an analyser in a worker
   * starts on them while this thread works on what is back). Changes no result.
   */
  prefetch(names: Iterable<string>): void {
    if (!this.segmenter.prefetch) return
    const chunks = new Set<string>()
    const announced = this.japanese.normalized
    for (const raw of names) {
      if (this.cache.has(raw) || this.japanese.profiles.has(raw) || announced.has(raw)) continue
      const normalized = remember(announced, raw, normalizeName(raw), 2 * MEMO_BOUND)
      for (const run of normalized.text.match(RUN_RE) ?? []) {
        if (ASCII_RUN_RE.test(run) || this.japanese.runs.has(run)) continue
        for (const chunk of japaneseChunks(run)) chunks.add(chunk)
      }
    }
    if (chunks.size > 0) this.segmenter.prefetch([...chunks])
  }

  private buildJapaneseTokens(run: string): Token[] {
    const chunks = japaneseChunks(run)
    if (chunks.length === 0) return []
    const morphemes = chunks
      .flatMap((chunk) => this.segmenter.segment(chunk))
      .filter((m) => m.surface.trim() !== '' && !(m.pos && SKIP_POS.has(m.pos) && this.lexicon.concepts(m.surface).length === 0))
    const tokens: Token[] = []
    for (let i = 0; i < morphemes.length; ) {
      // Longest run of morphemes that is one dictionary term (郵便+番号 → 郵便番号).
      let taken = 1
      for (let n = Math.min(this.maxMerge, morphemes.length - i); n >= 2; n--) {
        const surface = compactName(morphemes.slice(i, i + n).map((m) => m.surface).join(''))
        if (this.lexicon.concepts(surface).length > 0) {
          taken = n
          break
        }
      }
      const parts = morphemes.slice(i, i + taken)
      const surface = compactName(normalizeText(parts.map((m) => m.surface).join('')))
      const readings = parts.map((m) => m.reading ?? (isKana(m.surface) ? m.surface : undefined))
      const romaji =
        this.japanese.dictionaryReadings.get(surface) ?? (readings.every((r) => r !== undefined) ? kanaToRomajiKey(readings.join('')) : '')
      if (surface !== '') tokens.push(this.internedJapaneseToken(surface, romaji, taken > 1 ? parts : undefined))
      i += taken
    }
    return tokens
  }

  /**
   * One token object per distinct content (住所 in 住所氏名 and in 住所番号 is the same object), so that scores
   * memoised per token pair (see signals.ts) are found again. Tokens are immutable: sharing changes no result.
   */
  private internedJapaneseToken(surface: string, romaji: string, parts: readonly Morpheme[] | undefined): Token {
    let key = `${surface}\u0000${romaji}`
    if (parts) for (const m of parts) key += `\u0000${m.surface}\u0001${m.reading ?? '\u0002'}`
    return this.japanese.intern.get(key) ?? remember(this.japanese.intern, key, this.japaneseToken(surface, romaji, parts))
  }

  private japaneseToken(surface: string, romaji: string, parts: readonly Morpheme[] | undefined): Token {
    const token: Token = {surface, alts: NONE, romaji, concepts: this.lexicon.concepts(surface), ascii: false, english: NONE, grams: gramCodes(surface), altGrams: NONE, id: nextTokenId()}
    return parts ? {...token, parts: parts.map((m) => this.morphemeToken(m.surface, m.reading))} : token
  }

  private morphemeToken(raw: string, reading: string | undefined): Token {
    const surface = compactName(normalizeText(raw))
    const kana = reading ?? (isKana(raw) ? raw : undefined)
    return {surface, alts: NONE, romaji: kana ? kanaToRomajiKey(kana) : '', concepts: this.lexicon.concepts(surface), ascii: false, english: NONE, grams: gramCodes(surface), altGrams: NONE, id: nextTokenId()}
  }

  private asciiTokens(words: string[], qualifiers: Set<string>, physical: boolean): Token[] {
    let list = words.filter((w) => !STOP_ASCII.has(w) && !/^\d+$/.test(w))
    if (physical) {
      // Leading / trailing qualifier words (SHIMEI_KANA, KANA_SHIMEI, nameKana).
      while (list.length > 1 && ASCII_QUALIFIER_TOKENS[list.at(-1)!]) qualifiers.add(ASCII_QUALIFIER_TOKENS[list.pop()!]!)
      while (list.length > 1 && ASCII_QUALIFIER_TOKENS[list[0]!]) qualifiers.add(ASCII_QUALIFIER_TOKENS[list.shift()!]!)
    }
    // Split run-together words into known pieces (seinengappi stays, jushocd → jusho + cd).
    list = list.flatMap((w) => (this.knownAscii(w) ? [w] : (this.cachedSplit(w) ?? [w])))
    const tokens: Token[] = []
    for (let i = 0; i < list.length; ) {
      // English phrases the lexicon knows as one term (birth + date → birthdate, full + name).
      let taken = 1
      for (let n = Math.min(3, list.length - i); n >= 2; n--) {
        if (this.lexicon.hasKey(list.slice(i, i + n).join(''))) {
          taken = n
          break
        }
      }
      tokens.push(this.cachedAsciiToken(list.slice(i, i + taken).join('')))
      i += taken
    }
    return tokens
  }

  private cachedSplit(word: string): string[] | undefined {
    if (this.splitCache.has(word)) return this.splitCache.get(word)
    return remember(this.splitCache, word, this.splitRunTogether(word))
  }

  private cachedAsciiToken(word: string): Token {
    return this.asciiTokenCache.get(word) ?? remember(this.asciiTokenCache, word, this.asciiToken(word))
  }

  private knownAscii(word: string): boolean {
    return this.lexicon.knowsAscii(word) || this.romajiIndex.has(romajiKey(word))
  }

  /** Splits an unknown word into 2–4 known pieces (each ≥ 2 letters), preferring fewer pieces; undefined if none. */
  private splitRunTogether(word: string): string[] | undefined {
    if (word.length < 4 || word.length > 40) return undefined
    const n = word.length
    const best: (string[] | undefined)[] = new Array(n + 1).fill(undefined)
    best[0] = []
    for (let end = 2; end <= n; end++) {
      for (let start = Math.max(0, end - 20); start <= end - 2; start++) {
        const prefix = best[start]
        if (!prefix || prefix.length >= 4) continue
        const piece = word.slice(start, end)
        if (!this.knownAscii(piece)) continue
        const candidate = [...prefix, piece]
        const current = best[end]
        if (!current || candidate.length < current.length) best[end] = candidate
      }
    }
    const result = best[n]
    return result && result.length >= 2 ? result : undefined
  }

  private asciiToken(word: string): Token {
    const concepts: ConceptRef[] = [...this.lexicon.conceptsOfKey(word)]
    const alts = new Set<string>()
    const english = new Set<string>()
    let romaji = ''
    const expansions = this.lexicon.expansions(word)
    const gloss = new Set<string>()
    for (const c of concepts) for (const term of this.lexicon.japaneseTerms(c.id)) gloss.add(term)
    for (const expansion of expansions) {
      const key = termKey(expansion)
      if (key === '') continue
      if (!isPlainAscii(key)) {
        alts.add(key)
        gloss.add(key)
        if (romaji === '') romaji = this.readingKey(key)
        for (const c of this.lexicon.conceptsOfKey(key)) if (!concepts.some((x) => x.id === c.id)) concepts.push(c)
      } else {
        english.add(key)
        for (const c of this.lexicon.conceptsOfKey(key)) {
          if (!concepts.some((x) => x.id === c.id)) concepts.push(c)
          for (const term of this.lexicon.japaneseTerms(c.id)) gloss.add(term)
        }
      }
    }
    const spelled = romajiKey(word)
    const readingMatches = this.romajiIndex.get(spelled)
    if (readingMatches && (looksLikeRomaji(word) || expansions.length === 0)) {
      for (const surface of readingMatches) {
        alts.add(surface)
        for (const c of this.lexicon.conceptsOfKey(surface)) if (!concepts.some((x) => x.id === c.id)) concepts.push(c)
      }
    }
    if (romaji === '' && looksLikeRomaji(word)) romaji = spelled
    if (expansions.length === 0) english.add(word)
    const key = [word, romaji, [...alts].join('\u0001'), concepts.map((c) => `${c.id}\u0002${c.weight}`).join('\u0001'), [...english].join('\u0001'), [...gloss].join('\u0001')].join('\u0000')
    const intern = this.japanese.asciiIntern
    return (
      intern.get(key) ??
      remember(intern, key, {surface: word, alts: [...alts], romaji, concepts, ascii: true, english: [...english], gloss: [...gloss], grams: NO_GRAMS, altGrams: [...alts].map(gramCodes), id: nextTokenId()})
    )
  }

  /** Japanese renderings of an ASCII name: each token's first few Japanese equivalents, combined (≤ 8). */
  private glosses(tokens: readonly Token[]): string[] {
    let combos: string[] = ['']
    for (const token of tokens) {
      const list = (token.gloss ?? []).slice(0, 4)
      if (list.length === 0) continue
      const next: string[] = []
      for (const prefix of combos) for (const option of list) next.push(prefix + option)
      combos = next.slice(0, 8)
    }
    return combos.filter((c) => c !== '')
  }
}
