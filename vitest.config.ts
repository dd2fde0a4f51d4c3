import {availableParallelism} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {defineConfig} from 'vitest/config'

const root = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    disableConsoleIntercept: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: {json: '.vitest/report.json'},
    // Generous: end-to-end tests share 2 cores with the other worker (and, on a busy machine, with more).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    // Separate processes (tests chdir and set isTTY), as many as there are cores (vitest leaves one idle by
    // default, which on 2 cores means one file at a time). Each test file gets fresh modules: tests that mock
    // node:fs (injected write failures) must not see a module another file already loaded.
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
    isolate: true,
    // The dictionary cache (src/matching/dictionary-cache.ts) of this checkout, never the user's own.
    env: {FITGAP_CACHE_DIR: path.join(root, 'node_modules', '.cache', 'fitgap-test')},
  },
})
