import type {FieldLink} from '../analyzers/inputs.js'
import {loadPairEvidence} from '../mapping/evidence.js'
import type {PairItem} from '../mapping/model.js'
import {createMatcher, loadMatchResources, type MatchResources} from '../matching/dictionary-loader.js'
import {DEFAULT_ACCEPT_THRESHOLD} from '../matching/engine.js'
import {applyEvidence} from '../matching/learned.js'
import type {DataItem, SpecCatalog} from '../model/catalog.js'
import type {CurrentSystem} from '../model/current.js'
import {displayPath} from '../paths.js'
import {type AreaMapping, loadAreaMapping} from './mappings.js'
import type {Workspace} from './workspace.js'

let resources: MatchResources | undefined
/** Dictionaries load once per process, and only when some 業務 needs suggestions. */
const sharedResources = () => (resources ??= loadMatchResources())

export interface FieldLinks {
  readonly links: FieldLink[]
  readonly noCounterpart: Set<string>
  /** The mapping file read, as shown to the user (when there is one). */
  readonly mappingFile?: string
  /** Function and form pairs the mapping file records (all statuses; the analysis sorts them out). */
  readonly functionPairs: readonly PairItem[]
  readonly formPairs: readonly PairItem[]
}

/** What {@link loadFieldLinks} needs, read and announced ahead of the match (see {@link planFieldLinks}). */
export interface FieldLinksPlan {
  readonly workspace: Workspace
  readonly areaSlug: string
  readonly current: CurrentSystem
  readonly mapping: AreaMapping
  /** Items the mapping file does not list: put to the matcher when suggestions are asked for. */
  readonly open: readonly DataItem[]
  readonly suggest: boolean
}

/**
 * Reads the 業務's mapping file and, when the matcher will run, announces its names to the analyser (another
 * thread segments them while this one works on the 業務 before). Changes no result.
 */
export function planFieldLinks(workspace: Workspace, areaSlug: string, catalog: SpecCatalog, current: CurrentSystem, options: {suggest: boolean}): FieldLinksPlan {
  const mapping = loadAreaMapping(workspace.mappingsDir, areaSlug)
  // An item the mapping file lists was already put to the matcher (map suggest) or to a person: leave it be.
  const settled = new Set((mapping.mapping?.items ?? []).map((item) => item.item))
  const open = catalog.dataItems.filter((item) => !settled.has(item.id))
  const suggest = options.suggest && open.length > 0 && current.fields.length > 0
  if (suggest) createMatcher(sharedResources()).prefetch(open, current.fields)
  return {workspace, areaSlug, current, mapping, open, suggest}
}

/** {@link resolveFieldLinks} of a {@link planFieldLinks} made now. */
export function loadFieldLinks(
  workspace: Workspace,
  areaSlug: string,
  catalog: SpecCatalog,
  current: CurrentSystem,
  options: {suggest: boolean},
): FieldLinks {
  return resolveFieldLinks(planFieldLinks(workspace, areaSlug, catalog, current, options))
}

/**
 * The links the analysis uses: what the mapping file records (confirmed, suggested; rejected ones left out),
 * and, when asked, the matcher's best candidate for items the mapping file does not list yet (no mapping file,
 * or items new in this edition) — never a field already confirmed elsewhere. Items the file lists (with a rejected
 * pair or not) are never offered a candidate, so a rejected pair cannot come back.
 */
export function resolveFieldLinks(plan: FieldLinksPlan): FieldLinks {
  const {workspace, areaSlug, current, open} = plan
  const {path: file, mapping} = plan.mapping
  const links: FieldLink[] = []
  const noCounterpart = new Set<string>()
  for (const item of mapping?.items ?? []) {
    for (const entry of item.entries) {
      if (entry.status === 'no-counterpart') noCounterpart.add(item.item)
      else if (entry.status !== 'rejected') for (const ref of entry.refs) links.push({itemId: item.item, fieldRef: ref, status: entry.status, score: entry.score})
    }
  }
  // A field a person already tied to an item is not offered again for another one.
  const confirmedRefs = new Set(links.filter((l) => l.status === 'confirmed').map((l) => l.fieldRef))
  if (plan.suggest) {
    // Only candidates at or above the threshold are ever used here: the matcher stops scoring a pair as soon as it
    // cannot reach it (most prefiltered pairs), and keeps none below it. (Evidence lifts a pair to ≥ 0.9 whatever
    // its score, or adds it.)
    const result = applyEvidence(
      createMatcher(sharedResources()).match(open, current.fields, {topK: 3, minScore: DEFAULT_ACCEPT_THRESHOLD}),
      open,
      current.fields,
      loadPairEvidence(workspace.mappingsDir, areaSlug),
      3,
    )
    for (const item of open) {
      const best = (result.byItem.get(item.id) ?? []).find(
        (c) => c.score >= DEFAULT_ACCEPT_THRESHOLD && !confirmedRefs.has(c.ref),
      )
      if (!best) continue
      links.push({itemId: item.id, fieldRef: best.ref, status: 'suggested', score: best.score})
    }
  }
  return {links, noCounterpart, mappingFile: mapping ? displayPath(file) : undefined, functionPairs: mapping?.functions ?? [], formPairs: mapping?.forms ?? []}
}
