import {conversionRows} from './conversion-sheet.js'
import type {Report} from './report-model.js'

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
      findings: analysis.findings,
      conversions: conversions.filter((c) => c.area === analysis.area.slug).map(({area: _area, areaName: _name, ...rest}) => rest),
      ...(dataChecks ? {dataChecks: {edition: dataChecks.edition, files: dataChecks.files}} : {}),
    })),
  }
}
