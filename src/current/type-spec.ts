/**
 * Pure parsing of the type / length / flag cells found in current-system exports.
 * No I/O here: used by every reader (CSV, XLSX, XML, JSON).
 */
import {type DataType, parseDataType} from '../model/vocabulary.js'

export interface TypeSpec {
  type?: DataType
  length?: number
  scale?: number
  /** From code-list types such as `pcd:性別コード一覧（コード）`. */
  codeTable?: string
}

const SQL_TYPES: Record<string, DataType> = {
  CHAR: 'text',
  CHARACTER: 'text',
  NCHAR: 'text',
  VARCHAR: 'text',
  VARCHAR2: 'text',
  NVARCHAR: 'text',
  NVARCHAR2: 'text',
  'CHARACTER VARYING': 'text',
  TEXT: 'text',
  NTEXT: 'text',
  CLOB: 'text',
  NCLOB: 'text',
  STRING: 'text',
  GRAPHIC: 'text',
  VARGRAPHIC: 'text',
  NUMBER: 'number',
  NUMERIC: 'number',
  DECIMAL: 'number',
  DEC: 'number',
  INT: 'number',
  INTEGER: 'number',
  SMALLINT: 'number',
  BIGINT: 'number',
  TINYINT: 'number',
  FLOAT: 'number',
  DOUBLE: 'number',
  'DOUBLE PRECISION': 'number',
  REAL: 'number',
  MONEY: 'number',
  DATE: 'date',
  TIMESTAMP: 'datetime',
  DATETIME: 'datetime',
  DATETIME2: 'datetime',
  BOOLEAN: 'flag',
  BOOL: 'flag',
  BIT: 'flag',
}

/** Japanese words for types, beyond the shared vocabulary (keyword → type, tried in order). */
const JAPANESE_TYPE_KEYWORDS: readonly [RegExp, DataType][] = [
  [/^(全角|半角)?(文字列?|文字型|テキスト|漢字|かな|カナ|ひらがな|カタカナ|英字|英数字?|英数字記号|全角|半角)(型)?$/, 'text'],
  [/^(uri|url)$/i, 'text'],
  [/^(数値|数字|整数|小数|実数|金額|通貨|半角数字|数値型|整数型)$/, 'number'],
  [/^(日付|年月日|日付型|和暦日付|西暦日付|和暦年月日|西暦年月日)$/, 'date'],
  [/^(日時|年月日時分秒?|タイムスタンプ|日時型)$/, 'datetime'],
  [/^(年月|和暦年月|西暦年月)$/, 'yearMonth'],
  [/^(コード|区分|種別|コード型)$/, 'code'],
  [/^(フラグ|真偽値?|有無)$/, 'flag'],
  // looser fall-backs on compound words (全角カナ文字列, 半角英数字 …)
  [/日時|タイムスタンプ/, 'datetime'],
  [/年月日|日付/, 'date'],
  [/文字|カナ|かな|漢字|英数/, 'text'],
  [/数値|数字|整数|金額/, 'number'],
  [/コード|区分/, 'code'],
  [/フラグ/, 'flag'],
]

const nfkc = (s: string) => s.normalize('NFKC').trim()

/**
 * COBOL / 中間標準レイアウト pictures: `9(8)`, `X(40)`, `N(20)`, `S9(7)V99`, `PIC X(10)`, `XXX`.
 * X/A/N → text (length in characters), 9 → number (length = total digits, scale = digits after V).
 */
export function parsePicture(raw: string): TypeSpec | undefined {
  const s = nfkc(raw).toUpperCase().replace(/^PIC(TURE)?\s+(IS\s+)?/, '').replace(/\s+/g, '')
  if (!/^S?(?:[9XNAVP](?:\(\d+\))?)+$/.test(s) || !/[9XNA]/.test(s)) return undefined
  // a bare letter (`X`, `9`, `N`) names the class only; its length is given elsewhere
  const bare = /^[9XNA]$/.test(s)
  let chars = 0
  let digits = 0
  let fraction = 0
  let afterPoint = false
  let textual = false
  for (const match of s.matchAll(/([9XNAVPS])(?:\((\d+)\))?/g)) {
    const symbol = match[1]!
    const count = match[2] === undefined ? 1 : Number(match[2])
    if (symbol === 'V') afterPoint = true
    else if (symbol === '9') {
      digits += count
      if (afterPoint) fraction += count
    } else if (symbol === 'X' || symbol === 'A' || symbol === 'N') {
      textual = true
      chars += count
    }
  }
  if (textual) return bare ? {type: 'text'} : {type: 'text', length: chars + digits}
  if (bare) return {type: 'number'}
  return fraction > 0 ? {type: 'number', length: digits, scale: fraction} : {type: 'number', length: digits}
}

/** SQL types: `VARCHAR2(40)`, `VARCHAR2(40 CHAR)`, `NUMBER(10,2)`, `DECIMAL(5)`, `DATE`, `INTEGER`. */
export function parseSqlType(raw: string): TypeSpec | undefined {
  const s = nfkc(raw).toUpperCase().replace(/\s+/g, ' ')
  const match = /^([A-Z][A-Z0-9]*(?: [A-Z]+)?) ?(?:\( ?(\d+|\*|MAX) ?(?:(?:,| ) ?(-?\d+))? ?(?:BYTE|CHAR)? ?\))?(?: UNSIGNED)?$/.exec(s)
  if (!match) return undefined
  const type = SQL_TYPES[match[1]!]
  if (!type) return undefined
  const spec: TypeSpec = {type}
  const precision = match[2]
  if (precision !== undefined && /^\d+$/.test(precision) && Number(precision) > 0) spec.length = Number(precision)
  if (match[3] !== undefined && Number(match[3]) > 0) spec.scale = Number(match[3])
  return spec
}

/** Japanese / vocabulary types, with `(40)` or `(10,2)` lengths and qualifiers like `（全角カナ）`. */
function parseJapaneseType(raw: string): TypeSpec | undefined {
  let s = nfkc(raw)
  // code-list references of the GIF data models: `pcd:性別コード一覧(コード)`
  const codeList = /^pcd:(.+?)(?:\(.*\))?$/i.exec(s)
  if (codeList) return {type: 'code', codeTable: codeList[1]!.trim()}
  // structured types (`pd:住所`, `pd:ID情報型`) have no scalar type
  if (/^pd:/i.test(s)) return {}
  let length: number | undefined
  let scale: number | undefined
  s = s.replace(/\(\s*(\d+)\s*(?:[,.]\s*(\d+))?\s*(?:桁|文字|バイト|byte)?\s*\)/gi, (_m, l: string, sc?: string) => {
    length = Number(l)
    if (sc !== undefined) scale = Number(sc)
    return ''
  })
  // qualifiers in parentheses: （全角カナ）, （YYYY-MM-DD）
  const base = s.replace(/\([^)]*\)/g, '').trim()
  if (base === '') return undefined
  const type = parseDataType(base) ?? JAPANESE_TYPE_KEYWORDS.find(([pattern]) => pattern.test(base))?.[1]
  if (!type) return undefined
  const spec: TypeSpec = {type}
  if (length !== undefined && length > 0) spec.length = length
  if (scale !== undefined && scale > 0) spec.scale = scale
  return spec
}

/**
 * Normalises a type cell as exported (`VARCHAR2(40)`, `9(8)`, `X(40)`, `NUMBER(10,2)`, `文字列（全角カナ）`,
 * `日付`, `pcd:有無コード一覧（コード）`). Unknown spellings give `{}`: the raw text is kept by the caller.
 */
export function parseTypeSpec(raw: string): TypeSpec {
  const s = nfkc(raw)
  if (s === '') return {}
  const vocabulary = parseDataType(s)
  if (vocabulary) return {type: vocabulary}
  return parsePicture(s) ?? parseSqlType(s) ?? parseJapaneseType(s) ?? {}
}

export type LengthResult = {ok: true; length?: number; scale?: number} | {ok: false; reason: string}

const NO_LENGTH = new Set(['', '-', '−', '–', '—', '―', '‐', 'ー', '*', 'なし', '無し', '可変', 'n/a', 'na', '不定', '制限なし'])

/**
 * Parses a 桁数 cell: `40`, `10,2`, `7.2`, `(40)`, `40桁`, `40バイト`, `全角20文字`, and type-like forms
 * `9(8)`, `X(40)`, `VARCHAR2(40)`, `NUMBER(10,2)`. Empty and `-` / `可変` mean "no length".
 */
export function parseLength(raw: string): LengthResult {
  let s = nfkc(raw).toLowerCase()
  if (NO_LENGTH.has(s)) return {ok: true}
  if (!/^[\d.,]+$/.test(s)) {
    const typed = parsePicture(s) ?? parseSqlType(s)
    if (typed && typed.length !== undefined) return {ok: true, length: typed.length, ...(typed.scale ? {scale: typed.scale} : {})}
  }
  s = s
    .replace(/^(全角|半角)/, '')
    .replace(/\((全角|半角)\)/, '')
    .replace(/(桁|文字|バイト|bytes?|chars?|b)$/, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/\s+/g, '')
  const match = /^(\d+)(?:[,.](\d+))?$/.exec(s)
  if (!match) return {ok: false, reason: '数字ではありません'}
  const length = Number(match[1])
  const scale = match[2] === undefined ? undefined : Number(match[2])
  if (length <= 0) return {ok: false, reason: '桁数は1以上です'}
  if (scale !== undefined && scale > length) return {ok: false, reason: '小数桁が全体の桁数より大きくなっています'}
  return scale ? {ok: true, length, scale} : {ok: true, length}
}

const YES = new Set([
  '必', '必須', '○', '〇', '◯', '●', '◎', 'y', 'yes', 'true', '1', '要', '有', 'あり', '有り', 'はい', 'する', 'レ', '✓', '✔', '*',
  '済', '利用', '使用', '使用中', '利用中', '利用する', '使用する', '稼働', '稼働中', '対象', 'on', 't',
])
const NO = new Set([
  '任意', '不要', '無', 'なし', '無し', 'いいえ', 'しない', 'n', 'no', 'false', '0', '×', '✕', 'x', '-', 'ー', '−', '―', '‐', '—',
  '未使用', '未利用', '不使用', '使用しない', '利用しない', '廃止', '対象外', '停止', '休止', 'off', 'f', '否',
])

/**
 * A yes/no cell (必須, 利用有無 …): true, false, or undefined when empty or unknown.
 * `unknown` tells the caller the cell had text that is not a yes/no spelling.
 */
export function parseYesNo(raw: string): {value: boolean | undefined; unknown: boolean} {
  const s = nfkc(raw).toLowerCase().replace(/\s+/g, '')
  if (s === '') return {value: undefined, unknown: false}
  if (YES.has(s)) return {value: true, unknown: false}
  if (NO.has(s)) return {value: false, unknown: false}
  if (s === 'notnull' || s === 'nn') return {value: true, unknown: false}
  if (s === 'null') return {value: false, unknown: false}
  return {value: undefined, unknown: true}
}

/** `NOT NULL` / `NULL許可` style columns: what the cell says about "required". */
export function requiredFrom(role: 'required' | 'notNull' | 'nullable', raw: string): {value: boolean | undefined; unknown: boolean} {
  const s = nfkc(raw).toLowerCase().replace(/\s+/g, '')
  if (s === 'notnull' || s === 'nn') return {value: true, unknown: false}
  if (s === 'null' || s === 'nullable') return {value: false, unknown: false}
  const flag = parseYesNo(raw)
  if (flag.unknown) return flag
  if (role === 'nullable') return {value: flag.value === undefined ? undefined : !flag.value, unknown: false}
  // an empty cell in a 必須 / NOT NULL column means "not required"
  return {value: flag.value ?? false, unknown: false}
}
