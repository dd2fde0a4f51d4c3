/**
 * What a character is for migration to 行政事務標準文字: JIS X 0208 (what every system reads), JIS X 0213 beyond it
 * (第3・第4水準), private-use 外字, variation selectors, or none of these. Pure; tables from jis-tables.ts.
 */
import {JIS_X_0208, JIS_X_0213_EXTRA} from './jis-tables.js'

export const CHAR_CLASSES = ['jis0213', 'pua', 'ivs', 'other', 'halfKana'] as const
/** Only the classes worth counting; plain JIS X 0208 / ASCII text has none. */
export type CharClass = (typeof CHAR_CLASSES)[number]

export const CHAR_CLASS_LABELS: Record<CharClass, string> = {
  jis0213: 'JIS X 0208 外 (JIS X 0213 第3・第4水準)',
  pua: '外字 (私用領域)',
  ivs: '異体字セレクタ (IVS)',
  other: 'JIS X 0208・0213 外の文字',
  halfKana: '半角カナ',
}

const BMP_0208 = 1
const BMP_0213 = 2

let bmp: Uint8Array | undefined
let astral0213: Set<number> | undefined

function load(): Uint8Array {
  if (bmp) return bmp
  const table = new Uint8Array(0x10000)
  const astral = new Set<number>()
  const fill = (ranges: string, mark: number) => {
    for (const part of ranges.split(' ')) {
      const [a, b] = part.split('-')
      const start = Number.parseInt(a!, 16)
      const end = b === undefined ? start : Number.parseInt(b, 16)
      for (let cp = start; cp <= end; cp++) {
        if (cp < 0x10000) table[cp] = mark
        else if (mark === BMP_0213) astral.add(cp)
      }
    }
  }
  fill(JIS_X_0208, BMP_0208)
  fill(JIS_X_0213_EXTRA, BMP_0213)
  // CP932 maps a few JIS X 0208 positions to other code points (～ ∥ － ￠ ￡ ￢ ―): the same characters.
  for (const cp of [0xff5e, 0x2225, 0xff0d, 0xffe0, 0xffe1, 0xffe2, 0x2014, 0x2015]) table[cp] = BMP_0208
  astral0213 = astral
  bmp = table
  return table
}

/** The class of a code point worth counting, or undefined for ASCII / JIS X 0201 / JIS X 0208 / control characters. */
export function charClass(cp: number): CharClass | undefined {
  if (cp < 0x80) return undefined
  if (cp >= 0xff61 && cp <= 0xff9f) return 'halfKana'
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return 'pua'
  if ((cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 'ivs'
  const table = load()
  if (cp < 0x10000) {
    const mark = table[cp]
    if (mark === BMP_0208) return undefined
    if (mark === BMP_0213) return 'jis0213'
    // Latin-1 symbols such as ¥ and the no-break space come from the JIS X 0201 side of CP932 exports
    if (cp === 0xa5 || cp === 0x203e || cp === 0xa0) return undefined
    return 'other'
  }
  return astral0213!.has(cp) ? 'jis0213' : 'other'
}

/** Bytes the character takes in CP932 (Shift_JIS): 1 for ASCII and half-width kana, 2 otherwise. */
export const cp932Bytes = (cp: number): number => (cp < 0x80 || (cp >= 0xff61 && cp <= 0xff9f) ? 1 : 2)

export const codePointLabel = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
