/** Function and form pair suggestions for the mapping file, from the same pairing the analysis uses. Pure. */
import {FORM_MATCH_THRESHOLD} from '../analyzers/forms.js'
import {FUNCTION_MATCH_THRESHOLD} from '../analyzers/functions.js'
import {pairRecords} from '../analyzers/pairing.js'
import type {SpecCatalog} from '../model/catalog.js'
import type {CurrentSystem} from '../model/current.js'
import type {MappingFile, PairItem, PairSection} from './model.js'

/**
 * One 候補 per standard function (form) that has no confirmed pair, no 対応表 row and no person's no-counterpart, never
 * a pair a person rejected. Standard records with a pair from the vendor's 対応表 are left out: the export is the evidence.
 */
export function pairSuggestions(catalog: SpecCatalog, current: CurrentSystem, existing: MappingFile | undefined): Record<PairSection, PairItem[]> {
  const build = (section: PairSection): PairItem[] => {
    const standard = section === 'functions' ? catalog.functions : catalog.forms.map((f) => ({id: f.id, name: f.name, text: f.category}))
    const records = section === 'functions' ? current.functions : current.forms
    const threshold = section === 'functions' ? FUNCTION_MATCH_THRESHOLD : FORM_MATCH_THRESHOLD
    const pairing = pairRecords(standard, records, existing?.[section] ?? [], threshold)
    return standard.flatMap((record, i): PairItem[] => {
      const candidate = pairing.standard[i]!.candidate
      if (!candidate) return []
      return [{id: record.id, name: record.name, entries: [{refs: [records[candidate.index]!.id], status: 'suggested', score: candidate.score, reason: `${records[candidate.index]!.name}: ${candidate.reason}`}]}]
    })
  }
  return {functions: build('functions'), forms: build('forms')}
}
