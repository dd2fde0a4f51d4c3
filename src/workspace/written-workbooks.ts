import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {writeFileAtomic} from '../io/atomic-write.js'
import type {Workspace} from './workspace.js'

/**
 * The workbooks `fitgap analyze` wrote, by path, with their SHA-256. A workbook still byte for byte as written
 * holds nothing the team typed, so the next analyze may replace it without reading it back (reading a large
 * workbook takes longer than writing it).
 */
export const writtenPath = (workspace: Workspace) => path.join(workspace.reportsDir, '.fitgap-written.json')

const recordSchema = z.object({version: z.literal(1), files: z.record(z.string(), z.object({size: z.number(), sha256: z.string()}))})
type WrittenRecord = z.infer<typeof recordSchema>

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const keyOf = (workspace: Workspace, file: string) => path.relative(workspace.root, path.resolve(file)).split(path.sep).join('/')

function load(workspace: Workspace): WrittenRecord {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(readFileSync(writtenPath(workspace), 'utf8')))
    return parsed.success ? parsed.data : {version: 1, files: {}}
  } catch {
    return {version: 1, files: {}}
  }
}

/** Remembers the bytes just written to `file` (their size and SHA-256). */
export function recordWrittenWorkbook(workspace: Workspace, file: string, written: {size: number; sha256: string}): void {
  const record = load(workspace)
  const files = {...record.files, [keyOf(workspace, file)]: written}
  const sorted = Object.fromEntries(Object.keys(files).sort().map((key) => [key, files[key]!]))
  writeFileAtomic(writtenPath(workspace), `${JSON.stringify({version: 1, files: sorted}, null, 2)}\n`)
}

/** True when `file` is exactly what analyze last wrote there (nobody saved it since). */
export function unchangedSinceWritten(workspace: Workspace, file: string): boolean {
  const written = load(workspace).files[keyOf(workspace, file)]
  const stat = statSync(file, {throwIfNoEntry: false})
  if (!written || !stat || stat.size !== written.size) return false
  return sha256Of(readFileSync(file)) === written.sha256
}
