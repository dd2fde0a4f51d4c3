/**
 * npm run test:mutation [-- group… [stryker options]]: runs StrykerJS on each group of stryker.config.mjs (all by
 * default), one after the other, then prints the mutation score per file and per module from the JSON reports.
 * Examples: npm run test:mutation -- io report --concurrency 1 · npm run test:mutation -- --table (table only)
 * · npm run test:mutation -- io --file src/io/json-source.ts (one file of a group; its result joins the group's table)
 */
import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync, statSync} from 'node:fs'

// @ts-expect-error: plain ESM config without types
import {GROUPS} from '../stryker.config.mjs'

const names = Object.keys(GROUPS as Record<string, unknown>)
const args = process.argv.slice(2)
const onlyTable = args.includes('--table')
const fileAt = args.indexOf('--file')
const file = fileAt >= 0 ? args[fileAt + 1] : undefined
const chosen = args.filter((a) => names.includes(a))
const passThrough = args.filter((a, i) => !names.includes(a) && a !== '--table' && i !== fileAt && i !== fileAt + 1)
const groups = chosen.length > 0 ? chosen : names
if (fileAt >= 0 && (!file || chosen.length !== 1)) {
  console.error('--file にはグループを1つと src/ 以下のファイルを指定してください (例: npm run test:mutation -- io --file src/io/json-source.ts)')
  process.exit(2)
}

if (!onlyTable)
  for (const group of groups) {
    console.log(`\n== ${group}${file ? ` (${file})` : ''} ==`)
    const env = {...process.env, MUTATION_GROUP: group, ...(file ? {MUTATION_FILE: file} : {})}
    const run = spawnSync('npx', ['stryker', 'run', ...passThrough], {stdio: 'inherit', env})
    if (run.status !== 0) process.exit(run.status ?? 1)
  }

interface Report {
  files: Record<string, {mutants: {status: string}[]}>
}
interface Tally {
  killed: number
  timeout: number
  survived: number
  noCoverage: number
}
const tally = (): Tally => ({killed: 0, timeout: 0, survived: 0, noCoverage: 0})
/** Killed and timed-out mutants count as detected; compile and runtime errors and ignored ones are left out. */
function add(t: Tally, status: string): void {
  if (status === 'Killed') t.killed++
  else if (status === 'Timeout') t.timeout++
  else if (status === 'Survived') t.survived++
  else if (status === 'NoCoverage') t.noCoverage++
}
const valid = (t: Tally): number => t.killed + t.timeout + t.survived + t.noCoverage
function score(t: Tally): string {
  return valid(t) === 0 ? '-' : `${((100 * (t.killed + t.timeout)) / valid(t)).toFixed(1)}%`
}
const cells = (t: Tally): string[] => [valid(t), t.killed, t.timeout, t.survived, t.noCoverage].map(String).concat(score(t))

/** Each file's mutants from the newest report of the group that has it (a whole-group run or a --file run). */
function latestResults(group: string): Map<string, {status: string}[]> {
  const dir = 'reports/mutation'
  const reports = (() => {
    try {
      return readdirSync(dir)
    } catch {
      return []
    }
  })()
    .filter((name) => name === `${group}.json` || (name.startsWith(`${group}.`) && name.endsWith('.json') && !name.endsWith('.incremental.json')))
    .map((name) => ({path: `${dir}/${name}`, time: statSync(`${dir}/${name}`).mtimeMs}))
    .sort((a, b) => a.time - b.time)
  const files = new Map<string, {status: string}[]>()
  for (const {path} of reports)
    for (const [name, {mutants}] of Object.entries((JSON.parse(readFileSync(path, 'utf8')) as Report).files)) files.set(name, mutants)
  return files
}

const rows: string[][] = [['group / file', 'mutants', 'killed', 'timeout', 'survived', 'no cov', 'score']]
let missing = 0
for (const group of groups) {
  const files = latestResults(group)
  if (files.size === 0) {
    missing++
    rows.push([`${group}: (未実行)`, '', '', '', '', '', ''])
    continue
  }
  const total = tally()
  const fileRows: string[][] = []
  for (const [name, mutants] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const t = tally()
    for (const m of mutants) {
      add(t, m.status)
      add(total, m.status)
    }
    fileRows.push([`  ${name}`, ...cells(t)])
  }
  rows.push([group, ...cells(total)], ...fileRows)
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
console.log('')
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
if (missing > 0) console.log('\n(未実行) のグループは npm run test:mutation -- <グループ名> で実行できます')
