/** 実装区分: the whitelist class of a standard function or form. */
export const IMPLEMENTATION_KINDS = ['mandatory', 'optional', 'prohibited'] as const
export type ImplementationKind = (typeof IMPLEMENTATION_KINDS)[number]

export const KIND_LABELS: Record<ImplementationKind, string> = {
  mandatory: '実装必須機能',
  optional: '標準オプション機能',
  prohibited: '実装不可機能',
}

/** Forms carry the same classes under form labels. */
export const FORM_KIND_LABELS: Record<ImplementationKind, string> = {
  mandatory: '実装必須帳票',
  optional: '標準オプション帳票',
  prohibited: '実装不可帳票',
}

/** Every spelling accepted on input, current and legacy (第1.0版) vocabularies. */
const KIND_SPELLINGS: Record<string, ImplementationKind> = {
  mandatory: 'mandatory',
  optional: 'optional',
  prohibited: 'prohibited',
  実装必須機能: 'mandatory',
  実装必須: 'mandatory',
  必須: 'mandatory',
  標準オプション機能: 'optional',
  標準オプション: 'optional',
  オプション: 'optional',
  実装不可機能: 'prohibited',
  実装不可: 'prohibited',
  実装必須帳票: 'mandatory',
  標準オプション帳票: 'optional',
  実装不可帳票: 'prohibited',
  実装すべき機能: 'mandatory',
  実装してもしなくても良い機能: 'optional',
  実装してもしなくてもよい機能: 'optional',
  実装しない機能: 'prohibited',
}

/** Normalises a 実装区分 label (any vocabulary, with or without 【】) or returns undefined. */
export function parseImplementationKind(raw: string): ImplementationKind | undefined {
  const key = raw.normalize('NFKC').replace(/[【】[\]\s]/g, '')
  return KIND_SPELLINGS[key] ?? KIND_SPELLINGS[key.toLowerCase()]
}

export const ACCEPTED_KIND_LABELS = [
  '実装必須機能',
  '標準オプション機能',
  '実装不可機能',
  '【実装すべき機能】',
  '【実装してもしなくても良い機能】',
  '【実装しない機能】',
  'mandatory',
  'optional',
  'prohibited',
]

/** Data types of standard data items and current fields. */
export const DATA_TYPES = ['text', 'fullText', 'number', 'date', 'datetime', 'time', 'year', 'yearMonth', 'code', 'flag', 'binary'] as const
export type DataType = (typeof DATA_TYPES)[number]

export const DATA_TYPE_LABELS: Record<DataType, string> = {
  text: '文字',
  fullText: '全角文字',
  number: '数値',
  date: '日付',
  datetime: '日時',
  time: '時刻',
  year: '年',
  yearMonth: '年月',
  code: 'コード',
  flag: 'フラグ',
  binary: 'バイナリ',
}

const DATA_TYPE_SPELLINGS: Record<string, DataType> = {
  text: 'text',
  string: 'text',
  文字: 'text',
  文字列: 'text',
  テキスト: 'text',
  number: 'number',
  数値: 'number',
  数字: 'number',
  金額: 'number',
  date: 'date',
  日付: 'date',
  年月日: 'date',
  datetime: 'datetime',
  日時: 'datetime',
  yearmonth: 'yearMonth',
  年月: 'yearMonth',
  code: 'code',
  コード: 'code',
  区分: 'code',
  flag: 'flag',
  フラグ: 'flag',
  boolean: 'flag',
  fulltext: 'fullText',
  全角文字: 'fullText',
  全角文字列: 'fullText',
  time: 'time',
  時刻: 'time',
  year: 'year',
  年: 'year',
  binary: 'binary',
  バイナリ: 'binary',
  blob: 'binary',
}

/**
 * The データ型 notation of the official 基本データリスト: X 半角文字列, Ｎ 全角文字列 (kept apart from X), 9 整数,
 * 9V 小数, S9 符号付き整数, DATE, TIME, YEAR, BLOB. Full-width letters are folded first (Ｘ = X), but Ｎ never becomes X.
 */
const OFFICIAL_TYPE_NOTATION: Record<string, DataType> = {
  X: 'text',
  N: 'fullText',
  '9': 'number',
  '9V': 'number',
  S9: 'number',
  DATE: 'date',
  TIME: 'time',
  YEAR: 'year',
  BLOB: 'binary',
}

export function parseOfficialDataType(raw: string): DataType | undefined {
  return OFFICIAL_TYPE_NOTATION[raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase()]
}

/** 基本データリストのデータ出力条件. */
export const OUTPUT_CONDITIONS = ['必須', '条件付き必須', '任意'] as const
export type OutputCondition = (typeof OUTPUT_CONDITIONS)[number]

/** コードID 999: the code list each 地方公共団体 defines itself (自治体固有コード). */
export const LOCAL_CODE_LIST_ID = '999'

export function parseDataType(raw: string): DataType | undefined {
  const key = raw.normalize('NFKC').trim()
  return DATA_TYPE_SPELLINGS[key] ?? DATA_TYPE_SPELLINGS[key.toLowerCase()]
}
