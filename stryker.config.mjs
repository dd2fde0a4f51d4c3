// Mutation testing (npm run test:mutation): not part of npm test or CI; see README「開発」.
// One group of modules at a time: the group's source files are mutated and only the group's tests run against them.
// Groups use the fast unit tests; command tests (seconds each) are only in the *-cli groups.

/** The modules that carry the product's promises, each with the tests that state them. */
export const GROUPS = {
  io: {mutate: ['src/io/**/*.ts'], tests: ['test/io/**/*.test.ts', 'test/current/cell-text.test.ts', 'test/current/json-source.test.ts']},
  report: {
    mutate: ['src/report/merge-decisions.ts', 'src/report/import-report.ts', 'src/report/read-decisions.ts', 'src/report/cells.ts'],
    tests: ['test/report/**/*.test.ts'],
  },
  // The same modules against the command tests too (slow: each run of report import takes seconds).
  'report-cli': {
    mutate: ['src/report/merge-decisions.ts', 'src/report/import-report.ts', 'src/report/read-decisions.ts', 'src/report/cells.ts'],
    tests: ['test/report/**/*.test.ts', 'test/commands/report-import.test.ts', 'test/commands/report-round-trip.test.ts'],
  },
  encoding: {mutate: ['src/current/encoding.ts'], tests: ['test/current/encoding.test.ts']},
  // The readers called directly (test/current/read-*.test.ts); readers-cli adds the import command's tests.
  readers: {
    mutate: ['src/current/read-*.ts', 'src/current/reader.ts'],
    tests: ['test/current/read-*.test.ts', 'test/current/encoding.test.ts', 'test/current/type-spec.test.ts', 'test/current/cell-text.test.ts'],
  },
  'readers-cli': {mutate: ['src/current/read-*.ts', 'src/current/reader.ts'], tests: ['test/current/**/*.test.ts']},
  mapping: {mutate: ['src/mapping/merge.ts'], tests: ['test/mapping/merge.test.ts']},
  workspace: {mutate: ['src/workspace/**/*.ts'], tests: ['test/workspace/**/*.test.ts']},
  'workspace-cli': {mutate: ['src/workspace/**/*.ts'], tests: ['test/workspace/**/*.test.ts', 'test/commands/analyze.test.ts', 'test/commands/edition-carry-over.test.ts']},
  analyzers: {mutate: ['src/analyzers/**/*.ts'], tests: ['test/analyzers/**/*.test.ts']},
}

const group = process.env.MUTATION_GROUP ?? 'io'
const chosen = GROUPS[group]
if (!chosen) throw new Error(`MUTATION_GROUP は ${Object.keys(GROUPS).join(', ')} のどれか (指定: ${group})`)
// One file of the group (npm run test:mutation -- <group> --file <path>): its own report and incremental file, so
// runs of single files add up to the group's table instead of replacing it.
const only = process.env.MUTATION_FILE
const report = only ? `${group}.${only.replace(/^src\//, '').replace(/[/.]/g, '_')}` : group
// Read by vitest.mutation.config.ts in Stryker's test runner processes (they inherit the environment).
// MUTATION_ONLY_TESTS (comma-separated globs) runs fewer tests than the group's: a quick lower bound of the score.
process.env.MUTATION_TESTS = process.env.MUTATION_ONLY_TESTS ?? chosen.tests.join(',')

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {configFile: 'vitest.mutation.config.ts', related: false},
  // The type checker loads the whole project (2 GB, most of the CPU of a run). MUTATION_TYPECHECK=0 leaves it out:
  // mutants that would not compile then run as well (and show up as survivors to be read, not as skipped).
  checkers: process.env.MUTATION_TYPECHECK === '0' ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: {prioritizePerformanceOverAccuracy: true},
  coverageAnalysis: 'perTest',
  // Mutants of module-level constants need every test re-run with the modules reloaded: minutes each on a busy
  // machine. They are left out of the score by default; include them with --ignoreStatic false.
  ignoreStatic: true,
  mutate: only ? [only] : chosen.mutate,
  // No build in the sandbox: without dist/ and its manifest, oclif runs the commands from src/ (the mutated files).
  // A manifest left without its dist/ would send every command test to files that are not there.
  ignorePatterns: ['dist', 'oclif.manifest.json', 'reports', '.vitest', 'coverage', 'bench', '*.tgz'],
  // Results of earlier runs are reused for unchanged code and tests. Local, not committed: it is only valid for
  // the exact source it was made from, and every branch changes that source.
  incremental: true,
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: {fileName: `reports/mutation/${report}.json`},
  htmlReporter: {fileName: `reports/mutation/${report}.html`},
  concurrency: 2,
  // Added to each mutant's expected time (its covering tests' time × 1.5): an endless loop costs this much, once.
  timeoutMS: 15_000,
  dryRunTimeoutMinutes: 30,
  thresholds: {high: 90, low: 80, break: null},
  tempDirName: '.stryker-tmp',
}
