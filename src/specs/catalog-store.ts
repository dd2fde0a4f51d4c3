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
}

const byEdition = (a: CatalogFile, b: CatalogFile) => a.edition.localeCompare(b.edition, 'ja', {numeric: true})

/** Catalogue files of one 業務 in a specs folder, oldest edition first. */
export function listCatalogFiles(areaSlug: string, specsDir = BUNDLED_SPECS_DIR): CatalogFile[] {
  const dir = path.join(specsDir, areaSlug)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({area: areaSlug, edition: name.slice(0, -'.yaml'.length), file: path.join(dir, name)}))
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

/** The catalogue of an 業務: the given edition, or the latest one. */
export function loadCatalog(area: Area, edition?: string, specsDirs: string | readonly string[] = BUNDLED_SPECS_DIR): SpecCatalog {
  const files = listEditions(area.slug, specsDirs)
  if (files.length === 0) throw new InputError(`${area.name} (${area.slug}) のカタログがありません。`)
  const chosen = edition === undefined ? files.at(-1) : files.find((f) => f.edition === edition)
  if (!chosen)
    throw new InputError(
      `${area.name} の版「${edition}」はありません。使える版: ${files.map((f) => f.edition).join(', ')}`,
    )
  return loadCatalogFile(chosen.file)
}
