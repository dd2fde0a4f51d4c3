/** The one-line Japanese reason shown next to a suggestion. Pure. */
import {type Signals, VIA} from './signals.js'

export interface ReasonInput {
  readonly signals: Signals
  readonly qualifierFactor: number
  readonly itemQualifiers: readonly string[]
  readonly fieldQualifiers: readonly string[]
  /** Kinds of token evidence used: bit set of VIA (surface, reading, concept, partial, context). */
  readonly via: number
  readonly itemGroup: string
  readonly table: string
  readonly itemRomaji?: string
  /** Set when the current field is longer than the standard item: values may be cut on migration. */
  readonly longerField?: {readonly field: number; readonly item: number}
  /** Structural evidence, said first (a system column that goes to an 操作 item …). */
  readonly notes?: readonly string[]
}

const pct = (x: number) => `${Math.round(x * 100)}%`

export function buildReason(input: ReasonInput): string {
  const {signals} = input
  const parts: string[] = [...(input.notes ?? [])]
  const name = signals.name ?? 0
  const reading = signals.reading ?? 0
  const english = signals.english ?? 0
  const synonym = signals.synonym ?? 0
  if (name >= 0.999) parts.push('名称が一致')
  else if (name >= 0.6) parts.push(`名称が類似 (${pct(name)})`)
  if (reading >= 0.999) parts.push(input.itemRomaji ? `読みが一致 (${input.itemRomaji})` : '読みが一致')
  else if (reading >= 0.75) parts.push(`読みが近い (${pct(reading)})`)
  if (english >= 0.999) parts.push('英語名が一致')
  else if (english >= 0.6) parts.push(`英語名・訳語が近い (${pct(english)})`)
  if (synonym >= 0.6 && (input.via & VIA.concept) !== 0) parts.push('同義語・略語辞書で対応')
  else if (synonym >= 0.6 && name < 0.6 && reading < 0.75 && english < 0.6) parts.push(`語の対応 (${pct(synonym)})`)
  if ((input.via & VIA.context) !== 0) parts.push(`表名「${input.table}」の語を補って対応`)
  if (parts.length === (input.notes?.length ?? 0)) parts.push(`弱い一致のみ (最大 ${pct(Math.max(name, reading, english, synonym))})`)
  if (input.qualifierFactor < 1) {
    const a = input.itemQualifiers.join('・') || 'なし'
    const b = input.fieldQualifiers.join('・') || 'なし'
    parts.push(`ただし区分 (${a} / ${b}) が異なる`)
  }
  const type = signals.type
  if (input.longerField) parts.push(`現行の桁 (${input.longerField.field}) が標準 (${input.longerField.item}) より長い: 切り捨てに注意`)
  else if (type !== undefined && type >= 0.95) parts.push('型・桁も適合')
  if (type !== undefined && type < 0.5) parts.push('型が異なる')
  if ((signals.context ?? 0) >= 0.8) parts.push(`表「${input.table}」がグループ「${input.itemGroup}」に対応`)
  if ((signals.description ?? 0) >= 0.5) parts.push('説明文も類似')
  return parts.join('・')
}
