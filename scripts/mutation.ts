/**
 * npm run test:mutation [-- stryker options]: runs StrykerJS, then prints the mutation score per module from its
 * JSON report. Example: npm run test:mutation -- --mutate 'src/io/**\/*.ts' --concurrency 1
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'

const REPORT = 'reports/mutation/mutation.json'

interface Report {
  files: Record<string, {mutants: {status: string}[]}>
}

const args = process.argv.slice(2)
const onlyTable = args[0] === '--table'
if (!onlyTable) {
  const run = spawnSync('npx', ['stryker', 'run', ...args], {stdio: 'inherit'})
  if (run.status !== 0) process.exit(run.status ?? 1)
}
if (!existsSync(REPORT)) {
  console.error(`${REPORT} がありません。先に npm run test:mutation を実行してください`)
  process.exit(2)
}
const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report

interface Tally {
  killed: number
  survived: number
  noCoverage: number
  ignored: number
}
const tally = (): Tally => ({killed: 0, survived: 0, noCoverage: 0, ignored: 0})
const add = (t: Tally, status: string) => {
  if (status === 'Killed' || status === 'Timeout') t.killed++
  else if (status === 'Survived') t.survived++
  else if (status === 'NoCoverage') t.noCoverage++
  else t.ignored++ // CompileError, RuntimeError, Ignored: not counted in the score
}
const score = (t: Tally) => {
  const valid = t.killed + t.survived + t.noCoverage
  return valid === 0 ? '-' : `${((100 * t.killed) / valid).toFixed(1)}%`
}

const files = Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
const modules = new Map<string, Tally>()
const rows: string[][] = [['file', 'killed', 'survived', 'no cov', 'score']]
for (const [file, {mutants}] of files) {
  const t = tally()
  for (const m of mutants) add(t, m.status)
  const module = file.replace(/\/[^/]+$/, '')
  const m = modules.get(module) ?? tally()
  for (const mutant of mutants) add(m, mutant.status)
  modules.set(module, m)
  rows.push([file, String(t.killed), String(t.survived), String(t.noCoverage), score(t)])
}
rows.push(['', '', '', '', ''])
for (const [module, t] of modules) rows.push([`${module}/ (計)`, String(t.killed), String(t.survived), String(t.noCoverage), score(t)])
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
