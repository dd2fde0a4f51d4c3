#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint and build side by side (each is one process on one core), then the test suite, which
 * spreads over every core by itself. Stops before the tests when a check fails, and prints how long each phase took.
 * The typecheck and lint keep caches in node_modules/.cache/fitgap (a run after a small change rechecks little).
 * Arguments go to vitest (`npm test -- test/cli`).
 */
import {spawn} from 'node:child_process'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CACHE = path.join('node_modules', '.cache', 'fitgap')
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

const CHECKS = {
  typecheck: [bin('tsc'), '-p', 'tsconfig.check.json', '--incremental', '--tsBuildInfoFile', path.join(CACHE, 'typecheck.tsbuildinfo')],
  lint: [bin('eslint'), '.', '--cache', '--cache-strategy', 'content', '--cache-location', path.join(CACHE, 'eslint') + path.sep],
  build: [process.platform === 'win32' ? 'npm.cmd' : 'npm', 'run', 'build', '--silent'],
}

function run(name, [command, ...args]) {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, {cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32'})
    child.on('error', (error) => {
      process.stderr.write(`${name}: ${error.message}\n`)
      resolve({name, code: 1, seconds: (performance.now() - started) / 1000})
    })
    child.on('close', (code) => resolve({name, code: code ?? 1, seconds: (performance.now() - started) / 1000}))
  })
}

const started = performance.now()
const checks = await Promise.all(Object.entries(CHECKS).map(([name, command]) => run(name, command)))
const checked = performance.now()
const failed = checks.filter((c) => c.code !== 0)
const phases = checks.map((c) => `${c.name} ${c.seconds.toFixed(1)} s`)
let code = failed.length > 0 ? 1 : 0
if (failed.length === 0) {
  const tests = await run('vitest', [bin('vitest'), 'run', ...process.argv.slice(2)])
  phases.push(`vitest ${tests.seconds.toFixed(1)} s`)
  code = tests.code
} else {
  process.stderr.write(`失敗: ${failed.map((c) => c.name).join(', ')} (テストは実行していません)\n`)
}
const total = (performance.now() - started) / 1000
process.stderr.write(`\nnpm test: ${total.toFixed(1)} s (並行: ${phases.slice(0, 3).join(' / ')} → ${((checked - started) / 1000).toFixed(1)} s${phases[3] ? `; ${phases[3]}` : ''})\n`)
process.exit(code)
