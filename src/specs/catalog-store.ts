import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {InputError} from '../errors.js'
import {parseAndValidateYaml, parseYamlSource} from '../io/yaml-source.js'
import type {Area} from '../model/area.js'
import {catalogSchema, type SpecCatalog} from '../model/catalog.js'
import {BUNDLED_SPECS_DIR, displayPath} from '../paths.js'
import {loadRegistry} from './registry.js'

export interface CatalogFile {
  readonly area: string
  readonly edition: string
  readonly file: string
  /** Marked `fictional: true` (a made-up revision for demos): never chosen unless named. */
  readonly fictional: boolean
}

/** The parts of a catalogue an edition may lack (a 機能・帳票要件 workbook imported alone has no data items). */
export const CATALOG_PARTS = ['functions', 'forms', 'dataItems'] as const
export type CatalogPart = (typeof CATALOG_PARTS)[number]
export const CATALOG_PART_LABELS: Record<CatalogPart, string> = {functions: '機能要件', forms: '帳票', dataItems: 'データ項目'}

/** A catalogue as commands use it: parts the edition lacks are taken from the newest edition that has them. */
export type LoadedCatalog = SpecCatalog & {
  /** part → the edition it was taken from. */
  readonly borrowed?: Partial<Record<CatalogPart, string>>
}

const FICTIONAL_MARK = /^fictional:\s*true\s*$/m

const isFictional = (file: string): boolean => {
  try {
    return FICTIONAL_MARK.test(readFileSync(file, 'utf8'))
  } catch {
    return false
  }
}

const byEdition = (a: CatalogFile, b: CatalogFile) => a.edition.localeCompare(b.edition, 'ja', {numeric: true})

/** Catalogue files of one 業務 in a specs folder, oldest edition first. */
export function listCatalogFiles(areaSlug: string, specsDir = BUNDLED_SPECS_DIR): CatalogFile[] {
  const dir = path.join(specsDir, areaSlug)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => {
      const file = path.join(dir, name)
      return {area: areaSlug, edition: name.slice(0, -'.yaml'.length), file, fictional: isFictional(file)}
    })
    .sort(byEdition)
}

/** Every catalogue file under a specs folder (one subfolder per 業務). */
export function listAllCatalogFiles(specsDir = BUNDLED_SPECS_DIR): CatalogFile[] {
  return loadRegistry().areas.flatMap((area) => listCatalogFiles(area.slug, specsDir))
}

export type CatalogCheck = {catalog: SpecCatalog; problems: []} | {catalog: undefined; problems: string[]}

/** Validates a catalogue's text: schema, references, and that area/edition agree with the file's place. */
export function checkCatalogText(text: string, file: string): CatalogCheck {
  const shown = displayPath(file)
  let result
  try {
    result = parseAndValidateYaml(text, shown, catalogSchema)
  } catch (error) {
    if (error instanceof InputError) return {catalog: undefined, problems: [...error.problems]}
    throw error
  }
  if (!result.value) return {catalog: undefined, problems: result.problems}
  const catalog = result.value
  const mismatches: {path: string; message: string}[] = []
  const registry = loadRegistry()
  if (!registry.areas.some((area) => area.slug === catalog.area))
    mismatches.push({path: 'area', message: `業務「${catalog.area}」は登録簿にありません (slug で書いてください)`})
  const edition = path.basename(file, '.yaml')
  if (catalog.edition !== edition) mismatches.push({path: 'edition', message: `「${catalog.edition}」はファイル名の版「${edition}」と一致しません`})
  const folder = path.basename(path.dirname(file))
  if (registry.areas.some((area) => area.slug === folder) && folder !== catalog.area)
    mismatches.push({path: 'area', message: `「${catalog.area}」はフォルダ「${folder}」と一致しません`})
  if (mismatches.length === 0) return {catalog, problems: []}
  const source = parseYamlSource(text, shown)
  return {catalog: undefined, problems: mismatches.map((m) => `${shown}:${source.lineOf([m.path])} ${m.path}: ${m.message}`)}
}

export function checkCatalogFile(file: string): CatalogCheck {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return {catalog: undefined, problems: [`${displayPath(file)}: ファイルを読めません`]}
  }
  return checkCatalogText(text, file)
}

export function loadCatalogFile(file: string): SpecCatalog {
  const result = checkCatalogFile(file)
  if (!result.catalog) throw new InputError(`カタログ ${displayPath(file)} に誤りがあります。`, result.problems)
  return result.catalog
}

/**
 * Editions of an 業務 across several specs folders, given most important first (the workspace's imported ones,
 * then the bundled ones). An edition in an earlier folder hides the same edition in a later one. Oldest first:
 * a later folder's editions come before an earlier folder's, so an official edition the team imported counts as
 * newer than every bundled representative one, whatever its name; within a folder, by name.
 */
export function listEditions(areaSlug: string, specsDirs: string | readonly string[] = BUNDLED_SPECS_DIR): CatalogFile[] {
  const dirs = typeof specsDirs === 'string' ? [specsDirs] : specsDirs
  const claimed = new Set<string>()
  const groups = dirs.map((dir) => {
    const files = listCatalogFiles(areaSlug, dir).filter((file) => !claimed.has(file.edition))
    for (const file of files) claimed.add(file.edition)
    return files
  })
  return groups.reverse().flat()
}

/** The edition used when none is named: the newest one that is not fictional. */
export function defaultEdition(files: readonly CatalogFile[]): CatalogFile | undefined {
  return files.filter((file) => !file.fictional).at(-1)
}

/**
 * The catalogue of an 業務: the given edition, or the newest edition that is not fictional. A part the edition lacks
 * (functions, forms or data items, e.g. after importing only the 機能・帳票要件 workbook) is taken from the newest other
 * non-fictional edition that has it, and `borrowed` says so; nothing is hidden behind an empty part.
 */
export function loadCatalog(area: Area, edition?: string, specsDirs: string | readonly string[] = BUNDLED_SPECS_DIR): LoadedCatalog {
  const files = listEditions(area.slug, specsDirs)
  if (files.length === 0) throw new InputError(`${area.name} (${area.slug}) のカタログがありません。`)
  const chosen = edition === undefined ? defaultEdition(files) : files.find((f) => f.edition === edition)
  if (!chosen) {
    if (edition === undefined)
      throw new InputError(
        `${area.name} には架空でない版がありません (${files.map((f) => f.edition).join(', ')})。fitgap.yaml の editions か --edition で版を指定してください。`,
      )
    throw new InputError(`${area.name} の版「${edition}」はありません。使える版: ${files.map((f) => f.edition).join(', ')}`)
  }
  const catalog = loadCatalogFile(chosen.file)
  const missing = CATALOG_PARTS.filter((part) => catalog[part].length === 0)
  if (missing.length === 0) return catalog
  const borrowed: Partial<Record<CatalogPart, string>> = {}
  const filled: SpecCatalog = {...catalog}
  const donors = files.filter((f) => f !== chosen && !f.fictional).reverse()
  for (const part of missing) {
    for (const donor of donors) {
      const other = loadCatalogFile(donor.file)
      if (other[part].length === 0) continue
      if (part === 'functions') filled.functions = other.functions
      else if (part === 'forms') filled.forms = other.forms
      else {
        filled.dataItems = other.dataItems
        if (!catalog.codeLists?.length && other.codeLists) filled.codeLists = other.codeLists
      }
      borrowed[part] = donor.edition
      break
    }
  }
  return Object.keys(borrowed).length > 0 ? {...filled, borrowed} : catalog
}

/** One line per borrowed part, for people: 「データ項目は版 rep-1 のものを使っています」. */
export function describeBorrowed(catalog: LoadedCatalog): string[] {
  return CATALOG_PARTS.flatMap((part) => {
    const from = catalog.borrowed?.[part]
    return from === undefined ? [] : [`版 ${catalog.edition} には${CATALOG_PART_LABELS[part]}がないため、版 ${from} の${CATALOG_PART_LABELS[part]}を使っています`]
  })
}
