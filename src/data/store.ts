/**
 * Data checks kept in the workspace: `data-checks/<slug>.json`, one entry per profiled file. Only what
 * `ColumnProfiler` produces is stored — counts, lengths, capped code values that look like codes, the odd characters
 * themselves, and masked examples — never a value as it was in the file.
 */
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {InputError} from '../errors.js'
import {writeFileAtomic} from '../io/atomic-write.js'
import {displayPath} from '../paths.js'
import type {Workspace} from '../workspace/workspace.js'
import type {ColumnProfile} from './profile.js'

export const DATA_CHECKS_DIR = 'data-checks'

export interface ProfiledFile {
  /** The path inside the workspace (POSIX), or the file name for a file outside it. */
  readonly file: string
  readonly sha256: string
  readonly size: number
  readonly encoding: string
  /** The current table the columns were matched against. */
  readonly table: string
  readonly rows: number
  /** Data rows whose number of columns differs from the header. */
  readonly ragged: number
  /** Header cells that were not profiled: not a current field, or a field mapped to no standard item. */
  readonly skippedColumns: string[]
  readonly columns: ColumnProfile[]
}

export interface DataChecks {
  readonly version: 1
  readonly area: string
  readonly edition: string
  readonly files: ProfiledFile[]
}

const storedSchema = z.object({version: z.literal(1), area: z.string(), edition: z.string(), files: z.array(z.object({file: z.string()}).passthrough())})

export const dataChecksPath = (workspace: Workspace, area: string) => path.join(workspace.root, DATA_CHECKS_DIR, `${area}.json`)

export function loadDataChecks(workspace: Workspace, area: string): DataChecks | undefined {
  const file = dataChecksPath(workspace, area)
  if (!existsSync(file)) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new InputError(`${displayPath(file)} を JSON として読めません (${(error as Error).message})。\`fitgap data profile\` で作り直してください。`)
  }
  const result = storedSchema.safeParse(parsed)
  if (!result.success) throw new InputError(`${displayPath(file)} の形式が違います。\`fitgap data profile\` で作り直してください。`)
  return result.data as unknown as DataChecks
}

/** Adds the files profiled now, replacing earlier results of the same files; stable order by file. */
export function saveDataChecks(workspace: Workspace, area: string, edition: string, files: readonly ProfiledFile[]): DataChecks {
  const earlier = loadDataChecks(workspace, area)
  const replaced = new Set(files.map((f) => f.file))
  const kept = earlier && earlier.edition === edition ? earlier.files.filter((f) => !replaced.has(f.file)) : []
  const checks: DataChecks = {version: 1, area, edition, files: [...kept, ...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))}
  mkdirSync(path.join(workspace.root, DATA_CHECKS_DIR), {recursive: true})
  writeFileAtomic(dataChecksPath(workspace, area), `${JSON.stringify(checks, null, 2)}\n`)
  return checks
}
