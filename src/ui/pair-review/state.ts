/**
 * Reviewing standard function (form) ↔ current function (form) candidates: a queue of 候補, one decision per key.
 * Pure: decisions change a MappingFile (same format as map suggest writes); the screen saves it.
 */
import {entryKey, type MappingFile, type PairEntry, type PairItem, type PairSection, sortMappingFile} from '../../mapping/model.js'

export interface PairCandidate {
  readonly standardId: string
  readonly standardName: string
  /** 実装区分 label and requirement text, shown to help the decision. */
  readonly kindLabel: string
  readonly text?: string
  readonly ref: string
  readonly currentName: string
  readonly currentDetail?: string
  readonly score: number
  readonly reason: string
}

export type PairDecision = 'confirmed' | 'rejected' | 'no-counterpart'

export interface PairReviewState {
  readonly areaSlug: string
  readonly section: PairSection
  readonly queue: readonly PairCandidate[]
  readonly index: number
  /** What was decided for each queue position in this session. */
  readonly done: ReadonlyMap<number, PairDecision>
  readonly mapping: MappingFile
  readonly stamp: {readonly by?: string; readonly at: string}
  readonly decisions: number
  readonly quit: boolean
}

export type PairReviewAction = {type: 'decide'; decision: PairDecision} | {type: 'next'} | {type: 'previous'} | {type: 'quit'}

export function createPairReviewState(input: Omit<PairReviewState, 'index' | 'done' | 'decisions' | 'quit'>): PairReviewState {
  return {...input, index: 0, done: new Map(), decisions: 0, quit: input.queue.length === 0}
}

/** Records a person's decision on one candidate pair; a confirmed or no-counterpart item keeps no machine suggestion. */
export function decidePair(mapping: MappingFile, section: PairSection, candidate: PairCandidate, decision: PairDecision, stamp: PairReviewState['stamp']): MappingFile {
  const pairs = mapping[section] ?? []
  const existing = pairs.find((p) => p.id === candidate.standardId)
  const stampOf = (entry: Omit<PairEntry, 'by' | 'at'>): PairEntry => ({...entry, ...(stamp.by ? {by: stamp.by} : {}), at: stamp.at})
  const entry: PairEntry =
    decision === 'no-counterpart'
      ? stampOf({refs: [], status: 'no-counterpart'})
      : stampOf({refs: [candidate.ref], status: decision, score: candidate.score, reason: `${candidate.currentName}: ${candidate.reason}`})
  const kept = (existing?.entries ?? []).filter((e) => {
    if (decision !== 'rejected' && e.status === 'suggested') return false
    if (decision === 'no-counterpart' && e.status === 'confirmed') return false
    return entryKey(e) !== entryKey(entry)
  })
  const next: PairItem = {id: candidate.standardId, name: existing?.name ?? candidate.standardName, entries: [...kept, entry]}
  const rest = pairs.filter((p) => p !== existing)
  return sortMappingFile({...mapping, [section]: [...rest, next]})
}

export function pairReviewReducer(state: PairReviewState, action: PairReviewAction): PairReviewState {
  switch (action.type) {
    case 'quit':
      return {...state, quit: true}
    case 'next':
      return state.index + 1 < state.queue.length ? {...state, index: state.index + 1} : state
    case 'previous':
      return state.index > 0 ? {...state, index: state.index - 1} : state
    case 'decide': {
      const candidate = state.queue[state.index]
      if (!candidate) return state
      const mapping = decidePair(state.mapping, state.section, candidate, action.decision, state.stamp)
      const done = new Map(state.done).set(state.index, action.decision)
      const last = state.index + 1 >= state.queue.length
      return {...state, mapping, done, decisions: state.decisions + 1, index: last ? state.index : state.index + 1, quit: last}
    }
  }
}

export const PAIR_DECISION_LABELS: Record<PairDecision, string> = {confirmed: '確定', rejected: '却下', 'no-counterpart': '対応なし'}
