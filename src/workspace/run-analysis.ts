import {analyzeArea, type AreaAnalysis} from '../analyzers/analyze-area.js'
import {carryDecisions} from '../analyzers/carry-over.js'
import type {SpecCatalog} from '../model/catalog.js'
import type {Decision} from '../model/decision.js'
import {type CatalogDiff, diffCatalogs} from '../specs/diff.js'
import {emptyCurrentSystem} from '../analyzers/inputs.js'
import {loadCurrentSystem} from '../current/store.js'
import {InputError} from '../errors.js'
import type {Area} from '../model/area.js'
import type {CurrentSystem} from '../model/current.js'
import type {AreaReport, Report} from '../report/report-model.js'
import type {AnalysisSnapshot} from '../report/summary-model.js'
import {describeBorrowed, loadCatalog} from '../specs/catalog-store.js'
import {loadRegistry, resolveArea} from '../specs/registry.js'
import {displayPath} from '../paths.js'
import {loadDataChecks} from '../data/store.js'
import {loadDecisions} from './decisions-store.js'
import {type FieldLinksPlan, planFieldLinks, resolveFieldLinks} from './field-links.js'
import {specsDirsOf, type Workspace} from './workspace.js'
import {existsSync, readdirSync} from 'node:fs'

/** 業務 with imported current data in the workspace. */
export function importedAreas(workspace: Workspace): Area[] {
  const imported = existsSync(workspace.currentDir) ? readdirSync(workspace.currentDir) : []
  return loadRegistry().areas.filter((area) => imported.some((name) => name === area.slug || name.startsWith(`${area.slug}.`)))
}

/** The 業務 to analyse: those asked for, else those the workspace names, else those with imported current data. */
export function areasToAnalyze(workspace: Workspace, requested: readonly string[]): Area[] {
  const unique = (areas: Area[]) => areas.filter((area, i) => areas.findIndex((a) => a.slug === area.slug) === i)
  if (requested.length > 0) return unique(requested.map((q) => resolveArea(q)))
  if (workspace.config.areas.length > 0) return unique(workspace.config.areas.map((slug) => resolveArea(slug)))
  const areas = importedAreas(workspace)
  if (areas.length === 0)
    throw new InputError(
      `${displayPath(workspace.root)} には分析する業務がありません。\`fitgap current import ファイル --area 業務\` で現行システムの定義を取り込むか、業務を指定してください。`,
    )
  return areas
}

export interface AnalysisRun {
  readonly areas: readonly AreaReport[]
}

interface AreaInputs {
  readonly catalog: SpecCatalog
  readonly current: CurrentSystem
  readonly links: FieldLinksPlan
}

/**
 * Loads each 業務's inputs from the workspace and analyses it. When the first 業務 needs the matcher (a first run,
 * with no mapping files), every 業務's inputs are read before any is analysed: the analyser thread then loads its
 * dictionary and segments the names the matcher will need while they are read (~1 s the first match would
 * otherwise wait). Otherwise each is read when reached (holding all of them would only cost memory). An error
 * reading a 業務's inputs is raised when that 業務 is reached: the first error a user sees is the one met in order.
 */
export function runAnalysis(
  workspace: Workspace,
  areas: readonly Area[],
  options: {suggest?: boolean; onRead?: (area: Area, index: number) => void; onArea?: (area: Area, index: number) => void} = {},
): AnalysisRun {
  type Read = {inputs: AreaInputs} | {error: unknown}
  const readInputs = (index: number): Read => {
    const area = areas[index]!
    options.onRead?.(area, index)
    try {
      const catalog = loadCatalog(area, workspace.config.editions[area.slug], specsDirsOf(workspace))
      const current = loadCurrentSystem(workspace, area.slug) ?? emptyCurrentSystem(area.slug)
      return {inputs: {catalog, current, links: planFieldLinks(workspace, area.slug, catalog, current, {suggest: options.suggest ?? true})}}
    } catch (error) {
      return {error}
    }
  }
  const ahead = new Map<number, Read>()
  if (areas.length > 0) {
    const first = readInputs(0)
    ahead.set(0, first)
    if ('inputs' in first && first.inputs.links.suggest) for (let index = 1; index < areas.length; index++) ahead.set(index, readInputs(index))
  }
  return {
    areas: areas.map((area, index): AreaReport => {
      options.onArea?.(area, index)
      const read = ahead.get(index) ?? readInputs(index)
      ahead.delete(index)
      if ('error' in read) throw read.error
      const {catalog, current, links: plan} = read.inputs
      const links = resolveFieldLinks(plan)
      const decisions = loadDecisions(workspace, area.slug)
      const carried = carryOver(workspace, area, catalog, decisions.decisions)
      const analysis: AreaAnalysis = analyzeArea({
        area: {slug: area.slug, name: area.name},
        catalog,
        current,
        fieldLinks: links.links,
        noCounterpart: links.noCounterpart,
        functionPairs: links.functionPairs,
        formPairs: links.formPairs,
        decisions: carried.effective,
        carryOver: carried.rows,
      })
      const dataChecks = loadDataChecks(workspace, area.slug)
      return {
        analysis,
        specTitle: catalog.title,
        provenance: catalog.provenance,
        ...(catalog.attribution !== undefined ? {attribution: catalog.attribution} : {}),
        specNotes: [...(catalog.fictional ? ['架空の改定版 (動作確認用。公式の仕様ではありません)'] : []), ...describeBorrowed(catalog)],
        sources: current.sources,
        mappingFile: links.mappingFile,
        ...(dataChecks ? {dataChecks} : {}),
      }
    }),
  }
}

/** Decisions made on other editions, carried to the analysed one through the diff of the two catalogues. */
function carryOver(workspace: Workspace, area: Area, catalog: SpecCatalog, decisions: readonly Decision[]) {
  const diffs = new Map<string, CatalogDiff>()
  for (const edition of new Set(decisions.map((d) => d.edition))) {
    if (edition === undefined || edition === catalog.edition) continue
    try {
      diffs.set(edition, diffCatalogs(loadCatalog(area, edition, specsDirsOf(workspace)), catalog))
    } catch (error) {
      // The old edition is no longer available: its decisions are held for review, not lost.
      if (!(error instanceof InputError)) throw error
    }
  }
  return carryDecisions(area.slug, decisions, catalog.edition, diffs)
}

export function buildReport(
  workspace: Workspace,
  run: AnalysisRun,
  tool: {name: string; version: string},
  generatedAt?: string,
  previous?: AnalysisSnapshot,
): Report {
  return {
    ...(previous ? {previous} : {}),
    title: `${workspace.config.name} Fit&Gap 分析`,
    workspace: {name: workspace.config.name, id: workspaceId(workspace), root: workspace.root},
    tool,
    generatedAt,
    areas: run.areas,
  }
}

/** Workspaces made before ids existed are identified by their name. */
export const workspaceId = (workspace: Workspace) => workspace.config.id ?? `name-${Buffer.from(workspace.config.name).toString('hex').slice(0, 40)}`

