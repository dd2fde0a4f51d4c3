/**
 * A second scoring thread for large inputs (see Matcher.match). The main thread analyses the names and picks each
 * field's candidates; chunks of fields with their candidates go to the helper (score-worker.ts), which scores the
 * pairs with the same code (pair-score.ts) and sends the pairs that reach minScore back as typed arrays. The main
 * thread keeps the chunks in field order whoever scored them, so the result never depends on timing.
 *
 * `match` is synchronous: the main thread reads the helper's port without waiting while it has work of its own, and
 * blocks (Atomics.wait) only at the end. A helper that fails to start is never given work ('auto'); one that stops
 * answering has its chunks taken back and scored here; an error while scoring is thrown from `match`.
 */
import {createRequire} from 'node:module'
import {pathToFileURL} from 'node:url'
import {MessageChannel, type MessagePort, receiveMessageOnPort, Worker} from 'node:worker_threads'

import type {FieldInput, StandardItem} from './engine.js'
import {type FieldProfile, type ItemProfile, newPairScore, type PairScore} from './pair-score.js'
import {SIGNALS, type Signals} from './signals.js'

/** The work of a chunk: its fields' profiles, and per field the indexes of the items to score (undefined: all). */
export interface ChunkWork {
  readonly fields: FieldProfile[]
  readonly candidates: (Int32Array | undefined)[]
}

export interface Chunk<T = unknown> extends ChunkWork {
  readonly refs: string[]
  /** Per field, its scored pairs (once scored, here or by the helper). */
  results?: T[][]
}

/** The pairs of a chunk that reached minScore, field after field. */
export interface HelperResults {
  readonly kind: 'scored'
  readonly chunk: number
  /** Per field: how many pairs. */
  readonly counts: Int32Array
  /** Per pair, {@link INTS} numbers: item index, variant, evidence bits, which signals are present (bits in SIGNALS order). */
  readonly ints: Int32Array
  /** Per pair, {@link NUMS} numbers: score, qualifier factor, then each of SIGNALS (0 where absent). */
  readonly nums: Float64Array
}

export type HelperRequest =
  | {readonly kind: 'items'; readonly items: readonly ItemProfile[]; readonly minScore: number}
  | ({readonly kind: 'chunk'; readonly chunk: number} & ChunkWork)

export type HelperMessage = HelperResults | {readonly kind: 'ready'} | {readonly kind: 'error'; readonly message: string}

const INTS = 4
const NUMS = 2 + SIGNALS.length

/** Appends one scored pair to the arrays of {@link HelperResults}. */
export function encodePair(itemIndex: number, pair: PairScore, ints: number[], nums: number[]): void {
  let present = 0
  nums.push(pair.score, pair.qualifierFactor)
  for (let s = 0; s < SIGNALS.length; s++) {
    const value = pair.signals[SIGNALS[s]!]
    if (value !== undefined) present |= 1 << s
    nums.push(value ?? 0)
  }
  ints.push(itemIndex, pair.variant, pair.via, present)
}

/** The pairs of {@link HelperResults}, per field of the chunk, made by `make` (signals rebuilt in SIGNALS order, as scorePair writes them). */
export function decodeResults<T>(results: HelperResults, make: (fieldInChunk: number, itemIndex: number, pair: PairScore) => T): T[][] {
  const {counts, ints, nums} = results
  const lists: T[][] = []
  const pair = newPairScore()
  let at = 0
  for (let f = 0; f < counts.length; f++) {
    const list: T[] = []
    for (let j = 0; j < counts[f]!; j++, at++) {
      const i = at * INTS
      const n = at * NUMS
      const present = ints[i + 3]!
      const signals: Signals = {}
      for (let s = 0; s < SIGNALS.length; s++) if (present & (1 << s)) signals[SIGNALS[s]!] = nums[n + 2 + s]!
      pair.score = nums[n]!
      pair.qualifierFactor = nums[n + 1]!
      pair.signals = signals
      pair.variant = ints[i + 1]!
      pair.via = ints[i + 2]!
      list.push(make(f, ints[i]!, pair))
    }
    lists.push(list)
  }
  return lists
}

/**
 * The thread's first code (CommonJS, evaluated: no loader needed to start it). Under tsx or vitest the engine runs
 * from .ts sources: the worker then registers tsx before importing score-worker.ts.
 */
const BOOT = `
const {workerData} = require('node:worker_threads')
;(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register()
  await import(workerData.url)
})().catch((error) => {
  workerData.port.postMessage({kind: 'error', message: String((error && error.stack) || error)})
  const flag = new Int32Array(workerData.signal)
  Atomics.add(flag, 0, 1)
  Atomics.notify(flag, 0)
})
`

/** How long the main thread waits for the helper without any answer before it scores the helper's chunks itself. */
const STALL_MS = 30_000
/** Chunks the helper holds at once: one it works on, one waiting (more would leave the main thread idle at the end). */
const MAX_OUTSTANDING = 2

const plainItem = ({id, group, name, nameEn, description, type, length}: StandardItem): StandardItem => ({id, group, name, nameEn, description, type, length})
const plainField = ({table, column, label, type, length, description}: FieldInput): FieldInput => ({table, column, label, type, length, description})

export class ScoringHelper {
  private ready = false
  private failed = false
  private readonly outstanding = new Set<number>()

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
    /** Wait for the thread to start before the first chunk, and fail when it cannot ('always'). */
    private readonly required: boolean,
  ) {}

  static start(required: boolean): ScoringHelper {
    const flag = new Int32Array(new SharedArrayBuffer(4))
    const {port1, port2} = new MessageChannel()
    const fromSource = import.meta.url.endsWith('.ts')
    const url = new URL(`./score-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href
    const tsx = fromSource ? pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href : undefined
    // None of this process's flags (--cpu-prof, --import tsx …): the boot code loads what it needs.
    const worker = new Worker(BOOT, {eval: true, execArgv: [], workerData: {url, tsx, port: port2, signal: flag.buffer}, transferList: [port2]})
    // Failures come over the port (read while matching); neither keeps the process alive.
    worker.on('error', () => {})
    worker.unref()
    port1.unref()
    return new ScoringHelper(worker, port1, flag, required)
  }

  sendItems(profiles: readonly ItemProfile[], minScore: number): void {
    this.post({kind: 'items', minScore, items: profiles.map((p) => ({...p, item: plainItem(p.item)}))})
  }

  /** Whether a chunk can go to the helper now. */
  hasRoom(): boolean {
    if (this.required && !this.ready && !this.failed && !this.block(() => {}, () => this.ready || this.failed)) this.failed = true
    return this.ready && !this.failed && this.outstanding.size < MAX_OUTSTANDING
  }

  send(k: number, chunk: ChunkWork): void {
    this.outstanding.add(k)
    if (process.env.WMDEBUG) process.stderr.write(`S${k} `)
    this.post({kind: 'chunk', chunk: k, fields: chunk.fields.map((fp) => ({...fp, field: plainField(fp.field)})), candidates: chunk.candidates})
  }

  /** Takes what the helper has sent, without waiting. */
  drain(onResult: (chunk: number, results: HelperResults) => void): void {
    for (let received = receiveMessageOnPort(this.port); received; received = receiveMessageOnPort(this.port)) {
      const message = received.message as HelperMessage
      if (message.kind === 'ready') this.ready = true
      else if (message.kind === 'error') {
        this.failed = true
        // A thread that could not start is not needed ('auto'): the main thread scores everything.
        if (this.ready || this.required) throw new Error(`照合の並列処理 (2つ目のスレッド) でエラーが起きました: ${message.message}`)
      } else {
        this.outstanding.delete(message.chunk)
        onResult(message.chunk, message)
      }
    }
  }

  /**
   * Waits until the helper sends something, and takes it. Should the helper stop answering, its chunks are given
   * back to `takeBack` (the main thread scores them) and it gets no more.
   */
  wait(onResult: (chunk: number, results: HelperResults) => void, takeBack: (chunk: number) => void): void {
    if (this.outstanding.size === 0) return
    const before = this.outstanding.size
    if (!this.block(onResult, () => this.outstanding.size < before)) {
      this.failed = true
      for (const k of this.outstanding) takeBack(k)
      this.outstanding.clear()
    }
  }

  close(): void {
    this.port.close()
    void this.worker.terminate()
  }

  private post(request: HelperRequest): void {
    this.port.postMessage(request)
  }

  /** Takes messages until `done()`; false after {@link STALL_MS} without any message. */
  private block(onResult: (chunk: number, results: HelperResults) => void, done: () => boolean): boolean {
    let waited = 0
    for (;;) {
      const seen = Atomics.load(this.flag, 0)
      this.drain(onResult)
      if (done()) return true
      const started = performance.now()
      if (Atomics.wait(this.flag, 0, seen, 1000) === 'timed-out') {
        waited += performance.now() - started
        if (waited > STALL_MS) return false
      } else waited = 0
    }
  }
}
