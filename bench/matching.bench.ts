/**
 * The matcher on synthetic data — 20,000 standard items × 60,000 current fields at 4×
 * (the target: ≤ 5 s and ≤ 1 GB on a quiet 2-core machine), and 1× / 2× for the growth curve (≤ 2.2× per doubling).
 * Each size runs in its own process so its peak RSS is its own. Seeded: the same data every run.
 *
 *   tsx bench/matching.bench.ts            # 1×, 2×, 4× table
 *   tsx bench/matching.bench.ts --only 4   # one size
 *   tsx bench/matching.bench.ts --json     # the figures as JSON (bench/run.ts uses it)
 *   tsx bench/matching.bench.ts --rounds 3 # the largest size three times (the median is the figure: this
 *                                          # machine's speed varies by up to a third from one run to the next)
 * `npm run bench` runs this with everything else (bench/run.ts).
 */
import {execFileSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {renderTable} from '../src/cli/render.js'
import {syntheticData} from './synthetic-data.js'

interface RunResult {
  scale: number
  items: number
  fields: number
  loadMs: number
  matchMs: number
  /** User + system CPU of loading and matching (other work on the machine inflates it much less than wall time). */
  cpuMs: number
  totalMs: number
  peakRssMb: number
  pairsScored: number
}

async function runOne(scale: number): Promise<RunResult> {
  const items = 5000 * scale
  const fields = 15000 * scale
  const data = syntheticData(items, fields)
  const started = performance.now()
  const cpu = process.cpuUsage()
  const {createMatcher, loadMatchResources} = await import('../src/matching/dictionary-loader.js')
  const resources = loadMatchResources()
  const loaded = performance.now()
  const matcher = createMatcher(resources)
  const result = matcher.match(data.items, data.fields, {topK: 5})
  const done = performance.now()
  const used = process.cpuUsage(cpu)
  return {
    cpuMs: (used.user + used.system) / 1000,
    scale,
    items,
    fields,
    loadMs: loaded - started,
    matchMs: done - loaded,
    totalMs: done - started,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    pairsScored: result.stats.pairsScored,
  }
}

/** A cache folder holding the dictionaries (lexicon) only, copied from the user's cache after one warm-up load. */
function freshCache(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fitgap-bench-cache-'))
  for (const name of readdirSync(source).filter((f) => f.startsWith('lexicon-'))) cpSync(path.join(source, name), path.join(dir, name))
  return dir
}

const args = process.argv.slice(2)
if (args[0] === '--child') {
  const result = await runOne(Number(args[1]))
  process.stdout.write(`${JSON.stringify(result)}\n`)
} else {
  // Warm the dictionary cache once (what any earlier run of fitgap did), so the sizes compare matching.
  const {loadLexicon} = await import('../src/matching/dictionary-loader.js')
  const {cacheDir} = await import('../src/matching/dictionary-cache.js')
  loadLexicon()
  const onlyIndex = args.indexOf('--only')
  const roundsIndex = args.indexOf('--rounds')
  const rounds = roundsIndex >= 0 ? Math.max(1, Number(args[roundsIndex + 1])) : 1
  const sizes = onlyIndex >= 0 ? [Number(args[onlyIndex + 1])] : [1, 2, 4]
  const scales = [...sizes, ...Array.from({length: rounds - 1}, () => sizes.at(-1)!)]
  const self = fileURLToPath(import.meta.url)
  const results: RunResult[] = []
  for (const scale of scales) {
    process.stderr.write(`${scale}× (${5000 * scale} 標準項目 × ${15000 * scale} 現行項目) を実行中…\n`)
    // Each size starts like a first run on new data: the dictionaries from the cache, no name analysed yet.
    const cache = freshCache(cacheDir())
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', String(scale)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        env: {...process.env, FITGAP_CACHE_DIR: cache},
      })
      results.push(JSON.parse(out.trim().split('\n').at(-1)!) as RunResult)
    } finally {
      rmSync(cache, {recursive: true, force: true})
    }
  }
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results)}\n`)
    process.exit(0)
  }
  const base = results[0]!
  process.stdout.write(
    renderTable(
      ['規模', '標準項目', '現行項目', '辞書読込 ms', '照合 ms', '合計 ms', '照合時間の比', 'ピークRSS MB', '採点したペア'],
      results.map((r) => [
        `${r.scale}×`,
        String(r.items),
        String(r.fields),
        r.loadMs.toFixed(0),
        r.matchMs.toFixed(0),
        r.totalMs.toFixed(0),
        (r.matchMs / base.matchMs).toFixed(2),
        r.peakRssMb.toFixed(0),
        String(r.pairsScored),
      ]),
    ),
  )
  const atTarget = results.filter((r) => r.scale === 4).sort((a, b) => a.totalMs - b.totalMs)
  const target = atTarget[Math.floor((atTarget.length - 1) / 2)]
  if (target) {
    const seconds = target.totalMs / 1000
    const spread = atTarget.length > 1 ? ` (${atTarget.length} 回の中央値; ${atTarget.map((r) => (r.totalMs / 1000).toFixed(1)).join(' / ')} s)` : ''
    process.stdout.write(
      `\n目標 (4× = 20,000 × 60,000): 合計 ${seconds.toFixed(1)} s${spread} (≤ 5 s ${seconds <= 5 ? 'OK' : '超過'}, ≤ 10 s ${seconds <= 10 ? 'OK' : '超過'}), ピークRSS ${target.peakRssMb.toFixed(0)} MB (≤ 1024 MB ${target.peakRssMb <= 1024 ? 'OK' : '超過'})\n`,
    )
  }
}
