/** Dates as exported by current systems: 西暦 (YYYYMMDD, YYYY-MM-DD …) and 和暦 (GYYMMDD, S45.01.02, 昭和45年1月2日). Pure. */

/** 元号: the first and last day (YYYYMMDD) and the digit / letter current systems use for it. */
const ERAS = [
  {names: ['明治', 'M', '1'], start: 18680125, end: 19120729, base: 1867},
  {names: ['大正', 'T', '2'], start: 19120730, end: 19261224, base: 1911},
  {names: ['昭和', 'S', '3'], start: 19261225, end: 19890107, base: 1925},
  {names: ['平成', 'H', '4'], start: 19890108, end: 20190430, base: 1988},
  {names: ['令和', 'R', '5'], start: 20190501, end: 99991231, base: 2018},
] as const

const eraOf = (name: string) => ERAS.find((e) => (e.names as readonly string[]).includes(name.toUpperCase()))

export type DateTarget = 'date' | 'datetime' | 'yearMonth'

export interface ParsedDate {
  /** YYYYMMDD (day 1 for a year-month). */
  readonly value: number
  readonly wareki: boolean
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!
  return d <= days
}

function western(y: number, m: number, d: number): ParsedDate | undefined {
  if (y < 1800 || y > 2200 || !validDay(y, m, d)) return undefined
  return {value: y * 10000 + m * 100 + d, wareki: false}
}

function fromEra(era: string, yy: number, m: number, d: number, dayKnown: boolean): ParsedDate | undefined {
  const e = eraOf(era)
  if (!e || yy < 1) return undefined
  const y = e.base + yy
  if (!validDay(y, m, d)) return undefined
  const value = y * 10000 + m * 100 + d
  // the day must fall in the era (H31.05.01 does not exist: it is R1.05.01); for a year-month, some day of the month
  const monthEnd = dayKnown ? value : y * 10000 + m * 100 + 31
  const monthStart = dayKnown ? value : y * 10000 + m * 100 + 1
  if (monthEnd < e.start || monthStart > e.end) return undefined
  return {value, wareki: true}
}

const TIME = /(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/

/** Parses a non-empty value as the target type; undefined when it is not a date of that kind. */
export function parseDateValue(raw: string, target: DateTarget): ParsedDate | undefined {
  let s = raw.normalize('NFKC').trim()
  if (target === 'datetime') {
    const t = TIME.exec(s)
    if (t && t[1] !== undefined) {
      if (Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3] ?? 0) > 59) return undefined
      s = s.slice(0, t.index)
    }
  }
  const yearMonth = target === 'yearMonth'
  let m: RegExpExecArray | null
  if (!yearMonth) {
    if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return western(+m[1]!, +m[2]!, +m[3]!)
    if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s))) return western(+m[1]!, +m[2]!, +m[3]!)
    if ((m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s))) return western(+m[1]!, +m[2]!, +m[3]!)
    if ((m = /^([1-5MTSHR])(\d{2})(\d{2})(\d{2})$/i.exec(s))) return fromEra(m[1]!, +m[2]!, +m[3]!, +m[4]!, true)
    if ((m = /^([MTSHR])\.?(\d{1,2}|元)[-/.](\d{1,2})[-/.](\d{1,2})$/i.exec(s))) return fromEra(m[1]!, m[2] === '元' ? 1 : +m[2]!, +m[3]!, +m[4]!, true)
    if ((m = /^(明治|大正|昭和|平成|令和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日$/.exec(s)))
      return fromEra(m[1]!, m[2] === '元' ? 1 : +m[2]!, +m[3]!, +m[4]!, true)
    return undefined
  }
  if ((m = /^(\d{4})[-/.]?(\d{2})$/.exec(s)) || (m = /^(\d{4})年(\d{1,2})月$/.exec(s))) {
    const parsed = western(+m[1]!, +m[2]!, 1)
    return parsed
  }
  if ((m = /^([1-5MTSHR])(\d{2})(\d{2})$/i.exec(s))) return fromEra(m[1]!, +m[2]!, +m[3]!, 1, false)
  if ((m = /^([MTSHR])\.?(\d{1,2}|元)[-/.](\d{1,2})$/i.exec(s))) return fromEra(m[1]!, m[2] === '元' ? 1 : +m[2]!, +m[3]!, 1, false)
  if ((m = /^(明治|大正|昭和|平成|令和)(\d{1,2}|元)年(\d{1,2})月$/.exec(s))) return fromEra(m[1]!, m[2] === '元' ? 1 : +m[2]!, +m[3]!, 1, false)
  return undefined
}
