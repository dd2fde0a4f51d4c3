import {readdirSync, readFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {defineConfig} from 'vitest/config'

const root = path.dirname(fileURLToPath(import.meta.url))

/**
 * Test files that replace a module (vi.mock, e.g. node:fs for injected write failures) need modules of their own;
 * found by reading the files, so a new one is isolated without anyone listing it here.
 */
function filesNeedingIsolation(): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures') walk(file)
      } else if (entry.name.endsWith('.test.ts') && /\bvi\.(do)?mock\(/.test(readFileSync(file, 'utf8'))) {
        found.push(path.relative(root, file).split(path.sep).join('/'))
      }
    }
  }
  walk(path.join(root, 'test'))
  return found
}

const isolated = filesNeedingIsolation()

export default defineConfig({
  test: {
    disableConsoleIntercept: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: {json: '.vitest/report.json'},
    // Generous: end-to-end tests share 2 cores with the other worker (and, on a busy machine, with more).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    // Separate processes (tests chdir and set isTTY), as many as there are cores (vitest leaves one idle by
    // default, which on 2 cores means one file at a time).
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
    // The dictionary cache (src/matching/dictionary-cache.ts) of this checkout, never the user's own.
    env: {FITGAP_CACHE_DIR: path.join(root, 'node_modules', '.cache', 'fitgap-test')},
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: isolated,
          // A worker process runs file after file with the modules it has loaded (the CLI's commands, exceljs,
          // the dictionaries): loading them again for each of ~70 files cost most of the suite's time.
          // Tests restore what they change (cwd, isTTY, env) in finally blocks.
          isolate: false,
        },
      },
      ...(isolated.length > 0 ? [{extends: true as const, test: {name: 'isolated', include: isolated, isolate: true}}] : []),
    ],
  },
})
