/**
 * Everything the review screen needs, read from a workspace: catalogue items, current fields, the mapping file
 * (or an empty one), and the matcher's candidates per item (the same engine and dictionaries as map suggest).
 */
import os from 'node:os'

import type {Progress} from '../../cli/progress.js'
import {InputError} from '../../errors.js'
import {loadMapContext, type MapContext} from '../../mapping/context.js'
import {emptyMappingFile} from '../../mapping/model.js'
import {DATA_TYPE_LABELS} from '../../model/vocabulary.js'
import {displayPath} from '../../paths.js'
import {ownDictionaryDirs} from '../../workspace/dictionary-dirs.js'
import type {FieldInfo} from './search.js'
import type {MatchCandidate, ReviewFilter, ReviewInput, ReviewItem} from './state.js'

export interface ReviewLoadOptions {
  readonly workspace?: string
  readonly edition?: string
  readonly filter: ReviewFilter
  /** The reviewer's name for `by` (default: $USER or the OS account). */
  readonly by?: string
  /** YYYY-MM-DD for `at` (default: today, local time). */
  readonly today?: string
  /** Top candidates kept per item from the matcher (default 5). */
  readonly topK?: number
  /** Told what is being loaded (the screen shows it while the matcher runs). */
  readonly progress?: Progress
}

export interface ReviewSession {
  readonly context: MapContext
  readonly input: ReviewInput
  /** The mapping file as shown to the user. */
  readonly file: string
  /** The mapping file's text when loaded (undefined: there was none), to notice outside changes before saving. */
  readonly original: string | undefined
}

/** Local date as YYYY-MM-DD. */
export function localDate(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** --by, else $USER / $USERNAME, else the OS account name; undefined when none is known. */
export function reviewerName(flag?: string): string | undefined {
  const fromFlag = flag?.trim()
  if (fromFlag) return fromFlag
  const fromEnv = (process.env.USER ?? process.env.USERNAME ?? '').trim()
  if (fromEnv) return fromEnv
  try {
    return os.userInfo().username || undefined
  } catch {
    return undefined
  }
}

export async function loadReviewSession(areaQuery: string, options: ReviewLoadOptions): Promise<ReviewSession> {
  const context = loadMapContext(areaQuery, {workspace: options.workspace, edition: options.edition})
  const original = context.mappingText
  const {area, catalog, current} = context
  if (!current || current.fields.length === 0)
    throw new InputError(
      `${area.name} (${area.slug}) の現行システムの項目がありません。先に \`fitgap current import ファイル --area ${area.slug}\` で項目定義を取り込んでください。`,
    )

  // The matcher and its dictionaries are heavy: loaded only here.
  const {createMatcher, DICTIONARY_FILES, loadMatchResources} = await import('../../matching/dictionary-loader.js')
  const {DEFAULT_ACCEPT_THRESHOLD} = await import('../../matching/engine.js')
  options.progress?.step('辞書を読み込んでいます')
  const matcher = createMatcher(loadMatchResources({extraDirs: ownDictionaryDirs(context.workspace.mappingsDir, Object.values(DICTIONARY_FILES))}))
  options.progress?.step(`候補を照合しています (標準データ項目 ${catalog.dataItems.length} 件)`, current.fields.length)
  // Every item is scored now (a 業務 is small): show what map suggest would write (≥ 0.45), not every faint match.
  const result = matcher.match(catalog.dataItems, current.fields, {topK: options.topK ?? 5, minScore: 0.45, onProgress: (done) => options.progress?.update(done)})
  options.progress?.done()
  const matches = new Map<string, MatchCandidate[]>()
  for (const [id, list] of result.byItem) matches.set(id, list.map((c) => ({ref: c.ref, score: c.score, signals: c.signals, reason: c.reason})))

  const items: ReviewItem[] = catalog.dataItems.map((d) => ({
    id: d.id,
    name: d.name,
    group: d.group,
    type: DATA_TYPE_LABELS[d.type],
    length: d.length,
    required: d.required,
    description: d.description,
    codeTable: d.codeTable,
    // The analyzer has profiled every item name during match (cached): its readings come for free.
    readings: matcher.analyzer.profile(d.name).romaji,
  }))
  const seen = new Set<string>()
  const fields: FieldInfo[] = []
  for (const f of current.fields) {
    const ref = `${f.table}.${f.column}`
    if (seen.has(ref)) continue
    seen.add(ref)
    fields.push({
      ref,
      table: f.table,
      column: f.column,
      label: f.label,
      type: f.type ? DATA_TYPE_LABELS[f.type] : f.typeRaw,
      length: f.length,
      required: f.required,
    })
  }
  const input: ReviewInput = {
    areaSlug: area.slug,
    areaName: area.name,
    items,
    fields,
    matches,
    mapping: context.mapping ?? emptyMappingFile(area.slug, catalog.edition),
    filter: options.filter,
    threshold: DEFAULT_ACCEPT_THRESHOLD,
    by: reviewerName(options.by),
    today: options.today ?? localDate(),
  }
  return {context, input, file: displayPath(context.mappingPath), original}
}
