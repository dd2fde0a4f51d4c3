/** `fitgap map check` for function and form pairs (mapping file and the vendor's 対応表). Pure. */
import {pairRecords} from '../analyzers/pairing.js'
import type {SpecCatalog} from '../model/catalog.js'
import type {CurrentSystem} from '../model/current.js'
import type {CheckFinding} from './check.js'
import {entryKey, type MappingFile, type PairSection} from './model.js'

const WHAT: Record<PairSection, {standard: string; current: string}> = {
  functions: {standard: '標準機能', current: '現行機能'},
  forms: {standard: '標準帳票', current: '現行帳票'},
}

export function checkPairs(mapping: MappingFile, catalog: SpecCatalog, current: CurrentSystem | undefined): CheckFinding[] {
  const findings: CheckFinding[] = []
  for (const section of ['functions', 'forms'] as const) {
    const what = WHAT[section]
    const standard = section === 'functions' ? catalog.functions : catalog.forms
    const known = new Map(standard.map((s) => [s.id, s]))
    const records = current?.[section] ?? []
    const currentIds = new Set(records.map((r) => r.id))
    for (const pair of mapping[section] ?? []) {
      const decided = pair.entries.some((e) => e.status !== 'suggested')
      if (!known.has(pair.id))
        findings.push({
          kind: 'unknown-standard',
          severity: decided ? 'error' : 'warning',
          item: pair.id,
          message: `${section}: ${what.standard}「${pair.id}」${pair.name ? ` (${pair.name})` : ''} はカタログ (${catalog.edition}) にありません。`,
        })
      const seen = new Set<string>()
      for (const entry of pair.entries) {
        const key = entryKey(entry)
        if (seen.has(key))
          findings.push({kind: 'duplicate', severity: 'error', item: pair.id, ref: entry.refs.join('+') || undefined, message: `${section}: ${what.standard}「${pair.id}」に同じ対応 (${key}) が2回書かれています。`})
        seen.add(key)
        if (entry.status === 'rejected' || records.length === 0) continue
        for (const ref of entry.refs)
          if (!currentIds.has(ref))
            findings.push({
              kind: 'unknown-current',
              severity: entry.status === 'confirmed' ? 'error' : 'warning',
              item: pair.id,
              ref,
              message: `${section}: ${what.current} ${ref} は取り込んだ現行の一覧にありません (${entry.status === 'confirmed' ? '確定済み' : '提案'})。`,
            })
      }
    }
    const pairing = pairRecords(standard, records, mapping[section] ?? [], 1.01)
    for (const {currentIndex, id} of pairing.unknownVendorIds)
      findings.push({
        kind: 'vendor-unknown-id',
        severity: 'error',
        item: id,
        ref: records[currentIndex]!.id,
        message: `${section}: 対応表で ${what.current} ${records[currentIndex]!.id}「${records[currentIndex]!.name}」が指す${what.standard}ID「${id}」はカタログ (${catalog.edition}) にありません。`,
      })
    standard.forEach((s, i) => {
      if (s.kind !== 'prohibited') return
      for (const c of pairing.standard[i]!.currents) {
        const record = records[c.index]!
        if ('inUse' in record && record.inUse === false) continue
        findings.push({
          kind: 'prohibited-paired',
          severity: 'warning',
          item: s.id,
          ref: record.id,
          message: `${section}: 実装不可の${what.standard} ${s.id}「${s.name}」に ${what.current} ${record.id}「${record.name}」が対応しています (${c.via === 'vendor-table' ? '対応表' : '確定'})。業務の見直しが必要です。`,
        })
      }
    })
  }
  return findings
}

/** How far the function / form pairing has got: confirmed (mapping file or 対応表), no-counterpart, candidates only, none. */
export function pairProgress(mapping: MappingFile | undefined, catalog: SpecCatalog, current: CurrentSystem | undefined) {
  const count = (section: PairSection) => {
    const standard = section === 'functions' ? catalog.functions : catalog.forms.map((f) => ({id: f.id, name: f.name, text: f.category}))
    const pairing = pairRecords(standard, current?.[section] ?? [], mapping?.[section] ?? [], section === 'functions' ? 0.5 : 0.6)
    const by = {confirmed: 0, 'no-counterpart': 0, candidate: 0, none: 0}
    for (const p of pairing.standard) by[p.state] += 1
    return by
  }
  return {functions: count('functions'), forms: count('forms')}
}
