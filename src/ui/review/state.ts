/**
 * The review screen's state and its reducer. Pure: no ink, no file system, no clock (the date and the
 * reviewer's name come in with the input). Every decision returns a new MappingFile (decisions.ts); the
 * screen saves it after each change, so the file on disk always matches `state.mapping`.
 */
import {entryKey, type MappingEntry, type MappingFile, type MappingItem} from '../../mapping/model.js'
import type {Signals} from '../../matching/signals.js'
import {confirm, type DecisionTarget, isSettled, noCounterpart, reject, type Stamp} from './decisions.js'
import {
  buildItemSearchIndex,
  buildSearchIndex,
  type FieldInfo,
  type ItemSearchIndex,
  type SearchIndex,
  searchFields,
  searchItems,
} from './search.js'
import {byCodePoint} from '../../model/order.js'

export const REVIEW_FILTERS = ['unmapped', 'low', 'all'] as const
export type ReviewFilter = (typeof REVIEW_FILTERS)[number]

export const FILTER_LABELS: Record<ReviewFilter, string> = {
  unmapped: '未判断の項目',
  low: '第1候補が低スコアの項目',
  all: 'すべての項目',
}

/** How many candidates the screen shows and the digit keys reach. */
export const MAX_CANDIDATES = 5
/** Undo steps kept. */
export const UNDO_LIMIT = 200

/** A standard data item as the screen shows it. */
export interface ReviewItem {
  readonly id: string
  readonly name: string
  readonly group: string
  /** Japanese type label (文字, 数値 …). */
  readonly type: string
  readonly length?: number
  readonly required: boolean
  readonly description?: string
  readonly codeTable?: string
  /** Romaji keys of the name's reading (the matcher's analyzer), for the jump search by kana / romaji. */
  readonly readings?: readonly string[]
}

/** A matcher candidate for one item (a Candidate from src/matching/engine.ts fits). */
export interface MatchCandidate {
  readonly ref: string
  readonly score: number
  readonly signals: Signals
  readonly reason: string
}

export interface ReviewInput {
  readonly areaSlug: string
  readonly areaName: string
  /** The catalogue's items, in catalogue order. */
  readonly items: readonly ReviewItem[]
  readonly fields: readonly FieldInfo[]
  /** Matcher candidates per item id, best first. */
  readonly matches: ReadonlyMap<string, readonly MatchCandidate[]>
  readonly mapping: MappingFile
  readonly filter: ReviewFilter
  /** `low`: items whose best open candidate scores below this. */
  readonly threshold: number
  readonly by?: string
  /** YYYY-MM-DD, written as `at`. */
  readonly today: string
}

/** Where a candidate comes from: an entry of the mapping file (by status) or the matcher only. */
export type CandidateSource = 'confirmed' | 'suggested' | 'rejected' | 'match'

export interface CandidateView {
  readonly key: string
  readonly refs: readonly string[]
  readonly source: CandidateSource
  readonly score?: number
  readonly signals?: Signals
  readonly reason?: string
  readonly by?: string
  readonly note?: string
}

export type ItemStatus = 'open' | 'confirmed' | 'gap'

export type Mode = 'browse' | 'search' | 'jump' | 'help'

export interface Message {
  readonly kind: 'info' | 'warn'
  readonly text: string
}

interface UndoEntry {
  readonly mapping: MappingFile
  readonly position: number
  readonly selected: number
  readonly decisions: number
  readonly label: string
}

export interface ReviewState {
  readonly areaSlug: string
  readonly areaName: string
  readonly filter: ReviewFilter
  readonly threshold: number
  readonly stamp: Stamp
  readonly items: ReadonlyMap<string, ReviewItem>
  readonly fields: ReadonlyMap<string, FieldInfo>
  readonly index: SearchIndex
  readonly matches: ReadonlyMap<string, readonly MatchCandidate[]>
  readonly mapping: MappingFile
  /** Item ids to review, lowest confidence first. Fixed for the session (decided items stay, marked). */
  readonly queue: readonly string[]
  readonly position: number
  /** Index into the current item's candidates. */
  readonly selected: number
  readonly mode: Mode
  readonly search: {readonly query: string; readonly results: readonly FieldInfo[]; readonly selected: number}
  /** The queue's items by ID, name and reading, for the jump (`i` / `:`). */
  readonly itemIndex: ItemSearchIndex
  /** The jump: matching item ids (queue order within a rank) and the selected one. */
  readonly jump: {readonly query: string; readonly results: readonly string[]; readonly selected: number}
  readonly undo: readonly UndoEntry[]
  readonly message?: Message
  /** Decisions made in this session (undo takes them back). */
  readonly decisions: number
  readonly quit: boolean
}

export type ReviewAction =
  | {readonly type: 'accept'}
  | {readonly type: 'pick'; readonly n: number}
  | {readonly type: 'reject'}
  | {readonly type: 'gap'}
  | {readonly type: 'undo'}
  | {readonly type: 'skip'}
  | {readonly type: 'back'}
  | {readonly type: 'move'; readonly delta: number}
  | {readonly type: 'help'}
  | {readonly type: 'close'}
  | {readonly type: 'quit'}
  | {readonly type: 'searchStart'}
  | {readonly type: 'searchInput'; readonly text: string}
  | {readonly type: 'searchBackspace'}
  | {readonly type: 'searchClear'}
  | {readonly type: 'searchMove'; readonly delta: number}
  | {readonly type: 'searchConfirm'}
  | {readonly type: 'jumpStart'}
  | {readonly type: 'jumpInput'; readonly text: string}
  | {readonly type: 'jumpBackspace'}
  | {readonly type: 'jumpClear'}
  | {readonly type: 'jumpMove'; readonly delta: number}
  | {readonly type: 'jumpConfirm'}

// ---------------------------------------------------------------------------------------------------------
// Selectors

const mappingItem = (mapping: MappingFile, id: string): MappingItem | undefined => mapping.items.find((item) => item.item === id)

const SOURCE_ORDER: Record<CandidateSource, number> = {confirmed: 0, suggested: 1, match: 1, rejected: 2}

function entryView(entry: MappingEntry): CandidateView {
  return {
    key: entryKey(entry),
    refs: entry.refs,
    source: entry.status === 'confirmed' ? 'confirmed' : entry.status === 'rejected' ? 'rejected' : 'suggested',
    score: entry.score,
    signals: entry.signals,
    reason: entry.reason,
    by: entry.by,
    note: entry.note,
  }
}

function candidatesIn(mapping: MappingFile, matches: ReadonlyMap<string, readonly MatchCandidate[]>, id: string): CandidateView[] {
  const entries = (mappingItem(mapping, id)?.entries ?? []).filter((e) => e.status !== 'no-counterpart').map(entryView)
  const known = new Set(entries.map((c) => c.key))
  const fromMatcher: CandidateView[] = (matches.get(id) ?? [])
    .filter((m) => !known.has(m.ref))
    .map((m) => ({key: m.ref, refs: [m.ref], source: 'match', score: m.score, signals: m.signals, reason: m.reason}))
  return [...entries, ...fromMatcher].sort(
    (a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || (b.score ?? -1) - (a.score ?? -1) || byCodePoint(a.key, b.key),
  )
}

/** The item's candidates: its entries in the mapping file plus the matcher's, confirmed first, rejected last. */
export const candidatesFor = (state: ReviewState, id: string): CandidateView[] => candidatesIn(state.mapping, state.matches, id)

/** Other items this field is already confirmed for (map check warns about a field shared by several items). */
export function confirmedElsewhere(state: ReviewState, ref: string, itemId: string): string[] {
  const names: string[] = []
  for (const item of state.mapping.items) {
    if (item.item === itemId) continue
    if (item.entries.some((e) => e.status === 'confirmed' && e.refs.includes(ref))) names.push(state.items.get(item.item)?.name ?? item.name ?? item.item)
  }
  return names
}

export function statusOf(mapping: MappingFile, id: string): ItemStatus {
  const item = mappingItem(mapping, id)
  if (item?.entries.some((e) => e.status === 'confirmed')) return 'confirmed'
  if (item?.entries.some((e) => e.status === 'no-counterpart')) return 'gap'
  return 'open'
}

export const itemStatus = (state: ReviewState, id: string): ItemStatus => statusOf(state.mapping, id)

export const currentItemId = (state: ReviewState): string | undefined => state.queue[state.position]

export const currentItem = (state: ReviewState): ReviewItem | undefined => {
  const id = currentItemId(state)
  return id === undefined ? undefined : state.items.get(id)
}

/**
 * Progress: queue items that are settled (confirmed or no-counterpart) / queue length. Rejecting a candidate
 * does not settle an item, so it does not count; the screen labels the count 確定・対応なし to say so.
 */
export function progress(state: ReviewState): {reviewed: number; total: number} {
  return {reviewed: state.queue.filter((id) => statusOf(state.mapping, id) !== 'open').length, total: state.queue.length}
}

/** The best score among candidates still open (suggested or matcher), 0 when there is none. */
function confidence(mapping: MappingFile, matches: ReadonlyMap<string, readonly MatchCandidate[]>, id: string): number {
  let best = 0
  for (const c of candidatesIn(mapping, matches, id)) if (c.source === 'suggested' || c.source === 'match') best = Math.max(best, c.score ?? 0)
  return best
}

// ---------------------------------------------------------------------------------------------------------
// Construction

export function buildQueue(
  items: readonly ReviewItem[],
  mapping: MappingFile,
  matches: ReadonlyMap<string, readonly MatchCandidate[]>,
  filter: ReviewFilter,
  threshold: number,
): string[] {
  const rows = items.map((item) => {
    const settled = isSettled(mappingItem(mapping, item.id))
    return {id: item.id, settled, score: settled ? 1 : confidence(mapping, matches, item.id)}
  })
  const wanted = rows.filter((row) => (filter === 'all' ? true : filter === 'unmapped' ? !row.settled : !row.settled && row.score < threshold))
  return wanted
    .sort((a, b) => Number(a.settled) - Number(b.settled) || a.score - b.score || a.id.localeCompare(b.id, 'en', {numeric: true}))
    .map((row) => row.id)
}

export function createReviewState(input: ReviewInput): ReviewState {
  const index = buildSearchIndex(input.fields)
  const queue = buildQueue(input.items, input.mapping, input.matches, input.filter, input.threshold)
  const items = new Map(input.items.map((item) => [item.id, item]))
  return {
    areaSlug: input.areaSlug,
    areaName: input.areaName,
    filter: input.filter,
    threshold: input.threshold,
    stamp: {by: input.by, at: input.today},
    items,
    fields: new Map(input.fields.map((field) => [field.ref, field])),
    index,
    matches: input.matches,
    mapping: input.mapping,
    queue,
    position: 0,
    selected: 0,
    mode: 'browse',
    search: {query: '', results: [], selected: 0},
    itemIndex: buildItemSearchIndex(queue.map((id) => items.get(id)!)),
    jump: {query: '', results: [], selected: 0},
    undo: [],
    message:
      queue.length === 0
        ? {kind: 'info', text: `確認が必要な項目はありません (${FILTER_LABELS[input.filter]})。--filter all ですべて見られます。q で終了します。`}
        : undefined,
    decisions: 0,
    quit: false,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reducer

const info = (text: string): Message => ({kind: 'info', text})
const warn = (text: string): Message => ({kind: 'warn', text})

const refsText = (refs: readonly string[]): string => refs.join('+')

/** The next item after `from` that is still open, wrapping around; `from` itself when none is. */
function nextOpen(state: ReviewState, mapping: MappingFile, from: number): number {
  const n = state.queue.length
  for (let step = 1; step <= n; step++) {
    const at = (from + step) % n
    if (statusOf(mapping, state.queue[at]!) === 'open') return at
  }
  return from
}

/** Applies a decision: pushes an undo step, stores the new mapping, moves on when the item is settled. */
function decide(state: ReviewState, mapping: MappingFile, label: string, advance: boolean): ReviewState {
  const step: UndoEntry = {mapping: state.mapping, position: state.position, selected: state.selected, decisions: state.decisions, label}
  const undo = [...state.undo, step].slice(-UNDO_LIMIT)
  const base = {...state, mapping, undo, decisions: state.decisions + 1, mode: 'browse' as const}
  if (!advance) {
    const count = candidatesIn(mapping, state.matches, state.queue[state.position]!).length
    return {...base, selected: Math.max(0, Math.min(state.selected, count - 1)), message: info(label)}
  }
  const position = nextOpen(state, mapping, state.position)
  const allDone = statusOf(mapping, state.queue[position]!) !== 'open'
  return {
    ...base,
    position,
    selected: 0,
    message: info(allDone ? `${label}。一覧の項目はすべて判断済みです (q で終了)` : label),
  }
}

function confirmTarget(state: ReviewState, target: DecisionTarget & {readonly source?: CandidateSource}): ReviewState {
  const id = currentItemId(state)!
  const item = state.items.get(id)
  if (target.source === 'confirmed') {
    const position = nextOpen(state, state.mapping, state.position)
    return {...state, position, selected: 0, mode: 'browse', message: info(`${refsText(target.refs)} はすでに確定しています`)}
  }
  const mapping = confirm(state.mapping, id, item?.name, target, state.stamp)
  return decide(state, mapping, `確定: ${item?.name ?? id} = ${refsText(target.refs)}`, true)
}

function confirmCandidate(state: ReviewState, index: number): ReviewState {
  const id = currentItemId(state)
  if (id === undefined) return state
  const candidates = candidatesFor(state, id)
  const candidate = candidates[index]
  if (!candidate) {
    if (candidates.length === 0) return {...state, message: warn('候補がありません。/ で現行項目を検索するか、g で「対応なし」にしてください')}
    return {...state, message: warn(`候補 ${index + 1} はありません (候補は ${candidates.length} 件)`)}
  }
  return confirmTarget(state, candidate)
}

function moveTo(state: ReviewState, position: number): ReviewState {
  const n = state.queue.length
  if (n === 0) return state
  return {...state, position: ((position % n) + n) % n, selected: 0, message: undefined}
}

function withSearch(state: ReviewState, query: string): ReviewState {
  return {...state, search: {query, results: searchFields(state.index, query), selected: 0}}
}

function withJump(state: ReviewState, query: string): ReviewState {
  return {...state, jump: {query, results: searchItems(state.itemIndex, query), selected: 0}}
}

/** Item text for messages: 001001002 氏名 (12/123). */
function itemLabel(state: ReviewState, position: number): string {
  const id = state.queue[position]!
  return `${id} ${state.items.get(id)?.name ?? ''} (${position + 1}/${state.queue.length})`
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  const id = currentItemId(state)
  switch (action.type) {
    case 'quit':
      return {...state, quit: true}
    case 'help':
      return {...state, mode: state.mode === 'help' ? 'browse' : 'help'}
    case 'close':
      return {...state, mode: 'browse'}
    case 'undo': {
      const last = state.undo.at(-1)
      if (!last) return {...state, mode: 'browse', message: warn('取り消す操作はありません')}
      return {
        ...state,
        mapping: last.mapping,
        position: last.position,
        selected: last.selected,
        decisions: last.decisions,
        undo: state.undo.slice(0, -1),
        mode: 'browse',
        message: info(`取り消しました: ${last.label}`),
      }
    }
    default:
      break
  }
  if (id === undefined) return state
  const item = state.items.get(id)
  switch (action.type) {
    case 'accept':
      return confirmCandidate(state, state.selected)
    case 'pick':
      return confirmCandidate(state, action.n - 1)
    case 'reject': {
      const candidate = candidatesFor(state, id)[state.selected]
      if (!candidate) return {...state, message: warn('却下する候補がありません')}
      if (candidate.source === 'rejected') return {...state, message: warn(`${refsText(candidate.refs)} はすでに却下しています`)}
      const mapping = reject(state.mapping, id, item?.name, candidate, state.stamp)
      return decide(state, mapping, `却下: ${item?.name ?? id} != ${refsText(candidate.refs)}`, false)
    }
    case 'gap': {
      if (itemStatus(state, id) === 'gap') return {...state, message: warn(`${item?.name ?? id} はすでに「対応なし」です`)}
      const mapping = noCounterpart(state.mapping, id, item?.name, state.stamp)
      return decide(state, mapping, `対応なし (ギャップ): ${item?.name ?? id}`, true)
    }
    case 'skip':
      return moveTo(state, state.position + 1)
    case 'back':
      return moveTo(state, state.position - 1)
    case 'move': {
      const count = candidatesFor(state, id).length
      if (count === 0) return state
      return {...state, selected: Math.max(0, Math.min(count - 1, state.selected + action.delta))}
    }
    case 'searchStart':
      return {...withSearch(state, ''), mode: 'search', message: undefined}
    case 'searchInput':
      return withSearch(state, state.search.query + action.text.replace(/[\p{Cc}]/gu, ''))
    case 'searchBackspace':
      return withSearch(state, [...state.search.query].slice(0, -1).join(''))
    case 'searchClear':
      return withSearch(state, '')
    case 'searchMove': {
      const count = state.search.results.length
      if (count === 0) return state
      return {...state, search: {...state.search, selected: Math.max(0, Math.min(count - 1, state.search.selected + action.delta))}}
    }
    case 'jumpStart': {
      // Every queue item, the current one selected: Enter without typing stays where it is.
      const opened = withJump(state, '')
      return {...opened, mode: 'jump', jump: {...opened.jump, selected: state.position}, message: undefined}
    }
    case 'jumpInput':
      return withJump(state, state.jump.query + action.text.replace(/[\p{Cc}]/gu, ''))
    case 'jumpBackspace':
      return withJump(state, [...state.jump.query].slice(0, -1).join(''))
    case 'jumpClear':
      return withJump(state, '')
    case 'jumpMove': {
      const count = state.jump.results.length
      if (count === 0) return state
      return {...state, jump: {...state.jump, selected: Math.max(0, Math.min(count - 1, state.jump.selected + action.delta))}}
    }
    case 'jumpConfirm': {
      const target = state.jump.results[state.jump.selected]
      if (target === undefined) return {...state, message: warn('該当する標準データ項目が一覧にありません (Esc で戻る)')}
      const position = state.queue.indexOf(target)
      return {...state, mode: 'browse', position, selected: 0, message: info(`移動: ${itemLabel(state, position)}`)}
    }
    case 'searchConfirm': {
      const field = state.search.results[state.search.selected]
      if (!field) return {...state, message: warn('該当する現行項目がありません (Esc で戻る)')}
      const known = candidatesFor(state, id).find((c) => c.key === field.ref)
      const target = known ?? {refs: [field.ref]}
      return confirmTarget({...state, mode: 'browse'}, target)
    }
    default:
      return state
  }
}
