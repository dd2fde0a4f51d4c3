/**
 * Lindera (IPADIC, WebAssembly) as a {@link Segmenter}, run in a worker thread. Loaded lazily, on the first name
 * the cache of names already analysed lacks: the wasm module and its dictionary cost ~0.6 s and ~90 MB, which
 * `fitgap --version` must not pay.
 *
 * Why a worker: on the names of a large export the analyser is a fifth of the matching time. The matcher tells the
 * segmenter up front which texts it will ask for ({@link Segmenter.prefetch}); the worker loads the dictionary and
 * segments them in that order while the main thread analyses and scores what is already back. `segment` stays
 * synchronous: it blocks (Atomics.wait) until the worker has answered the text. The output is the analyser's,
 * whichever thread runs it, so results do not depend on timing.
 */
import {createRequire} from 'node:module'
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

export class WorkerSegmenter implements Segmenter {
  private readonly results = new Map<string, Morpheme[]>()
  /** Texts sent to the worker (answered or not). */
  private readonly requested = new Set<string>()
  private readonly flag = new Int32Array(new SharedArrayBuffer(4))
  private readonly port: MessagePort
  private readonly worker: Worker
  private failure: string | undefined

  constructor(modulePath: string) {
    const {port1, port2} = new MessageChannel()
    this.port = port1
    // None of this process's flags (--input-type=module would make the source a module, --import tsx is not needed).
    this.worker = new Worker(WORKER_SOURCE, {eval: true, execArgv: [], workerData: {port: port2, signal: this.flag.buffer, modulePath}, transferList: [port2]})
    // Neither keeps the process alive: a run ends when its own work does.
    this.worker.unref()
    this.port.unref()
  }

  prefetch(texts: readonly string[]): void {
    if (this.failure !== undefined) return
    this.bound()
    const fresh = texts.filter((text) => text.trim() !== '' && !this.requested.has(text))
    for (const text of fresh) this.requested.add(text)
    if (fresh.length > 0) this.port.postMessage({texts: fresh})
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
        this.port.postMessage({texts: [text], urgent: true})
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
    for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
      any = true
      const data = message.message as {results?: (string | [string, string, string][])[]; error?: string}
      if (data.error !== undefined) {
        warn(data.error)
        this.failure = data.error
        void this.worker.terminate()
        continue
      }
      const results = data.results ?? []
      for (let i = 0; i + 1 < results.length; i += 2) {
        const tokens = results[i + 1] as [string, string, string][]
        this.results.set(
          results[i] as string,
          tokens.map(([surface, reading, pos]) => ({surface, reading: reading === '' ? undefined : reading, pos: pos === '' ? undefined : pos})),
        )
      }
    }
    return any
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

/** A new worker over the Lindera package at `modulePath` (tests start their own; the matcher shares one). */
export function linderaWorker(modulePath: string): WorkerSegmenter {
  return new WorkerSegmenter(modulePath)
}

let warned = false

/** Matching still works without readings of kanji, but less well: say so rather than differ silently. */
export function warn(message: string): void {
  if (warned) return
  warned = true
  process.stderr.write(`注意: 形態素解析 (lindera-wasm-nodejs-ipadic) を読み込めないため、漢字の読みを使わずに照合します: ${message}\n`)
}
