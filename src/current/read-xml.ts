/**
 * XML reader for fitgap's own schema (docs/current-import.md):
 *
 *   <currentSystem area="jumin">
 *     <table name="JUMIN_KIHON" label="住民基本"><field column="ATENA_NO" label="宛名番号" type="CHAR(15)" required="true"/></table>
 *     <form id="R001" name="住民票の写し"><item name="氏名" type="文字" length="40" source="JUMIN_KIHON.SHIMEI"/></form>
 *     <function id="F001" name="転入届の受付" inUse="true"><description>…</description></function>
 *   </currentSystem>
 *
 * Untrusted input: a DOCTYPE with ENTITY declarations is refused before parsing (no expansion ever),
 * the validator runs first so errors carry line and column, and entities are not processed by the parser.
 */
import {XMLParser, XMLValidator} from 'fast-xml-parser'

import {InputError} from '../errors.js'
import type {CurrentField, CurrentForm, CurrentFormField, CurrentFunction} from '../model/current.js'
import type {ImportKind} from './headers.js'
import {Messages, type RecordSink, splitStandardIds} from './records.js'
import {parseLength, parseTypeSpec, parseYesNo} from './type-spec.js'

export interface XmlContext {
  readonly display: string
  readonly fileKey: string
  readonly kinds?: readonly ImportKind[]
  /** Whether an `area` attribute names the 業務 being imported into. */
  readonly areaMatches: (value: string) => boolean
}

type XmlNode = Record<string, unknown>

const META = XMLParser.getMetaDataSymbol() as unknown as string

const ATTRIBUTES: Record<string, readonly string[]> = {
  currentSystem: ['area', 'xmlns', 'version'],
  table: ['name', 'label'],
  field: ['column', 'label', 'type', 'length', 'scale', 'required', 'nullable', 'codeTable', 'description'],
  form: ['id', 'name', 'description', 'standardId'],
  item: ['name', 'type', 'length', 'scale', 'source'],
  function: ['id', 'name', 'inUse', 'description', 'standardId'],
}

const CHILDREN: Record<string, readonly string[]> = {
  currentSystem: ['table', 'form', 'function'],
  table: ['field'],
  field: ['description'],
  form: ['description', 'item'],
  item: [],
  function: ['description', 'category'],
}

const VALIDATOR_MESSAGES: Record<string, string> = {
  InvalidTag: 'タグが正しくありません (閉じタグの対応・名前)',
  InvalidAttr: '属性が正しくありません',
  InvalidXml: 'XML の構造が正しくありません',
  InvalidChar: '使えない文字があります',
}

class Lines {
  private readonly starts: number[] = [0]
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }

  at(index: number): number {
    let low = 0
    let high = this.starts.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.starts[mid]! <= index) low = mid + 1
      else high = mid
    }
    return low
  }
}

/** The parser's refusals (its own safety limits) in Japanese, with the line they concern. */
function parserError(error: Error, text: string, lines: Lines, where: string): Error {
  if (/Maximum nested tags/i.test(error.message)) {
    let depth = 0
    let line = 1
    for (const match of text.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
      if (match[1]) depth--
      else if (!match[2]) depth++
      if (depth > MAX_NESTING) {
        line = lines.at(match.index)
        break
      }
    }
    return new InputError(`${where} ${line}行目: 要素の入れ子が深すぎます (上限 ${MAX_NESTING} 段)。定義のファイルとしては深すぎるため、読んでいません。`)
  }
  const name = /Invalid name: "([^"]*)"/.exec(error.message)?.[1]
  if (name !== undefined) {
    const at = text.indexOf(name)
    return new InputError(`${where}${at === -1 ? '' : ` ${lines.at(at)}行目`}: 要素・属性の名前「${name}」は使えません (プログラムの内部の名前と衝突するため)。名前を変えてください。`)
  }
  return error
}

const MAX_NESTING = 100

const tagOf = (node: XmlNode): string => Object.keys(node).find((key) => key !== ':@') ?? ''

export function parseXmlDefinitions(text: string, context: XmlContext, sink: RecordSink): {counts: Partial<Record<ImportKind, number>>; skipped: number} {
  const where = context.display
  const lines = new Lines(text)
  const entity = text.indexOf('<!ENTITY')
  if (entity !== -1)
    throw new InputError(
      `${where} ${lines.at(entity)}行目: DOCTYPE の実体宣言 (<!ENTITY …>) は受け付けません。実体は展開しない決まりです (実体展開攻撃の防止)。実体宣言を取り除いてください。`,
    )
  const valid = XMLValidator.validate(text, {allowBooleanAttributes: false})
  if (valid !== true) {
    const {code, msg, line, col} = valid.err
    // The validator's text can list every unclosed tag (800 KB for 100k of them): keep the start only.
    const detail = msg.length > 200 ? `${msg.slice(0, 200)}…` : msg
    // Some refusals (no element at all) come without a column.
    throw new InputError(`${where} ${line}行目${col === undefined ? '' : ` ${col}列`}: XML として正しくありません: ${VALIDATOR_MESSAGES[code] ?? code} (${detail})`)
  }
  const parser = new XMLParser({
    preserveOrder: true,
    captureMetaData: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: true,
    cdataPropName: '#cdata',
    maxNestedTags: MAX_NESTING,
  })
  let document: XmlNode[]
  try {
    document = parser.parse(text) as XmlNode[]
  } catch (error) {
    throw parserError(error as Error, text, lines, where)
  }
  const problems = new Messages()
  const counts: Partial<Record<ImportKind, number>> = {}
  let skipped = 0
  const wants = (kind: ImportKind) => !context.kinds || context.kinds.includes(kind)

  const lineOf = (node: XmlNode): number => {
    const meta = (node as Record<string, {startIndex?: number} | undefined>)[META]
    return meta?.startIndex === undefined ? 1 : lines.at(meta.startIndex)
  }

  const decode = (value: string, line: number): string =>
    value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
      if (ref.startsWith('#x')) return safeCodePoint(Number.parseInt(ref.slice(2), 16)) ?? whole
      if (ref.startsWith('#')) return safeCodePoint(Number.parseInt(ref.slice(1), 10)) ?? whole
      const predefined: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}
      const char = predefined[ref]
      if (char !== undefined) return char
      problems.add(`${where} ${line}行目: 未定義の実体参照 ${whole} があります (XML の5つの定義済み実体と文字参照だけが使えます)。`)
      return whole
    })

  const attributes = (node: XmlNode, tag: string): Record<string, string> => {
    const raw = (node[':@'] ?? {}) as Record<string, unknown>
    const line = lineOf(node)
    const out: Record<string, string> = {}
    for (const [name, value] of Object.entries(raw)) {
      if (name.startsWith('xmlns')) continue
      if (!ATTRIBUTES[tag]!.includes(name)) {
        problems.add(`${where} ${line}行目: <${tag}> に使えない属性 ${name} があります (使える属性: ${ATTRIBUTES[tag]!.join(', ')})。`)
        continue
      }
      out[name] = decode(String(value), line).trim()
    }
    return out
  }

  const textOf = (node: XmlNode): string => {
    const line = lineOf(node)
    const parts: string[] = []
    for (const child of (node[tagOf(node)] ?? []) as XmlNode[]) {
      if ('#text' in child) parts.push(decode(String(child['#text']), line))
      else if ('#cdata' in child) for (const c of child['#cdata'] as XmlNode[]) parts.push(String(c['#text'] ?? ''))
    }
    return parts.join('').trim()
  }

  /** Child elements, checking names; text directly inside a container is an error. */
  const children = (node: XmlNode, tag: string): XmlNode[] => {
    const out: XmlNode[] = []
    for (const child of (node[tag] ?? []) as XmlNode[]) {
      const name = tagOf(child)
      if (name === '#text' || name === '#cdata') {
        if (CHILDREN[tag]!.length > 0 && String(child[name]).trim() !== '')
          problems.add(`${where} ${lineOf(node)}行目: <${tag}> の中に文字だけを書くことはできません。`)
        continue
      }
      if (name === '#comment' || name === '') continue
      if (!CHILDREN[tag]!.includes(name)) {
        problems.add(`${where} ${lineOf(child)}行目: <${tag}> の中に <${name}> は書けません (書ける要素: ${CHILDREN[tag]!.map((c) => `<${c}>`).join(' ') || 'なし'})。`)
        continue
      }
      out.push(child)
    }
    return out
  }

  const descriptionOf = (kids: readonly XmlNode[], attr: string | undefined): string | undefined => {
    const element = kids.find((c) => tagOf(c) === 'description')
    const text = element ? textOf(element) : ''
    const value = text || attr || ''
    return value === '' ? undefined : value
  }

  const typeAndLength = (attrs: Record<string, string>, line: number, tag: string) => {
    const spec = parseTypeSpec(attrs.type ?? '')
    if (attrs.length !== undefined && attrs.length !== '') {
      const parsed = parseLength(attrs.length)
      if (parsed.ok) {
        if (parsed.length !== undefined) spec.length = parsed.length
        if (parsed.scale !== undefined) spec.scale = parsed.scale
      } else problems.add(`${where} ${line}行目: <${tag}> の length「${attrs.length}」を解釈できません (${parsed.reason})。`)
    }
    if (attrs.scale !== undefined && attrs.scale !== '') {
      if (/^\d+$/.test(attrs.scale)) spec.scale = Number(attrs.scale) || undefined
      else problems.add(`${where} ${line}行目: <${tag}> の scale「${attrs.scale}」が数字ではありません。`)
    }
    return spec
  }

  const flag = (value: string | undefined, line: number, tag: string, name: string): boolean | undefined => {
    if (value === undefined || value === '') return undefined
    const parsed = parseYesNo(value)
    if (parsed.unknown) problems.add(`${where} ${line}行目: <${tag}> の ${name}「${value}」は true か false で書いてください。`)
    return parsed.value
  }

  const source = (line: number) => ({file: context.fileKey, row: line})

  const roots = document.filter((node) => {
    const tag = tagOf(node)
    return tag !== '#comment' && tag !== '#text' && tag !== ''
  })
  const root = roots[0]
  if (!root || tagOf(root) !== 'currentSystem')
    throw new InputError(`${where}: ルート要素は <currentSystem> にしてください${root ? ` (<${tagOf(root)}> になっています)` : ''}。書き方は docs/current-import.md にあります。`)
  const rootAttrs = attributes(root, 'currentSystem')
  if (rootAttrs.area !== undefined && rootAttrs.area !== '' && !context.areaMatches(rootAttrs.area))
    throw new InputError(`${where} ${lineOf(root)}行目: このファイルは業務「${rootAttrs.area}」の定義です。--area と合いません。`)

  for (const node of children(root, 'currentSystem')) {
    const tag = tagOf(node)
    const line = lineOf(node)
    const attrs = attributes(node, tag)
    if (tag === 'table') {
      const tableName = attrs.name || attrs.label
      if (!tableName) problems.add(`${where} ${line}行目: <table> に name がありません。`)
      for (const fieldNode of children(node, 'table')) {
        const fieldLine = lineOf(fieldNode)
        const fa = attributes(fieldNode, 'field')
        const column = fa.column || fa.label || ''
        const label = fa.label || fa.column || ''
        if (column === '') problems.add(`${where} ${fieldLine}行目: <field> に column も label もありません。`)
        const spec = typeAndLength(fa, fieldLine, 'field')
        let required = flag(fa.required, fieldLine, 'field', 'required')
        const nullable = flag(fa.nullable, fieldLine, 'field', 'nullable')
        if (required === undefined && nullable !== undefined) required = !nullable
        const description = descriptionOf(children(fieldNode, 'field'), fa.description)
        if (!wants('fields')) {
          skipped++
          continue
        }
        const field: CurrentField = {table: tableName ?? '', column, label}
        if (spec.type !== undefined) field.type = spec.type
        if (fa.type) field.typeRaw = fa.type
        if (spec.length !== undefined) field.length = spec.length
        if (spec.scale !== undefined) field.scale = spec.scale
        if (required !== undefined) field.required = required
        const codeTable = fa.codeTable || spec.codeTable
        if (codeTable) field.codeTable = codeTable
        if (description !== undefined) field.description = description
        field.source = source(fieldLine)
        if (problems.total === 0) sink.field(field)
        counts.fields = (counts.fields ?? 0) + 1
      }
    } else if (tag === 'form') {
      const id = attrs.id || attrs.name || ''
      if (id === '') problems.add(`${where} ${line}行目: <form> に id も name もありません。`)
      const items: CurrentFormField[] = []
      const kids = children(node, 'form')
      for (const itemNode of kids.filter((c) => tagOf(c) === 'item')) {
        const itemLine = lineOf(itemNode)
        const ia = attributes(itemNode, 'item')
        children(itemNode, 'item')
        if (!ia.name) problems.add(`${where} ${itemLine}行目: <item> に name がありません。`)
        const spec = typeAndLength(ia, itemLine, 'item')
        const item: CurrentFormField = {name: ia.name ?? ''}
        if (spec.type !== undefined) item.type = spec.type
        if (ia.type) item.typeRaw = ia.type
        if (spec.length !== undefined) item.length = spec.length
        if (spec.scale !== undefined) item.scale = spec.scale
        if (ia.source) item.sourceField = ia.source
        item.source = source(itemLine)
        items.push(item)
      }
      const description = descriptionOf(kids, attrs.description)
      if (!wants('forms')) {
        skipped++
        continue
      }
      const form = {id, name: attrs.name ?? ''} as CurrentForm
      if (description !== undefined) form.description = description
      // The vendor's 対応表 as an attribute: present (even empty) means the vendor said which standard form it is.
      if (attrs.standardId !== undefined) form.standardIds = splitStandardIds(attrs.standardId)
      form.fields = items
      form.source = source(line)
      if (problems.total === 0) sink.form(form)
      counts.forms = (counts.forms ?? 0) + 1
    } else if (tag === 'function') {
      const id = attrs.id || attrs.name || ''
      if (id === '') problems.add(`${where} ${line}行目: <function> に id も name もありません。`)
      const inUse = flag(attrs.inUse, line, 'function', 'inUse')
      const kids = children(node, 'function')
      const category = kids
        .filter((c) => tagOf(c) === 'category')
        .map(textOf)
        .filter((c) => c !== '')
      const description = descriptionOf(kids, attrs.description)
      if (!wants('functions')) {
        skipped++
        continue
      }
      const fn: CurrentFunction = {id, name: attrs.name || id, inUse: true}
      if (category.length > 0) fn.category = category
      if (description !== undefined) fn.description = description
      fn.inUse = inUse ?? true
      fn.source = source(line)
      const standardIds = attrs.standardId === undefined ? undefined : splitStandardIds(attrs.standardId)
      if (problems.total === 0)
        sink.function({id: fn.id, name: fn.name, ...(fn.category ? {category: fn.category} : {}), ...(fn.description ? {description: fn.description} : {}), ...(standardIds ? {standardIds} : {}), inUse: fn.inUse, source: fn.source})
      counts.functions = (counts.functions ?? 0) + 1
    }
    if (problems.full) break
  }
  if (problems.total > 0) throw new InputError(`${where} に誤りがあります (${problems.total} 件)。ファイルは取り込んでいません。`, problems.list())
  return {counts, skipped}
}

function safeCodePoint(code: number): string | undefined {
  if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined
  return String.fromCodePoint(code)
}
