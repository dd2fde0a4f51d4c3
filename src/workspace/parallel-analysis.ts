/**
 * The analysis of many 業務 on several threads: each thread (this one and workers) takes a 業務 not yet taken,
 * loads its inputs, matches and analyses it; the reports come back in the order of the 業務 asked for, the same as
 * {@link runAnalysis} returns them. Used when the inputs are large enough to pay for starting a thread.
 * Worker w starts with 業務 w, then takes them from the front; this thread takes them from the back meanwhile.
 */
import {existsSync, readdirSync, statSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'

import {InputError} from '../errors.js'
import type {Area} from '../model/area.js'
import {PACKAGE_ROOT} from '../paths.js'
import type {AreaReport} from '../report/report-model.js'
import {analyseArea, type AnalysisRun, runAnalysis} from './run-analysis.js'
import type {Workspace} from './workspace.js'

/** What a worker is given. */
export interface AnalysisJob {
  readonly workspace: Workspace
  readonly areas: readonly Area[]
  readonly suggest: boolean
  /** Which worker this is (its first 業務). */
  readonly worker: number
  /** The 業務 not yet taken, shared by every thread (see {@link takeFront}). */
  readonly queue: SharedArrayBuffer
}

/** The 業務 not yet taken are [front, back), both in one 32-bit word so that a thread takes one atomically. */
function newQueue(front: number, back: number): SharedArrayBuffer {
  const queue = new SharedArrayBuffer(4)
  new Int32Array(queue)[0] = (back << 16) | front
  return queue
}

function take(queue: SharedArrayBuffer, end: 'front' | 'back'): number | undefined {
  const word = new Int32Array(queue)
  for (;;) {
    const state = Atomics.load(word, 0)
    const front = state & 0xffff
    const back = state >>> 16
    if (front >= back) return undefined
    const next = end === 'front' ? (back << 16) | (front + 1) : ((back - 1) << 16) | front
    if (Atomics.compareExchange(word, 0, state, next) === state) return end === 'front' ? front : back - 1
  }
}

/** The next 業務 for a worker. */
export const takeFront = (queue: SharedArrayBuffer) => take(queue, 'front')


/** What a worker sends back: one per 業務 it took. */
export type AnalysisMessage =
  | {readonly index: number; readonly report: AreaReport}
  | {readonly index: number; readonly error: {readonly message: string; readonly stack?: string; readonly problems?: readonly string[]}}

/** Below this many bytes of current definitions and mapping files, one thread is quicker than starting another. */
const PARALLEL_BYTES = 2 * 1024 * 1024
const MAX_THREADS = 4

/**
 * The compiled worker (an entry point of its own in dist/, whichever bundle file this code ends up in); none when
 * this code runs from the TypeScript sources (tests): then one thread.
 */
function workerFile(): string | undefined {
  const dist = path.join(PACKAGE_ROOT, 'dist')
  const file = path.join(dist, 'workspace', 'analysis-worker.js')
  return fileURLToPath(import.meta.url).startsWith(dist + path.sep) && existsSync(file) ? file : undefined
}

/** Threads for this analysis: FITGAP_THREADS when set (1: this thread only), else the cores (≤ 4) for large inputs. */
export function analysisThreads(workspace: Workspace, areas: readonly Area[]): number {
  const asked = Number.parseInt(process.env.FITGAP_THREADS ?? '', 10)
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, areas.length)
  const cores = Math.min(MAX_THREADS, availableParallelism(), areas.length)
  return cores > 1 && inputBytes(workspace, areas) >= PARALLEL_BYTES ? cores : 1
}

function inputBytes(workspace: Workspace, areas: readonly Area[]): number {
  const size = (file: string) => statSync(file, {throwIfNoEntry: false})?.size ?? 0
  const current = existsSync(workspace.currentDir) ? readdirSync(workspace.currentDir) : []
  let bytes = 0
  for (const area of areas) {
    bytes += size(path.join(workspace.mappingsDir, `${area.slug}.yaml`))
    for (const name of current.filter((n) => n === area.slug || n.startsWith(`${area.slug}.`))) {
      const entry = path.join(workspace.currentDir, name)
      bytes += statSync(entry).isDirectory() ? readdirSync(entry).reduce((sum, f) => sum + size(path.join(entry, f)), 0) : size(entry)
    }
  }
  return bytes
}

/** {@link runAnalysis} on {@link analysisThreads} threads; the same reports, and the same first error, as one thread gives. */
export async function runAnalysisInParallel(
  workspace: Workspace,
  areas: readonly Area[],
  options: {suggest: boolean; onArea?: (area: Area, index: number) => void},
): Promise<AnalysisRun> {
  const threads = analysisThreads(workspace, areas)
  const worker = threads > 1 ? workerFile() : undefined
  if (!worker) return runAnalysis(workspace, areas, options)
  const queue = newQueue(threads - 1, areas.length)
  const reports: AreaReport[] = new Array<AreaReport>(areas.length)
  const failures = new Map<number, Error>()
  const workers = Array.from(
    {length: threads - 1},
    (_, index) =>
      new Promise<void>((resolve, reject) => {
        const job: AnalysisJob = {workspace, areas, suggest: options.suggest, worker: index, queue}
        const thread = new Worker(worker, {workerData: job})
        thread.on('message', (message: AnalysisMessage) => {
          if ('report' in message) reports[message.index] = message.report
          else failures.set(message.index, revive(message.error))
        })
        thread.on('error', reject)
        thread.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`分析のスレッドが異常終了しました (終了コード ${code})。`))))
      }),
  )
  // This thread takes its share from the back while the workers start.
  let done = 0
  for (let index = take(queue, 'back'); index !== undefined; index = take(queue, 'back')) {
    options.onArea?.(areas[index]!, done++)
    try {
      reports[index] = analyseArea(workspace, areas[index]!, {suggest: options.suggest})
    } catch (error) {
      failures.set(index, error instanceof Error ? error : new Error(String(error)))
    }
  }
  await Promise.all(workers)
  // Every 業務 was tried: the first failure in their order is the one a single thread would have stopped at.
  if (failures.size > 0) throw failures.get(Math.min(...failures.keys()))!
  return {areas: reports}
}

/** A worker's error as the one thread would have thrown it (an input error keeps exit code 2 and its message). */
function revive(error: {message: string; stack?: string; problems?: readonly string[]}): Error {
  if (error.problems) return Object.assign(new InputError(error.message), {problems: error.problems})
  return Object.assign(new Error(error.message), {stack: error.stack})
}
