import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {defineConfig} from 'vitest/config'

const root = path.dirname(fileURLToPath(import.meta.url))

// Used by Stryker only (stryker.config.mjs sets MUTATION_TESTS to the tests of the group being mutated).
export default defineConfig({
  test: {
    include: (process.env.MUTATION_TESTS ?? 'test/**/*.test.ts').split(','),
    disableConsoleIntercept: true,
    // Stryker re-runs the tests once per mutant: reusing loaded modules between runs saves seconds each time.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // As in vitest.config.ts: no stale oclif manifest, and the dictionary cache of this checkout, not the user's.
    globalSetup: ['test/helpers/global-setup.ts'],
    env: {FITGAP_CACHE_DIR: path.join(root, 'node_modules', '.cache', 'fitgap-test')},
  },
})
