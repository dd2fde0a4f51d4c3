import {readFileSync} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {writeFileAtomic} from '../io/atomic-write.js'
import type {AnalysisSnapshot} from '../report/summary-model.js'
import type {Workspace} from './workspace.js'

const figures = z.object({decided: z.number(), judged: z.number(), error: z.number(), warning: z.number(), optionsUndecided: z.number()})
const snapshotSchema = z.object({at: z.string(), areas: z.record(z.string(), figures)})

/** The figures of the last analysis that wrote a workbook, so the next サマリー can say what changed. */
export const historyPath = (workspace: Workspace) => path.join(workspace.reportsDir, '.fitgap-last-analysis.json')

/** The previous snapshot, or undefined when there is none or it cannot be read (it is only a convenience). */
export function loadPreviousAnalysis(workspace: Workspace): AnalysisSnapshot | undefined {
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(historyPath(workspace), 'utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Records this analysis; 業務 it did not cover keep their previous figures. */
export function saveAnalysis(workspace: Workspace, snapshot: AnalysisSnapshot, previous: AnalysisSnapshot | undefined): void {
  const areas = {...previous?.areas, ...snapshot.areas}
  const sorted = Object.fromEntries(Object.keys(areas).sort().map((slug) => [slug, areas[slug]]))
  writeFileAtomic(historyPath(workspace), `${JSON.stringify({at: snapshot.at, areas: sorted}, null, 2)}\n`)
}
