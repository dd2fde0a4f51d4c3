import {spawn} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'

import {ROOT} from './cli.js'

export interface SpawnResult {
  stdout: string
  stderr: string
  exitCode: number
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const file = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : statSync(file).mtimeMs)
  }
  return newest
}

let built: boolean | undefined
/**
 * True when dist/ is the build of the current sources: `npm run build` writes the manifest last, so a manifest
 * newer than every source (and package.json) means dist/ was compiled from them (npm test builds before vitest).
 */
function builtFromSources(): boolean {
  if (built !== undefined) return built
  const manifest = path.join(ROOT, 'oclif.manifest.json')
  if (!existsSync(manifest) || !existsSync(path.join(ROOT, 'dist', 'commands'))) return (built = false)
  const sources = Math.max(newestMtime(path.join(ROOT, 'src')), statSync(path.join(ROOT, 'package.json')).mtimeMs)
  return (built = statSync(manifest).mtimeMs >= sources && newestMtime(path.join(ROOT, 'dist')) >= sources)
}

const entry = () => (builtFromSources() ? [path.join(ROOT, 'bin', 'run.js')] : ['--import', 'tsx', path.join(ROOT, 'bin', 'dev.js')])

/**
 * Runs fitgap in its own process, for tests where two runs race: the build when it is up to date (a plain node
 * process, as users run it), else the sources through tsx (bin/dev.js).
 */
export function fitgapProcess(args: string[], options: {env?: Record<string, string>} = {}): Promise<SpawnResult> {
  return watchedProcess(args, options).done
}

/** A fitgap process (as fitgapProcess) whose stderr can be awaited while it runs: `said(text)`. */
export function watchedProcess(args: string[], options: {env?: Record<string, string>} = {}) {
  const child = spawn(process.execPath, [...entry(), ...args], {cwd: ROOT, env: {...process.env, ...options.env}, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  const waiters: {text: string; resolve: () => void}[] = []
  // Decoded as a stream: a character split between two chunks stays whole.
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => (stdout += chunk))
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
    for (const waiter of waiters.filter((w) => stderr.includes(w.text))) waiter.resolve()
  })
  const done = new Promise<SpawnResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({stdout, stderr, exitCode: code ?? 1}))
  })
  const said = (text: string) =>
    Promise.race([
      new Promise<void>((resolve) => (stderr.includes(text) ? resolve() : waiters.push({text, resolve}))),
      done.then((result) => {
        throw new Error(`ended before saying「${text}」: ${result.stderr}`)
      }),
    ])
  return {done, said}
}
