/**
 * Checks on the values of one exported column against the standard data item it is mapped to. Bounded memory: counts,
 * a few masked examples and capped lists, whatever the number of rows. Pure. Never keeps a value as it was: examples
 * are masked (see `maskAround`, `dateShape`), code values are kept only when they look like codes.
 */
import {type CharClass, charClass, CHAR_CLASSES, codePointLabel, cp932Bytes} from './characters.js'
import {type DateTarget, parseDateValue} from './dates.js'

export const MAX_EXAMPLES = 3
const MAX_DISTINCT = 50

export interface ColumnTarget {
  /** The column as headed in the file. */
  readonly column: string
  /** TABLE.COLUMN of the current field. */
  readonly ref: string
  readonly itemId: string
  readonly itemName: string
  readonly itemType: string
  /** 桁数 of the standard item, in characters. */
  readonly length?: number
  /** The standard code values, when the catalogue lists them. */
  readonly codes?: ReadonlySet<string>
  readonly codeTable?: string
}

export interface CountWithExamples {
  readonly count: number
  readonly examples: string[]
}

export interface CharCount {
  readonly char: string
  readonly codePoint: string
  readonly count: number
}

/** A column's figures, named by the same fields as its target. */
export interface ColumnProfile extends Pick<ColumnTarget, 'column' | 'ref' | 'itemId' | 'itemName' | 'itemType' | 'length'> {
  readonly rows: number
  readonly empty: number
  readonly maxChars: number
  readonly maxBytes: number
  /** Values longer than the standard 桁数 (characters). */
  readonly overLength: number
  /** Code values not in the standard list (undefined: the catalogue lists no values). */
  readonly codes?: {readonly outside: number; readonly values: {readonly value: string; readonly count: number}[]; readonly more: boolean}
  readonly dates?: {readonly wareki: number; readonly unparsed: CountWithExamples}
  /** Values holding characters of each class (counted once per value), with the characters found and masked examples. */
  readonly chars: Partial<Record<CharClass, CountWithExamples & {readonly distinct: CharCount[]; readonly more: boolean}>>
}

const CODE_LIKE = /^[0-9A-Za-z]{1,6}$/
const MASK = '○'

/** The value with every character but the one at `index` masked, cut to a few characters around it. */
export function maskAround(chars: readonly string[], index: number, withPrevious = false): string {
  const from = Math.max(0, index - 3)
  const to = Math.min(chars.length, index + 4)
  const shown = chars.slice(from, to).map((c, i) => (i + from === index || (withPrevious && i + from === index - 1) ? c : MASK))
  return `${from > 0 ? '…' : ''}${shown.join('')}${to < chars.length ? '…' : ''} (${codePointLabel(chars[index]!.codePointAt(0)!)})`
}

/** The shape of a value: digits → 9, letters → A, other characters → ○, separators kept. */
export function dateShape(value: string): string {
  return [...value.slice(0, 24)]
    .map((c) => (/\d/.test(c) ? '9' : /[A-Za-z]/.test(c) ? 'A' : /[-/.:\s年月日元明大昭平令治正和成]/.test(c) ? c : MASK))
    .join('')
}

const dateTarget = (type: string): DateTarget | undefined => (type === 'date' || type === 'datetime' || type === 'yearMonth' ? type : undefined)

export class ColumnProfiler {
  private rows = 0
  private empty = 0
  private maxChars = 0
  private maxBytes = 0
  private overLength = 0
  private codeOutside = 0
  private readonly codeValues = new Map<string, number>()
  private codeMore = false
  private wareki = 0
  private unparsed = 0
  private readonly unparsedExamples: string[] = []
  private readonly charCounts = new Map<CharClass, {count: number; examples: string[]; distinct: Map<string, number>; more: boolean}>()
  private readonly date: DateTarget | undefined

  constructor(private readonly target: ColumnTarget) {
    this.date = dateTarget(target.itemType)
  }

  add(value: string): void {
    this.rows++
    if (value.trim() === '') {
      this.empty++
      return
    }
    let chars = 0
    let bytes = 0
    let seen: Set<CharClass> | undefined
    let list: string[] | undefined
    let index = 0
    for (const ch of value) {
      const cp = ch.codePointAt(0)!
      chars++
      bytes += cp932Bytes(cp)
      const cls = cp < 0x80 ? undefined : charClass(cp)
      if (cls) {
        list ??= [...value]
        seen ??= new Set()
        this.noteChar(cls, ch, list, index, !seen.has(cls))
        seen.add(cls)
      }
      index++
    }
    if (chars > this.maxChars) this.maxChars = chars
    if (bytes > this.maxBytes) this.maxBytes = bytes
    if (this.target.length !== undefined && chars > this.target.length) this.overLength++
    if (this.target.codes) this.noteCode(value.normalize('NFKC').trim())
    if (this.date) {
      const parsed = parseDateValue(value, this.date)
      if (!parsed) {
        this.unparsed++
        if (this.unparsedExamples.length < MAX_EXAMPLES) {
          const shape = dateShape(value.trim())
          if (!this.unparsedExamples.includes(shape)) this.unparsedExamples.push(shape)
        }
      } else if (parsed.wareki) this.wareki++
    }
  }

  private noteChar(cls: CharClass, ch: string, chars: readonly string[], index: number, firstInValue: boolean): void {
    let entry = this.charCounts.get(cls)
    if (!entry) this.charCounts.set(cls, (entry = {count: 0, examples: [], distinct: new Map(), more: false}))
    if (firstInValue) {
      entry.count++
      if (entry.examples.length < MAX_EXAMPLES && cls !== 'halfKana') entry.examples.push(maskAround(chars, index, cls === 'ivs'))
    }
    const known = entry.distinct.get(ch)
    if (known !== undefined) entry.distinct.set(ch, known + 1)
    else if (entry.distinct.size < MAX_DISTINCT) entry.distinct.set(ch, 1)
    else entry.more = true
  }

  private noteCode(value: string): void {
    if (this.target.codes!.has(value)) return
    this.codeOutside++
    const key = CODE_LIKE.test(value) ? value : `(${[...value].length}文字の値)`
    const known = this.codeValues.get(key)
    if (known !== undefined) this.codeValues.set(key, known + 1)
    else if (this.codeValues.size < MAX_DISTINCT) this.codeValues.set(key, 1)
    else this.codeMore = true
  }

  result(): ColumnProfile {
    const t = this.target
    const chars: ColumnProfile['chars'] = {}
    for (const cls of CHAR_CLASSES) {
      const entry = this.charCounts.get(cls)
      if (!entry) continue
      const distinct = [...entry.distinct]
        .map(([char, count]) => ({char, codePoint: codePointLabel(char.codePointAt(0)!), count}))
        .sort((a, b) => b.count - a.count || (a.codePoint < b.codePoint ? -1 : 1))
      chars[cls] = {count: entry.count, examples: entry.examples, distinct: cls === 'halfKana' ? [] : distinct, more: entry.more}
    }
    return {
      column: t.column,
      ref: t.ref,
      itemId: t.itemId,
      itemName: t.itemName,
      itemType: t.itemType,
      ...(t.length !== undefined ? {length: t.length} : {}),
      rows: this.rows,
      empty: this.empty,
      maxChars: this.maxChars,
      maxBytes: this.maxBytes,
      overLength: this.overLength,
      ...(t.codes
        ? {
            codes: {
              outside: this.codeOutside,
              values: [...this.codeValues].map(([value, count]) => ({value, count})).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
              more: this.codeMore,
            },
          }
        : {}),
      ...(this.date ? {dates: {wareki: this.wareki, unparsed: {count: this.unparsed, examples: this.unparsedExamples}}} : {}),
      chars,
    }
  }
}
