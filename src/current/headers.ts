/**
 * Header aliases and header-row detection (pure: no I/O).
 *
 * An alias dictionary maps, per kind of definition, each role (column meaning) to the header texts
 * exports use for it. Texts are compared after {@link normalizeHeader}; an entry written `/…/` is a
 * regular expression tested against the normalised header.
 */
import {normalizeHeader} from '../io/header-text.js'

export const IMPORT_KINDS = ['fields', 'forms', 'functions'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const KIND_LABELS_JA: Record<ImportKind, string> = {
  fields: '項目定義',
  forms: '帳票定義',
  functions: '機能一覧',
}

export const ROLES = {
  fields: [
    'table',
    'tableLabel',
    'column',
    'label',
    'type',
    'length',
    'scale',
    'required',
    'notNull',
    'nullable',
    'codeTable',
    'codes',
    'description',
    'remarks',
  ],
  forms: [
    'formId',
    'formName',
    'formDescription',
    'standardFormId',
    'itemOrder',
    'itemName',
    'type',
    'length',
    'scale',
    'sourceField',
    'sourceTable',
    'sourceColumn',
    'remarks',
  ],
  functions: ['id', 'name', 'description', 'inUse', 'category', 'standardId', 'remarks'],
} as const satisfies Record<ImportKind, readonly string[]>

export type RoleOf<K extends ImportKind> = (typeof ROLES)[K][number]
export type AnyRole = RoleOf<ImportKind>

/** Roles at least one of which must be present for a row to be a header of that kind. */
const KEY_ROLES: {[K in ImportKind]: readonly RoleOf<K>[]} = {
  fields: ['label', 'column'],
  forms: ['formId', 'formName'],
  functions: ['id', 'name'],
}

/** Kinds are tried in this order; the more specific headers (帳票ID, 機能ID) win over generic ones. */
const KIND_PRIORITY: readonly ImportKind[] = ['forms', 'functions', 'fields']

/** Roles whose columns are all used (in order) rather than only the leftmost. */
const MULTI_ROLES = new Set<string>(['category'])

export type AliasDictionary = {[K in ImportKind]?: {[R in RoleOf<K>]?: readonly string[]}}

export {normalizeHeader}

interface CompiledLayer {
  readonly name: string
  readonly exact: {[K in ImportKind]: Map<string, string>}
  readonly patterns: {[K in ImportKind]: {pattern: RegExp; role: string}[]}
}

export interface CompiledAliases {
  readonly layers: readonly CompiledLayer[]
  /** A few representative header texts per kind, for error messages. */
  readonly examples: {[K in ImportKind]: string[]}
}

export class AliasError extends Error {}

/**
 * Compiles alias layers, the first layer taking precedence (profile, then workspace, then bundled).
 * Throws {@link AliasError} on a bad regular expression or an alias given to two roles in one layer.
 */
export function compileAliases(layers: readonly {name: string; dictionary: AliasDictionary}[]): CompiledAliases {
  const compiled: CompiledLayer[] = []
  const written: {[K in ImportKind]: Map<string, string[]>} = {fields: new Map(), forms: new Map(), functions: new Map()}
  for (const {name, dictionary} of layers) {
    const layer: CompiledLayer = {
      name,
      exact: {fields: new Map(), forms: new Map(), functions: new Map()},
      patterns: {fields: [], forms: [], functions: []},
    }
    for (const kind of IMPORT_KINDS) {
      const roles = (dictionary[kind] ?? {}) as Record<string, readonly string[] | undefined>
      for (const [role, aliases] of Object.entries(roles)) {
        if (!(ROLES[kind] as readonly string[]).includes(role))
          throw new AliasError(`${name}: ${kind}.${role} は使えない役割です (使える役割: ${ROLES[kind].join(', ')})`)
        for (const alias of aliases ?? []) {
          const regex = /^\/(.+)\/$/.exec(alias)
          if (regex) {
            let pattern: RegExp
            try {
              pattern = new RegExp(regex[1]!, 'u')
            } catch (error) {
              throw new AliasError(`${name}: ${kind}.${role} の正規表現 ${alias} が正しくありません: ${(error as Error).message}`)
            }
            layer.patterns[kind].push({pattern, role})
            continue
          }
          const key = normalizeHeader(alias)
          if (key === '') continue
          const existing = layer.exact[kind].get(key)
          if (existing !== undefined && existing !== role)
            throw new AliasError(`${name}: 見出し「${alias}」が ${kind}.${existing} と ${kind}.${role} の両方にあります`)
          layer.exact[kind].set(key, role)
          written[kind].set(role, [...(written[kind].get(role) ?? []), alias])
        }
      }
    }
    compiled.push(layer)
  }
  // for messages: a few spellings of the name roles, then one of each other role
  const examples = Object.fromEntries(
    IMPORT_KINDS.map((kind) => {
      const keys = KEY_ROLES[kind] as readonly string[]
      const roles = [...keys, ...ROLES[kind].filter((role) => !keys.includes(role))]
      return [kind, roles.flatMap((role) => (written[kind].get(role) ?? []).slice(0, keys.includes(role) ? 3 : 1))]
    }),
  ) as {[K in ImportKind]: string[]}
  return {layers: compiled, examples}
}

/** The role a header cell names for this kind, or undefined. Exact aliases win over patterns. */
export function matchRole(aliases: CompiledAliases, kind: ImportKind, text: string): string | undefined {
  const key = normalizeHeader(text)
  if (key === '') return undefined
  for (const layer of aliases.layers) {
    const role = layer.exact[kind].get(key)
    if (role !== undefined) return role
  }
  for (const layer of aliases.layers) for (const {pattern, role} of layer.patterns[kind]) if (pattern.test(key)) return role
  return undefined
}

export interface HeaderMatch {
  /** Index of the header row in the rows given to {@link detectHeader}. */
  readonly index: number
  readonly kind: ImportKind
  /** Role → 0-based column index (leftmost column of that role). */
  readonly columns: ReadonlyMap<string, number>
  /** Columns of multi-column roles (category), in order. */
  readonly multi: ReadonlyMap<string, readonly number[]>
  /** Header texts as written, by column. */
  readonly cells: readonly string[]
  /** Recognised header texts written in two or more columns. */
  readonly duplicates: readonly {text: string; role: string; columns: readonly number[]}[]
  /** Columns whose role was already taken by a column to their left. */
  readonly shadowed: readonly {text: string; role: string; column: number}[]
}

export function matchHeaderRow(aliases: CompiledAliases, kind: ImportKind, cells: readonly string[], index: number): HeaderMatch | undefined {
  const columns = new Map<string, number>()
  const multi = new Map<string, number[]>()
  const byText = new Map<string, {text: string; role: string; columns: number[]}>()
  const shadowed: {text: string; role: string; column: number}[] = []
  cells.forEach((text, column) => {
    const role = matchRole(aliases, kind, text)
    if (role === undefined) return
    const key = normalizeHeader(text)
    const seen = byText.get(key)
    if (seen) seen.columns.push(column)
    else byText.set(key, {text: text.trim(), role, columns: [column]})
    if (MULTI_ROLES.has(role)) multi.set(role, [...(multi.get(role) ?? []), column])
    if (!columns.has(role)) columns.set(role, column)
    else if (!seen) shadowed.push({text: text.trim(), role, column})
  })
  if (!KEY_ROLES[kind].some((role) => columns.has(role as string))) return undefined
  if (columns.size < 2) return undefined
  const duplicates = [...byText.values()].filter((entry) => entry.columns.length > 1)
  return {index, kind, columns, multi, cells, duplicates, shadowed}
}

export interface DetectOptions {
  /** Only these kinds are considered (from --kind or a profile). */
  readonly kinds?: readonly ImportKind[]
  /** Use this row (index into rows) as the header instead of searching. */
  readonly headerIndex?: number
}

/**
 * Finds the header row among the first rows of a table: the row that names the most roles of one kind
 * (at least 2, including a name role), the earliest on a tie. Title rows above it are ignored.
 */
export function detectHeader(aliases: CompiledAliases, rows: readonly (readonly string[])[], options: DetectOptions = {}): HeaderMatch | undefined {
  const kinds = KIND_PRIORITY.filter((kind) => !options.kinds || options.kinds.includes(kind))
  const candidates = options.headerIndex === undefined ? rows.map((_, i) => i) : [options.headerIndex]
  let best: HeaderMatch | undefined
  for (const index of candidates) {
    const cells = rows[index]
    if (!cells) continue
    for (const kind of kinds) {
      const match = matchHeaderRow(aliases, kind, cells, index)
      if (!match) continue
      if (!best || match.columns.size > best.columns.size) best = match
      break // the first (most specific) kind that fits this row
    }
  }
  return best
}

/** True when a data row repeats the header (a second table section on the same sheet). */
export function isRepeatedHeader(aliases: CompiledAliases, header: HeaderMatch, cells: readonly string[]): boolean {
  // cheap first: a repeated header nearly always repeats some header texts as they are
  let same = 0
  for (const column of header.columns.values()) {
    const text = cells[column]
    if (text !== undefined && text !== '' && text.trim() === header.cells[column]?.trim()) same++
  }
  if (same >= 2) return true
  if (same === 0) return false
  let hits = 0
  for (const [role, column] of header.columns) {
    const text = cells[column]
    if (text !== undefined && text !== '' && matchRole(aliases, header.kind, text) === role) hits++
  }
  return hits >= 2
}

/** Text used in the "header not found" message: what we expected, per kind. */
export function expectedHeadersText(aliases: CompiledAliases, kinds: readonly ImportKind[] = IMPORT_KINDS): string[] {
  return kinds.map((kind) => `${KIND_LABELS_JA[kind]}: ${aliases.examples[kind].map((e) => `「${e}」`).join(' ')} など`)
}
