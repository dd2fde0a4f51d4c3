/**
 * `npm run eval:match`: how the matcher ranks the standard items for each current field of the labelled sets, next
 * to a plain edit-distance baseline on the same data (forced choice among the items of each area).
 *
 * Per set and part: top-1, MRR, precision and recall of the top-1 candidate accepted at the accept threshold
 * (fields without a counterpart count against precision when something is proposed), and calibration buckets per
 * part (of the top-1 candidates scored 0.8–0.9, how many are right, and what did the calibration map fitted on the
 * tune parts promise? with the expected calibration error).
 *
 *   npm run eval:match                          all sets, all parts
 *   npm run eval:match -- official imi --part tune [--verbose]   while tuning: never look at held-out
 *
 * Sets: test/fixtures/matching/set-*.json (see NOTICE.md there).
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {distance} from 'fastest-levenshtein'

import {renderTable} from '../../src/cli/render.js'
import {createMatcher, loadMatchResources} from '../../src/matching/dictionary-loader.js'
import {calibratedConfidence} from '../../src/matching/calibration.js'
import {DEFAULT_ACCEPT_THRESHOLD} from '../../src/matching/engine.js'
import {PACKAGE_ROOT} from '../../src/paths.js'
import type {LabelledField, LabelledSet} from './sets.js'

interface Ranked {
  readonly field: LabelledField
  readonly ranking: readonly {id: string; score: number}[]
}

interface Metrics {
  n: number
  negatives: number
  top1: number
  mrr: number
  precision: number
  recall: number
  proposed: number
}

function metrics(rows: readonly Ranked[], threshold: number): Metrics {
  let proposed = 0
  let correct = 0
  let labelled = 0
  let rr = 0
  let top1 = 0
  for (const row of rows) {
    const top = row.ranking[0]
    if (top && top.score >= threshold) {
      proposed++
      if (top.id === row.field.expected) correct++
    }
    if (row.field.expected === null) continue
    labelled++
    const rank = row.ranking.findIndex((c) => c.id === row.field.expected)
    if (rank >= 0) rr += 1 / (rank + 1)
    if (rank === 0) top1++
  }
  return {
    n: labelled,
    negatives: rows.length - labelled,
    top1: labelled === 0 ? 0 : top1 / labelled,
    mrr: labelled === 0 ? 0 : rr / labelled,
    precision: proposed === 0 ? 1 : correct / proposed,
    recall: labelled === 0 ? 0 : correct / labelled,
    proposed,
  }
}

const baselineNorm = (s: string) => s.normalize('NFKC').toLowerCase()

function baselineRows(set: LabelledSet): Ranked[] {
  const rows: Ranked[] = []
  for (const area of set.areas) {
    const names = area.items.map((item) => ({id: item.id, name: baselineNorm(item.name)}))
    for (const field of area.fields) {
      const query = baselineNorm(field.label.trim() !== '' ? field.label : field.column)
      const ranking = names
        .map((n) => ({id: n.id, score: 1 - distance(query, n.name) / Math.max(query.length, n.name.length, 1)}))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, 10)
      rows.push({field, ranking})
    }
  }
  return rows
}

function matcherRows(set: LabelledSet, resources: ReturnType<typeof loadMatchResources>): {rows: Ranked[]; ms: number} {
  const rows: Ranked[] = []
  const started = performance.now()
  for (const area of set.areas) {
    const matcher = createMatcher(resources)
    const result = matcher.match(area.items, area.fields, {topK: 10, minScore: 0})
    for (const field of area.fields) {
      const list = result.byField.get(`${field.table}.${field.column}`) ?? []
      rows.push({field, ranking: list.map((c) => ({id: c.itemId, score: c.score}))})
    }
  }
  return {rows, ms: performance.now() - started}
}

const BUCKETS = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9] as const

/**
 * Per score band of the top-1 candidate: how many, how many right, and what the calibration map
 * (src/matching/calibration.ts, fitted on the tune parts) promised on average.
 */
function calibration(rows: readonly Ranked[]): string[][] {
  return BUCKETS.map((low, i) => {
    const high = BUCKETS[i + 1] ?? 1.0001
    const inBucket = rows.filter((r) => r.ranking[0] && r.ranking[0].score >= low && r.ranking[0].score < high)
    const right = inBucket.filter((r) => r.ranking[0]!.id === r.field.expected).length
    const promised = inBucket.reduce((sum, r) => sum + calibratedConfidence(r.ranking[0]!.score), 0)
    const rate = (x: number) => (inBucket.length === 0 ? '-' : (x / inBucket.length).toFixed(2))
    return [`${low.toFixed(1)}–${high > 1 ? '1.0' : high.toFixed(1)}`, String(inBucket.length), rate(right), rate(promised)]
  })
}

/** Expected calibration error of the calibration map over the top-1 candidates (≥ 0.3), in the same bands. */
function calibrationError(rows: readonly Ranked[]): number {
  const scored = rows.filter((r) => r.ranking[0] && r.ranking[0].score >= BUCKETS[0])
  if (scored.length === 0) return 0
  let error = 0
  BUCKETS.forEach((low, i) => {
    const high = BUCKETS[i + 1] ?? 1.0001
    const inBucket = scored.filter((r) => r.ranking[0]!.score >= low && r.ranking[0]!.score < high)
    if (inBucket.length === 0) return
    const right = inBucket.filter((r) => r.ranking[0]!.id === r.field.expected).length
    const promised = inBucket.reduce((sum, r) => sum + calibratedConfidence(r.ranking[0]!.score), 0)
    error += Math.abs(right - promised) / scored.length
  })
  return error
}

const f = (x: number) => x.toFixed(3)
/** Precision of nothing proposed is undefined, not 1. */
const fp = (m: Metrics) => (m.proposed === 0 ? '-' : f(m.precision))
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`

const argv = process.argv.slice(2)
const partIndex = argv.indexOf('--part')
const onlyPart = partIndex >= 0 ? argv[partIndex + 1] : undefined
const setNames = argv.filter((a, i) => !a.startsWith('-') && !(partIndex >= 0 && i === partIndex + 1))
const wanted = setNames.length > 0 ? setNames : ['a', 'b', 'official', 'imi']
const verbose = argv.includes('--verbose')
const threshold = DEFAULT_ACCEPT_THRESHOLD

const started = performance.now()
const resources = loadMatchResources()
console.log(`辞書・形態素解析の読み込み: ${Math.round(performance.now() - started)} ms (形態素解析: ${resources.analyser ? 'Lindera IPADIC' : 'なし'}), 採用の閾値 ${threshold}\n`)
const summary: string[][] = []
for (const name of wanted) {
  const file = path.join(PACKAGE_ROOT, 'test/fixtures/matching', `set-${name}.json`)
  if (!existsSync(file)) {
    console.log(`set ${name}: ${file} がありません (npm run eval:gen / eval:gen-real で作成)`)
    continue
  }
  const set = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet
  const {rows, ms} = matcherRows(set, resources)
  const base = baselineRows(set)
  const partOf = (row: Ranked) => row.field.part ?? '開発用'
  const parts = [...new Set(rows.map(partOf))].filter((p) => !onlyPart || p === onlyPart).sort((a, b) => (a === 'held-out' ? 1 : b === 'held-out' ? -1 : a.localeCompare(b)))
  console.log(`set (${name}) ${set.description}  [照合 ${Math.round(ms)} ms]`)
  const table: string[][] = []
  for (const part of parts) {
    const ours = metrics(rows.filter((r) => partOf(r) === part), threshold)
    const theirs = metrics(base.filter((r) => partOf(r) === part), threshold)
    table.push([part, String(ours.n), String(ours.negatives), f(ours.top1), f(theirs.top1), points(ours.top1 - theirs.top1), f(ours.mrr), f(theirs.mrr), fp(ours), f(ours.recall), fp(theirs), f(theirs.recall)])
    summary.push([name, part, f(ours.top1), f(theirs.top1), points(ours.top1 - theirs.top1), fp(ours), f(ours.recall)])
  }
  process.stdout.write(
    renderTable(
      ['部分', '正解', '対応なし', 'top-1', '編集距離 top-1', '差 (pt)', 'MRR', '編集距離 MRR', `P@${threshold}`, `R@${threshold}`, `編集距離 P@${threshold}`, `編集距離 R@${threshold}`],
      table,
    ),
  )
  const shown = rows.filter((r) => parts.includes(partOf(r)))
  for (const part of parts) {
    const inPart = rows.filter((r) => partOf(r) === part)
    console.log(`\n較正 (${part}: top-1 の点数帯ごとの正解率と、較正表 (tune で作成) の見込み。ずれ ${calibrationError(inPart).toFixed(3)}):`)
    process.stdout.write(renderTable(['点数', '件数', '正解率', '見込み'], calibration(inPart)))
  }
  console.log('')
  const styles = [...new Set(shown.map((r) => r.field.style))].sort()
  if (styles.length > 1) {
    const styleRows = styles.map((style) => {
      const ours = metrics(shown.filter((r) => r.field.style === style), threshold)
      const theirs = metrics(base.filter((r) => r.field.style === style && parts.includes(partOf(r))), threshold)
      return [style, String(ours.n + ours.negatives), f(ours.top1), f(theirs.top1), fp(ours), f(ours.recall)]
    })
    process.stdout.write(`${renderTable(['表記の種類', '件数', 'top-1', '編集距離 top-1', 'P', 'R'], styleRows)}\n`)
  }
  if (verbose) {
    const byId = new Map(set.areas.flatMap((a) => a.items.map((i) => [i.id, i.name] as const)))
    for (const row of shown) {
      const top = row.ranking[0]
      const accepted = top !== undefined && top.score >= threshold
      if (top?.id === row.field.expected && accepted) continue
      const tag = accepted ? 'WRONG' : top?.id === row.field.expected ? 'LOW  ' : 'MISS '
      console.log(`${tag} [${row.field.style}] ${row.field.table}.${row.field.column} ${row.field.label} → ${top ? `${byId.get(top.id)} ${top.score}` : '-'} (正解 ${row.field.expected ? byId.get(row.field.expected) : 'なし'})`)
    }
    console.log('')
  }
}
console.log('まとめ:')
process.stdout.write(renderTable(['set', '部分', 'top-1', '編集距離', '差 (pt)', `P@${threshold}`, `R@${threshold}`], summary))
