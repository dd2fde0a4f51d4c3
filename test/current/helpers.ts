import {existsSync, readdirSync} from 'node:fs'
import path from 'node:path'

import type {CurrentSystem} from '../../src/model/current.js'
import {type CliResult, fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'

export const FIXTURES = path.join(ROOT, 'test/fixtures/current')
export const GIF_WORKBOOK = path.join(ROOT, 'test/fixtures/gif/438_core-data-model_DMD.xlsx')

export const fixture = (name: string): string => path.join(FIXTURES, name)

/** A fresh workspace (fitgap init) in a temp folder. */
export async function newWorkspace(): Promise<string> {
  const dir = path.join(tempDir('fitgap-current-'), 'ws')
  const result = await fitgap(['init', dir, '--name', 'テスト市'])
  if (result.exitCode !== 0) throw new Error(`init failed: ${result.stderr}`)
  return dir
}

export function importInto(workspace: string, files: readonly string[], ...flags: string[]): Promise<CliResult> {
  return fitgap(['current', 'import', ...files, '--area', 'jumin', '--workspace', workspace, ...flags])
}

export async function show(workspace: string): Promise<CurrentSystem> {
  const result = await fitgap(['current', 'show', 'jumin', '--workspace', workspace, '--json'])
  if (result.exitCode !== 0) throw new Error(`show failed: ${result.stderr}`)
  return fitgapJson<CurrentSystem>(result)
}

/** Everything under the workspace's current/ folder (to check that nothing was written). */
export function currentFiles(workspace: string): string[] {
  const dir = path.join(workspace, 'current')
  if (!existsSync(dir)) return []
  return readdirSync(dir, {recursive: true}).map(String).sort()
}

/** A record without provenance, for comparing what different formats produced. */
export function withoutSource<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSource) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'source')
        .map(([key, v]) => [key, withoutSource(v)]),
    ) as T
  return value
}
