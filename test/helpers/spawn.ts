import {spawn} from 'node:child_process'
import path from 'node:path'

import {ROOT} from './cli.js'

export interface SpawnResult {
  stdout: string
  stderr: string
  exitCode: number
}

/** Runs fitgap in its own process (from the sources, as bin/dev.js does), for tests where two runs race. */
export function fitgapProcess(args: string[], options: {env?: Record<string, string>} = {}): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin', 'dev.js'), ...args], {
      cwd: ROOT,
      env: {...process.env, ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({stdout, stderr, exitCode: code ?? 1}))
  })
}
