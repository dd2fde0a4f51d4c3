import type {AreaAnalysis} from '../analyzers/analyze-area.js'
import type {SpecCatalog} from '../model/catalog.js'
import type {SourceFile} from '../model/current.js'
import type {DataChecks} from '../data/store.js'

export interface AreaReport {
  readonly analysis: AreaAnalysis
  readonly specTitle: string
  readonly provenance: SpecCatalog['provenance']
  /** The attribution line the official source asks for (PDL1.0 …), when the catalogue carries one. */
  readonly attribution?: string
  /** Notes such as 「版 4.0 にはデータ項目がないため、版 rep-1 のデータ項目を使っています」. */
  readonly specNotes?: readonly string[]
  readonly sources: readonly SourceFile[]
  readonly mappingFile?: string
  /** What `fitgap data profile` found in the exported data (counts and masked examples only). */
  readonly dataChecks?: DataChecks
}

/** Everything a report shows; the Excel and JSON writers only format it. */
export interface Report {
  readonly title: string
  readonly workspace: {readonly name: string; readonly id: string; readonly root: string}
  readonly tool: {readonly name: string; readonly version: string}
  readonly generatedAt?: string
  readonly areas: readonly AreaReport[]
}
