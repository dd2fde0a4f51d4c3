/**
 * Edition diff of two spec catalogues of one 業務 (`fitgap specs diff`, and the carry-over of decisions in analyze).
 * Pure: catalogues in, a plain JSON-able result out (no fs, no exceljs). Deterministic for the same inputs
 * (word segmentation uses the ICU data of the running Node, so the exact word boundaries may differ between ICU versions).
 *
 * Matching: entries are matched by ID first (IDs are stable across 版). Entries left over on both sides are then paired
 * by 項番 + 名称 (+ 本文) similarity and reported as `renumbered` with a confidence; the rest are `added` / `removed`.
 */
import {diffArrays} from 'diff'

import type {DataItem, FormField, FormSpec, FunctionReq, SpecCatalog} from '../model/catalog.js'
import {type ImplementationKind, KIND_LABELS} from '../model/vocabulary.js'

/**
 * What happened to an entry between the editions.
 * - `unchanged`: same ID, every compared attribute equal.
 * - `changed`: same ID, at least one attribute differs (see `changes`).
 * - `renumbered`: the ID differs but the entry was matched by 項番/名称/本文 (see `match`); `changes` lists any other
 *   differences, so a renumbered entry with no `changes` is the same requirement under a new ID.
 * - `added` / `removed`: only in the new / old edition.
 */
export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged' | 'renumbered'
export const DIFF_STATUSES: readonly DiffStatus[] = ['added', 'removed', 'changed', 'renumbered', 'unchanged']

export type Severity = 'error' | 'warning' | 'info'

/**
 * One piece of a word-level text diff, in reading order. Joining the `equal` and `removed` parts gives the old text;
 * joining the `equal` and `added` parts gives the new one. Within a changed stretch the removed part comes first.
 */
export interface TextPart {
  op: 'equal' | 'removed' | 'added'
  text: string
}

/**
 * A change of 実装区分 and what it means for a municipality:
 * - `prohibition` (→ 実装不可機能): severity `error` — a function in use must be given up (業務の見直し).
 * - `obligation` (→ 実装必須機能): severity `warning` — it must now be there; a current system without it has a gap.
 * - `relaxation` (→ 標準オプション機能): severity `info` — it became a choice.
 */
export interface KindChange {
  from: ImplementationKind
  to: ImplementationKind
  direction: 'obligation' | 'prohibition' | 'relaxation'
  severity: Severity
  /** Japanese explanation for reports. */
  message: string
}

/** Attribute values as found in the catalogues (`null` when the attribute is absent). */
export type AttributeValue = string | number | boolean | readonly string[] | null

/** One attribute that differs between the editions. */
export interface AttributeChange {
  /** Catalogue key: functions section/category/name/text/kind/notes; forms name/category/kind/description/fields;
   * data items group/name/nameEn/description/type/length/scale/required/codeTable. */
  attribute: string
  /** Japanese name of the attribute. */
  label: string
  from: AttributeValue
  to: AttributeValue
  /** Word-level diff, for text attributes (要件, 概要, 説明, 備考, 名称). */
  textDiff: TextPart[] | null
}

/** How a renumbered entry was paired. `confidence` is 0–1 (two decimals); 0.9 and above is a near-certain match. */
export interface RenumberMatch {
  /** 'section+name': same 項番 and 名称; 'name': same 名称; 'text': (almost) the same 本文; 'similarity': similar 名称 and 本文. */
  by: 'section+name' | 'name' | 'text' | 'similarity'
  confidence: number
}

/** Common shape of a function / form / data-item diff. */
export interface EntryDiff<T> {
  /** Stable key within the diff: `<kind>:<new ID>` (or `<kind>:<old ID>` for removed entries). */
  key: string
  status: DiffStatus
  /** ID in the old edition (null when added). */
  fromId: string | null
  /** ID in the new edition (null when removed). */
  toId: string | null
  /** 名称 in the new edition (old one for removed entries). */
  name: string
  /** Set only for `renumbered`. */
  match: RenumberMatch | null
  /** Attributes that differ (IDs excluded). Empty for unchanged / added / removed. */
  changes: AttributeChange[]
  /** The entry in the old edition (null when added). */
  from: T | null
  /** The entry in the new edition (null when removed). */
  to: T | null
}

export interface FunctionDiff extends EntryDiff<FunctionReq> {
  /** 項番 in the new edition (old one for removed entries). */
  section: string | null
  /** Word-level diff of the requirement text when it changed; null otherwise. */
  textDiff: TextPart[] | null
  /** Set when 実装区分 changed. */
  kindChange: KindChange | null
}

/** A printed item (印字項目) of a form present in either edition. */
export interface FormFieldDiff {
  status: 'added' | 'removed' | 'changed' | 'unchanged'
  name: string
  /** 0-based positions in the old / new form (null when absent). */
  fromIndex: number | null
  toIndex: number | null
  /** name / dataItem / type / length differences. */
  changes: AttributeChange[]
  from: FormField | null
  to: FormField | null
}

export interface FormDiff extends EntryDiff<FormSpec> {
  kindChange: KindChange | null
  /** Every printed item of both editions, in new order with removed items after their old predecessor. */
  fields: FormFieldDiff[]
  /** True when items present in both editions are printed in another order. */
  fieldsReordered: boolean
}

export interface DataItemDiff extends EntryDiff<DataItem> {
  group: string
}

export type StatusCounts = Record<DiffStatus, number>

export interface EditionRef {
  edition: string
  title: string
  provenance: SpecCatalog['provenance']['type']
  /** Source workbook of an imported catalogue. */
  source: string | null
}

export interface CatalogDiff {
  area: string
  from: EditionRef
  to: EditionRef
  summary: {
    functions: StatusCounts
    forms: StatusCounts
    dataItems: StatusCounts
    /** 実装区分 changes of functions and forms, by severity. */
    kindChanges: Record<Severity, number>
  }
  functions: FunctionDiff[]
  forms: FormDiff[]
  dataItems: DataItemDiff[]
}

// ---------------------------------------------------------------- text

let segmenter: Intl.Segmenter | undefined

/** Japanese-aware word tokens (ICU dictionary segmentation); joining them gives the text back. */
export function wordTokens(text: string): string[] {
  segmenter ??= new Intl.Segmenter('ja', {granularity: 'word'})
  return Array.from(segmenter.segment(text), (s) => s.segment)
}

/** Word-level diff of two texts (see TextPart). Tiny equal fragments inside a changed stretch are folded into it. */
export function diffText(from: string, to: string): TextPart[] {
  if (from === to) return from === '' ? [] : [{op: 'equal', text: from}]
  const raw: TextPart[] = []
  for (const change of diffArrays(wordTokens(from), wordTokens(to))) {
    const text = change.value.join('')
    if (text !== '') raw.push({op: change.added ? 'added' : change.removed ? 'removed' : 'equal', text})
  }
  // Fold one-character equal parts sandwiched between changes (a lone 「の」 or 「、」) into the change around them.
  const folded: TextPart[] = []
  raw.forEach((part, i) => {
    const prev = raw[i - 1]
    const next = raw[i + 1]
    if (part.op === 'equal' && [...part.text].length <= 1 && prev && next && prev.op !== 'equal' && next.op !== 'equal') {
      folded.push({op: 'removed', text: part.text}, {op: 'added', text: part.text})
    } else folded.push(part)
  })
  // Within each changed stretch: all removed text first, then all added text.
  const out: TextPart[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed !== '') out.push({op: 'removed', text: removed})
    if (added !== '') out.push({op: 'added', text: added})
    removed = ''
    added = ''
  }
  for (const part of folded) {
    if (part.op === 'removed') removed += part.text
    else if (part.op === 'added') added += part.text
    else {
      flush()
      const last = out.at(-1)
      if (last?.op === 'equal') last.text += part.text
      else out.push({...part})
    }
  }
  flush()
  return out
}

/** The old / new text back from a diff. */
export function textOf(parts: readonly TextPart[], side: 'from' | 'to'): string {
  return parts.filter((p) => p.op === 'equal' || p.op === (side === 'from' ? 'removed' : 'added')).map((p) => p.text).join('')
}

const fold = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase()

function bigrams(s: string): Map<string, number> {
  const chars = [...fold(s)]
  const out = new Map<string, number>()
  if (chars.length === 1) out.set(chars[0]!, 1)
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!
    out.set(g, (out.get(g) ?? 0) + 1)
  }
  return out
}

/** Dice coefficient on character bigrams (0–1) after NFKC and without white space. */
export function similarity(a: string, b: string): number {
  if (fold(a) === fold(b)) return 1
  const x = bigrams(a)
  const y = bigrams(b)
  let total = 0
  let common = 0
  for (const n of x.values()) total += n
  for (const n of y.values()) total += n
  for (const [g, n] of x) common += Math.min(n, y.get(g) ?? 0)
  return total === 0 ? 0 : (2 * common) / total
}

// ---------------------------------------------------------------- 実装区分

/** The meaning of a 実装区分 change (see KindChange). */
export function classifyKindChange(from: ImplementationKind, to: ImplementationKind): KindChange | null {
  if (from === to) return null
  const arrow = `${KIND_LABELS[from]} → ${KIND_LABELS[to]}`
  if (to === 'prohibited')
    return {
      from,
      to,
      direction: 'prohibition',
      severity: 'error',
      message:
        from === 'optional'
          ? `${arrow}: 実装してはならない機能になりました。標準オプションとして採用・利用していれば廃止と業務の見直しが必要です`
          : `${arrow}: 実装してはならない機能になりました。現行で利用していれば廃止と業務の見直しが必要です`,
    }
  if (to === 'mandatory')
    return {
      from,
      to,
      direction: 'obligation',
      severity: 'warning',
      message:
        from === 'optional'
          ? `${arrow}: 必ず実装する機能になりました。採用しないと決めていた団体も対応が必要です`
          : `${arrow}: 禁止から必須に変わりました。現行で未対応なら不適合です`,
    }
  return {
    from,
    to,
    direction: 'relaxation',
    severity: 'info',
    message:
      from === 'mandatory'
        ? `${arrow}: 実装するかどうかを選べるようになりました`
        : `${arrow}: 禁止が解かれ、実装するかどうかを選べるようになりました`,
  }
}

// ---------------------------------------------------------------- attributes

interface AttributeSpec<T> {
  attribute: string
  label: string
  get: (entry: T) => AttributeValue
  text?: boolean
}

const FUNCTION_ATTRIBUTES: AttributeSpec<FunctionReq>[] = [
  {attribute: 'section', label: '項番', get: (f) => f.section ?? null},
  {attribute: 'category', label: '分類', get: (f) => f.category},
  {attribute: 'name', label: '機能名称', get: (f) => f.name, text: true},
  {attribute: 'text', label: '要件', get: (f) => f.text, text: true},
  {attribute: 'kind', label: '実装区分', get: (f) => f.kind},
  {attribute: 'notes', label: '備考', get: (f) => f.notes ?? null, text: true},
]

const FORM_ATTRIBUTES: AttributeSpec<FormSpec>[] = [
  {attribute: 'name', label: '帳票名称', get: (f) => f.name, text: true},
  {attribute: 'category', label: '種別', get: (f) => f.category},
  {attribute: 'kind', label: '実装区分', get: (f) => f.kind},
  {attribute: 'description', label: '概要', get: (f) => f.description ?? null, text: true},
]

const FIELD_ATTRIBUTES: AttributeSpec<FormField>[] = [
  {attribute: 'name', label: '印字項目名', get: (f) => f.name, text: true},
  {attribute: 'dataItem', label: 'データ項目', get: (f) => f.dataItem ?? null},
  {attribute: 'type', label: '型', get: (f) => f.type ?? null},
  {attribute: 'length', label: '桁数', get: (f) => f.length ?? null},
]

const DATA_ITEM_ATTRIBUTES: AttributeSpec<DataItem>[] = [
  {attribute: 'group', label: 'グループ', get: (d) => d.group},
  {attribute: 'name', label: '項目名', get: (d) => d.name, text: true},
  {attribute: 'nameEn', label: '英語名', get: (d) => d.nameEn ?? null},
  {attribute: 'description', label: '説明', get: (d) => d.description ?? null, text: true},
  {attribute: 'type', label: '型', get: (d) => d.type},
  {attribute: 'length', label: '桁数', get: (d) => d.length ?? null},
  {attribute: 'scale', label: '小数桁', get: (d) => d.scale ?? null},
  {attribute: 'required', label: '必須', get: (d) => d.required},
  {attribute: 'codeTable', label: 'コード表', get: (d) => d.codeTable ?? null},
]

function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i])
  return a === b
}

function compareAttributes<T>(specs: readonly AttributeSpec<T>[], from: T, to: T): AttributeChange[] {
  const out: AttributeChange[] = []
  for (const spec of specs) {
    const a = spec.get(from)
    const b = spec.get(to)
    if (sameValue(a, b)) continue
    out.push({
      attribute: spec.attribute,
      label: spec.label,
      from: a,
      to: b,
      textDiff: spec.text ? diffText(typeof a === 'string' ? a : '', typeof b === 'string' ? b : '') : null,
    })
  }
  return out
}

// ---------------------------------------------------------------- matching

interface Pairing {
  fromIndex: number | null
  toIndex: number | null
  match: RenumberMatch | null
}

/**
 * Pairs entries by ID, then pairs the leftovers by a similarity score (greedy, best score first; ties by position).
 * Returns the pairs in new-edition order, each removed entry placed after the entry that preceded it in the old edition.
 */
function pairEntries<T extends {id: string}>(
  from: readonly T[],
  to: readonly T[],
  score: (a: T, b: T) => RenumberMatch | null,
): Pairing[] {
  const toById = new Map(to.map((entry, index) => [entry.id, index]))
  const pairs: Pairing[] = []
  const matchedTo = new Set<number>()
  const leftFrom: number[] = []
  from.forEach((entry, index) => {
    const j = toById.get(entry.id)
    if (j !== undefined && !matchedTo.has(j)) {
      matchedTo.add(j)
      pairs.push({fromIndex: index, toIndex: j, match: null})
    } else leftFrom.push(index)
  })
  const leftTo = to.map((_, j) => j).filter((j) => !matchedTo.has(j))
  const candidates: {i: number; j: number; match: RenumberMatch}[] = []
  const large = leftFrom.length * leftTo.length > 250_000
  for (const i of leftFrom) {
    for (const j of leftTo) {
      const a = from[i]!
      const b = to[j]!
      if (large && fold((a as {name?: string}).name ?? '') !== fold((b as {name?: string}).name ?? '')) continue
      const match = score(a, b)
      if (match) candidates.push({i, j, match})
    }
  }
  candidates.sort((x, y) => y.match.confidence - x.match.confidence || x.i - y.i || x.j - y.j)
  const usedFrom = new Set<number>()
  for (const {i, j, match} of candidates) {
    if (usedFrom.has(i) || matchedTo.has(j)) continue
    usedFrom.add(i)
    matchedTo.add(j)
    pairs.push({fromIndex: i, toIndex: j, match})
  }
  for (const i of leftFrom) if (!usedFrom.has(i)) pairs.push({fromIndex: i, toIndex: null, match: null})
  for (const j of leftTo) if (!matchedTo.has(j)) pairs.push({fromIndex: null, toIndex: j, match: null})
  return orderPairs(pairs, from.length)
}

/** New-edition order; a removed entry goes right after the nearest old predecessor that still exists. */
function orderPairs(pairs: Pairing[], fromLength: number): Pairing[] {
  const toIndexOfFrom = new Array<number | null>(fromLength).fill(null)
  for (const p of pairs) if (p.fromIndex !== null) toIndexOfFrom[p.fromIndex] = p.toIndex
  const position = (p: Pairing): [number, number] => {
    if (p.toIndex !== null) return [p.toIndex, 0]
    let anchor = -1
    for (let i = p.fromIndex! - 1; i >= 0; i--) {
      const t = toIndexOfFrom[i]
      if (t !== null && t !== undefined) {
        anchor = t
        break
      }
    }
    return [anchor, 1 + p.fromIndex! / (fromLength + 1)]
  }
  return pairs
    .map((p) => ({p, pos: position(p)}))
    .sort((a, b) => a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1])
    .map(({p}) => p)
}

const round2 = (n: number) => Math.round(n * 100) / 100

function scoreFunctions(a: FunctionReq, b: FunctionReq): RenumberMatch | null {
  const nameSim = similarity(a.name, b.name)
  const textSim = similarity(a.text, b.text)
  const sameSection = a.section !== undefined && a.section === b.section
  if (nameSim === 1 && sameSection) return {by: 'section+name', confidence: round2(Math.min(1, 0.9 + 0.1 * textSim))}
  if (nameSim === 1) return {by: 'name', confidence: round2(0.75 + 0.2 * textSim)}
  if (textSim >= 0.9) return {by: 'text', confidence: round2(0.7 + 0.1 * nameSim + 0.1 * textSim + (sameSection ? 0.05 : 0))}
  const combined = 0.5 * nameSim + 0.35 * textSim + (sameSection ? 0.15 : 0)
  if (combined >= 0.7 && nameSim >= 0.6) return {by: 'similarity', confidence: round2(combined)}
  return null
}

function scoreForms(a: FormSpec, b: FormSpec): RenumberMatch | null {
  const nameSim = similarity(a.name, b.name)
  if (nameSim === 1) return {by: 'name', confidence: a.category === b.category ? 0.9 : 0.8}
  if (nameSim >= 0.8) return {by: 'similarity', confidence: round2(0.6 * nameSim + (a.category === b.category ? 0.2 : 0))}
  return null
}

function scoreDataItems(a: DataItem, b: DataItem): RenumberMatch | null {
  const nameSim = similarity(a.name, b.name)
  const sameGroup = fold(a.group) === fold(b.group)
  if (nameSim === 1 && sameGroup) return {by: 'name', confidence: a.type === b.type ? 0.95 : 0.85}
  if (nameSim === 1) return {by: 'name', confidence: 0.7}
  if (nameSim >= 0.85 && sameGroup && a.type === b.type) return {by: 'similarity', confidence: round2(0.8 * nameSim)}
  return null
}

// ---------------------------------------------------------------- entries

function statusOf(pair: Pairing, changes: readonly AttributeChange[]): DiffStatus {
  if (pair.fromIndex === null) return 'added'
  if (pair.toIndex === null) return 'removed'
  if (pair.match) return 'renumbered'
  return changes.length > 0 ? 'changed' : 'unchanged'
}

function base<T extends {id: string; name: string}>(
  prefix: string,
  pair: Pairing,
  from: readonly T[],
  to: readonly T[],
  changes: AttributeChange[],
): EntryDiff<T> {
  const a = pair.fromIndex !== null ? from[pair.fromIndex]! : null
  const b = pair.toIndex !== null ? to[pair.toIndex]! : null
  return {
    key: `${prefix}:${(b ?? a)!.id}`,
    status: statusOf(pair, changes),
    fromId: a?.id ?? null,
    toId: b?.id ?? null,
    name: (b ?? a)!.name,
    match: pair.match,
    changes,
    from: a,
    to: b,
  }
}

function diffFields(from: readonly FormField[], to: readonly FormField[]): {fields: FormFieldDiff[]; reordered: boolean} {
  const toUsed = new Set<number>()
  const fromToTo = new Array<number | null>(from.length).fill(null)
  // 1st pass: same data item reference; 2nd pass: same name (NFKC, no spaces). In order, so repeated names pair up in turn.
  const passes: ((a: FormField, b: FormField) => boolean)[] = [
    (a, b) => a.dataItem !== undefined && a.dataItem === b.dataItem,
    (a, b) => fold(a.name) === fold(b.name),
  ]
  for (const same of passes) {
    from.forEach((a, i) => {
      if (fromToTo[i] !== null) return
      const j = to.findIndex((b, k) => !toUsed.has(k) && same(a, b))
      if (j >= 0) {
        fromToTo[i] = j
        toUsed.add(j)
      }
    })
  }
  const pairs: Pairing[] = []
  from.forEach((_, i) => pairs.push({fromIndex: i, toIndex: fromToTo[i] ?? null, match: null}))
  to.forEach((_, j) => {
    if (!toUsed.has(j)) pairs.push({fromIndex: null, toIndex: j, match: null})
  })
  const matchedOrder = fromToTo.filter((j): j is number => j !== null)
  const reordered = matchedOrder.some((j, k) => k > 0 && j < matchedOrder[k - 1]!)
  const fields = orderPairs(pairs, from.length).map((pair): FormFieldDiff => {
    const a = pair.fromIndex !== null ? from[pair.fromIndex]! : null
    const b = pair.toIndex !== null ? to[pair.toIndex]! : null
    const changes = a && b ? compareAttributes(FIELD_ATTRIBUTES, a, b) : []
    return {
      status: !a ? 'added' : !b ? 'removed' : changes.length > 0 ? 'changed' : 'unchanged',
      name: (b ?? a)!.name,
      fromIndex: pair.fromIndex,
      toIndex: pair.toIndex,
      changes,
      from: a,
      to: b,
    }
  })
  return {fields, reordered}
}

function countStatuses(entries: readonly {status: DiffStatus}[]): StatusCounts {
  const counts: StatusCounts = {added: 0, removed: 0, changed: 0, renumbered: 0, unchanged: 0}
  for (const e of entries) counts[e.status] += 1
  return counts
}

function editionRef(catalog: SpecCatalog): EditionRef {
  return {
    edition: catalog.edition,
    title: catalog.title,
    provenance: catalog.provenance.type,
    source: catalog.provenance.type === 'official' ? catalog.provenance.source : null,
  }
}

/** Diffs two editions of one 業務's catalogue (see CatalogDiff). `from` is the older edition. */
export function diffCatalogs(from: SpecCatalog, to: SpecCatalog): CatalogDiff {
  const functions = pairEntries(from.functions, to.functions, scoreFunctions).map((pair): FunctionDiff => {
    const a = pair.fromIndex !== null ? from.functions[pair.fromIndex]! : null
    const b = pair.toIndex !== null ? to.functions[pair.toIndex]! : null
    const changes = a && b ? compareAttributes(FUNCTION_ATTRIBUTES, a, b) : []
    const entry = base('fn', pair, from.functions, to.functions, changes)
    return {
      ...entry,
      section: (b ?? a)!.section ?? null,
      textDiff: changes.find((c) => c.attribute === 'text')?.textDiff ?? null,
      kindChange: a && b ? classifyKindChange(a.kind, b.kind) : null,
    }
  })
  const forms = pairEntries(from.forms, to.forms, scoreForms).map((pair): FormDiff => {
    const a = pair.fromIndex !== null ? from.forms[pair.fromIndex]! : null
    const b = pair.toIndex !== null ? to.forms[pair.toIndex]! : null
    const changes = a && b ? compareAttributes(FORM_ATTRIBUTES, a, b) : []
    const {fields, reordered} = diffFields(a?.fields ?? [], b?.fields ?? [])
    if (a && b && (reordered || fields.some((f) => f.status !== 'unchanged')))
      changes.push({
        attribute: 'fields',
        label: '印字項目',
        from: a.fields.map((f) => f.name),
        to: b.fields.map((f) => f.name),
        textDiff: null,
      })
    return {
      ...base('form', pair, from.forms, to.forms, changes),
      kindChange: a && b ? classifyKindChange(a.kind, b.kind) : null,
      fields,
      fieldsReordered: reordered,
    }
  })
  const dataItems = pairEntries(from.dataItems, to.dataItems, scoreDataItems).map((pair): DataItemDiff => {
    const a = pair.fromIndex !== null ? from.dataItems[pair.fromIndex]! : null
    const b = pair.toIndex !== null ? to.dataItems[pair.toIndex]! : null
    const changes = a && b ? compareAttributes(DATA_ITEM_ATTRIBUTES, a, b) : []
    return {...base('item', pair, from.dataItems, to.dataItems, changes), group: (b ?? a)!.group}
  })
  const kindChanges: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  for (const entry of [...functions, ...forms]) if (entry.kindChange) kindChanges[entry.kindChange.severity] += 1
  return {
    area: to.area,
    from: editionRef(from),
    to: editionRef(to),
    summary: {
      functions: countStatuses(functions),
      forms: countStatuses(forms),
      dataItems: countStatuses(dataItems),
      kindChanges,
    },
    functions,
    forms,
    dataItems,
  }
}
