import {createRequire} from 'node:module'

import type StringWidth from 'string-width'

/**
 * string-width, loaded by the first text it has to measure: loading it builds a grapheme segmenter and Unicode
 * property expressions (a noticeable part of a command's start) that most output never needs.
 */
let loaded: typeof StringWidth | undefined
export const stringWidth = (text: string): number => (loaded ??= (createRequire(import.meta.url)('string-width') as {default: typeof StringWidth}).default)(text)

/**
 * Display width (full-width = 2) of text, as string-width measures it, without its per-character Unicode regular
 * expressions for the characters a Japanese workbook is almost made of: printable ASCII, kana, kanji and full- and
 * half-width forms. A text with any other character is measured by string-width itself.
 */
export function textWidth(text: string): number {
  let width = 0
  for (let i = 0; i < text.length; i++) {
    const w = simpleWidth(text.charCodeAt(i))
    if (w === 0) return stringWidth(text)
    width += w
  }
  return width
}

/**
 * Narrow symbols of East Asian width "ambiguous" common in our sheets (＝ string-width's 1: the minus and dash of
 * empty values, ○ △ × of verdicts, arrows). None is an emoji or joins a neighbour on its own.
 */
const NARROW_SYMBOLS = new Set([0xb0, 0xb1, 0xd7, 0xf7, 0x2010, 0x2013, 0x2014, 0x2015, 0x2026, 0x203b, 0x2190, 0x2191, 0x2192, 0x2193, 0x2212, 0x2260, 0x2266, 0x2267, 0x25a0, 0x25a1, 0x25b3, 0x25cb, 0x25cf, 0x25ef])

/** Width of a character that never joins its neighbours into one grapheme; 0 when that is not known here. */
function simpleWidth(code: number): number {
  if (code >= 0x20 && code <= 0x7e) return 1
  if (code < 0x3000) return NARROW_SYMBOLS.has(code) ? 1 : 0
  if (code <= 0x3029 || (code >= 0x3041 && code <= 0x3096) || (code >= 0x309b && code <= 0x30ff) || (code >= 0x3250 && code <= 0x9fff)) return 2
  if ((code >= 0xf900 && code <= 0xfaff) || (code >= 0xff01 && code <= 0xff60)) return 2
  if (code >= 0xff61 && code <= 0xff9f) return 1
  return 0
}
