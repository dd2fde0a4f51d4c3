import type {Area} from '../model/area.js'
import type {SpecCatalog} from '../model/catalog.js'
import {IMPLEMENTATION_KINDS, type ImplementationKind} from '../model/vocabulary.js'
import {type CatalogFile, type CatalogPart, defaultEdition, listEditions, loadCatalog, loadCatalogFile} from './catalog-store.js'
import {loadRegistry} from './registry.js'
import {cachedSummaries} from './summary-cache.js'

export interface CatalogCounts {
  functions: number
  functionsByKind: Record<ImplementationKind, number>
  forms: number
  formsByKind: Record<ImplementationKind, number>
  formFields: number
  dataItems: number
  requiredDataItems: number
}

export interface EditionSummary {
  edition: string
  title: string
  provenance: SpecCatalog['provenance']['type']
  /** A made-up edition: used only when named. */
  fictional: boolean
  counts: CatalogCounts
}

export interface AreaSummary {
  slug: string
  no: number
  name: string
  aliases: string[]
  ministry: string
  specTitle: string
  /** The official 3-digit 基幹業務コード (the prefix of every official ID). */
  idPrefix: string
  facts: {ministry: string; specTitle: string; idPrefix: string; idPrefixConfirmed: boolean}
  editions: EditionSummary[]
  /** The edition commands use: the one pinned in the workspace, else the newest that is not fictional. */
  editionInUse: string | null
  /** Parts the edition in use lacks, taken from another edition: part → that edition. */
  borrowed: Partial<Record<CatalogPart, string>>
}

const zeroByKind = (): Record<ImplementationKind, number> =>
  Object.fromEntries(IMPLEMENTATION_KINDS.map((k) => [k, 0])) as Record<ImplementationKind, number>

export function countCatalog(catalog: SpecCatalog): CatalogCounts {
  const functionsByKind = zeroByKind()
  for (const fn of catalog.functions) functionsByKind[fn.kind] += 1
  const formsByKind = zeroByKind()
  for (const form of catalog.forms) formsByKind[form.kind] += 1
  return {
    functions: catalog.functions.length,
    functionsByKind,
    forms: catalog.forms.length,
    formsByKind,
    formFields: catalog.forms.reduce((sum, form) => sum + form.fields.length, 0),
    dataItems: catalog.dataItems.length,
    requiredDataItems: catalog.dataItems.filter((item) => item.required).length,
  }
}

export function summarizeEdition(catalog: SpecCatalog): EditionSummary {
  return {
    edition: catalog.edition,
    title: catalog.title,
    provenance: catalog.provenance.type,
    fictional: catalog.fictional === true,
    counts: countCatalog(catalog),
  }
}

const summarizeFiles = (files: readonly CatalogFile[]) =>
  cachedSummaries(
    files.map((file) => file.file),
    (file) => summarizeEdition(loadCatalogFile(file)),
  )

export function summarizeArea(area: Area, specsDirs?: readonly string[], pinned?: string, known?: {files: CatalogFile[]; editions: EditionSummary[]}): AreaSummary {
  const files = known?.files ?? listEditions(area.slug, specsDirs)
  const editions = known?.editions ?? summarizeFiles(files)
  const inUse = (pinned !== undefined && editions.some((e) => e.edition === pinned) ? pinned : defaultEdition(files)?.edition) ?? null
  const borrowed = inUse !== null && editions.some((e) => e.edition === inUse && CATALOG_PARTS_EMPTY(e)) ? (loadCatalog(area, inUse, specsDirs).borrowed ?? {}) : {}
  return {
    slug: area.slug,
    no: area.no,
    name: area.name,
    aliases: area.aliases,
    ministry: area.ministry.value,
    specTitle: area.specTitle.value,
    idPrefix: area.code.value,
    facts: {
      ministry: area.ministry.source,
      specTitle: area.specTitle.source,
      idPrefix: area.code.source,
      idPrefixConfirmed: area.code.confirmed === true,
    },
    editions,
    editionInUse: inUse,
    borrowed,
  }
}

const CATALOG_PARTS_EMPTY = (e: EditionSummary) => e.counts.functions === 0 || e.counts.forms === 0 || e.counts.dataItems === 0

export function listAreaSummaries(specsDirs?: readonly string[], pinned: Readonly<Record<string, string>> = {}): AreaSummary[] {
  const areas = loadRegistry()
    .areas.slice()
    .sort((a, b) => a.no - b.no)
  const files = areas.map((area) => listEditions(area.slug, specsDirs))
  // One pass over the cache for every catalogue.
  const summaries = summarizeFiles(files.flat())
  let next = 0
  return areas.map((area, i) => {
    const editions = summaries.slice(next, (next += files[i]!.length))
    return summarizeArea(area, specsDirs, pinned[area.slug], {files: files[i]!, editions})
  })
}
