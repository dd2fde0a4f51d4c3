import type {PairItem} from '../mapping/model.js'
import type {SpecCatalog} from '../model/catalog.js'
import type {CurrentSystem} from '../model/current.js'
import type {Decision} from '../model/decision.js'
import type {CarryRow} from './carry-over.js'

/** A link between a standard data item and a current field, as recorded in the mapping file. */
export interface FieldLink {
  readonly itemId: string
  readonly fieldRef: string
  readonly status: 'confirmed' | 'suggested'
  readonly score?: number
}

export interface AreaInput {
  readonly area: {readonly slug: string; readonly name: string}
  readonly catalog: SpecCatalog
  readonly current: CurrentSystem
  /** Confirmed and suggested links; rejected ones are left out by the caller. */
  readonly fieldLinks: readonly FieldLink[]
  /** Standard items a person marked as having no current counterpart. */
  readonly noCounterpart: ReadonlySet<string>
  /** Function and form pairs recorded in the mapping file (all statuses). */
  readonly functionPairs?: readonly PairItem[]
  readonly formPairs?: readonly PairItem[]
  readonly decisions: ReadonlyMap<string, Decision>
  /** What became of decisions made on other editions (see carry-over.ts). */
  readonly carryOver?: readonly CarryRow[]
}

export const emptyCurrentSystem = (area: string): CurrentSystem => ({area, sources: [], fields: [], forms: [], functions: []})

/** What was imported for the 業務: nothing at all means 未着手 (no automatic verdicts). */
export function importedKinds(current: CurrentSystem): {any: boolean; functions: boolean; forms: boolean} {
  const has = (kind: 'functions' | 'forms') => current.sources.some((s) => s.kind === kind) || current[kind].length > 0
  return {any: current.sources.length > 0 || current.fields.length > 0 || has('functions') || has('forms'), functions: has('functions'), forms: has('forms')}
}
