/** Word segmentation with readings. The interface is pure; the Lindera adapter lives in lindera.ts. */

export interface Morpheme {
  readonly surface: string
  /** Katakana reading, when the analyser knows it. */
  readonly reading?: string
  /** Part of speech (名詞, 助詞 …), when known. */
  readonly pos?: string
}

export interface Segmenter {
  segment(text: string): Morpheme[]
  /** Told which texts `segment` will be asked for, in that order (an analyser in another thread starts on them). */
  prefetch?(texts: readonly string[]): void
}

/** Thrown by a segmenter whose analyser could not be loaded after all (the caller falls back, see dictionary-cache.ts). */
export class AnalyserUnavailableError extends Error {}

/**
 * A dictionary-free segmenter: splits at script changes (kanji / katakana / hiragana / Latin / digits).
 * Kana runs carry their own reading. Used when no analyser is loaded (tests, tiny inputs).
 */
export const scriptSegmenter: Segmenter = {
  segment(text) {
    const runs = text.match(/[\u3400-\u9FFF\uF900-\uFAFF々〆\u{20000}-\u{2FFFF}]+|[\u30A0-\u30FF]+|[\u3040-\u309F]+|[A-Za-z]+|[0-9]+|[^\s]/gu) ?? []
    return runs.map((surface) => (/^[\u3040-\u30FF]+$/.test(surface) ? {surface, reading: surface} : {surface}))
  },
}

/** Memoises a segmenter (names repeat a lot across tables). */
export function cachedSegmenter(inner: Segmenter, limit = 200_000): Segmenter {
  const cache = new Map<string, Morpheme[]>()
  return {
    segment(text) {
      const hit = cache.get(text)
      if (hit) return hit
      const result = inner.segment(text)
      if (cache.size < limit) cache.set(text, result)
      return result
    },
    prefetch(texts) {
      if (inner.prefetch) inner.prefetch(texts.filter((text) => !cache.has(text)))
    },
  }
}
