/**
 * `npm run eval:match`: precision / recall / F1 / MRR / Recall@k of the matcher on the labelled sets, next to a
 * plain edit-distance baseline on the same data. Sets: test/fixtures/matching/set-*.json (rebuild them with
 * `npm run eval:gen`).
 *
 * Precision and recall are for the top-1 suggestion per current field accepted at a score threshold; fields
 * without a counterpart count against precision when something is proposed for them.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {distance} from 'fastest-levenshtein'

import {renderTable} from '../../src/cli/render.js'
import {createMatcher, loadMatchResources} from '../../src/matching/dictionary-loader.js'
import {DEFAULT_ACCEPT_THRESHOLD} from '../../src/matching/engine.js'
import {PACKAGE_ROOT} from '../../src/paths.js'
import type {LabelledSet} from './labelled-sets.js'

interface Ranked {
  expected: string | null
  /** Candidate item ids, best first, with scores. */
  ranking: {id: string; score: number}[]
  style: string
}

interface Metrics {
  threshold: number
  precision: number
  recall: number
  f1: number
  mrr: number
  r1: number
  r3: number
  r5: number
  labelled: number
  negatives: number
}

function metrics(rows: readonly Ranked[], threshold: number): Metrics {
  let predicted = 0
  let correct = 0
  let labelled = 0
  let rr = 0
  let r1 = 0
  let r3 = 0
  let r5 = 0
  for (const row of rows) {
    const top = row.ranking[0]
    if (top && top.score >= threshold) {
      predicted++
      if (top.id === row.expected) correct++
    }
    if (row.expected === null) continue
    labelled++
    const rank = row.ranking.findIndex((c) => c.id === row.expected)
    if (rank >= 0) {
      rr += 1 / (rank + 1)
      if (rank < 1) r1++
      if (rank < 3) r3++
      if (rank < 5) r5++
    }
  }
  const precision = predicted === 0 ? 0 : correct / predicted
  const recall = labelled === 0 ? 0 : correct / labelled
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {threshold, precision, recall, f1, mrr: rr / labelled, r1: r1 / labelled, r3: r3 / labelled, r5: r5 / labelled, labelled, negatives: rows.length - labelled}
}

function bestF1(rows: readonly Ranked[]): Metrics {
  let best = metrics(rows, 0)
  for (let t = 0.05; t <= 1.0001; t += 0.01) {
    const m = metrics(rows, t)
    if (m.f1 > best.f1) best = m
  }
  return best
}

const baselineNorm = (s: string) => s.normalize('NFKC').toLowerCase()
function baseline(set: LabelledSet): Ranked[] {
  const rows: Ranked[] = []
  for (const area of set.areas) {
    const names = area.items.map((item) => ({id: item.id, name: baselineNorm(item.name)}))
    for (const field of area.fields) {
      const query = baselineNorm(field.label.trim() !== '' ? field.label : field.column)
      const ranking = names
        .map((n) => ({id: n.id, score: 1 - distance(query, n.name) / Math.max(query.length, n.name.length, 1)}))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, 10)
      rows.push({expected: field.expected, ranking, style: field.style})
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
      rows.push({expected: field.expected, ranking: list.map((c) => ({id: c.itemId, score: c.score})), style: field.style})
    }
  }
  return {rows, ms: performance.now() - started}
}

const f = (x: number) => x.toFixed(3)
const line = (label: string, m: Metrics) => [label, f(m.threshold), f(m.precision), f(m.recall), f(m.f1), f(m.mrr), f(m.r1), f(m.r3), f(m.r5)]

const setNames = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const wanted = setNames.length > 0 ? setNames : ['a', 'b']
const verbose = process.argv.includes('--verbose')
const started = performance.now()
const resources = loadMatchResources()
console.log(`辞書・形態素解析の読み込み: ${Math.round(performance.now() - started)} ms (形態素解析: ${resources.analyser ? 'Lindera IPADIC' : 'なし'})\n`)
for (const name of wanted) {
  const file = path.join(PACKAGE_ROOT, 'test/fixtures/matching', `set-${name}.json`)
  if (!existsSync(file)) {
    console.log(`set ${name}: ${file} がありません (npm run eval:gen で作成)`)
    continue
  }
  const set = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet
  const {rows, ms} = matcherRows(set, resources)
  const base = baseline(set)
  const ours = metrics(rows, DEFAULT_ACCEPT_THRESHOLD)
  console.log(`set (${name}) ${set.description}: ${ours.labelled} 件の正解ペア + 対応なし ${ours.negatives} 件, 照合 ${Math.round(ms)} ms`)
  process.stdout.write(
    renderTable(
      ['方式', '閾値', 'precision', 'recall', 'F1', 'MRR', 'R@1', 'R@3', 'R@5'],
      [line('fitgap (既定閾値)', ours), line('fitgap (F1最大)', bestF1(rows)), line('編集距離 (F1最大)', bestF1(base))],
    ),
  )
  // Per style, at the default threshold.
  const styles = [...new Set(rows.map((r) => r.style))].sort()
  const styleRows = styles.map((style) => {
    const subset = rows.filter((r) => r.style === style)
    const m = metrics(subset, DEFAULT_ACCEPT_THRESHOLD)
    const b = metrics(base.filter((r) => r.style === style), 0)
    const wrong = subset.filter((r) => r.ranking[0] && r.ranking[0].score >= DEFAULT_ACCEPT_THRESHOLD && r.ranking[0].id !== r.expected).length
    return [style, String(subset.length), f(m.recall), String(wrong), f(m.r1), f(b.r1)]
  })
  process.stdout.write(`\n${renderTable(['表記の種類', '件数', 'recall', '誤提案', 'R@1', '編集距離 R@1'], styleRows)}\n`)
  if (verbose) {
    const byId = new Map(set.areas.flatMap((a) => a.items.map((i) => [i.id, i.name] as const)))
    let index = 0
    for (const area of set.areas)
      for (const field of area.fields) {
        const row = rows[index++]!
        const top = row.ranking[0]
        const ok = top && top.id === row.expected && top.score >= DEFAULT_ACCEPT_THRESHOLD
        const fp = top && top.score >= DEFAULT_ACCEPT_THRESHOLD && top.id !== row.expected
        if (!ok && (fp || row.expected !== null))
          console.log(`${fp ? 'WRONG' : 'MISS '} [${field.style}] ${field.table}.${field.column} ${field.label} → ${top ? `${byId.get(top.id)} ${top.score}` : '-'} (正解 ${row.expected ? byId.get(row.expected) : 'なし'})`)
      }
  }
}
