/**
 * Kana ↔ romaji keys. Vendors spell readings many ways (ジュウショ: JUSHO, JUUSHO, ZYUSYO, JYUSHO);
 * {@link romajiKey} maps all of them to one comparison key. Pure.
 */
import {toRomaji} from 'wanakana'

import {remember} from './memo.js'
import {hiraganaToKatakana} from './normalize.js'

/**
 * The comparison key of a romaji string: lower case, Hepburn and Kunrei folded together, long vowels and
 * doubled n dropped, m before labials read as n.
 */
export function romajiKey(text: string): string {
  const hit = romajiKeys.get(text)
  if (hit !== undefined) return hit
  return remember(romajiKeys, text, computeRomajiKey(text))
}

/** Names repeat a lot (the same words in thousands of columns): keys are memoised, within a bound. */
const romajiKeys = new Map<string, string>()
const kanaKeys = new Map<string, string>()

function computeRomajiKey(text: string): string {
  let s = text.toLowerCase().replace(/[^a-z]/g, '')
  if (s === '') return ''
  s = s
    .replace(/tch/g, 'tt')
    .replace(/sh(?=[aiueo])/g, 'sy')
    .replace(/ch(?=[aiueo])/g, 'ty')
    .replace(/jy(?=[aueo])/g, 'zy')
    .replace(/ji/g, 'zi')
    .replace(/j(?=[aueo])/g, 'zy')
    .replace(/tsu/g, 'tu')
    .replace(/dzu/g, 'zu')
    .replace(/du/g, 'zu')
    .replace(/di/g, 'zi')
    .replace(/fu/g, 'hu')
    .replace(/syi/g, 'si')
    .replace(/tyi/g, 'ti')
    .replace(/zyi/g, 'zi')
    .replace(/wo/g, 'o')
    .replace(/m(?=[bpm])/g, 'n')
    .replace(/nn(?![aiueoy])/g, 'n')
    .replace(/n'/g, 'n')
  // Long vowels: ou, oo, uu, aa, ii, ee, oh (before a consonant or at the end) → one vowel.
  s = s
    .replace(/o[ou]/g, 'o')
    .replace(/uu/g, 'u')
    .replace(/aa/g, 'a')
    .replace(/ii/g, 'i')
    .replace(/ee/g, 'e')
    .replace(/oh(?![aiueoy])/g, 'o')
  return s
}

/** The romaji key of a katakana/hiragana reading ('' when the text has other characters). */
export function kanaToRomajiKey(kana: string): string {
  const hit = kanaKeys.get(kana)
  if (hit !== undefined) return hit
  const katakana = hiraganaToKatakana(kana.normalize('NFKC'))
  return remember(kanaKeys, kana, /^[\u30A0-\u30FF]+$/.test(katakana) ? romajiKey(katakanaToRomaji(katakana)) : '')
}

/**
 * wanakana's toRomaji of a katakana string, computed piece by piece: toRomaji's cost grows with the square of
 * the length (long readings took most of the matcher's romaji time), and the pieces repeat. The string is cut
 * before a full-size consonant kana not preceded by ッ or ー: no kana sequence wanakana reads as one unit (キャ, ッカ,
 * ッーカ, ンア) spans such a cut, and a piece's ー always reads its own piece's kana, so the joined pieces equal
 * toRomaji of the whole.
 */
export function katakanaToRomaji(katakana: string): string {
  let out = ''
  let start = 0
  for (let i = 1; i < katakana.length; i++) {
    const previous = katakana.charCodeAt(i - 1)
    if (!isCutBefore(katakana.charCodeAt(i)) || previous === SOKUON || previous === LONG_MARK) continue
    out += pieceRomaji(katakana.slice(start, i))
    start = i
  }
  return out + pieceRomaji(katakana.slice(start))
}

const SOKUON = 0x30_c3 // ッ
/** ー after ッ reads as nothing, so ッー(ー…)カ is still ッカ (kka). */
const LONG_MARK = 0x30_fc
/** カ–ヂ, ツ–ド, ナ–ノ, ハ–ポ, マ–モ, ラ–ロ (full size; ッ is 0x30C3 and is excluded). */
function isCutBefore(code: number): boolean {
  return (
    (code >= 0x30_ab && code <= 0x30_c2) ||
    (code >= 0x30_c4 && code <= 0x30_c9) ||
    (code >= 0x30_ca && code <= 0x30_ce) ||
    (code >= 0x30_cf && code <= 0x30_dd) ||
    (code >= 0x30_de && code <= 0x30_e2) ||
    (code >= 0x30_e9 && code <= 0x30_ed)
  )
}

const pieces = new Map<string, string>()
function pieceRomaji(piece: string): string {
  const hit = pieces.get(piece)
  if (hit !== undefined) return hit
  return remember(pieces, piece, toRomaji(piece))
}

export function isKana(text: string): boolean {
  return /^[\u3041-\u309F\u30A0-\u30FF]+$/.test(text)
}

const MORA_RE = /^(?:(?:[kgsztdnhbpmyrwfjvc]?y?|sh|ch|ts|dz)[aiueo]|n(?![aiueoy])|([kgsztdhbpmrfjc])(?=\1))+$/

/** True when an ASCII token can be read as romaji (sei-nen-gap-pi yes, birth no). */
export function looksLikeRomaji(token: string): boolean {
  return token.length >= 2 && MORA_RE.test(token.toLowerCase())
}
