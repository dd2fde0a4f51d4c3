/**
 * `npm run bench`: the matcher on synthetic data — 20,000 standard items × 60,000 current fields at 4×
 * (the target: ≤ 10 s and ≤ 1 GB on a 2-core machine), and 1× / 2× for the growth curve.
 * Each size runs in its own process so its peak RSS is its own. Seeded: the same data every run.
 *
 *   npm run bench              # 1×, 2×, 4× table
 *   npm run bench -- --only 4  # one size
 */
import {execFileSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

import {renderTable} from '../src/cli/render.js'
import {syntheticData} from './synthetic-data.js'

interface RunResult {
  scale: number
  items: number
  fields: number
  loadMs: number
  matchMs: number
  totalMs: number
  peakRssMb: number
  pairsScored: number
}

async function runOne(scale: number): Promise<RunResult> {
  const items = 5000 * scale
  const fields = 15000 * scale
  const data = syntheticData(items, fields)
  const started = performance.now()
  const {createMatcher, loadMatchResources} = await import('../src/matching/dictionary-loader.js')
  const resources = loadMatchResources()
  const loaded = performance.now()
  const matcher = createMatcher(resources)
  const result = matcher.match(data.items, data.fields, {topK: 5})
  const done = performance.now()
  return {
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

const args = process.argv.slice(2)
if (args[0] === '--child') {
  const result = await runOne(Number(args[1]))
  process.stdout.write(`${JSON.stringify(result)}\n`)
} else {
  const onlyIndex = args.indexOf('--only')
  const scales = onlyIndex >= 0 ? [Number(args[onlyIndex + 1])] : [1, 2, 4]
  const self = fileURLToPath(import.meta.url)
  const results: RunResult[] = []
  for (const scale of scales) {
    process.stderr.write(`${scale}× (${5000 * scale} 標準項目 × ${15000 * scale} 現行項目) を実行中…\n`)
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', String(scale)], {encoding: 'utf8', maxBuffer: 1 << 20})
    results.push(JSON.parse(out.trim().split('\n').at(-1)!) as RunResult)
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
  const target = results.find((r) => r.scale === 4)
  if (target)
    process.stdout.write(
      `\n目標 (4× = 20,000 × 60,000): 合計 ${(target.totalMs / 1000).toFixed(1)} s (≤ 10 s ${target.totalMs <= 10_000 ? 'OK' : '超過'}), ピークRSS ${target.peakRssMb.toFixed(0)} MB (≤ 1024 MB ${target.peakRssMb <= 1024 ? 'OK' : '超過'})\n`,
    )
}
