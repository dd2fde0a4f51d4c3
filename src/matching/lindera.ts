/**
 * Lindera (IPADIC, WebAssembly) as a {@link Segmenter}, run in a worker thread. Loaded lazily, on the first name
 * the cache of names already analysed lacks: the wasm module and its dictionary cost ~0.6 s and ~90 MB, which
 * `fitgap --version` must not pay.
 *
 * Why a worker: on the names of a large export the analyser is a fifth of the matching time. The matcher tells the
 * segmenter up front which texts it will ask for ({@link Segmenter.prefetch}); the worker loads the dictionary and
 * segments them in that order while the main thread analyses and scores what is already back. `segment` stays
 * synchronous: it blocks (Atomics.wait) until the worker has answered the text. The output is the analyser's,
 * whichever thread runs it, so results do not depend on timing. A long queue (a large catalogue's names, which the
 * matcher needs before anything else) starts a second worker on a machine with two cores: the two take slices of
 * the queue, and the main thread, idle until the names are back, waits half as long.
 */
import {createRequire} from 'node:module'
import {availableParallelism} from 'node:os'
import {MessageChannel, type MessagePort, receiveMessageOnPort, Worker} from 'node:worker_threads'

import {AnalyserUnavailableError, type Morpheme, type Segmenter} from './segmenter.js'

/** The worker: CommonJS source (no build step, no loader: the same under tsx, vitest and the built CLI). */
const WORKER_SOURCE = `
const {workerData} = require('node:worker_threads')
const {port, signal, modulePath} = workerData
const flag = new Int32Array(signal)
const post = (message) => {
  port.postMessage(message)
  Atomics.add(flag, 0, 1)
  Atomics.notify(flag, 0)
}
let tokenizer
try {
  const lindera = require(modulePath)
  const builder = new lindera.TokenizerBuilder()
  builder.setDictionary('embedded://ipadic')
  builder.setMode('normal')
  tokenizer = builder.build()
} catch (error) {
  post({error: String((error && error.message) || error)})
}
const urgent = []
const queue = []
let next = 0
let scheduled = false
const work = () => {
  scheduled = false
  let batch
  if (urgent.length > 0) batch = urgent.splice(0)
  else {
    batch = queue.slice(next, next + 128)
    next += batch.length
    if (next === queue.length) {
      queue.length = 0
      next = 0
    }
  }
  if (batch.length === 0) return
  const results = []
  try {
    for (const text of batch) {
      const tokens = text.trim() === '' ? [] : tokenizer.tokenize(text)
      results.push(text, tokens.map((t) => [t.surface, t.reading && t.reading !== '*' && t.reading !== 'UNK' ? t.reading : '', t.partOfSpeech ?? '']))
    }
  } catch (error) {
    // The thread waiting for an answer must hear of it (it then goes on without readings, and says so).
    post({error: String((error && error.message) || error)})
    return
  }
  post({results})
  schedule()
}
const schedule = () => {
  if (!scheduled) {
    scheduled = true
    setImmediate(work)
  }
}
if (tokenizer)
  port.on('message', (message) => {
    if (message.urgent) urgent.push(...message.texts)
    else queue.push(...message.texts)
    schedule()
  })
`

/** How long `segment` waits for the worker without any answer before giving up (a dead worker must not hang a run). */
const STALL_MS = 30_000

/**
 * Texts waiting (announced, not answered) from which a second worker is started: the standard items of a large catalogue come
 * first, and the matcher can do nothing until they are back, so the second core reads half of them (each worker
 * loads its own dictionary: ~0.6 s and ~90 MB, worth it only for a long queue).
 */
export const SECOND_WORKER_TEXTS = 8000
/** Announced texts go to the workers in slices of this many, each to the worker with the shorter queue. */
const SLICE = 128

interface Lane {
  readonly worker: Worker
  readonly port: MessagePort
  /** Texts sent and not answered yet. */
  pending: number
}

export class WorkerSegmenter implements Segmenter {
  private readonly results = new Map<string, Morpheme[]>()
  /** Texts sent to a worker (answered or not). */
  private readonly requested = new Set<string>()
  private readonly flag = new Int32Array(new SharedArrayBuffer(4))
  private readonly lanes: Lane[] = []
  private failure: string | undefined

  constructor(
    private readonly modulePath: string,
    /** At most this many workers (a second one only for a long queue, on a machine with two cores or more). */
    private readonly maxWorkers = availableParallelism() >= 2 ? 2 : 1,
    /** Waiting texts from which the second worker starts. */
    private readonly secondWorkerAt = SECOND_WORKER_TEXTS,
  ) {
    this.addLane()
  }

  private addLane(): void {
    const {port1, port2} = new MessageChannel()
    // None of this process's flags (--input-type=module would make the source a module, --import tsx is not needed).
    const worker = new Worker(WORKER_SOURCE, {eval: true, execArgv: [], workerData: {port: port2, signal: this.flag.buffer, modulePath: this.modulePath}, transferList: [port2]})
    // Neither keeps the process alive: a run ends when its own work does.
    worker.unref()
    port1.unref()
    this.lanes.push({worker, port: port1, pending: 0})
  }

  /** The worker with the shortest queue. */
  private shortest(): Lane {
    let best = this.lanes[0]!
    for (const lane of this.lanes) if (lane.pending < best.pending) best = lane
    return best
  }

  private send(texts: string[], urgent: boolean): void {
    const lane = this.shortest()
    lane.pending += texts.length
    lane.port.postMessage(urgent ? {texts, urgent} : {texts})
  }

  prefetch(texts: readonly string[]): void {
    if (this.failure !== undefined) return
    this.bound()
    const fresh = texts.filter((text) => text.trim() !== '' && !this.requested.has(text))
    for (const text of fresh) this.requested.add(text)
    if (fresh.length === 0) return
    if (this.lanes.length < this.maxWorkers && this.lanes.reduce((sum, lane) => sum + lane.pending, fresh.length) >= this.secondWorkerAt) this.addLane()
    if (this.lanes.length === 1) this.send(fresh, false)
    else for (let i = 0; i < fresh.length; i += SLICE) this.send(fresh.slice(i, i + SLICE), false)
  }

  /** How many workers are running (tests). */
  get workers(): number {
    return this.lanes.length
  }

  segment(text: string): Morpheme[] {
    if (text.trim() === '') return []
    let waited = 0
    for (;;) {
      const hit = this.results.get(text)
      if (hit) return hit
      if (this.failure !== undefined) throw new AnalyserUnavailableError(this.failure)
      if (!this.requested.has(text)) {
        // Not announced: asked for ahead of the queue. (An announced text comes in the order it was announced in.)
        this.bound()
        this.requested.add(text)
        this.send([text], true)
      }
      const seen = Atomics.load(this.flag, 0)
      if (this.drain()) continue
      const started = performance.now()
      if (Atomics.wait(this.flag, 0, seen, 1000) === 'timed-out') {
        waited += performance.now() - started
        if (waited > STALL_MS) throw new Error('形態素解析のワーカーが応答しません。')
      } else waited = 0
      this.drain()
    }
  }

  /** Forgets everything past a bound (texts still on their way are then asked for again, first in line). */
  private bound(): void {
    if (this.requested.size < 400_000) return
    this.requested.clear()
    this.results.clear()
  }

  /** Takes what the worker has posted; true when anything came. */
  private drain(): boolean {
    let any = false
    for (const lane of this.lanes)
      for (let message = receiveMessageOnPort(lane.port); message; message = receiveMessageOnPort(lane.port)) {
        any = true
        this.take(lane, message.message as {results?: (string | [string, string, string][])[]; error?: string})
      }
    return any
  }

  /** Stores a worker's answers; on an error every worker is stopped and `segment` throws from then on. */
  private take(lane: Lane, data: {results?: (string | [string, string, string][])[]; error?: string}): void {
    if (data.error !== undefined) {
      warn(data.error)
      this.failure = data.error
      for (const each of this.lanes) void each.worker.terminate()
      return
    }
    const results = data.results ?? []
    lane.pending -= results.length / 2
    for (let i = 0; i + 1 < results.length; i += 2) {
      const tokens = results[i + 1] as [string, string, string][]
      this.results.set(
        results[i] as string,
        tokens.map(([surface, reading, pos]) => ({surface, reading: reading === '' ? undefined : reading, pos: pos === '' ? undefined : pos})),
      )
    }
  }
}

let shared: WorkerSegmenter | undefined

/**
 * The Lindera-backed segmenter (one worker per process), or undefined when the package is not installed. Its
 * `segment` throws {@link AnalyserUnavailableError} when the package cannot be loaded; the warning is written once, here.
 */
export function loadLinderaSegmenter(): Segmenter | undefined {
  if (shared) return shared
  let modulePath: string
  try {
    modulePath = createRequire(import.meta.url).resolve('lindera-wasm-nodejs-ipadic')
  } catch (error) {
    warn((error as Error).message)
    return undefined
  }
  shared = linderaWorker(modulePath)
  return shared
}

/** A new segmenter over the Lindera package at `modulePath` (tests start their own; the matcher shares one). */
export function linderaWorker(modulePath: string, maxWorkers?: number, secondWorkerAt?: number): WorkerSegmenter {
  return new WorkerSegmenter(modulePath, maxWorkers, secondWorkerAt)
}

let warned = false

/** Matching still works without readings of kanji, but less well: say so rather than differ silently. */
export function warn(message: string): void {
  if (warned) return
  warned = true
  process.stderr.write(`注意: 形態素解析 (lindera-wasm-nodejs-ipadic) を読み込めないため、漢字の読みを使わずに照合します: ${message}\n`)
}
