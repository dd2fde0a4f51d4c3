import {defineConfig} from 'vitest/config'

// Used by Stryker only (stryker.config.mjs sets MUTATION_TESTS to the tests of the group being mutated).
export default defineConfig({
  test: {
    include: (process.env.MUTATION_TESTS ?? 'test/**/*.test.ts').split(','),
    disableConsoleIntercept: true,
    // Stryker re-runs the tests once per mutant: reusing loaded modules between runs saves seconds each time.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
