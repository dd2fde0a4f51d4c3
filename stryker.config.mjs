// Mutation testing (npm run test:mutation): not part of npm test or CI; see README「開発」.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {configFile: 'vitest.config.ts', related: true},
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: {prioritizePerformanceOverAccuracy: true},
  coverageAnalysis: 'perTest',
  // The modules that carry the product's promises. Scope one run with --mutate (see README).
  mutate: [
    'src/analyzers/**/*.ts',
    'src/report/merge-decisions.ts',
    'src/report/import-report.ts',
    'src/report/read-decisions.ts',
    'src/report/cells.ts',
    'src/io/**/*.ts',
    'src/current/encoding.ts',
    'src/current/read-*.ts',
    'src/current/reader.ts',
    'src/mapping/merge.ts',
    'src/workspace/**/*.ts',
  ],
  ignorePatterns: ['dist', 'reports', '.vitest', 'coverage', 'bench', '*.tgz'],
  // The results of earlier runs are reused for unchanged code and tests (the file is local, not committed).
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: {fileName: 'reports/mutation/mutation.json'},
  htmlReporter: {fileName: 'reports/mutation/mutation.html'},
  concurrency: 2,
  timeoutMS: 60_000,
  thresholds: {high: 90, low: 80, break: null},
  tempDirName: '.stryker-tmp',
}
