import {
  DATA_TYPE_LABELS,
  type DataType,
  type ImplementationKind,
  type OutputCondition,
  parseDataType,
  parseImplementationKind,
} from '../../model/vocabulary.js'
import {parseLength} from '../../current/type-spec.js'
import type {GridCell} from './sheet-grid.js'

/** Characters an ID may have in a catalogue (see src/model/catalog.ts). */
export const ID_CHARACTERS = /^[0-9A-Za-z][0-9A-Za-z._-]*$/

/** Trims a text value and unifies line breaks; the characters themselves (IVS, PUA, old kanji) are kept as they are. */
export function cleanText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+$/u, ''))
    .join('\n')
    .trim()
}

/** A compact form for comparisons and codes: NFKC, no white space. */
export function compact(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\u3000]+/g, '')
}

export interface IdReading {
  id: string
  /** Set when leading zeros were restored on an ID stored as a number. */
  restoredZeros?: boolean
  /** Set when the ID was stored as a number and its width is unknown. */
  storedAsNumber?: boolean
}

/**
 * Reads an ID cell. IDs typed as numbers lose their leading zeros (0010001 → 10001): the number format ("0000000")
 * gives them back; otherwise `padTo` does (7 for 機能・帳票ID), and the caller reports it.
 */
export function readId(cell: GridCell, padTo?: number): IdReading {
  if (cell.number !== undefined && Number.isInteger(cell.number) && cell.number >= 0) {
    const digits = String(cell.number)
    const format = cell.numFmt && /^0+$/.test(cell.numFmt) ? cell.numFmt.length : undefined
    if (format !== undefined && digits.length < format) return {id: digits.padStart(format, '0')}
    if (format !== undefined) return {id: digits}
    if (padTo !== undefined && digits.length < padTo) return {id: digits.padStart(padTo, '0'), restoredZeros: true}
    return {id: digits, storedAsNumber: padTo === undefined}
  }
  return {id: compact(cell.text)}
}

/** Reads a 実装区分 cell in either vocabulary, tolerating (…) remarks and ※ notes. */
export function readKind(raw: string): ImplementationKind | undefined {
  const text = raw.normalize('NFKC').trim()
  if (text === '') return undefined
  const direct = parseImplementationKind(text)
  if (direct) return direct
  const stripped = text.replace(/[※*].*$/su, '').replace(/\([^)]*\)/g, '').split('\n')[0] ?? ''
  return parseImplementationKind(stripped)
}

const NO_MARK = new Set(['', '-', '−', '―', 'ー', '×', '✕', 'x', 'なし', '無', 'no', 'n', 'false', '0'])

/** True when a mark column (実装必須 / 標準オプション / 実装不可 with ○) is marked. */
export function isMarked(raw: string): boolean {
  return !NO_MARK.has(compact(raw).toLowerCase())
}

const TRUE_MARKS = new Set(['○', '〇', '◯', '●', '◎', '必須', '必', '要', 'y', 'yes', 'true', '1', 'はい', 'm', 'mandatory', 'required', '有'])
const FALSE_MARKS = new Set(['', '-', '−', '―', 'ー', '×', '✕', '任意', '任', '否', 'n', 'no', 'false', '0', 'いいえ', 'o', 'optional', '無', 'なし', '△'])

/** Reads a 必須 cell; undefined when the value says neither. */
export function readRequired(raw: string): boolean | undefined {
  const key = compact(raw).toLowerCase()
  if (TRUE_MARKS.has(key) || key.startsWith('必須')) return true
  if (FALSE_MARKS.has(key) || key.startsWith('任意')) return false
  return undefined
}

/**
 * Reads a 型 cell. Known spellings first (文字, 数値, 日付 …), then by what the text contains:
 * 「文字列（半角数字）」 is text, 「数値（整数）」 a number, 「年月日」 a date. Undefined when nothing fits.
 */
export function readDataType(raw: string): DataType | undefined {
  const text = compact(raw)
  if (text === '') return undefined
  const direct = parseDataType(text) ?? parseDataType(text.replace(/\([^)]*\)/g, ''))
  if (direct) return direct
  const t = text.toLowerCase()
  if (/日時|timestamp|datetime/.test(t)) return 'datetime'
  if (/年月日|日付|^date/.test(t)) return 'date'
  if (/年月/.test(t)) return 'yearMonth'
  if (/^(文字|テキスト|漢字|カナ|かな|英数|全角|半角)|char|string|text|^[xn]$/.test(t)) return 'text'
  if (/コード|code/.test(t)) return 'code'
  if (/区分/.test(t)) return 'code'
  if (/フラグ|flag|bool|有無/.test(t)) return 'flag'
  if (/数値|整数|金額|数量|^数|int|decimal|numeric|number|^9$/.test(t)) return 'number'
  return undefined
}

export function dataTypeLabel(type: DataType): string {
  return DATA_TYPE_LABELS[type]
}

/**
 * Reads 桁数 with the current-system parser ({@link parseLength}): "10", "１０桁", "(40)", "全角20文字", "10,2" / "10.2"
 * (with 小数桁), "X(40)", "NUMBER(10,2)". Empty or "-" is no length; anything else without a length ("可変", "1.5")
 * is unreadable, and the caller warns.
 */
export function readLength(raw: string): {length?: number; scale?: number; unreadable?: boolean} {
  const text = compact(raw)
  if (text === '' || /^[-−―ー]$/.test(text)) return {}
  const parsed = parseLength(text.replace(/、/g, ','))
  if (!parsed.ok || parsed.length === undefined) return {unreadable: true}
  return {length: parsed.length, ...(parsed.scale !== undefined ? {scale: parsed.scale} : {})}
}

/** An English name as lower snake_case ("familyName" → "family_name"), or undefined if it cannot be one. */
export function readNameEn(raw: string): string | undefined {
  const text = raw.normalize('NFKC').trim()
  if (text === '') return undefined
  const snake = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return /^[a-z][a-z0-9_]*$/.test(snake) ? snake : undefined
}

/**
 * Reads a hierarchical 項番 ("1.1.3", "1-1-3", "１．１．３", "(1)") or joins 大/中/小 項番 columns ("1","1","3").
 * Returns the raw text too when it does not fit the "1.2.3" shape.
 */
export function readSection(parts: readonly string[]): {section?: string; raw?: string} {
  const texts = parts.map((p) => compact(p)).filter((p) => p !== '')
  if (texts.length === 0) return {}
  const joined =
    texts.length > 1 && texts.every((t) => /^\d+$/.test(t.replace(/^[(（]|[)）]$/g, '')))
      ? texts.map((t) => t.replace(/^[(（]|[)）]$/g, '')).join('.')
      : texts.join('.')
  const section = joined
    .replace(/^第/, '')
    .replace(/[章節項]/g, '.')
    .replace(/^\((\d+)\)$/, '$1')
    .replace(/[-‐‑–—―ー−_、,・]/g, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.|\.$/g, '')
  if (/^\d+(\.\d+)*$/.test(section)) return {section}
  return {raw: texts.join(' ')}
}

/** データ出力条件 (必須 / 条件付き必須 / 任意); undefined when the cell says none of them. */
export function readOutputCondition(raw: string): OutputCondition | undefined {
  const text = compact(raw)
  if (text === '') return undefined
  if (text.startsWith('条件付')) return '条件付き必須'
  if (text === '必須') return '必須'
  if (text === '任意') return '任意'
  return undefined
}

/**
 * The condition of a 条件付き必須 item: the sentences marked ※※ in 項目説明 (the official legend says so), without the
 * mark. The rest of the text stays in 項目説明.
 */
export function readCondition(explanation: string): string | undefined {
  const parts = explanation
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('※※'))
    .map((line) => line.replace(/^※※\s*/u, ''))
    .filter((line) => line !== '')
  return parts.length > 0 ? parts.join('\n') : undefined
}

/**
 * The コード cell of a 基本データリスト: a code-list ID (text `002`, the number 1 shown `000`, or 999 for 自治体固有コード)
 * or, in other workbooks, a code table's name.
 */
export function readCodeCell(cell: GridCell): {codeList?: string; codeTable?: string} {
  const text = compact(cell.text)
  if (text === '') return {}
  if (cell.number !== undefined && Number.isInteger(cell.number) && cell.number >= 0) {
    const format = cell.numFmt && /^0+$/.test(cell.numFmt) ? cell.numFmt.length : 3
    return {codeList: String(cell.number).padStart(format, '0')}
  }
  if (/^\d{1,6}$/.test(text)) return {codeList: text.padStart(3, '0')}
  return {codeTable: cleanText(cell.text)}
}

/** 7-digit 機能IDs in a 標準仕様書関連箇所 cell (`0310002住登外者宛名情報管理機能`), in order, without repeats. */
export function readFunctionRefs(raw: string): string[] {
  const ids = raw.normalize('NFKC').match(/(?<!\d)\d{7}(?!\d)/g) ?? []
  return [...new Set(ids)]
}

/** A row filled with `e` (the 基本データリスト's end mark): every non-empty cell is `e`, and there are several. */
export function isEndMarkerRow(cells: readonly GridCell[]): boolean {
  const texts = cells.map((cell) => compact(cell.text).toLowerCase()).filter((t) => t !== '')
  return texts.length >= 3 && texts.every((t) => t === 'e')
}

/**
 * A section row above requirements (「1.1 住民データ」, often merged over the row): one distinct text that starts with
 * a 項番. depth 1 = 大分類, 2 = 中分類, 3 = 小分類.
 */
export function readSectionHeading(cells: readonly GridCell[]): {depth: number; number: string; name: string} | undefined {
  const texts = [...new Set(cells.map((cell) => cleanText(cell.text)).filter((t) => t !== ''))]
  if (texts.length !== 1) return undefined
  const match = /^(\d+(?:[.．]\d+)*)[.．]?[\s\u3000]+(\S.*)$/su.exec(texts[0]!.normalize('NFKC'))
  if (!match) return undefined
  const number = match[1]!.replace(/．/g, '.')
  return {depth: number.split('.').length, number, name: match[2]!.replace(/\s*\n\s*/g, ' ').trim()}
}
