/**
 * Lindera (IPADIC, WebAssembly) as a {@link Segmenter}. Loaded lazily, on the first matching run only:
 * the wasm module and its dictionary cost ~0.2 s and ~90 MB, which `fitgap --version` must not pay.
 */
import {createRequire} from 'node:module'

import type {Morpheme, Segmenter} from './segmenter.js'

interface LinderaToken {
  surface: string
  reading?: string
  partOfSpeech?: string
}
interface LinderaTokenizer {
  tokenize(text: string): LinderaToken[]
}
interface LinderaModule {
  TokenizerBuilder: new () => {
    setDictionary(uri: string): void
    setMode(mode: string): void
    build(): LinderaTokenizer
  }
}

let tokenizer: LinderaTokenizer | undefined

/** A Lindera-backed segmenter, or undefined when the package cannot be loaded. */
export function loadLinderaSegmenter(): Segmenter | undefined {
  if (!tokenizer) {
    try {
      const require = createRequire(import.meta.url)
      const lindera = require('lindera-wasm-nodejs-ipadic') as LinderaModule
      const builder = new lindera.TokenizerBuilder()
      builder.setDictionary('embedded://ipadic')
      builder.setMode('normal')
      tokenizer = builder.build()
    } catch (error) {
      // Matching still works without readings of kanji, but less well: say so rather than differ silently.
      process.stderr.write(`注意: 形態素解析 (lindera-wasm-nodejs-ipadic) を読み込めないため、漢字の読みを使わずに照合します: ${(error as Error).message}\n`)
      return undefined
    }
  }
  const active = tokenizer
  return {
    segment(text: string): Morpheme[] {
      if (text.trim() === '') return []
      return active.tokenize(text).map((token) => {
        const reading = token.reading && token.reading !== '*' && token.reading !== 'UNK' ? token.reading : undefined
        return {surface: token.surface, reading, pos: token.partOfSpeech}
      })
    },
  }
}
