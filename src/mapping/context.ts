/** Loads what the map commands need from a workspace: the area, its catalogue, current system, mapping file. */
import {loadCurrentSystem} from '../current/store.js'
import type {Area} from '../model/area.js'
import type {SpecCatalog} from '../model/catalog.js'
import type {CurrentSystem} from '../model/current.js'
import {loadCatalog} from '../specs/catalog-store.js'
import {resolveArea} from '../specs/registry.js'
import {loadAreaMapping} from '../workspace/mappings.js'
import {requireWorkspace, specsDirsOf, type Workspace} from '../workspace/workspace.js'
import type {MappingFile} from './model.js'

export interface MapContext {
  readonly workspace: Workspace
  readonly area: Area
  readonly catalog: SpecCatalog
  readonly current: CurrentSystem | undefined
  readonly mappingPath: string
  readonly mapping: MappingFile | undefined
  /** The mapping file's text as read (undefined: no file), for a save that must not overwrite a later change. */
  readonly mappingText: string | undefined
}

export function loadMapContext(areaQuery: string, options: {workspace?: string; edition?: string}): MapContext {
  const workspace = requireWorkspace(options.workspace)
  const area = resolveArea(areaQuery)
  const edition = options.edition ?? workspace.config.editions[area.slug]
  const catalog = loadCatalog(area, edition, specsDirsOf(workspace))
  const current = loadCurrentSystem(workspace, area.slug)
  const {path: mappingPath, text: mappingText, mapping} = loadAreaMapping(workspace.mappingsDir, area.slug)
  return {workspace, area, catalog, current, mappingPath, mapping, mappingText}
}
