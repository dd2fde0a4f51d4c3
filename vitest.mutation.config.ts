import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {defineConfig} from 'vitest/config'

const root = path.dirname(fileURLToPath(import.meta.url))
const include = (process.env.MUTATION_TESTS ?? 'test/**/*.test.ts').split(',')

/** Every test file, and whether it replaces a module (vi.mock): such a file needs modules of its own (as in vitest.config.ts). */
const files = readdirSync(path.join(root, 'test'), {recursive: true})
  .map((name) => `test/${String(name).split(path.sep).join('/')}`)
  .filter((file) => file.endsWith('.test.ts') && !file.startsWith('test/fixtures/'))
const mocking = files.filter((file) => /\bvi\.(do)?mock\(/.test(readFileSync(path.join(root, file), 'utf8')))
const plain = files.filter((file) => !mocking.includes(file))

// Used by Stryker only (stryker.config.mjs sets MUTATION_TESTS to the tests of the group being mutated).
export default defineConfig({
  test: {
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // As in vitest.config.ts: no stale oclif manifest, and the dictionary cache of this checkout, not the user's.
    globalSetup: ['test/helpers/global-setup.ts'],
    env: {FITGAP_CACHE_DIR: path.join(root, 'node_modules', '.cache', 'fitgap-test')},
    projects: [
      // Stryker re-runs the tests once per mutant: reusing loaded modules between runs saves seconds each time.
      {extends: true, test: {name: 'shared', include, exclude: mocking, isolate: false}},
      {extends: true, test: {name: 'isolated', include, exclude: plain, isolate: true}},
    ],
  },
})
