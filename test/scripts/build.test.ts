import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import {beforeAll, describe, expect, it} from 'vitest'

import {ROOT, tempDir} from '../helpers/cli.js'
import {builtFromSources} from '../helpers/spawn.js'

/**
 * The built CLI (scripts/build.js: the commands and oclif bundled into dist/), run as users run it: the other
 * command tests run the sources. npm test builds first; a run of vitest alone builds here when dist/ is stale.
 */
const DIST = path.join(ROOT, 'dist')

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'run.js'), ...args], {cwd: tempDir(), encoding: 'utf8', env: {...process.env, ...env}})
}

/** The files a built module imports statically (`import … from "./x.js"`), not its import() calls. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found = [...text.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{][^"';]*?from\s*)?"(\.{1,2}\/[^"]+)"/g)].map((m) => path.resolve(path.dirname(file), m[1]!))
  return [...new Set(found)]
}

function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const next of staticImports(file)) staticClosure(next, seen)
  return seen
}

describe('the built CLI (bundle in dist/)', () => {
  beforeAll(() => {
    if (!builtFromSources()) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], {cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit']})
  }, 300_000)

  it('prints its version and runs a command from the bundle', () => {
    const version = cli(['--version'])
    expect(version.status).toBe(0)
    expect(version.stdout).toMatch(/^fitgap\/0\.\d+\.\d+ /)
    const shown = cli(['specs', 'show', 'jumin', '--json'])
    expect(shown.status, shown.stderr).toBe(0)
    const catalog = JSON.parse(shown.stdout) as {area: string; functions: unknown[]}
    expect(catalog.area).toBe('jumin')
    expect(catalog.functions.length).toBeGreaterThan(100)
  })

  it('answers an unknown command with the Japanese hint of the bundled hook, exit 2', () => {
    const result = cli(['map', 'sugest'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('近いコマンド: fitgap map suggest')
  })

  it('refuses bad input in Japanese with exit 2 (the error handling of the base command survives bundling)', () => {
    const result = cli(['specs', 'show', 'jumin', '--edition'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/^エラー: /)
  })

  it('has a bundle file for every command of the manifest, and one copy of oclif (none loaded from node_modules)', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {relativePath: string[]}>}
    expect(Object.keys(manifest.commands).length).toBeGreaterThan(10)
    for (const command of Object.values(manifest.commands)) expect(existsSync(path.join(ROOT, ...command.relativePath))).toBe(true)
    const files = readdirSync(DIST, {recursive: true, encoding: 'utf8'}).filter((f) => f.endsWith('.js'))
    for (const file of files) expect(readFileSync(path.join(DIST, file), 'utf8'), file).not.toMatch(/from\s*"@oclif\/core"|import\("@oclif\/core"\)/)
  })

  it('keeps ink/React out of every command start: map review loads it with import() once it runs', () => {
    const commands = readdirSync(path.join(DIST, 'commands'), {recursive: true, encoding: 'utf8'}).filter((f) => f.endsWith('.js'))
    expect(commands).toContain(path.join('map', 'review.js'))
    for (const command of commands) {
      const text = [...staticClosure(path.join(DIST, 'commands', command))].map((f) => readFileSync(f, 'utf8')).join('\n')
      expect(text.includes('react.transitional.element'), `${command} loads React at its start`).toBe(false)
    }
    // The check can see: a command's static imports are followed (many chunks), and React is in the bundle.
    expect(staticClosure(path.join(DIST, 'commands', 'map', 'review.js')).size).toBeGreaterThan(5)
    const all = readdirSync(DIST).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(DIST, f), 'utf8'))
    expect(all.some((t) => t.includes('react.transitional.element'))).toBe(true)
  })

  it('loads neither exceljs, iconv-lite nor Lindera before a command starts its work', () => {
    // Stops each command where its run() would start (as bench/hooks/stop-at-run.mjs) and lists the CommonJS
    // packages loaded by then: these three stay outside the bundle and are required on first use.
    const hook = path.join(tempDir(), 'loaded-at-run.mjs')
    writeFileSync(
      hook,
      `import {createRequire} from 'node:module'
import {Command} from ${JSON.stringify(pathToFileURL(path.join(DIST, 'oclif.js')).href)}
const init = Command.prototype.init
Command.prototype.init = async function (...args) {
  await init.apply(this, args)
  process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)))
  process.exit(0)
}
`,
    )
    const loadedBy = (args: string[]) => {
      const result = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, path.join(ROOT, 'bin', 'run.js'), ...args], {cwd: tempDir(), encoding: 'utf8'})
      expect(result.status, result.stderr).toBe(0)
      return (JSON.parse(result.stdout) as string[]).map((f) => f.split(path.sep).join('/'))
    }
    for (const command of [['analyze'], ['report', 'import'], ['current', 'import'], ['data', 'profile'], ['map', 'suggest'], ['map', 'review'], ['specs', 'import']]) {
      const loaded = loadedBy(command)
      for (const heavy of ['exceljs', 'iconv-lite', 'lindera-wasm-nodejs-ipadic']) expect(loaded.filter((f) => f.includes(`/node_modules/${heavy}/`)), command.join(' ')).toEqual([])
    }
  })
})
