/**
 * The scoring thread of {@link ScoringHelper} (score-helper.ts): receives the standard items' profiles once, then
 * chunks of fields with their candidates, and answers each chunk with the pairs that reach minScore.
 */
import {type MessagePort, workerData} from 'node:worker_threads'

import {type ItemProfile, newPairScore, scorePair} from './pair-score.js'
import {encodePair, type HelperMessage, type HelperRequest} from './score-helper.js'

const {port, signal} = workerData as {port: MessagePort; signal: SharedArrayBuffer}
const flag = new Int32Array(signal)

function post(message: HelperMessage): void {
  port.postMessage(message, message.kind === 'scored' ? [message.counts.buffer as ArrayBuffer, message.ints.buffer as ArrayBuffer, message.nums.buffer as ArrayBuffer] : [])
  Atomics.add(flag, 0, 1)
  Atomics.notify(flag, 0)
}

let items: readonly ItemProfile[] = []
let minScore = 0
const pair = newPairScore()

function score(request: Extract<HelperRequest, {kind: 'chunk'}>): HelperMessage {
  const counts = new Int32Array(request.fields.length)
  const ints: number[] = []
  const nums: number[] = []
  request.fields.forEach((field, f) => {
    const candidates = request.candidates[f]
    const count = candidates === undefined ? items.length : candidates.length
    for (let c = 0; c < count; c++) {
      const index = candidates === undefined ? c : candidates[c]!
      if (!scorePair(items[index]!, field, minScore, pair)) continue
      counts[f]!++
      encodePair(index, pair, ints, nums)
    }
  })
  return {kind: 'scored', chunk: request.chunk, counts, ints: Int32Array.from(ints), nums: Float64Array.from(nums)}
}

port.on('message', (request: HelperRequest) => {
  try {
    if (request.kind === 'items') {
      items = request.items
      minScore = request.minScore
    } else post(score(request))
  } catch (error) {
    post({kind: 'error', message: String((error as Error)?.stack ?? error)})
  }
})
post({kind: 'ready'})
