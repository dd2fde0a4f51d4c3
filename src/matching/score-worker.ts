/**
 * The scoring thread of {@link ScoringHelper} (score-helper.ts): receives the standard items' profiles once, then
 * chunks of fields, and answers each chunk with the pairs that reach minScore. Candidates are picked by the same
 * index as on the main thread (candidates.ts), built from the same profiles.
 */
import {type MessagePort, workerData} from 'node:worker_threads'

import {CandidateIndex} from './candidates.js'
import {type ItemProfile, newPairScore, scorePair} from './pair-score.js'
import {encodePair, type HelperMessage, type HelperOptions, type HelperRequest, WireReader} from './score-helper.js'

const {port, signal} = workerData as {port: MessagePort; signal: SharedArrayBuffer}
const flag = new Int32Array(signal)

function post(message: HelperMessage): void {
  port.postMessage(message, message.kind === 'scored' ? [message.counts.buffer as ArrayBuffer, message.ints.buffer as ArrayBuffer, message.nums.buffer as ArrayBuffer] : [])
  Atomics.add(flag, 0, 1)
  Atomics.notify(flag, 0)
}

const wire = new WireReader()
let items: readonly ItemProfile[] = []
let options: HelperOptions = {minScore: 0, perField: undefined}
let index: CandidateIndex | undefined
const pair = newPairScore()

function score(request: Extract<HelperRequest, {kind: 'chunk'}>): HelperMessage {
  wire.addTokens(request.tokens)
  wire.addTables(request.tables)
  const counts = new Int32Array(request.fields.length)
  const ints: number[] = []
  const nums: number[] = []
  let pairs = 0
  request.fields.forEach((w, f) => {
    const field = wire.field(w)
    const candidates = index?.candidates(field.variants)
    const count = candidates === undefined ? items.length : candidates.length
    pairs += count
    for (let c = 0; c < count; c++) {
      const item = candidates === undefined ? c : candidates[c]!
      if (!scorePair(items[item]!, field, options.minScore, pair)) continue
      counts[f]!++
      encodePair(item, pair, ints, nums)
    }
  })
  return {kind: 'scored', chunk: request.chunk, pairs, counts, ints: Int32Array.from(ints), nums: Float64Array.from(nums)}
}

port.on('message', (request: HelperRequest) => {
  try {
    if (request.kind === 'items') {
      wire.addTokens(request.tokens)
      items = request.items.map((w) => wire.item(w))
      options = request.options
      index = options.perField === undefined ? undefined : new CandidateIndex(items, options.perField)
    } else post(score(request))
  } catch (error) {
    post({kind: 'error', message: String((error as Error)?.stack ?? error)})
  }
})
post({kind: 'ready'})
