/** What a column profile says, as checks a person reads: used by the command's output and the データ検査 sheet. Pure. */
import {CHAR_CLASS_LABELS, CHAR_CLASSES, type CharClass} from './characters.js'
import type {ColumnProfile} from './profile.js'

export const DATA_CHECK_KINDS = ['overLength', 'codeOutside', 'dateUnparsed', 'wareki', ...CHAR_CLASSES] as const
export type DataCheckKind = (typeof DATA_CHECK_KINDS)[number]

export const DATA_CHECK_LABELS: Record<DataCheckKind, string> = {
  overLength: '標準の桁数を超える値',
  codeOutside: '標準のコード一覧にない値',
  dateUnparsed: '日付として読めない値',
  wareki: '和暦の値 (西暦に変換)',
  ...CHAR_CLASS_LABELS,
}

export interface DataProblem {
  readonly kind: DataCheckKind
  /** Values concerned. */
  readonly count: number
  /** Plain Japanese, with masked examples or the characters found. */
  readonly detail: string
  /** Information may be lost unless someone acts (vs a conversion the rules already cover). */
  readonly attention: boolean
}

const charList = (entry: NonNullable<ColumnProfile['chars'][CharClass]>) =>
  entry.distinct.length > 0 ? ` 文字: ${entry.distinct.slice(0, 10).map((c) => `${c.char} ${c.codePoint} ×${c.count}`).join('、')}${entry.distinct.length > 10 || entry.more ? ' …' : ''}` : ''

export function columnProblems(col: ColumnProfile): DataProblem[] {
  const out: DataProblem[] = []
  if (col.overLength > 0)
    out.push({kind: 'overLength', count: col.overLength, attention: true, detail: `最大 ${col.maxChars} 文字 (CP932 で ${col.maxBytes} バイト)、標準は ${col.length} 桁`})
  if (col.codes && col.codes.outside > 0)
    out.push({
      kind: 'codeOutside',
      count: col.codes.outside,
      attention: true,
      detail: `値: ${col.codes.values.slice(0, 10).map((v) => `${v.value} ×${v.count}`).join('、')}${col.codes.values.length > 10 || col.codes.more ? ' …' : ''}`,
    })
  if (col.dates && col.dates.unparsed.count > 0)
    out.push({kind: 'dateUnparsed', count: col.dates.unparsed.count, attention: true, detail: `形の例 (数字は 9): ${col.dates.unparsed.examples.join('、')}`})
  if (col.dates && col.dates.wareki > 0) out.push({kind: 'wareki', count: col.dates.wareki, attention: false, detail: '和暦として読める値'})
  for (const cls of CHAR_CLASSES) {
    const entry = col.chars[cls]
    if (!entry) continue
    out.push({
      kind: cls,
      count: entry.count,
      attention: cls === 'pua' || cls === 'other' || cls === 'ivs',
      detail: `${entry.examples.length > 0 ? `例 (他の文字は ○): ${entry.examples.join('、')}` : '値の数'}${charList(entry)}`,
    })
  }
  return out
}
