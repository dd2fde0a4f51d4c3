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
  readonly decisions: ReadonlyMap<string, Decision>
  /** What became of decisions made on other editions (see carry-over.ts). */
  readonly carryOver?: readonly CarryRow[]
}

export const emptyCurrentSystem = (area: string): CurrentSystem => ({area, sources: [], fields: [], forms: [], functions: []})
