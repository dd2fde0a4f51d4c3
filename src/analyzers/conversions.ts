/**
 * The conversion each mapped field needs on migration, derived from the two definitions (types, lengths in bytes or
 * characters, code tables, formats stated in names and 備考). One place for `map check`, `analyze` and the
 * 移行変換一覧 sheet. Pure.
 */
import type {CodeList, DataItem} from '../model/catalog.js'
import {type CurrentField, fieldRef} from '../model/current.js'
import type {Severity} from '../model/finding.js'
import {DATA_TYPE_LABELS, type DataType, LOCAL_CODE_LIST_ID} from '../model/vocabulary.js'

export const CONVERSION_KINDS = ['none', 'type', 'code', 'format', 'width', 'identity', 'combine', 'length'] as const
export type ConversionKind = (typeof CONVERSION_KINDS)[number]

export const CONVERSION_KIND_LABELS: Record<ConversionKind, string> = {
  none: '変換なし',
  type: '型の変換',
  code: 'コード変換',
  format: '形式の変換',
  width: '文字幅の変換',
  identity: '文字同定',
  combine: '結合・分割',
  length: '切り捨てのおそれ',
}

/** 変換で対応可: a rule moves every value. 情報欠落のおそれ: some values may not survive, whatever the rule. */
export const CONVERSION_SEVERITIES = ['none', 'convertible', 'loss'] as const
export type ConversionSeverity = (typeof CONVERSION_SEVERITIES)[number]

export const CONVERSION_SEVERITY_LABELS: Record<ConversionSeverity, string> = {
  none: '−',
  convertible: '変換で対応可',
  loss: '情報欠落のおそれ',
}

export interface Conversion {
  readonly kind: ConversionKind
  readonly severity: ConversionSeverity
  /**
   * Weight as a Fit&Gap finding: error only for a loss the definitions prove, warning for a loss to check on the
   * data or a conversion that needs something prepared (a code table, 文字同定), info for a mechanical one.
   */
  readonly findingSeverity: Severity
  /** TABLE.COLUMN, or several joined with "+". */
  readonly ref: string
  /** What to do, in plain Japanese. */
  readonly rule: string
  /** Where the rule comes from: the attributes it was derived from. */
  readonly basis: string
}

/** What the rules read from a standard data item. */
interface Target {
  readonly name: string
  /** Ｎ (fullText) reads as text, with `fullWidth`. */
  readonly type: DataType
  readonly length?: number
  /** The code table's name, or the code list's. */
  readonly codeTable?: string
  /** The standard コード一覧, when the catalogue has it. */
  readonly codeList?: CodeList
  readonly text: string
  /** The item holds full-width characters only (データ型 Ｎ, or said in its description). */
  readonly fullWidth: boolean
}

const nfkc = (s: string | undefined) => (s ?? '').normalize('NFKC')
const normCode = (s: string) => nfkc(s).replace(/[\s・_-]/g, '').toLowerCase()

/** Ｎ (全角文字) is text that must be full-width: the rules read it as text. */
const baseType = (type: DataType | undefined): DataType | undefined => (type === 'fullText' ? 'text' : type)

function targetOf(item: DataItem, codeLists: readonly CodeList[]): Target {
  const text = nfkc(`${item.name} ${item.description ?? ''} ${item.explanation ?? ''}`)
  const codeList = item.codeList !== undefined ? codeLists.find((l) => l.id === item.codeList) : undefined
  return {
    name: item.name,
    type: baseType(item.type)!,
    length: item.length,
    codeTable: item.codeTable ?? codeList?.name ?? (item.codeList !== undefined ? `コードID ${item.codeList}` : undefined),
    codeList,
    text,
    fullWidth: item.type === 'fullText' || /全角/.test(text),
  }
}

interface CodeValueLike {
  readonly code: string
  readonly label: string
}

/** How two code lists differ: codes only one side has, and shared codes whose meaning differs. */
export function compareCodeLists(standard: readonly CodeValueLike[], current: readonly CodeValueLike[]) {
  const key = (code: string) => nfkc(code).trim()
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

const showCodes = (values: readonly CodeValueLike[], max = 12) =>
  `${values.slice(0, max).map((v) => `${v.code}=${v.label}`).join(', ')}${values.length > max ? ` ほか ${values.length - max} 件` : ''}`

const fieldText = (field: CurrentField) => nfkc(`${field.label} ${field.column} ${field.typeRaw ?? ''} ${field.description ?? ''}`)
const typeText = (field: CurrentField) =>
  `${field.typeRaw ?? (field.type ? DATA_TYPE_LABELS[field.type] : '型不明')}${field.length !== undefined && !/\(/.test(field.typeRaw ?? '(') ? `(${field.length})` : ''}`
const describeField = (field: CurrentField) => `現行 ${fieldRef(field)} ${typeText(field)}${field.description ? ` 備考「${field.description}」` : ''}`
const describeItem = (item: Target) =>
  `標準「${item.name}」${DATA_TYPE_LABELS[item.type]}${item.length !== undefined ? ` ${item.length}桁` : ''}${item.codeTable ? ` コード表「${item.codeTable}」` : ''}`

/** Length unit of a current field, from how its type is written: CHAR(n) / X(n) count bytes, NCHAR / N(n) characters. */
export function lengthUnit(field: Pick<CurrentField, 'typeRaw'>): 'bytes' | 'chars' | undefined {
  const raw = nfkc(field.typeRaw).toUpperCase().trim()
  if (raw === '') return undefined
  if (/\(\s*\d+\s*CHAR\s*\)/.test(raw) || /^(N(VAR)?CHAR|NVARCHAR2|NTEXT|NCLOB|(VAR)?GRAPHIC)\b/.test(raw) || /^(PIC(TURE)?\s+)?N\b|^(PIC(TURE)?\s+)?N\(/.test(raw))
    return 'chars'
  if (/BYTE|バイト/.test(raw)) return 'bytes'
  if (/^((VAR)?CHAR(ACTER)?( VARYING)?|VARCHAR2|STRING)\b/.test(raw) || /^(PIC(TURE)?\s+)?X/.test(raw)) return 'bytes'
  if (/全角|文字/.test(raw)) return 'chars'
  return undefined
}

const KANA_FIELD = /カナ|かな|フリガナ|ふりがな|ヨミ|読み|kana|yomi/i
const HALF_WIDTH_KANA = /[\uFF61-\uFF9F]/
const NAME_LIKE = /氏名|旧氏|通称|住所|方書|本籍|筆頭者|名称|^氏$|^名$/
const NOT_NAME = /フリガナ|振り仮名|ふりがな|読み|カナ|かな|アルファベット|英字|ローマ字|コード|番号|区分|年月日|日付|フラグ|郵便/

/** Items whose kanji values need 文字同定 (外字 → 行政事務標準文字): names and addresses. */
const needsIdentity = (item: Target) => item.type === 'text' && NAME_LIKE.test(item.name) && !NOT_NAME.test(item.name)

/** The current field holds half-width kana: said so, or its own name is written in half-width kana. */
function halfWidthKana(field: CurrentField): string | undefined {
  const text = fieldText(field)
  if (/半角カナ|半角カタカナ/.test(text)) return '定義に「半角カナ」とある'
  if (KANA_FIELD.test(text) && HALF_WIDTH_KANA.test(field.label)) return `項目名「${field.label}」が半角カナで書かれている`
  return undefined
}

const wantsFullWidthKana = (item: Target) => item.type === 'text' && /フリガナ|振り仮名|カナ|カタカナ/.test(item.text)

type DateShape = {kind: 'wareki' | 'yyyymmdd' | 'iso' | 'yyyymm'; evidence: string}

/** The format a date is written in, from the current field's definition. */
function dateShape(field: CurrentField, target: DataType): DateShape | undefined {
  const text = fieldText(field)
  const upper = text.toUpperCase()
  if (/和暦|元号|年号|GYYMMDD|GYYMM|EYYMMDD|GGYYMMDD/.test(upper))
    return {kind: 'wareki', evidence: `定義に和暦の形 (${/GYYMMDD|GYYMM|EYYMMDD/.exec(upper)?.[0] ?? '和暦'}) とある`}
  if (/YYYY-MM-DD|YYYY\/MM\/DD/.test(upper)) return {kind: 'iso', evidence: '定義に区切り付きの西暦とある'}
  if (/YYYYMMDD|西暦/.test(upper)) return {kind: 'yyyymmdd', evidence: '定義に YYYYMMDD とある'}
  if (/YYYYMM\b/.test(upper)) return {kind: 'yyyymm', evidence: '定義に YYYYMM とある'}
  const length = field.length
  if (target === 'yearMonth') {
    if (length === 6) return {kind: 'yyyymm', evidence: '6桁 (YYYYMM の形)'}
    if (length === 5) return {kind: 'wareki', evidence: '5桁 (元号1桁 + YYMM の形)'}
    return undefined
  }
  if (length === 8) return {kind: 'yyyymmdd', evidence: '8桁 (YYYYMMDD の形)'}
  if (length === 7) return {kind: 'wareki', evidence: '7桁 (元号1桁 + YYMMDD の形)'}
  if (length === 10) return {kind: 'iso', evidence: '10桁 (YYYY-MM-DD の形)'}
  return undefined
}

/** Hyphens the current values carry and the standard drops (郵便番号 123-4567 → 1234567). */
function hyphens(item: Target, field: CurrentField): {count: number; evidence: string} | undefined {
  const text = fieldText(field)
  const said = /ハイフン(付き|つき|あり|有り|を含む|入り)|-付き|区切り付き/.test(text)
  const postal = /郵便番号/.test(item.name) && field.length === 8 && item.length === 7
  if (!said && !postal) return undefined
  const dropped = /ハイフン(なし|無し|を含まない|を除)/.test(item.text) || postal
  if (!dropped) return undefined
  const count = postal ? 1 : Math.max(1, Math.min(2, (field.length ?? 0) - (item.length ?? 0)))
  return {count, evidence: said ? '現行の定義に「ハイフン付き」とある' : '郵便番号で現行8桁・標準7桁'}
}

/** Pairs whose values move with a rule; anything else cannot be converted. */
const CONVERTIBLE = new Set([
  'text|code', 'code|text', 'number|code', 'code|number', 'flag|code', 'code|flag', 'flag|number', 'number|flag', 'date|datetime',
  'datetime|date', 'date|text', 'text|date', 'date|number', 'number|date', 'yearMonth|text', 'text|yearMonth', 'yearMonth|number',
  'number|yearMonth', 'yearMonth|date', 'date|yearMonth', 'number|text', 'text|number', 'datetime|text', 'text|datetime', 'flag|text',
  'text|flag', 'datetime|yearMonth', 'code|date', 'code|yearMonth', 'time|text', 'text|time', 'datetime|time', 'time|datetime',
  'year|number', 'number|year', 'year|text', 'text|year', 'date|year', 'yearMonth|year', 'year|yearMonth', 'code|text',
])

interface Rule {
  kind: Exclude<ConversionKind, 'none'>
  severity: Exclude<ConversionSeverity, 'none'>
  findingSeverity: Severity
  rule: string
  basis: string
}

function typeRules(item: Target, field: CurrentField, out: Rule[]): void {
  const from = baseType(field.type)
  const to = item.type
  if (!from || from === to) return
  const basis = `${describeField(field)} / ${describeItem(item)}`
  if (!CONVERTIBLE.has(`${from}|${to}`)) {
    out.push({kind: 'type', severity: 'loss', findingSeverity: 'error', rule: `${DATA_TYPE_LABELS[from]}型の値は${DATA_TYPE_LABELS[to]}型に変換できない。対応付けを見直す`, basis})
    return
  }
  if (to === 'code' || to === 'flag' || (item.codeTable !== undefined && (from === 'code' || from === 'text' || from === 'number'))) return // the code rule speaks for it
  if ((to === 'date' || to === 'yearMonth') && (from === 'text' || from === 'number' || from === 'code')) {
    const shape = dateShape(field, to)
    const what = to === 'date' ? ' YYYY-MM-DD の日付' : '年月'
    if (!shape) {
      out.push({
        kind: 'type',
        severity: 'loss',
        findingSeverity: 'warning',
        rule: `${DATA_TYPE_LABELS[from]}を${what}にする。書式が定義から分からない: 読めない値は移行できないので、書式を決めて \`fitgap data profile\` で確かめる`,
        basis,
      })
      return
    }
    const wareki = shape.kind === 'wareki'
    out.push({
      kind: 'format',
      severity: 'convertible',
      findingSeverity: wareki ? 'warning' : 'info',
      rule: wareki
        ? `和暦 (元号 + 年月日) を西暦の${what}に変換する (元号コードの対応と、不詳日・存在しない日付の扱いを決める)`
        : shape.kind === 'iso'
          ? `区切り付きの文字を${what}として読み替える`
          : `${shape.kind === 'yyyymm' ? 'YYYYMM' : 'YYYYMMDD'} の${DATA_TYPE_LABELS[from]}を${what}に変換する (0 や空白などの日付でない値の扱いを決める)`,
      basis: `${basis} — ${shape.evidence}`,
    })
    return
  }
  if (to === 'date' && from === 'yearMonth')
    out.push({kind: 'type', severity: 'loss', findingSeverity: 'warning', rule: '年月に日がない。日を補う規則 (1日など) を決める', basis})
  else if (to === 'date' && from === 'datetime') out.push({kind: 'type', severity: 'convertible', findingSeverity: 'info', rule: '日時から日付を取り出す (時刻は移行しない)', basis})
  else if (to === 'datetime' && from === 'date') out.push({kind: 'type', severity: 'convertible', findingSeverity: 'info', rule: '日付に時刻 00:00:00 を補って日時にする', basis})
  else if (to === 'yearMonth') out.push({kind: 'type', severity: 'convertible', findingSeverity: 'info', rule: '日付から年月を取り出す', basis})
  else if (to === 'datetime') out.push({kind: 'type', severity: 'loss', findingSeverity: 'warning', rule: `${DATA_TYPE_LABELS[from]}を日時にする。書式を決め、読めない値がないか確かめる`, basis})
  else if (to === 'number' && from === 'text')
    out.push({kind: 'type', severity: 'loss', findingSeverity: 'warning', rule: '文字を数値にする。数字以外を含む値は移行できないので `fitgap data profile` で確かめる', basis})
  else if (to === 'number') out.push({kind: 'type', severity: 'convertible', findingSeverity: 'info', rule: `${DATA_TYPE_LABELS[from]}を数値として移す`, basis})
  else if (to === 'text' && from === 'number')
    out.push({
      kind: 'format',
      severity: 'convertible',
      findingSeverity: 'info',
      rule: item.length !== undefined ? `数値を文字にする (先頭の0を補って ${item.length} 桁にそろえるかを決める)` : '数値を文字にする',
      basis,
    })
  else if (to === 'text') out.push({kind: 'format', severity: 'convertible', findingSeverity: 'info', rule: `${DATA_TYPE_LABELS[from]}を文字にする (書式を決める)`, basis})
  else if (from === 'text')
    out.push({kind: 'type', severity: 'loss', findingSeverity: 'warning', rule: `文字を${DATA_TYPE_LABELS[to]}にする。読めない値がないか確かめる`, basis})
  else out.push({kind: 'type', severity: 'convertible', findingSeverity: 'info', rule: `${DATA_TYPE_LABELS[from]}を${DATA_TYPE_LABELS[to]}にする`, basis})
}

function codeRules(item: Target, field: CurrentField, out: Rule[]): void {
  if (item.type !== 'code' && item.type !== 'flag' && !item.codeTable) return
  const list = item.codeList
  const basis = `${describeField(field)}${field.codeTable ? ` コード表「${field.codeTable}」` : ''}${field.codes ? ` コード値 (${showCodes(field.codes)})` : ''} / ${describeItem(item)}${list ? ` コード一覧 ${list.id} (${showCodes(list.values)})` : ''}`
  if (item.type === 'flag' && !item.codeTable) {
    if (field.type && field.type !== 'flag')
      out.push({kind: 'code', severity: 'convertible', findingSeverity: 'info', rule: '現行の値 (1/0、○/空白など) を標準のフラグの値に置き換える', basis})
    return
  }
  const standard = item.codeTable ? `標準「${item.codeTable}」` : `標準「${item.name}」のコード`
  if (list?.id === LOCAL_CODE_LIST_ID) {
    out.push({kind: 'code', severity: 'convertible', findingSeverity: 'info', rule: '標準は自治体固有コード (999): 現行のコード値を使うか、市で定めて置き換える', basis})
    return
  }
  // Both code lists known: compare the values themselves.
  if (list && field.codes && field.codes.length > 0) {
    const diff = compareCodeLists(list.values, field.codes)
    if (diff.onlyCurrent.length + diff.relabelled.length === 0) return
    const parts = [
      diff.onlyCurrent.length > 0 ? `標準にないコード: ${showCodes(diff.onlyCurrent)}` : undefined,
      diff.relabelled.length > 0 ? `意味の違うコード: ${diff.relabelled.map((v) => v.code).join(', ')}` : undefined,
    ].filter((p): p is string => p !== undefined)
    out.push({kind: 'code', severity: 'convertible', findingSeverity: 'warning', rule: `${parts.join('、')}。値ごとに${standard}の値へ置き換える対応表を作る`, basis})
    return
  }
  if (!field.codeTable) {
    out.push({
      kind: 'code',
      severity: 'convertible',
      findingSeverity: 'warning',
      rule: `現行のコード表が定義にない。現行の値を洗い出し、${standard}への対応表を作る (コード対応表が必要)`,
      basis,
    })
    return
  }
  const same = item.codeTable !== undefined && normCode(field.codeTable) === normCode(item.codeTable)
  const fieldType = baseType(field.type)
  if (same && (field.length === undefined || item.length === undefined || field.length === item.length) && (!fieldType || fieldType === 'code' || fieldType === item.type)) return
  if (same) {
    out.push({
      kind: 'code',
      severity: 'convertible',
      findingSeverity: 'warning',
      rule:
        field.length !== undefined && item.length !== undefined && field.length !== item.length
          ? `同じ名前のコード表だが桁が違う (現行 ${field.length} 桁・標準 ${item.length} 桁)。値ごとの対応を対応表で確かめて置き換える`
          : `値を${standard}のコード値として移す`,
      basis,
    })
    return
  }
  out.push({kind: 'code', severity: 'convertible', findingSeverity: 'warning', rule: `現行「${field.codeTable}」の値を${standard}の値に置き換える対応表を作る`, basis})
}

function widthRules(item: Target, field: CurrentField, out: Rule[]): void {
  if (item.type !== 'text') return
  const kana = halfWidthKana(field)
  const basis = `${describeField(field)} / ${describeItem(item)}`
  if (kana && (wantsFullWidthKana(item) || item.fullWidth)) {
    out.push({
      kind: 'width',
      severity: 'convertible',
      findingSeverity: 'info',
      rule: '半角カナを全角カナにする (濁点・半濁点は1文字にまとめる。ｰ → ー)',
      basis: `${basis} — ${kana}`,
    })
    return
  }
  if (item.fullWidth && lengthUnit(field) === 'bytes')
    out.push({kind: 'width', severity: 'convertible', findingSeverity: 'info', rule: '半角の英数字・記号・カナを全角にする (標準は全角文字)', basis})
}

function identityRules(item: Target, field: CurrentField, out: Rule[]): void {
  if (!needsIdentity(item) || (field.type !== undefined && baseType(field.type) !== 'text')) return
  const gaiji = /外字/.test(fieldText(field))
  out.push({
    kind: 'identity',
    severity: 'convertible',
    findingSeverity: gaiji ? 'warning' : 'info',
    rule: gaiji
      ? '外字を行政事務標準文字に同定する (同定表を作り、同定できない字は本人確認などで決める)'
      : '外字・異体字があれば行政事務標準文字に同定する。`fitgap data profile` で外字の件数を数える',
    basis: `${describeField(field)} / ${describeItem(item)} — ${gaiji ? '現行の定義に「外字」とある' : '氏名・住所など漢字の項目'}`,
  })
}

/** Characters the current values can reach at most, and at most when written in full-width characters. */
function capacity(fields: readonly CurrentField[], drop: number): {max: number; fullWidthMax: number; bytes: boolean} | undefined {
  let max = 0
  let fullWidthMax = 0
  let bytes = false
  for (const field of fields) {
    if (field.length === undefined) return undefined
    const unit = lengthUnit(field)
    max += field.length
    fullWidthMax += unit === 'bytes' ? Math.floor(field.length / 2) : field.length
    bytes ||= unit === 'bytes'
  }
  return {max: max - drop, fullWidthMax: fullWidthMax - drop, bytes}
}

function lengthRule(item: Target, fields: readonly CurrentField[], ref: string, drop: number, out: Rule[]): void {
  if (item.length === undefined || (item.type !== 'text' && item.type !== 'number')) return
  if (item.codeTable !== undefined) return // a code list: the code rule speaks for it
  if (fields.some((f) => f.type !== undefined && !['text', 'fullText', 'number', 'code'].includes(f.type))) return
  const cap = capacity(fields, drop)
  if (!cap || cap.max <= item.length) return
  const what = fields.length > 1 ? `現行 ${ref} (合わせて ${cap.max + drop})` : `${describeField(fields[0]!)}`
  const basis = `${what} / ${describeItem(item)}`
  // CHAR(n) counts bytes in CP932 (a kanji takes 2): a kanji value fits when n / 2 does, a half-width one may not.
  if (cap.bytes && (needsIdentity(item) || item.fullWidth) && cap.fullWidthMax <= item.length) {
    out.push({
      kind: 'length',
      severity: 'loss',
      findingSeverity: 'warning',
      rule: `現行の桁はバイト数 (CP932 で全角1文字 = 2バイト): 全角なら最大 ${cap.fullWidthMax} 文字で収まるが、半角を含む値は標準の ${item.length} 文字を超えるおそれ。\`fitgap data profile\` で実際の最大文字数を確かめる`,
      basis,
    })
    return
  }
  out.push({
    kind: 'length',
    severity: 'loss',
    findingSeverity: 'error',
    rule: `現行は最大 ${cap.max} ${cap.bytes ? 'バイト (半角なら同じ文字数)' : '桁'}、標準は ${item.length} 桁。超える値は切り捨てられる。値を短くする規則を決めるか、\`fitgap data profile\` で実際の最大長を確かめる`,
    basis,
  })
}

export interface ConversionContext {
  /** Other standard items the same current field is confirmed for (a split). */
  readonly splitWith?: readonly string[]
  /** The catalogue's コード一覧, to compare code values. */
  readonly codeLists?: readonly CodeList[]
}

/**
 * The conversions moving `fields` (one, or several joined: 氏 + 名 → 氏名) into `item` needs; `none` when the
 * values move as they are. Stable order: by field, then by kind.
 */
export function deriveConversions(item: DataItem, fields: readonly CurrentField[], context: ConversionContext = {}): Conversion[] {
  const target = targetOf(item, context.codeLists ?? [])
  const out: Conversion[] = []
  const push = (ref: string, rules: Rule[]) => {
    const seen = new Set<string>()
    for (const rule of rules) {
      if (seen.has(rule.kind)) continue
      seen.add(rule.kind)
      out.push({...rule, ref})
    }
  }
  const joined = fields.length > 1
  let drop = 0
  for (const field of fields) {
    const rules: Rule[] = []
    typeRules(target, field, rules)
    codeRules(target, field, rules)
    const hyphen = target.type === 'text' ? hyphens(target, field) : undefined
    if (hyphen) {
      drop += hyphen.count
      rules.push({
        kind: 'format',
        severity: 'convertible',
        findingSeverity: 'info',
        rule: `ハイフンを除いて ${target.length ?? ''}${target.length === undefined ? '' : ' 桁の'}数字にする`,
        basis: `${describeField(field)} / ${describeItem(target)} — ${hyphen.evidence}`,
      })
    }
    widthRules(target, field, rules)
    identityRules(target, field, rules)
    if (!joined) lengthRule(target, [field], fieldRef(field), hyphen?.count ?? 0, rules)
    push(fieldRef(field), rules)
  }
  if (joined) {
    const ref = fields.map(fieldRef).join('+')
    const rules: Rule[] = [
      {
        kind: 'combine',
        severity: 'convertible',
        findingSeverity: 'warning',
        rule: `${fields.map((f) => f.label || f.column).join(' + ')} を結合して「${item.name}」にする (間の区切り (全角空白など) を決める)`,
        basis: `${fields.map(describeField).join('、')} / ${describeItem(target)}`,
      },
    ]
    lengthRule(target, fields, ref, drop, rules)
    push(ref, rules)
  }
  if (context.splitWith && context.splitWith.length > 0 && fields.length === 1)
    push(fieldRef(fields[0]!), [
      {
        kind: 'combine',
        severity: 'convertible',
        findingSeverity: 'warning',
        rule: `現行の1項目を「${item.name}」と「${context.splitWith.join('」「')}」に分割する (分け方の規則を決める)`,
        basis: `${describeField(fields[0]!)} が複数の標準項目に確定している`,
      },
    ])
  if (out.length === 0 && fields.length > 0)
    out.push({kind: 'none', severity: 'none', findingSeverity: 'info', ref: fields.map(fieldRef).join('+'), rule: 'そのまま移す', basis: `${fields.map(describeField).join('、')} / ${describeItem(target)}`})
  return out
}

/** The message of a conversion as a finding. */
export const conversionMessage = (c: Conversion) => `${CONVERSION_KIND_LABELS[c.kind]} (${CONVERSION_SEVERITY_LABELS[c.severity]}): ${c.rule}。根拠: ${c.basis}`
