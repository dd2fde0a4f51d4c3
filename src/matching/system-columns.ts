/**
 * Structural evidence that overrides name similarity. Pure.
 *
 * - System (audit) columns — 更新者, 更新日時, 作成日時, 削除フラグ, バージョン — record how a row was kept, not a
 *   business fact. They may go to the standard's 操作 items (操作者ID, 操作年月日, 操作時刻); any other item is no
 *   match, whatever the names share (更新日時 is never 交付日時).
 * - A flag never holds a date, and a date never holds a flag.
 */
import {compactName, normalizeText} from './normalize.js'
import type {DataType} from '../model/vocabulary.js'

export type SystemColumnKind = 'operator' | 'timestamp' | 'deleted' | 'version'

export const SYSTEM_COLUMN_LABELS: Record<SystemColumnKind, string> = {
  operator: '更新者・作成者',
  timestamp: '更新日時・作成日時',
  deleted: '削除フラグ',
  version: 'バージョン (排他制御)',
}

const JAPANESE_SYSTEM: ReadonlyArray<readonly [RegExp, SystemColumnKind]> = [
  [/^(?:最終)?(?:更新|作成|登録|変更|入力)(?:者|担当者|ユーザー?|ユーザID|者ID|者コード|職員|職員コード)$/, 'operator'],
  [/^(?:最終)?(?:更新|作成|変更)(?:日時|日|日付|年月日|時刻|タイムスタンプ)$/, 'timestamp'],
  [/^(?:登録日時|タイムスタンプ|レコード(?:更新|作成)日時)$/, 'timestamp'],
  [/^(?:論理)?削除(?:フラグ|区分|済フラグ)$/, 'deleted'],
  [/^(?:バージョン|バージョン番号|排他(?:制御)?(?:用)?(?:バージョン|番号|キー)?|楽観ロック(?:番号|キー)?|ロックバージョン)$/, 'version'],
]

const ACTION = new Set(['upd', 'update', 'updated', 'ins', 'insert', 'inserted', 'crt', 'cre', 'create', 'created', 'mod', 'modified', 'modify', 'chg', 'last', 'lst', 'koshin', 'sakusei'])
const WHO = new Set(['user', 'usr', 'userid', 'usrid', 'by', 'id', 'staff', 'operator', 'opr', 'sya', 'sha', 'tanto', 'tantosha', 'shokuin'])
const WHEN = new Set(['at', 'date', 'dt', 'dte', 'ymd', 'ymdhms', 'ymdhm', 'hms', 'time', 'tm', 'timestamp', 'ts', 'datetime', 'nichiji', 'bi'])
const DELETED = new Set(['del', 'delete', 'deleted', 'sakujo', 'sakujyo'])
const FLAG = new Set(['flg', 'flag', 'fg', 'kbn', 'f'])

function asciiKind(words: readonly string[]): SystemColumnKind | undefined {
  const w = words.filter((x) => !/^\d+$/.test(x))
  if (w.length === 0) return undefined
  if (w.length === 1 && /^(?:version|ver|versionno|verno|lockno|lockversion|rowversion|revision)$/.test(w[0]!)) return 'version'
  if (w.length === 2 && /^(?:version|ver|lock|row|revision)$/.test(w[0]!) && /^(?:no|num|number|version|ver)$/.test(w[1]!)) return 'version'
  if (w.length === 1 && /^(?:isdeleted|deleted|delflg|delflag|deleteflag)$/.test(w[0]!)) return 'deleted'
  if (w.length === 2 && (DELETED.has(w[0]!) || w[0] === 'is') && (FLAG.has(w[1]!) || w[1] === 'deleted')) return 'deleted'
  if (w.length === 2 && ACTION.has(w[0]!)) {
    if (WHO.has(w[1]!)) return 'operator'
    if (WHEN.has(w[1]!)) return 'timestamp'
  }
  if (w.length === 1 && /^(?:updatedat|createdat|updatedby|createdby|modifiedat|modifiedby|upddate|updymd|updymdhms|insdate|insymd|updtime|updusr|upduser|insuser)$/.test(w[0]!))
    return /by$|usr$|user$/.test(w[0]!) ? 'operator' : 'timestamp'
  return undefined
}

/** The kind of system column a current field is, from its label or physical name (undefined: a business column). */
export function systemColumnKind(label: string, column: string): SystemColumnKind | undefined {
  const text = compactName(normalizeText(label)).replace(/[（(].*[)）]$/, '')
  for (const [re, kind] of JAPANESE_SYSTEM) if (text !== '' && re.test(text)) return kind
  const words = column
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((x) => x.toLowerCase())
    .filter((x) => x !== '')
  return asciiKind(words)
}

/** What a standard item's name says it records: an operation (操作者ID, 操作年月日 …) or the same system column. */
export function operationItemKinds(name: string, type: DataType): readonly SystemColumnKind[] {
  const text = compactName(normalizeText(name))
  const own = systemColumnKind(name, '')
  if (own) return [own]
  if (!/操作|処理者|入力者|更新/.test(text)) return []
  if (/者|ID|ユーザ|職員/.test(text)) return ['operator']
  if (/日時|年月日|日付|時刻|日$/.test(text) || type === 'date' || type === 'datetime') return ['timestamp']
  return []
}


const FLAG_NAME = /(?:フラグ|有無|要否|可否|該当|flg|flag)$/i
const DATE_NAME = /(?:年月日|日時|日付|期日|満了日|時刻|ymd|ymdhms|date|dt|timestamp)$/i

function kindOf(type: DataType | undefined, name: string): ValueKind {
  if (type === 'flag') return 'flag'
  if (type === 'date' || type === 'datetime' || type === 'yearMonth') return 'date'
  if (type !== undefined && type !== 'text' && type !== 'code') return 'other'
  const text = compactName(normalizeText(name)).replace(/[（(][^)）]*[)）]$/, '')
  if (FLAG_NAME.test(text)) return 'flag'
  if (DATE_NAME.test(text)) return 'date'
  return 'other'
}

export type ValueKind = 'flag' | 'date' | 'other'

/** What a standard item holds, as far as the flag/date rule cares. */
export const itemValueKind = (item: {readonly type: DataType; readonly name: string}): ValueKind => kindOf(item.type, item.name)

/** What a current field holds, from its type, else its label, else its physical name. */
export function fieldValueKind(field: {readonly type?: DataType; readonly label: string; readonly column: string}): ValueKind {
  const kind = kindOf(field.type, field.label.trim() !== '' ? field.label : field.column)
  return kind === 'other' && field.type === undefined && field.label.trim() !== '' ? kindOf(undefined, field.column) : kind
}

/** True when one side is a flag and the other a date: never the same data, whatever the names share. */
export const valueKindsConflict = (a: ValueKind, b: ValueKind): boolean => a !== 'other' && b !== 'other' && a !== b

export function flagDateConflict(
  item: {readonly type: DataType; readonly name: string},
  field: {readonly type?: DataType; readonly label: string; readonly column: string},
): boolean {
  return valueKindsConflict(itemValueKind(item), fieldValueKind(field))
}
