/**
 * Japanese name normalisation beyond NFKC (domain.md §5). Pure: no I/O.
 *
 * The raw name is never replaced: callers keep it for display and use the normalised forms only to compare.
 */

import {remember} from './memo.js'

/** Old / variant kanji → the common form. Both sides of a comparison go through the same table. */
export const KANJI_VARIANTS: Readonly<Record<string, string>> = {
  髙: '高', 﨑: '崎', 嵜: '崎', 碕: '崎', 邊: '辺', 邉: '辺', 齋: '斎', 齊: '斉', 濵: '浜', 濱: '浜', 澤: '沢',
  廣: '広', 國: '国', 團: '団', 圓: '円', 德: '徳', 惠: '恵', 榮: '栄', 來: '来', 櫻: '桜', 實: '実', 寶: '宝',
  藏: '蔵', 會: '会', 學: '学', 與: '与', 壽: '寿', 氣: '気', 醫: '医', 發: '発', 經: '経', 變: '変', 證: '証',
  縣: '県', 區: '区', 舊: '旧', 號: '号', 體: '体', 當: '当', 對: '対', 續: '続', 轉: '転', 屆: '届', 歲: '歳',
  齡: '齢', 戶: '戸', 册: '冊', 稅: '税', 險: '険', 檢: '検', 驗: '験', 擔: '担', 單: '単', 數: '数', 圖: '図',
  賣: '売', 讀: '読', 參: '参', 辨: '弁', 瓣: '弁', 辯: '弁', 豫: '予', 兒: '児', 黑: '黒', 淸: '清', 靑: '青',
  眞: '真', 收: '収', 條: '条', 禮: '礼', 祿: '禄', 關: '関', 鐵: '鉄', 驛: '駅', 瀨: '瀬', 兩: '両', 價: '価',
  歸: '帰', 營: '営', 雜: '雑', 鄕: '郷', 鄉: '郷', 壹: '壱', 貳: '弐', 拂: '払', 擧: '挙', 萬: '万',
  嶋: '島', 嶌: '島', 冨: '富', 桒: '桑', 槇: '槙', 舘: '館', 髮: '髪', 𠮷: '吉',
  增: '増', 屬: '属', 專: '専', 傳: '伝', 勞: '労', 勵: '励', 卷: '巻', 缺: '欠', 莊: '荘', 聽: '聴',
  狀: '状', 將: '将', 獨: '独', 盡: '尽', 晝: '昼', 畫: '画', 穗: '穂', 縱: '縦', 總: '総', 繼: '継', 據: '拠',
  濟: '済', 齒: '歯', 燈: '灯', 爲: '為', 嚴: '厳', 樂: '楽', 寢: '寝', 處: '処', 戰: '戦', 觀: '観', 譯: '訳',
}

const VARIANT_RE = new RegExp(`[${Object.keys(KANJI_VARIANTS).filter((k) => [...k].length === 1).join('')}]`, 'gu')

/** Dash-like characters NFKC leaves alone (‐ ‑ ‒ – — ― − ⁃ ﹣ ─ ━). */
const DASHES_RE = /[\u2010-\u2015\u2212\u2043\uFE63\u2500\u2501\u30FC\uFF70]/g
const TILDES_RE = /[\u301C\u301D\u3030\uFF5E~]/g
const KATAKANA_RE = /[\u30A1-\u30FA\u30FD\u30FE]/
const KANA_OR_KANJI_RE = /[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FFFF}々〆]/u

/** Hiragana → katakana (ゔ, ゝゞ included). */
export function hiraganaToKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309D\u309E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
}

/**
 * Character-level normalisation: NFKC, dashes/long vowel, tildes, hiragana→katakana, variant kanji.
 * Spacing and punctuation are kept (see {@link compactName}).
 */
export function normalizeText(raw: string): string {
  let text = raw.normalize('NFKC')
  text = text.replace(DASHES_RE, '-').replace(TILDES_RE, '~')
  text = hiraganaToKatakana(text)
  // A dash after kana is a long-vowel mark; anywhere else it is a hyphen.
  text = text.replace(/-/g, (dash, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? ''
    return KATAKANA_RE.test(before) || before === 'ー' ? 'ー' : dash
  })
  text = text.replace(VARIANT_RE, (ch) => KANJI_VARIANTS[ch] ?? ch)
  return text
}

/** Separators that carry no meaning in a Japanese item name: spaces, 中黒, underscores, hyphens, dots. */
const SEPARATORS_RE = /[\s・_\-.,、，/／:：]+/g

/** A normalised name without separators (for surface comparison). */
export function compactName(normalized: string): string {
  return normalized.replace(SEPARATORS_RE, '')
}

export function hasJapanese(text: string): boolean {
  return KANA_OR_KANJI_RE.test(text)
}

/** Only printable ASCII (no kana, kanji or symbols such as 〒). */
export function isPlainAscii(text: string): boolean {
  return /^[ -~]*$/.test(text)
}

/** Canonical qualifiers. Anything else found in a trailing bracket is kept as its own text. */
export const QUALIFIER = {kana: 'カナ', kanji: '漢字', latin: '英字'} as const
const SCRIPT_QUALIFIERS: readonly string[] = [QUALIFIER.kana, QUALIFIER.kanji, QUALIFIER.latin]

const QUALIFIER_WORDS: Readonly<Record<string, string>> = {
  カナ: QUALIFIER.kana,
  フリガナ: QUALIFIER.kana,
  ヨミガナ: QUALIFIER.kana,
  ヨミ: QUALIFIER.kana,
  読ミ: QUALIFIER.kana,
  読ミガナ: QUALIFIER.kana,
  読仮名: QUALIFIER.kana,
  読ミ仮名: QUALIFIER.kana,
  カタカナ: QUALIFIER.kana,
  全角カナ: QUALIFIER.kana,
  半角カナ: QUALIFIER.kana,
  カナ表記: QUALIFIER.kana,
  漢字: QUALIFIER.kanji,
  漢字表記: QUALIFIER.kanji,
  英字: QUALIFIER.latin,
  英語: QUALIFIER.latin,
  英字表記: QUALIFIER.latin,
  ローマ字: QUALIFIER.latin,
  アルファベット: QUALIFIER.latin,
  kana: QUALIFIER.kana,
  furigana: QUALIFIER.kana,
  yomi: QUALIFIER.kana,
  kanji: QUALIFIER.kanji,
  english: QUALIFIER.latin,
  romaji: QUALIFIER.latin,
}

/** ASCII tokens read as qualifiers when they stand first or last in a physical name. */
export const ASCII_QUALIFIER_TOKENS: Readonly<Record<string, string>> = {
  kana: QUALIFIER.kana,
  kn: QUALIFIER.kana,
  kna: QUALIFIER.kana,
  furigana: QUALIFIER.kana,
  furi: QUALIFIER.kana,
  yomi: QUALIFIER.kana,
  kanji: QUALIFIER.kanji,
  kj: QUALIFIER.kanji,
  knj: QUALIFIER.kanji,
  romaji: QUALIFIER.latin,
  eng: QUALIFIER.latin,
}

export function canonicalQualifier(text: string): string {
  const key = compactName(text)
  return QUALIFIER_WORDS[key] ?? QUALIFIER_WORDS[key.toLowerCase()] ?? key
}

const FOOTNOTE_RE = /\s*(?:\(\s*\*\s*\d*\s*\)|※\s*\d*|\*\d+)\s*$/
const TRAILING_BRACKET_RE = /^(.*?)\s*[([【〔<「『]([^()[\]【】〔〕<>「」『』]*)[)\]】〕>」』]\s*$/
const LEADING_BRACKET_RE = /^\s*[([【〔<「『]([^()[\]【】〔〕<>「」『』]*)[)\]】〕>」』]\s*(.+)$/
const KANA_SUFFIX_RE = /^(.+?)[_\-\s]*(カナ|フリガナ|ヨミガナ|ヨミ|カタカナ|読み仮名|読仮名|振り仮名)(?:表記)?$/
/** Script suffixes written as words: 姓名ローマ字表記, 氏名_漢字, 名称アルファベット. */
const SCRIPT_SUFFIX_RE = /^(.+?)[_\-\s]*(漢字|ローマ字|アルファベット|英字)(?:表記)?$/
const KANA_PREFIX_RE = /^(カナ|フリガナ)[_\-\s]*(.+)$/

export interface NormalizedName {
  /** As given. */
  readonly raw: string
  /** Normalised characters, separators kept (for tokenising). */
  readonly text: string
  /** Normalised, qualifiers removed, separators removed: the form compared on the surface. */
  readonly base: string
  /** Canonical qualifiers (カナ, 漢字, 英字, or the bracket text), sorted. */
  readonly qualifiers: readonly string[]
}

/**
 * Normalises an item name and splits off its qualifiers: 「氏名（カナ）」「氏名ｶﾅ」「ﾌﾘｶﾞﾅ 氏名」 all become
 * base 氏名 + qualifier カナ; 「市区町村(郡)」 becomes 市区町村 + 郡; footnote marks like (*1) or ※1 are dropped.
 */
export function normalizeName(raw: string): NormalizedName {
  let text = normalizeText(raw).trim()
  const qualifiers = new Set<string>()
  for (let guard = 0; guard < 4; guard++) {
    const before = text
    text = text.replace(FOOTNOTE_RE, '')
    const trailing = TRAILING_BRACKET_RE.exec(text)
    if (trailing && trailing[1]!.trim() !== '') {
      const inner = trailing[2]!.trim()
      if (inner !== '' && !/^\*?\d*$/.test(inner)) qualifiers.add(canonicalQualifier(inner))
      text = trailing[1]!.trim()
    }
    const leading = LEADING_BRACKET_RE.exec(text)
    if (leading && leading[2]!.trim() !== '') {
      const inner = leading[1]!.trim()
      if (inner !== '') qualifiers.add(canonicalQualifier(inner))
      text = leading[2]!.trim()
    }
    if (text === before) break
  }
  if (hasJapanese(text)) {
    const suffix = KANA_SUFFIX_RE.exec(text)
    if (suffix && compactName(suffix[1]!) !== '') {
      qualifiers.add(QUALIFIER.kana)
      text = suffix[1]!
    } else if (SCRIPT_SUFFIX_RE.exec(text) && compactName(SCRIPT_SUFFIX_RE.exec(text)![1]!) !== '') {
      const script = SCRIPT_SUFFIX_RE.exec(text)!
      qualifiers.add(canonicalQualifier(script[2]!))
      text = script[1]!
    } else {
      const prefix = KANA_PREFIX_RE.exec(text)
      if (prefix && compactName(prefix[2]!) !== '') {
        qualifiers.add(QUALIFIER.kana)
        text = prefix[2]!
      }
    }
  }
  const base = compactName(text)
  return {raw, text, base: base === '' ? compactName(normalizeText(raw)) : base, qualifiers: [...qualifiers].sort()}
}

/**
 * How well two qualifier sets agree, in [0,1]: the same → 1; カナ on one side only → 0.7 (氏名 ≠ 氏名カナ);
 * 漢字 on one side only → 0.95 (氏名 ≈ 氏名(漢字)); two different scripts → 0.55; other differing qualifiers → 0.85.
 */
export function qualifierAgreement(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1
  const left = new Set(a)
  const right = new Set(b)
  let factor = 1
  // Two different scripts named on both sides contradict each other: 氏名（漢字） is not 氏名（アルファベット）.
  const scripts = (set: Set<string>) => SCRIPT_QUALIFIERS.filter((q) => set.has(q))
  const ls = scripts(left)
  const rs = scripts(right)
  const contradict = ls.length > 0 && rs.length > 0 && !ls.some((q) => rs.includes(q))
  if (contradict) factor *= 0.55
  for (const q of new Set([...left, ...right])) {
    if (left.has(q) && right.has(q)) continue
    if (contradict && SCRIPT_QUALIFIERS.includes(q)) continue
    if (q === QUALIFIER.kana) factor *= 0.7
    else if (q === QUALIFIER.kanji) factor *= 0.95
    else if (q === QUALIFIER.latin) factor *= 0.75
    else factor *= 0.85
  }
  return factor
}

/** Character bigrams of a string (a single character is its own gram). */
export function bigrams(text: string): string[] {
  const chars = [...text]
  if (chars.length < 2) return chars.length === 1 ? [chars[0]!] : []
  const grams: string[] = []
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!)
  return grams
}

const gramCache = new Map<string, readonly number[]>()

/** {@link gramCodes}, memoised (names repeat a lot). */
function cachedGramCodes(text: string): readonly number[] {
  return gramCache.get(text) ?? remember(gramCache, text, gramCodes(text), 500_000)
}

/** Sørensen–Dice coefficient on character bigram multisets, in [0,1]. */
export function bigramDice(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1
  return diceOfGrams(cachedGramCodes(a), cachedGramCodes(b))
}

const CODE_SPACE = 0x200000

/**
 * The character bigrams of a string as sorted numbers (first code point × 2²¹ + second; a one-character
 * string is its own gram): what {@link diceOfGrams} compares. Profiles and tokens keep them, so scoring a
 * pair neither splits strings nor looks anything up.
 */
export function gramCodes(text: string): number[] {
  const grams: number[] = []
  let previous = -1
  let count = 0
  for (let i = 0; i < text.length; ) {
    const point = text.codePointAt(i)!
    if (previous >= 0) grams.push(previous * CODE_SPACE + point)
    previous = point
    count++
    i += point > 0xff_ff ? 2 : 1
  }
  if (count === 1) return [previous * CODE_SPACE + CODE_SPACE - 1]
  // Insertion sort: a name has a few dozen bigrams at most. (Plain arrays of doubles, not Float64Array: a typed
  // array per name and token costs an ArrayBuffer and an off-heap store each, and the collector's time.)
  for (let i = 1; i < grams.length; i++) {
    const x = grams[i]!
    let j = i - 1
    while (j >= 0 && grams[j]! > x) {
      grams[j + 1] = grams[j]!
      j--
    }
    grams[j + 1] = x
  }
  return grams
}

/** Sørensen–Dice coefficient of two {@link gramCodes} lists, in [0,1]. */
export function diceOfGrams(ga: readonly number[], gb: readonly number[]): number {
  if (ga.length === 0 || gb.length === 0) return 0
  let shared = 0
  let i = 0
  let j = 0
  while (i < ga.length && j < gb.length) {
    const x = ga[i]!
    const y = gb[j]!
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return (2 * shared) / (ga.length + gb.length)
}
