/**
 * The analysis of many 業務 on several threads: each thread (this one and workers) takes a 業務 not yet taken,
 * loads its inputs, matches and analyses it; the reports come back in the order of the 業務 asked for, the same as
 * {@link runAnalysis} returns them. Only when asked for (FITGAP_THREADS): measured on 2 cores with the bench's 20 業務,
 * two threads took about 30% more CPU time and memory (each thread loads the dictionaries and re-analyses names, the
 * reports are copied between threads, the garbage collector already uses the second core) for no shorter run.
 * Worker w starts with 業務 w, then takes them from the front; this thread takes them from the back meanwhile.
 */
import {existsSync} from 'node:fs'
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

/**
 * The compiled worker (an entry point of its own in dist/, whichever bundle file this code ends up in); none when
 * this code runs from the TypeScript sources (tests): then one thread.
 */
function workerFile(): string | undefined {
  const dist = path.join(PACKAGE_ROOT, 'dist')
  const file = path.join(dist, 'workspace', 'analysis-worker.js')
  return fileURLToPath(import.meta.url).startsWith(dist + path.sep) && existsSync(file) ? file : undefined
}

/** Threads for an analysis of these 業務: FITGAP_THREADS when it is a whole number from 1 (at most one per 業務), else 1. */
export function analysisThreads(areas: readonly Area[]): number {
  const asked = Number.parseInt(process.env.FITGAP_THREADS ?? '', 10)
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, areas.length) : 1
}

/** {@link runAnalysis} on {@link analysisThreads} threads; the same reports, and the same first error, as one thread gives. */
export async function runAnalysisInParallel(
  workspace: Workspace,
  areas: readonly Area[],
  options: {suggest: boolean; onArea?: (area: Area, index: number) => void},
): Promise<AnalysisRun> {
  const threads = analysisThreads(areas)
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
