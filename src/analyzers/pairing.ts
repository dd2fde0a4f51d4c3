/**
 * Standard function (form) ↔ current function (form) pairing. Pure.
 *
 * Evidence comes first: a pair a person confirmed in the mapping file, or a row of the vendor's 対応表 (a standard-ID
 * column in the current export), is a pair. Name similarity only proposes a 候補 for a person to review; it never
 * becomes a pair by itself. A person's rejection removes a pair or candidate, even one from the 対応表.
 */
import type {PairItem} from '../mapping/model.js'
import type {Finding} from '../model/finding.js'
import {type NameProfile, nameProfile, profileSimilarity} from './name-similarity.js'

export interface StandardRecord {
  readonly id: string
  readonly name: string
  /** Requirement text (functions) or category (forms). */
  readonly text?: string
}

export interface CurrentRecord {
  readonly id: string
  readonly name: string
  readonly description?: string
  readonly category?: readonly string[]
  /** The vendor's 対応表 cell; undefined when the export has no such column. */
  readonly standardIds?: readonly string[]
}

export type PairVia = 'mapping' | 'vendor-table'

export const PAIR_VIA_LABELS: Record<PairVia, string> = {mapping: '確定 (対応付けファイル)', 'vendor-table': '確定 (業者の対応表)'}

export type PairState = 'confirmed' | 'no-counterpart' | 'candidate' | 'none'

export const PAIR_STATE_LABELS: Record<PairState, string> = {
  confirmed: '確定',
  'no-counterpart': '現行になし (確認済み)',
  candidate: '候補 (要確認)',
  none: '対応なし',
}

export interface Candidate {
  readonly index: number
  readonly score: number
  readonly reason: string
}

export interface StandardPairing {
  readonly state: PairState
  /** Confirmed counterparts (current indexes), in current-list order. */
  readonly currents: readonly {readonly index: number; readonly via: PairVia}[]
  readonly candidate?: Candidate
}

/** paired: in a confirmed pair. candidate: proposed for some standard record. own: the vendor's 対応表 says no standard counterpart. unreviewed: none of these. */
export type CurrentState = 'paired' | 'candidate' | 'own' | 'unreviewed'

export interface Pairing {
  readonly standard: readonly StandardPairing[]
  readonly current: readonly CurrentState[]
  /** 対応表 IDs that are not in the catalogue. */
  readonly unknownVendorIds: readonly {readonly currentIndex: number; readonly id: string}[]
  /** Confirmed mapping refs naming no imported current record. */
  readonly danglingRefs: readonly {readonly standardId: string; readonly ref: string}[]
}

const round = (n: number) => Math.round(n * 1000) / 1000

/** A record's names prepared once for the comparisons with every record on the other side. */
interface PairProfile {
  readonly id: string
  readonly name: NameProfile
  /** Name with the requirement text (standard) or with 概要 and 分類 (current); undefined when there is none. */
  readonly context?: NameProfile
}

const standardProfile = (record: StandardRecord): PairProfile => ({
  id: record.id,
  name: nameProfile(record.name),
  ...(record.text ? {context: nameProfile(`${record.name}${record.text}`)} : {}),
})

function currentProfile(record: CurrentRecord): PairProfile {
  const context = [record.description, ...(record.category ?? [])].filter(Boolean).join(' ')
  return {id: record.id, name: nameProfile(record.name), ...(context === '' ? {} : {context: nameProfile(`${record.name}${context}`)})}
}

/** The score of {@link scoreProfiles} alone (pairRecords scores every open pair; few reach the threshold). */
function scoreOf(standard: PairProfile, current: PairProfile): number {
  if (standard.id === current.id) return 1
  const name = profileSimilarity(standard.name, current.name)
  if (!standard.context || !current.context) return round(name)
  return round(Math.max(name, 0.75 * name + 0.25 * Math.min(1, profileSimilarity(standard.context, current.context) * 2)))
}

/** scorePair on names prepared once, with its reason. */
function scoreProfiles(standard: PairProfile, current: PairProfile): Candidate & {index: -1} {
  const score = scoreOf(standard, current)
  if (standard.id === current.id) return {index: -1, score, reason: 'ID が一致'}
  const name = profileSimilarity(standard.name, current.name)
  if (!standard.context || !current.context) return {index: -1, score, reason: `名称の類似 ${name.toFixed(2)}`}
  return {index: -1, score, reason: `名称の類似 ${name.toFixed(2)}・要件と概要の類似 ${profileSimilarity(standard.context, current.context).toFixed(2)}`}
}

/** Name similarity, helped by the requirement text against the current record's 概要 and 分類 when both exist. */
export function scorePair(standard: StandardRecord, current: CurrentRecord): Candidate & {index: -1} {
  return scoreProfiles(standardProfile(standard), currentProfile(current))
}

/** Resolves a 対応表 ID against the catalogue; Excel often drops leading zeros (10001 for 0010001). */
function resolveId(raw: string, ids: ReadonlyMap<string, number>, width: number): number | undefined {
  const direct = ids.get(raw)
  if (direct !== undefined || !/^\d+$/.test(raw) || raw.length >= width) return direct
  return ids.get(raw.padStart(width, '0'))
}

export function pairRecords(
  standard: readonly StandardRecord[],
  current: readonly CurrentRecord[],
  decided: readonly PairItem[],
  threshold: number,
): Pairing {
  const standardIndex = new Map(standard.map((s, i) => [s.id, i]))
  const width = Math.max(0, ...standard.map((s) => s.id.length))
  const currentIndex = new Map<string, number>()
  current.forEach((c, i) => {
    if (!currentIndex.has(c.id)) currentIndex.set(c.id, i)
  })
  const rejected = new Set<string>()
  const noCounterpart = new Set<number>()
  const confirmed = new Map<number, Map<number, PairVia>>()
  const add = (s: number, c: number, via: PairVia) => {
    const map = confirmed.get(s) ?? new Map<number, PairVia>()
    if (!map.has(c)) map.set(c, via)
    confirmed.set(s, map)
  }
  const danglingRefs: {standardId: string; ref: string}[] = []
  for (const item of decided) {
    const s = standardIndex.get(item.id)
    if (s === undefined) continue
    for (const entry of item.entries) {
      if (entry.status === 'no-counterpart') noCounterpart.add(s)
      for (const ref of entry.refs) {
        const c = currentIndex.get(ref)
        if (entry.status === 'rejected') rejected.add(`${s}\u0000${ref}`)
        else if (entry.status === 'confirmed') {
          if (c === undefined) danglingRefs.push({standardId: item.id, ref})
          else add(s, c, 'mapping')
        }
      }
    }
  }
  const unknownVendorIds: {currentIndex: number; id: string}[] = []
  current.forEach((c, ci) => {
    for (const raw of c.standardIds ?? []) {
      const s = resolveId(raw, standardIndex, width)
      if (s === undefined) unknownVendorIds.push({currentIndex: ci, id: raw})
      else if (!rejected.has(`${s}\u0000${c.id}`)) add(s, ci, 'vendor-table')
    }
  })
  const pairedCurrent = new Set([...confirmed.values()].flatMap((m) => [...m.keys()]))

  // Candidates: standard records without a confirmed pair, against current records a 対応表 or a pair does not already place.
  const open = current.map((c, i) => i).filter((i) => !pairedCurrent.has(i) && current[i]!.standardIds === undefined)
  const proposals: {s: number; c: number; score: number; reason: string}[] = []
  const openProfiles = new Map(open.map((c) => [c, currentProfile(current[c]!)]))
  standard.forEach((record, s) => {
    if (confirmed.has(s) || noCounterpart.has(s)) return
    const profile = standardProfile(record)
    for (const c of open) {
      if (rejected.size > 0 && rejected.has(`${s}\u0000${current[c]!.id}`)) continue
      const other = openProfiles.get(c)!
      if (scoreOf(profile, other) < threshold) continue
      const scored = scoreProfiles(profile, other)
      proposals.push({s, c, score: scored.score, reason: scored.reason})
    }
  })
  // Stable: equal scores stay in standard order, then current order, as pushed.
  proposals.sort((a, b) => b.score - a.score)
  const candidates = new Map<number, Candidate>()
  const proposed = new Set<number>()
  for (const p of proposals) {
    if (candidates.has(p.s) || proposed.has(p.c)) continue
    candidates.set(p.s, {index: p.c, score: p.score, reason: p.reason})
    proposed.add(p.c)
  }

  return {
    standard: standard.map((_, s): StandardPairing => {
      const pairs = confirmed.get(s)
      if (pairs) return {state: 'confirmed', currents: [...pairs].sort((a, b) => a[0] - b[0]).map(([index, via]) => ({index, via}))}
      if (noCounterpart.has(s)) return {state: 'no-counterpart', currents: []}
      const candidate = candidates.get(s)
      return candidate ? {state: 'candidate', currents: [], candidate} : {state: 'none', currents: []}
    }),
    current: current.map((c, i): CurrentState =>
      pairedCurrent.has(i) ? 'paired' : proposed.has(i) ? 'candidate' : c.standardIds !== undefined && c.standardIds.length === 0 ? 'own' : 'unreviewed',
    ),
    unknownVendorIds,
    danglingRefs,
  }
}

/**
 * A standard record's confirmed counterparts and its candidate as the current records themselves, each under the
 * name the row type gives it (`fn`, `form`).
 */
export function pairedRecords<K extends string, T>(
  p: StandardPairing,
  records: readonly T[],
  name: K,
): {currents: (Record<K, T> & {via: PairVia})[]; candidate?: Record<K, T> & {score: number; reason: string}} {
  const currents = p.currents.map((c) => ({[name]: records[c.index]!, via: c.via}) as Record<K, T> & {via: PairVia})
  const candidate = p.candidate
    ? ({[name]: records[p.candidate.index]!, score: p.candidate.score, reason: p.candidate.reason} as Record<K, T> & {score: number; reason: string})
    : undefined
  return {currents, candidate}
}

/** One warning per 対応表 ID that names no standard record of the edition (a typo, or another edition's ID). */
export function unknownVendorIdFindings(
  pairing: Pairing,
  records: readonly (CurrentRecord & {readonly source?: {readonly file: string; readonly sheet?: string; readonly row: number}})[],
  options: {area: string; edition: string; what: '機能' | '帳票'; keyOf: (currentId: string) => string; withSource?: boolean},
): Finding[] {
  return pairing.unknownVendorIds.map(({currentIndex, id}) => {
    const record = records[currentIndex]!
    const finding: Finding = {
      key: `${options.keyOf(record.id)}:unknown-standard-id:${id}`,
      area: options.area,
      kind: 'unknown-standard-id',
      severity: 'warning',
      currentRef: record.id,
      message: `現行${options.what}「${record.name}」(${record.id}): 対応表の標準${options.what}ID「${id}」が標準仕様書 (${options.edition}) にない`,
    }
    if (options.withSource)
      return {...finding, source: record.source ? {current: `${record.source.file}${record.source.sheet ? ` [${record.source.sheet}]` : ''} ${record.source.row}行`} : undefined}
    return finding
  })
}
