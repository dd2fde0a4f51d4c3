import type {PairState, PairVia} from '../analyzers/pairing.js'
import {conversionRows} from './conversion-sheet.js'
import type {Report} from './report-model.js'

/** Standard ↔ current pairs: confirmed ones (with where they come from) and the 候補 to review. */
const pairJson = (id: string, state: PairState, currents: {id: string; via: PairVia}[], candidate: {id: string; score: number} | undefined) => ({
  id,
  state,
  ...(currents.length > 0 ? {currents} : {}),
  ...(candidate ? {candidate} : {}),
})

/** The deterministic JSON of an analysis: no timestamps, findings sorted by severity then key. */
export function analysisJson(report: Report) {
  const conversions = conversionRows(report)
  return {
    tool: report.tool,
    workspace: {name: report.workspace.name, id: report.workspace.id},
    areas: report.areas.map(({analysis, sources, provenance, dataChecks}) => ({
      slug: analysis.area.slug,
      name: analysis.area.name,
      edition: analysis.edition,
      specProvenance: provenance.type,
      sources: sources.map((s) => ({file: s.file, sha256: s.sha256, kind: s.kind, records: s.records})),
      summary: analysis.summary,
      pairs: {
        functions: analysis.functions.map((r) => pairJson(r.fn.id, r.pairing, r.currents.map((c) => ({id: c.fn.id, via: c.via})), r.candidate && {id: r.candidate.fn.id, score: r.candidate.score})),
        forms: analysis.forms.map((r) => pairJson(r.form.id, r.pairing, r.currents.map((c) => ({id: c.form.id, via: c.via})), r.candidate && {id: r.candidate.form.id, score: r.candidate.score})),
      },
      findings: analysis.findings,
      conversions: conversions.filter((c) => c.area === analysis.area.slug).map(({area: _area, areaName: _name, ...rest}) => rest),
      ...(dataChecks ? {dataChecks: {edition: dataChecks.edition, files: dataChecks.files}} : {}),
    })),
  }
}
