import type {CodeList, DataItem} from '../model/catalog.js'
import {type CurrentField, fieldRef} from '../model/current.js'
import type {Severity} from '../model/finding.js'
import {DATA_TYPE_LABELS, type DataType, LOCAL_CODE_LIST_ID} from '../model/vocabulary.js'

/**
 * What moving a current field's values into a standard data item risks, graded by direction: a current value
 * longer than the standard's length is cut on migration (error); a shorter one is only noted. Shared by
 * `map check` and `analyze`.
 */
export interface CompatibilityIssue {
  readonly kind: 'type' | 'length' | 'required' | 'code'
  readonly severity: Severity
  readonly message: string
}

/** Storable-as pairs: the value survives migration (with conversion). */
const CONVERTIBLE: ReadonlySet<string> = new Set([
  'text|code',
  'code|text',
  'number|code',
  'code|number',
  'flag|code',
  'code|flag',
  'flag|number',
  'number|flag',
  'date|datetime',
  'datetime|date',
  'date|text',
  'text|date',
  'date|number',
  'number|date',
  'yearMonth|text',
  'text|yearMonth',
  'yearMonth|number',
  'number|yearMonth',
  'yearMonth|date',
  'date|yearMonth',
  'number|text',
  'text|number',
  'datetime|text',
  'text|datetime',
  'flag|text',
  'text|flag',
  'text|fullText',
  'fullText|text',
  'fullText|code',
  'time|text',
  'text|time',
  'datetime|time',
  'time|datetime',
  'year|number',
  'number|year',
  'year|text',
  'text|year',
  'date|year',
  'yearMonth|year',
  'year|yearMonth',
])

/** Conversions that may lose or reject values (text → number / date, datetime → date …). */
const LOSSY: ReadonlySet<string> = new Set([
  'text|number',
  'text|date',
  'text|datetime',
  'text|yearMonth',
  'text|flag',
  'datetime|date',
  'date|yearMonth',
  'fullText|text',
  'text|time',
  'text|year',
  'date|year',
  'yearMonth|year',
])

const normCode = (s: string) => s.normalize('NFKC').replace(/[\s・_-]/g, '').toLowerCase()

/** Type finding for a current field (from) feeding a standard item (to), or undefined when they agree. */
export function typeFinding(item: DataItem, field: CurrentField): {severity: Severity; message: string} | undefined {
  if (!field.type || field.type === item.type) return undefined
  const from: DataType = field.type
  const to: DataType = item.type
  const pair = `${from}|${to}`
  const text = `現行 ${fieldRef(field)} は${DATA_TYPE_LABELS[from]}型、標準「${item.name}」は${DATA_TYPE_LABELS[to]}型`
  if (!CONVERTIBLE.has(pair)) return {severity: 'error', message: `${text}です。移行時に値を変換できません。`}
  if (LOSSY.has(pair)) return {severity: 'warning', message: `${text}です。移行時に変換できない値が出るおそれがあります。`}
  return {severity: 'info', message: `${text}です (変換して移行できます)。`}
}

/** Length finding: current longer than standard = truncation risk = error; shorter = info. */
export function lengthFinding(item: DataItem, field: CurrentField): {severity: Severity; message: string} | undefined {
  if (item.length === undefined || field.length === undefined || item.length === field.length) return undefined
  if (['date', 'datetime', 'time', 'year', 'yearMonth', 'flag', 'binary'].includes(item.type)) return undefined
  if (field.length > item.length)
    return {
      severity: 'error',
      message: `現行 ${fieldRef(field)} は ${field.length} 桁、標準「${item.name}」は ${item.length} 桁です。移行時に切り捨てのおそれがあります。`,
    }
  return {
    severity: 'info',
    message: `現行 ${fieldRef(field)} は ${field.length} 桁、標準「${item.name}」は ${item.length} 桁です (標準の方が長く、移行に支障はありません)。`,
  }
}

export function requiredFinding(item: DataItem, field: CurrentField): {severity: Severity; message: string} | undefined {
  if (field.required === undefined || field.required === item.required) return undefined
  if (item.required)
    return {
      severity: 'warning',
      message: `標準「${item.name}」は必須ですが、現行 ${fieldRef(field)} は任意です。空の値が移行されるおそれがあります。`,
    }
  return {severity: 'info', message: `現行 ${fieldRef(field)} は必須ですが、標準「${item.name}」は任意です。`}
}

interface CodeValueLike {
  readonly code: string
  readonly label: string
}

/** How two code lists differ: codes only one side has, and shared codes whose meaning differs. Pure. */
export function compareCodeLists(standard: readonly CodeValueLike[], current: readonly CodeValueLike[]) {
  const key = (code: string) => code.normalize('NFKC').trim()
  const std = new Map(standard.map((v) => [key(v.code), v]))
  const cur = new Map(current.map((v) => [key(v.code), v]))
  return {
    onlyCurrent: current.filter((v) => !std.has(key(v.code))),
    onlyStandard: standard.filter((v) => !cur.has(key(v.code))),
    relabelled: current.filter((v) => {
      const s = std.get(key(v.code))
      return s !== undefined && normCode(s.label) !== normCode(v.label)
    }),
  }
}

const showCodes = (values: readonly CodeValueLike[]) => values.map((v) => `${v.code}=${v.label}`).join(', ')

/** A current field's code values against the standard item's code list (コード一覧): a conversion finding when they differ. */
function codeListFinding(item: DataItem, list: CodeList, field: CurrentField): {severity: Severity; message: string} | undefined {
  const codes = field.codes ?? []
  const both = `標準「${item.name}」のコード一覧 ${list.id} ${list.name} (${showCodes(list.values)})、現行 ${fieldRef(field)} のコード (${showCodes(codes)})`
  if (list.id === LOCAL_CODE_LIST_ID)
    return {severity: 'info', message: `${both}。標準は自治体固有コードのため、現行のコード値を使うか市で定めてください。`}
  const diff = compareCodeLists(list.values, codes)
  if (diff.onlyCurrent.length + diff.relabelled.length === 0) return undefined
  const parts = [
    diff.onlyCurrent.length > 0 ? `標準にないコード: ${showCodes(diff.onlyCurrent)}` : undefined,
    diff.relabelled.length > 0 ? `意味の違うコード: ${diff.relabelled.map((v) => v.code).join(', ')}` : undefined,
  ].filter((p): p is string => p !== undefined)
  return {severity: 'warning', message: `${both}。${parts.join('、')}。移行時にコード値の変換が必要です。`}
}

/**
 * Code finding: by code values when the catalogue has the item's コード一覧 and the current export lists its codes,
 * else by the code tables' names.
 */
export function codeFinding(item: DataItem, field: CurrentField, codeLists: readonly CodeList[] = []): {severity: Severity; message: string} | undefined {
  const list = item.codeList !== undefined ? codeLists.find((l) => l.id === item.codeList) : undefined
  if (list && field.codes && field.codes.length > 0) return codeListFinding(item, list, field)
  const standard = item.codeTable ?? (list ? list.name : item.codeList !== undefined ? `コードID ${item.codeList}` : undefined)
  if (standard === undefined) return undefined
  if (!field.codeTable)
    return {severity: 'info', message: `標準「${item.name}」はコード表「${standard}」を使います。現行 ${fieldRef(field)} のコード表は不明です。`}
  if (normCode(field.codeTable) === normCode(standard)) return undefined
  return {
    severity: 'warning',
    message: `標準「${item.name}」のコード表は「${standard}」、現行 ${fieldRef(field)} は「${field.codeTable}」です。コード値の対応表が必要です。`,
  }
}

export function checkCompatibility(item: DataItem, field: CurrentField, codeLists: readonly CodeList[] = []): CompatibilityIssue[] {
  const found = [
    ['type', typeFinding(item, field)],
    ['length', lengthFinding(item, field)],
    ['required', requiredFinding(item, field)],
    ['code', codeFinding(item, field, codeLists)],
  ] as const
  return found.flatMap(([kind, finding]) => (finding ? [{kind, ...finding}] : []))
}
