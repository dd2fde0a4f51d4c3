/**
 * npm run test:mutation [-- group… [stryker options]]: runs StrykerJS on each group of stryker.config.mjs (all by
 * default), one after the other, then prints the mutation score per file and per module from the JSON reports.
 * Examples: npm run test:mutation -- io report --concurrency 1 · npm run test:mutation -- --table (table only)
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'

// @ts-expect-error: plain ESM config without types
import {GROUPS} from '../stryker.config.mjs'

const names = Object.keys(GROUPS as Record<string, unknown>)
const args = process.argv.slice(2)
const onlyTable = args.includes('--table')
const chosen = args.filter((a) => names.includes(a))
const passThrough = args.filter((a) => !names.includes(a) && a !== '--table')
const groups = chosen.length > 0 ? chosen : names

if (!onlyTable)
  for (const group of groups) {
    console.log(`\n== ${group} ==`)
    const run = spawnSync('npx', ['stryker', 'run', ...passThrough], {stdio: 'inherit', env: {...process.env, MUTATION_GROUP: group}})
    if (run.status !== 0) process.exit(run.status ?? 1)
  }

interface Report {
  files: Record<string, {mutants: {status: string}[]}>
}
interface Tally {
  killed: number
  survived: number
  noCoverage: number
}
const tally = (): Tally => ({killed: 0, survived: 0, noCoverage: 0})
/** Killed and timed-out mutants count as detected; compile and runtime errors and ignored ones are left out. */
function add(t: Tally, status: string): void {
  if (status === 'Killed' || status === 'Timeout') t.killed++
  else if (status === 'Survived') t.survived++
  else if (status === 'NoCoverage') t.noCoverage++
}
function score(t: Tally): string {
  const valid = t.killed + t.survived + t.noCoverage
  return valid === 0 ? '-' : `${((100 * t.killed) / valid).toFixed(1)}%`
}

const rows: string[][] = [['group / file', 'killed', 'survived', 'no cov', 'score']]
let missing = 0
for (const group of groups) {
  const file = `reports/mutation/${group}.json`
  if (!existsSync(file)) {
    missing++
    rows.push([`${group}: (未実行)`, '', '', '', ''])
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report
  const total = tally()
  const fileRows: string[][] = []
  for (const [name, {mutants}] of Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const t = tally()
    for (const m of mutants) {
      add(t, m.status)
      add(total, m.status)
    }
    fileRows.push([`  ${name}`, String(t.killed), String(t.survived), String(t.noCoverage), score(t)])
  }
  rows.push([group, String(total.killed), String(total.survived), String(total.noCoverage), score(total)], ...fileRows)
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
console.log('')
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
if (missing > 0) console.log('\n(未実行) のグループは npm run test:mutation -- <グループ名> で実行できます')
