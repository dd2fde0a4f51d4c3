/** The review queue for function / form pairs: the 候補 the analysis would show, from the workspace. */
import os from 'node:os'

import {loadMapContext, type MapContext} from '../../mapping/context.js'
import {emptyMappingFile, type MappingFile, type PairSection} from '../../mapping/model.js'
import {pairSuggestions} from '../../mapping/pair-suggest.js'
import {FORM_KIND_LABELS, KIND_LABELS} from '../../model/vocabulary.js'
import {displayPath} from '../../paths.js'
import type {Progress} from '../../cli/progress.js'
import {createPairReviewState, type PairCandidate, type PairReviewState} from './state.js'

export interface PairReviewSession {
  readonly context: MapContext
  readonly file: string
  /** The mapping file's text when loaded (for the guarded save). */
  readonly original: string | undefined
  readonly state: PairReviewState
}

export function loadPairReviewSession(
  areaQuery: string,
  section: PairSection,
  options: {workspace?: string; edition?: string; by?: string; today?: string; progress?: Progress},
): PairReviewSession {
  options.progress?.step(`${section === 'functions' ? '機能' : '帳票'}の対応の候補を読み込んでいます`)
  const context = loadMapContext(areaQuery, options)
  const {catalog, area} = context
  const current = context.current ?? {area: area.slug, sources: [], fields: [], forms: [], functions: []}
  const mapping: MappingFile = context.mapping ?? emptyMappingFile(area.slug, catalog.edition)
  const suggestions = pairSuggestions(catalog, current, context.mapping)[section]
  const queue = suggestions.map((item): PairCandidate => {
    const entry = item.entries[0]!
    const ref = entry.refs[0]!
    if (section === 'functions') {
      const fn = catalog.functions.find((f) => f.id === item.id)!
      const cur = current.functions.find((f) => f.id === ref)!
      return {
        standardId: fn.id,
        standardName: fn.name,
        kindLabel: KIND_LABELS[fn.kind],
        text: fn.text,
        ref,
        currentName: cur.name,
        currentDetail: [cur.category?.join(' > '), cur.description].filter(Boolean).join(' / ') || undefined,
        score: entry.score ?? 0,
        reason: (entry.reason ?? '').replace(`${cur.name}: `, ''),
      }
    }
    const form = catalog.forms.find((f) => f.id === item.id)!
    const cur = current.forms.find((f) => f.id === ref)!
    return {
      standardId: form.id,
      standardName: form.name,
      kindLabel: FORM_KIND_LABELS[form.kind],
      ref,
      currentName: cur.name,
      currentDetail: cur.description,
      score: entry.score ?? 0,
      reason: (entry.reason ?? '').replace(`${cur.name}: `, ''),
    }
  })
  // Lowest confidence first: those need a person most.
  queue.sort((a, b) => a.score - b.score || a.standardId.localeCompare(b.standardId, 'en', {numeric: true}))
  const by = options.by ?? process.env.USER ?? os.userInfo().username
  const at = options.today ?? new Date().toISOString().slice(0, 10)
  return {
    context,
    file: displayPath(context.mappingPath),
    original: context.mappingText,
    state: createPairReviewState({areaSlug: area.slug, section, queue, mapping, stamp: {by, at}}),
  }
}
