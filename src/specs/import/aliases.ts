import {readFileSync} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {InputError} from '../../errors.js'
import {normalizeHeader} from '../../io/header-text.js'
import {parseYamlSource, validateYaml} from '../../io/yaml-source.js'
import {BUNDLED_MAPPINGS_DIR, displayPath} from '../../paths.js'
import {SHEET_FIELDS, SHEET_KINDS, type SheetKind} from './types.js'

export const BUNDLED_ALIASES_FILE = path.join(BUNDLED_MAPPINGS_DIR, 'spec-header-aliases.yaml')

const aliasList = z.array(z.string().trim().min(1))

/** Per kind: field → aliases. Unknown field names are rejected so a typo in a profile is noticed. */
const fieldAliasesSchema = z.strictObject(
  Object.fromEntries(
    SHEET_KINDS.map((kind) => [
      kind,
      z.strictObject(Object.fromEntries(SHEET_FIELDS[kind].map((field) => [field, aliasList.optional()]))).optional(),
    ]),
  ) as Record<SheetKind, z.ZodOptional<z.ZodObject<Record<string, z.ZodOptional<typeof aliasList>>>>>,
)

export const sheetNamesSchema = z.strictObject({
  functions: aliasList.optional(),
  forms: aliasList.optional(),
  formFields: aliasList.optional(),
  dataItems: aliasList.optional(),
  codeLists: aliasList.optional(),
  ignore: aliasList.optional(),
})

export const aliasFileSchema = z.strictObject({
  version: z.literal(1),
  sheetNames: sheetNamesSchema,
  fields: fieldAliasesSchema,
})

export type FieldAliasesInput = z.output<typeof fieldAliasesSchema>
export type SheetNamesInput = z.output<typeof sheetNamesSchema>

/** The alias dictionary in use: normalised labels → field, per kind, plus sheet-name patterns. */
export interface AliasDictionary {
  /** kind → normalised alias → field. */
  readonly fields: Record<SheetKind, Map<string, string>>
  /** kind (or 'ignore') → normalised sheet-name fragments. */
  readonly sheetNames: Record<SheetKind | 'ignore', string[]>
}

/** The spellings a header is tried under, most specific first: as written, without (…) remarks, without a ※ note. */
export function labelCandidates(raw: string): string[] {
  const full = normalizeHeader(raw)
  const out = [full]
  const noNote = normalizeHeader(raw.normalize('NFKC').replace(/[※*].*$/su, ''))
  const noParens = normalizeHeader(raw.normalize('NFKC').replace(/\([^)]*\)/g, '').replace(/[※*].*$/su, ''))
  const firstLine = normalizeHeader(raw.normalize('NFKC').split(/\r?\n/)[0] ?? '')
  for (const candidate of [noNote, noParens, firstLine]) if (candidate !== '' && !out.includes(candidate)) out.push(candidate)
  return out
}

export function emptyDictionary(): AliasDictionary {
  return {
    fields: {functions: new Map(), forms: new Map(), formFields: new Map(), dataItems: new Map(), codeLists: new Map()},
    sheetNames: {functions: [], forms: [], formFields: [], dataItems: [], codeLists: [], ignore: []},
  }
}

/** Adds aliases to a dictionary (later additions win when a spelling is given twice). */
export function addAliases(dictionary: AliasDictionary, fields: FieldAliasesInput | undefined, sheetNames?: SheetNamesInput): void {
  for (const kind of SHEET_KINDS) {
    const perField = fields?.[kind]
    if (!perField) continue
    for (const [field, aliases] of Object.entries(perField)) {
      for (const alias of aliases ?? []) dictionary.fields[kind].set(normalizeHeader(alias), field)
    }
  }
  for (const [kind, names] of Object.entries(sheetNames ?? {}) as [SheetKind | 'ignore', string[] | undefined][]) {
    for (const name of names ?? []) {
      const normalised = normalizeHeader(name)
      if (!dictionary.sheetNames[kind].includes(normalised)) dictionary.sheetNames[kind].push(normalised)
    }
  }
}

let bundled: {fields: FieldAliasesInput; sheetNames: SheetNamesInput} | undefined

/** The bundled dictionary (mappings/spec-header-aliases.yaml), as a fresh mutable copy. */
export function loadBundledAliases(file = BUNDLED_ALIASES_FILE): AliasDictionary {
  if (!bundled || file !== BUNDLED_ALIASES_FILE) {
    const source = parseYamlSource(readFileSync(file, 'utf8'), displayPath(file))
    const result = validateYaml(source, aliasFileSchema)
    if (!result.value) throw new InputError(`見出しの別名辞書 ${source.displayPath} が正しくありません。`, result.problems)
    const loaded = {fields: result.value.fields, sheetNames: result.value.sheetNames}
    if (file !== BUNDLED_ALIASES_FILE) {
      const dictionary = emptyDictionary()
      addAliases(dictionary, loaded.fields, loaded.sheetNames)
      return dictionary
    }
    bundled = loaded
  }
  const dictionary = emptyDictionary()
  addAliases(dictionary, bundled.fields, bundled.sheetNames)
  return dictionary
}

/** The field a header label stands for on a sheet of the given kind, if any. */
export function fieldForLabel(dictionary: AliasDictionary, kind: SheetKind, raw: string): string | undefined {
  if (raw.trim() === '') return undefined
  for (const candidate of labelCandidates(raw)) {
    const field = dictionary.fields[kind].get(candidate)
    if (field) return field
  }
  return undefined
}

/** The kind a sheet name points at (the longest matching fragment wins), 'ignore', or undefined. */
export function kindForSheetName(dictionary: AliasDictionary, sheetName: string): SheetKind | 'ignore' | undefined {
  const name = normalizeHeader(sheetName)
  let best: {kind: SheetKind | 'ignore'; length: number} | undefined
  for (const [kind, fragments] of Object.entries(dictionary.sheetNames) as [SheetKind | 'ignore', string[]][]) {
    for (const fragment of fragments) {
      if (fragment !== '' && name.includes(fragment) && (!best || fragment.length > best.length)) best = {kind, length: fragment.length}
    }
  }
  return best?.kind
}
