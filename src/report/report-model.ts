import type {AreaAnalysis} from '../analyzers/analyze-area.js'
import type {SpecCatalog} from '../model/catalog.js'
import type {SourceFile} from '../model/current.js'
import type {AnalysisSnapshot} from './summary-model.js'

export interface AreaReport {
  readonly analysis: AreaAnalysis
  readonly specTitle: string
  readonly provenance: SpecCatalog['provenance']
  readonly sources: readonly SourceFile[]
  readonly mappingFile?: string
}

/** Everything a report shows; the Excel and JSON writers only format it. */
export interface Report {
  readonly title: string
  readonly workspace: {readonly name: string; readonly id: string; readonly root: string}
  readonly tool: {readonly name: string; readonly version: string}
  readonly generatedAt?: string
  readonly areas: readonly AreaReport[]
  /** The figures of the previous analysis of this workspace, for サマリー's change line. */
  readonly previous?: AnalysisSnapshot
}
