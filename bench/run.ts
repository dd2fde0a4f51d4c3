/**
 * `npm run bench`: every performance target of the project, measured in one run on this machine, each next to
 * its target with OK / 超過:
 *   - startup: `fitgap --version`, `--help`, `areas` (built CLI) against a bare `node -e 0` (median of 7, interleaved);
 *   - each command: the time until its own work (run()) starts, target 0.5 s;
 *   - dictionary load: the synonym lexicon from the cache (warm) and from the source files (cold), and the first
 *     start of the morphological analyser (Lindera), each in a fresh process;
 *   - matching 1× / 2× / 4× (bench/matching.bench.ts; 4× three times, its median the figure) and `analyze` against the exceljs floor (bench/analyze.bench.ts):
 *     with mapping files, again over its own workbook, and a first run without mapping files.
 * Other work on the machine slows everything: compare ratios measured in the same run, read the load average
 * printed last, and the CPU time (user + system) shown next to wall times, which other work inflates much less.
 * `npm run bench -- --quick`: startup and dictionary load only (seconds instead of minutes). Uses its own cache folder (never the user's).
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {renderTable} from '../src/cli/render.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RUN = path.join(ROOT, 'bin', 'run.js')
const ROUNDS = 7

interface Row {
  what: string
  value: string
  target: string
  ok: boolean | undefined
}
const rows: Row[] = []
const verdict = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'OK' : '超過')
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (value: number) => `${value.toFixed(0)} ms`
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ')

/** Wall and CPU (user + system) milliseconds of one process. */
function timeProcess(command: string, args: string[], cache: string): {wall: number; cpu: number} {
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-f', 'FITGAP_TIME %U %S', command, ...args], {cwd: tmpdir(), encoding: 'utf8', env: {...process.env, FITGAP_CACHE_DIR: cache}})
  const wall = performance.now() - started
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (${result.status}):\n${result.stderr.slice(-1000)}`)
  const [, user, system] = result.stderr.split('\n').find((l) => l.startsWith('FITGAP_TIME'))!.split(' ')
  return {wall, cpu: (Number(user) + Number(system)) * 1000}
}

/** The bare `node -e 0` of this run (medians), for the ratios of the rows after it. */
let bareNode = {wall: NaN, cpu: NaN}

function startup(cache: string): void {
  process.stderr.write('起動時間を計測中…\n')
  const cases: Record<string, string[]> = {node: ['-e', '0'], '--version': [RUN, '--version'], '--help': [RUN, '--help'], areas: [RUN, 'areas']}
  const times: Record<string, {wall: number; cpu: number}[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
  for (let round = 0; round < ROUNDS; round++) for (const [name, args] of Object.entries(cases)) times[name]!.push(timeProcess(process.execPath, args, cache))
  const wall = (name: string) => median(times[name]!.map((t) => t.wall))
  const cpu = (name: string) => median(times[name]!.map((t) => t.cpu))
  const bare = wall('node')
  bareNode = {wall: bare, cpu: cpu('node')}
  rows.push({what: '素の node -e 0', value: `${ms(bare)} (CPU ${ms(cpu('node'))})`, target: '(基準)', ok: undefined})
  for (const name of ['--version', '--help', 'areas']) {
    const value = wall(name)
    const label = name === 'areas' ? 'fitgap areas (20業務の件数: 2回目以降はキャッシュから)' : `fitgap ${name}`
    rows.push({
      what: label,
      value: `${ms(value)} (${(value / bare).toFixed(1)} 倍; CPU ${ms(cpu(name))} = ${(cpu(name) / cpu('node')).toFixed(1)} 倍)`,
      target: name === 'areas' ? '(参考)' : '素の node の 3 倍以内',
      ok: name === 'areas' ? undefined : value <= 3 * bare,
    })
  }
}

const STOP_AT_RUN = path.join(ROOT, 'bench', 'hooks', 'stop-at-run.mjs')

/**
 * Each command of the manifest, in a fresh process that stops where its run() would start (bench/hooks/stop-at-run.mjs):
 * what a user waits before the command does anything of its own (milliseconds since the process started, median of 3).
 */
function timeToRun(cache: string): void {
  process.stderr.write('各コマンドの起動 (run() まで) を計測中…\n')
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
  const ids = Object.keys(manifest.commands).sort()
  const results: {id: string; wall: number; cpu: number}[] = []
  for (const id of ids) {
    const samples = Array.from({length: 3}, () => {
      const result = spawnSync(process.execPath, ['--import', STOP_AT_RUN, RUN, ...id.split(':')], {cwd: tmpdir(), encoding: 'utf8', env: {...process.env, FITGAP_CACHE_DIR: cache}})
      const line = result.stderr.split('\n').find((l) => l.startsWith('FITGAP_RUN_AT '))
      if (!line) throw new Error(`fitgap ${id.replaceAll(':', ' ')} did not reach run():\n${result.stderr.slice(-1000)}`)
      const [, wall, cpu] = line.split(' ')
      return {wall: Number(wall), cpu: Number(cpu)}
    })
    results.push({id, wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu))})
  }
  for (const r of results)
    rows.push({what: `fitgap ${r.id.replaceAll(':', ' ')}: 自分の処理 (run()) の開始まで`, value: `${ms(r.wall)} (素の node の ${(r.wall / bareNode.wall).toFixed(1)} 倍; CPU ${ms(r.cpu)} = ${(r.cpu / bareNode.cpu).toFixed(1)} 倍)`, target: '≤ 500 ms', ok: r.wall <= 500})
}

// Timed as a command sees it: yaml and zod are already loaded there (fitgap.yaml and the catalogue come first).
const DICTIONARY_CHILD = `
await import('yaml')
await import('zod')
const started = performance.now()
const {loadMatchResources} = await import(${JSON.stringify(path.join(ROOT, 'dist', 'matching', 'dictionary-loader.js'))})
const cpu = process.cpuUsage()
const resources = loadMatchResources()
const loaded = performance.now()
const used = process.cpuUsage(cpu)
resources.segmenter.segment('住民票の写しの交付申請年月日')
const analysed = performance.now()
process.stdout.write(JSON.stringify({loadMs: loaded - started, cpuMs: (used.user + used.system) / 1000, linderaMs: analysed - loaded}))
`

function dictionary(cache: string): void {
  process.stderr.write('辞書の読み込みを計測中…\n')
  const child = () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', DICTIONARY_CHILD], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {...process.env, FITGAP_CACHE_DIR: cache},
    })
    // The analysed-names cache would hide Lindera from the next run: keep only the lexicon.
    for (const name of readdirSync(cache)) if (!name.startsWith('lexicon-')) rmSync(path.join(cache, name))
    return JSON.parse(out) as {loadMs: number; cpuMs: number; linderaMs: number}
  }
  const cold = child()
  const warm = Array.from({length: 3}, child)
  const warmLoad = median(warm.map((w) => w.loadMs))
  rows.push({
    what: '辞書の読み込み (キャッシュから: 2回目以降)',
    value: `${ms(warmLoad)} (CPU ${ms(median(warm.map((w) => w.cpuMs)))})`,
    target: '≤ 300 ms',
    ok: warmLoad <= 300,
  })
  rows.push({what: '辞書の読み込み (初回: 元のファイルから作ってキャッシュへ)', value: ms(cold.loadMs), target: '(参考: 一度だけ)', ok: undefined})
  const lindera = median(warm.map((w) => w.linderaMs))
  rows.push({what: '形態素解析 (Lindera) の起動: 未解析の名前が出たときだけ', value: ms(lindera), target: '(参考)', ok: undefined})
}

interface MatchRun {
  scale: number
  loadMs: number
  matchMs: number
  cpuMs: number
  totalMs: number
  peakRssMb: number
}

function tsx(script: string, cache: string, args: readonly string[] = []): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', script), '--json', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {...process.env, FITGAP_CACHE_DIR: cache},
  })
}

/** Runs of the largest size: its figure is their median (this machine's speed varies by up to a third between runs). */
const TARGET_ROUNDS = 3

function matching(cache: string): void {
  const all = JSON.parse(tsx('matching.bench.ts', cache, ['--rounds', String(TARGET_ROUNDS)]).trim().split('\n').at(-1)!) as MatchRun[]
  // Per size, the run with the median total (one run for 1× and 2×).
  const runs = [...new Set(all.map((r) => r.scale))].map((scale) => {
    const same = all.filter((r) => r.scale === scale).sort((a, b) => a.totalMs - b.totalMs)
    return {run: same[Math.floor((same.length - 1) / 2)]!, all: same}
  })
  for (const {run, all: same} of runs)
    rows.push({
      what: `照合 ${run.scale}× (${5000 * run.scale} × ${15000 * run.scale}): 辞書 ${ms(run.loadMs)} + 照合 ${ms(run.matchMs)}`,
      value:
        `${(run.totalMs / 1000).toFixed(2)} s (CPU ${(run.cpuMs / 1000).toFixed(2)} s), ${run.peakRssMb.toFixed(0)} MB` +
        (same.length > 1 ? `; ${same.length} 回の中央値 (${same.map((r) => (r.totalMs / 1000).toFixed(2)).join(' / ')} s)` : ''),
      target: run.scale === 4 ? '≤ 5 s (#17, 静かな機械で), ≤ 1024 MB' : '(参考)',
      ok: run.scale === 4 ? run.totalMs <= 5000 && run.peakRssMb <= 1024 : undefined,
    })
  const target = runs.find(({run}) => run.scale === 4)?.run
  if (target) {
    rows.push({
      what: '照合 4× (#15 の目標)',
      value: `${(target.totalMs / 1000).toFixed(2)} s, ${target.peakRssMb.toFixed(0)} MB`,
      target: '≤ 10 s (静かな機械で), ≤ 1024 MB',
      ok: target.totalMs <= 10_000 && target.peakRssMb <= 1024,
    })
    rows.push(lowerBound('照合 4×', target.cpuMs / 1000, 5))
  }
  for (let i = 1; i < runs.length; i++) {
    const ratio = runs[i]!.run.matchMs / runs[i - 1]!.run.matchMs
    rows.push({what: `照合時間の伸び ${runs[i - 1]!.run.scale}× → ${runs[i]!.run.scale}×`, value: `${ratio.toFixed(2)} 倍`, target: '≤ 2.2 倍', ok: ratio <= 2.2})
  }
}

interface Measure {
  seconds: number
  cpu: number
  peakMb: number
}

function analyze(cache: string): void {
  const {analyze, again, first, floor} = JSON.parse(tsx('analyze.bench.ts', cache).trim().split('\n').at(-1)!) as {analyze: Measure; again: Measure; first: Measure; floor: Measure}
  const cpu = (m: Measure) => `CPU ${m.cpu.toFixed(1)} s = 床の ${(m.cpu / floor.cpu).toFixed(2)} 倍`
  rows.push({what: '床: exceljs で同じシート・行・列を書くだけ', value: `${floor.seconds.toFixed(2)} s (CPU ${floor.cpu.toFixed(1)} s), ${floor.peakMb.toFixed(0)} MB`, target: '(基準)', ok: undefined})
  rows.push({
    what: 'analyze 20業務 (map suggest 済み)',
    value: `${analyze.seconds.toFixed(2)} s (床の ${(analyze.seconds / floor.seconds).toFixed(2)} 倍; ${cpu(analyze)}), ${analyze.peakMb.toFixed(0)} MB`,
    target: '≤ 15 s, ≤ 1024 MB, 床の 2 倍以内',
    ok: analyze.seconds <= 15 && analyze.peakMb <= 1024 && analyze.seconds <= 2 * floor.seconds,
  })
  rows.push({
    what: 'analyze もう一度 (自分が書いたブックを置き換える)',
    value: `${again.seconds.toFixed(2)} s (床の ${(again.seconds / floor.seconds).toFixed(2)} 倍; ${cpu(again)}), ${again.peakMb.toFixed(0)} MB`,
    target: '床の 2 倍以内',
    ok: again.seconds <= 2 * floor.seconds,
  })
  rows.push({
    what: 'analyze 20業務 初回 (対応付けファイルなし: 照合を含む)',
    value: `${first.seconds.toFixed(2)} s (床の ${(first.seconds / floor.seconds).toFixed(2)} 倍; ${cpu(first)}), ${first.peakMb.toFixed(0)} MB`,
    target: '床の 2.5 倍以内',
    ok: first.seconds <= 2.5 * floor.seconds,
  })
  rows.push(lowerBound('analyze 初回', first.cpu, 2.5 * floor.seconds))
}

/**
 * What no spreading of the work over threads can beat: the CPU a run used (all its threads) over this machine's
 * cores. When it is above the target, the target needs less work, not more threads.
 */
function lowerBound(what: string, cpuSeconds: number, targetSeconds: number): Row {
  const cores = availableParallelism()
  const bound = cpuSeconds / cores
  return {
    what: `${what} の下限: CPU ÷ ${cores} コア (全部を並列にしても)`,
    value: `${bound.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)`,
    target: `≤ ${targetSeconds.toFixed(1)} s (超過なら並列化では目標に届かない)`,
    ok: bound <= targetSeconds,
  }
}

const cache = mkdtempSync(path.join(tmpdir(), 'fitgap-bench-cache-'))
const started = performance.now()
const loadBefore = load()
try {
  startup(cache)
  timeToRun(cache)
  dictionary(cache)
  const only = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), `fitgap-bench-${prefix}-`))
    for (const name of readdirSync(cache)) cpSync(path.join(cache, name), path.join(dir, name))
    return dir
  }
  const forMatching = only('match')
  const forAnalyze = only('analyze')
  try {
    if (!process.argv.includes('--quick')) {
      matching(forMatching)
      analyze(forAnalyze)
    }
  } finally {
    rmSync(forMatching, {recursive: true, force: true})
    rmSync(forAnalyze, {recursive: true, force: true})
  }
} finally {
  rmSync(cache, {recursive: true, force: true})
}
process.stdout.write(
  `\n${renderTable(
    ['計測', '値', '目標', '判定'],
    rows.map((r) => [r.what, r.value, r.target, verdict(r.ok)]),
  )}\nロードアベレージ (1 / 5 / 15 分): 開始時 ${loadBefore}, 終了時 ${load()} (CPU ${availableParallelism()} 個)。ほかの処理が動いていると時間は伸びます: 同じ回の比 (倍) で読んでください。\n計測の所要 ${((performance.now() - started) / 1000).toFixed(0)} s。\n`,
)
