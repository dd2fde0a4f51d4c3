import {cpSync, existsSync, mkdtempSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {runCommand} from '@oclif/test'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * With a manifest (npm test builds first), oclif loads each command from the build, whose oclif is bundled in
 * (scripts/build.js): load that copy now, as Node loads it for the commands, so that it sets itself up with the real
 * terminal streams rather than inside a test that stands in a fake terminal for them.
 */
if (existsSync(path.join(ROOT, 'oclif.manifest.json')) && existsSync(path.join(ROOT, 'dist', 'oclif.js'))) createRequire(import.meta.url)(path.join(ROOT, 'dist', 'oclif.js'))

export interface CliResult {
  stdout: string
  stderr: string
  exitCode: number
  error?: Error
}

/** Runs a fitgap command in-process, as a user would type it, and returns output and exit code. */
export async function fitgap(args: string[], options: {cwd?: string} = {}): Promise<CliResult> {
  const previous = process.cwd()
  if (options.cwd) process.chdir(options.cwd)
  try {
    const {stdout, stderr, error} = await runCommand(args, {root: ROOT})
    const exitCode = error ? ((error as Error & {oclif?: {exit?: number}}).oclif?.exit ?? 1) : 0
    return {stdout, stderr, exitCode, error}
  } finally {
    if (options.cwd) process.chdir(previous)
  }
}

export function fitgapJson<T = unknown>(result: CliResult): T {
  return JSON.parse(result.stdout) as T
}

export function tempDir(prefix = 'fitgap-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix))
}

/** A private copy of the demo workspace, so tests never write into the repository. */
export function demoCopy(): string {
  const dir = path.join(tempDir(), 'demo')
  cpSync(path.join(ROOT, 'examples', 'demo'), dir, {recursive: true})
  return dir
}

let analysedDemo: Promise<string> | undefined

/**
 * A private copy of the demo workspace after `fitgap analyze` (its workbook in reports/fitgap-report.xlsx): the
 * analysis runs once per test process and is copied for each caller (the original is never handed out).
 */
export async function analysedDemoCopy(): Promise<string> {
  analysedDemo ??= (async () => {
    const dir = demoCopy()
    const result = await fitgap(['analyze', '--workspace', dir, '--out', path.join(dir, 'reports', 'fitgap-report.xlsx')])
    if (result.exitCode !== 0) throw new Error(`analyze of the demo failed: ${result.stderr}`)
    return dir
  })()
  const dir = path.join(tempDir(), 'demo')
  cpSync(await analysedDemo, dir, {recursive: true})
  return dir
}

/** The column of a workbook sheet's row keys (キー), wherever the sheet puts it. */
export function keyColumnOf(sheet: {getRow(n: number): {values: unknown}}): number {
  const column = (sheet.getRow(1).values as unknown[]).indexOf('キー')
  if (column < 1) throw new Error('no キー column')
  return column
}
