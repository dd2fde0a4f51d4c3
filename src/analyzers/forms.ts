import {diffArrays} from 'diff'

import type {DataItem, FormField, FormSpec} from '../model/catalog.js'
import type {CurrentForm, CurrentFormField} from '../model/current.js'
import type {Decision, Verdict} from '../model/decision.js'
import type {Finding} from '../model/finding.js'
import {type AreaInput, importedKinds} from './inputs.js'
import {fingerprint, rowKey} from './keys.js'
import {foldName} from './name-similarity.js'
import {type CurrentState, type PairState, type PairVia, pairedRecords, pairRecords, unknownVendorIdFindings} from './pairing.js'

export const FORM_MATCH_THRESHOLD = 0.6

export type FieldChange = 'same' | 'renamed' | 'reordered' | 'missing' | 'extra'

export const FIELD_CHANGE_LABELS: Record<FieldChange, string> = {
  same: '一致',
  renamed: '名称差異',
  reordered: '順序差異',
  missing: '標準のみ (不足)',
  extra: '現行のみ (追加)',
}

export interface FormFieldDiffRow {
  readonly key: string
  readonly formId: string
  readonly change: FieldChange
  readonly standard?: {readonly field: FormField; readonly position: number}
  readonly current?: {readonly field: CurrentFormField; readonly position: number}
}

export interface FormRow {
  readonly key: string
  readonly form: FormSpec
  readonly pairing: PairState
  /** The confirmed counterpart whose printed items are compared (the first when several are confirmed). */
  readonly current?: {readonly form: CurrentForm; readonly via: PairVia}
  /** Every confirmed counterpart. */
  readonly currents: readonly {readonly form: CurrentForm; readonly via: PairVia}[]
  /** A name-based proposal to review (候補・要確認); never a verdict. */
  readonly candidate?: {readonly form: CurrentForm; readonly score: number; readonly reason: string}
  readonly counts: Record<FieldChange, number>
  readonly autoVerdict: Verdict
  readonly verdict: Verdict
  readonly reason: string
  readonly decision?: Decision
  readonly fingerprint: string
}

export const formFingerprint = (form: FormSpec) =>
  fingerprint([form.name, form.kind, ...form.fields.map((f) => `${f.name}/${f.dataItem ?? ''}`)])

type Side = {field: FormField; position: number} | {field: CurrentFormField; position: number}

/** Field-level sequence diff of one standard form against its current counterpart. */
export function diffFormFields(
  area: string,
  form: FormSpec,
  current: CurrentForm,
  items: ReadonlyMap<string, DataItem>,
  linked: (itemId: string, fieldRef: string) => boolean,
): FormFieldDiffRow[] {
  const standard = form.fields.map((field, i) => ({field, position: i + 1}))
  const currentFields = current.fields.map((field, i) => ({field, position: i + 1}))
  const same = (s: {field: FormField}, c: {field: CurrentFormField}) => {
    if (s.field.dataItem && c.field.sourceField && linked(s.field.dataItem, c.field.sourceField)) return true
    const target = foldName(c.field.name)
    if (foldName(s.field.name) === target) return true
    const item = s.field.dataItem ? items.get(s.field.dataItem) : undefined
    return item !== undefined && foldName(item.name) === target
  }
  const changes = diffArrays<Side>(standard, currentFields, {
    comparator: (left, right) => same(left as {field: FormField}, right as {field: CurrentFormField}),
  })
  const rows: FormFieldDiffRow[] = []
  const removed: {field: FormField; position: number}[] = []
  const added: {field: CurrentFormField; position: number}[] = []
  let si = 0
  let ci = 0
  for (const change of changes) {
    const count = change.value.length
    if (change.added) {
      for (let n = 0; n < count; n++) added.push(currentFields[ci++]!)
    } else if (change.removed) {
      for (let n = 0; n < count; n++) removed.push(standard[si++]!)
    } else {
      for (let n = 0; n < count; n++) {
        const s = standard[si++]!
        const c = currentFields[ci++]!
        const renamed = foldName(s.field.name) !== foldName(c.field.name)
        rows.push({key: rowKey.formField(area, form.id, `s${s.position}`), formId: form.id, change: renamed ? 'renamed' : 'same', standard: s, current: c})
      }
    }
  }
  // A field the diff saw removed on one side and added on the other has only moved.
  const usedAdded = new Set<number>()
  for (const s of removed) {
    const moved = added.findIndex((c, i) => !usedAdded.has(i) && same(s, c))
    if (moved >= 0) {
      usedAdded.add(moved)
      rows.push({key: rowKey.formField(area, form.id, `s${s.position}`), formId: form.id, change: 'reordered', standard: s, current: added[moved]})
    } else rows.push({key: rowKey.formField(area, form.id, `s${s.position}`), formId: form.id, change: 'missing', standard: s})
  }
  added.forEach((c, i) => {
    if (!usedAdded.has(i)) rows.push({key: rowKey.formField(area, form.id, `c${c.position}`), formId: form.id, change: 'extra', current: c})
  })
  const order = (row: FormFieldDiffRow) => row.standard?.position ?? 10_000 + (row.current?.position ?? 0)
  return rows.sort((a, b) => order(a) - order(b))
}

function inferForm(
  form: FormSpec,
  row: Pick<FormRow, 'pairing' | 'current' | 'candidate'>,
  counts: Record<FieldChange, number>,
  imported: {any: boolean; forms: boolean},
): {verdict: Verdict; reason: string} {
  if (!imported.any) return {verdict: 'undecided', reason: '未着手: 現行システムの定義を取り込んでいない'}
  if (row.pairing === 'candidate' && row.candidate)
    return {verdict: 'undecided', reason: `候補「${row.candidate.form.name}」(一致度 ${row.candidate.score.toFixed(2)}、要確認)。対応付けを map review で確認する`}
  if (!row.current) {
    if (form.kind === 'prohibited')
      return imported.forms || row.pairing === 'no-counterpart'
        ? {verdict: 'na', reason: '実装不可の帳票。現行にもない'}
        : {verdict: 'undecided', reason: '実装不可の帳票。現行の帳票一覧を取り込んでいないため確認できない'}
    if (form.kind === 'optional') return {verdict: 'undecided', reason: '標準オプションの帳票。現行に対応する帳票がない。採用するかを決める'}
    if (row.pairing === 'no-counterpart') return {verdict: 'gap', reason: '現行に相当する帳票がないことを確認済み。標準帳票の様式で運用を準備する'}
    // As with functions, absence from the vendor's list is a question, not yet a gap.
    return {verdict: 'undecided', reason: '現行の帳票一覧に対応する帳票が見つからない。標準帳票の様式で運用できるか確認'}
  }
  if (form.kind === 'prohibited') return {verdict: 'gap', reason: '実装不可の帳票を現行で出力している。廃止が必要'}
  const differences = counts.missing + counts.extra
  if (differences === 0 && counts.renamed + counts.reordered === 0) return {verdict: 'fit', reason: '印字項目が一致'}
  return {
    verdict: 'partial',
    reason: `印字項目の差異: 不足 ${counts.missing} / 現行のみ ${counts.extra} / 名称差異 ${counts.renamed} / 順序差異 ${counts.reordered}`,
  }
}

export function analyzeForms(input: AreaInput): {rows: FormRow[]; fieldRows: FormFieldDiffRow[]; findings: Finding[]; currentStates: readonly CurrentState[]} {
  const {catalog, current, area} = input
  const items = new Map(catalog.dataItems.map((item) => [item.id, item]))
  const links = new Set(input.fieldLinks.map((l) => `${l.itemId}\u0000${l.fieldRef}`))
  const linked = (itemId: string, fieldRef: string) => links.has(`${itemId}\u0000${fieldRef}`)
  const imported = importedKinds(current)
  const pairing = pairRecords(
    catalog.forms.map((f) => ({id: f.id, name: f.name, text: f.category})),
    current.forms,
    input.formPairs ?? [],
    FORM_MATCH_THRESHOLD,
  )
  const rows: FormRow[] = []
  const fieldRows: FormFieldDiffRow[] = []
  const findings: Finding[] = []
  catalog.forms.forEach((form, index) => {
    const p = pairing.standard[index]!
    const {currents, candidate} = pairedRecords(p, current.forms, 'form')
    const match = currents[0]
    // Printed items are compared only on a confirmed pair: a candidate's differences would be noise.
    const diff = match ? diffFormFields(area.slug, form, match.form, items, linked) : []
    const counts: Record<FieldChange, number> = {same: 0, renamed: 0, reordered: 0, missing: 0, extra: 0}
    for (const row of diff) counts[row.change] += 1
    const key = rowKey.form(area.slug, form.id)
    const decision = input.decisions.get(key)
    const inferred = inferForm(form, {pairing: p.state, current: match, candidate}, counts, imported)
    rows.push({key, form, pairing: p.state, current: match, currents, candidate, counts, autoVerdict: inferred.verdict, verdict: decision?.verdict ?? inferred.verdict, reason: inferred.reason, decision, fingerprint: formFingerprint(form)})
    fieldRows.push(...diff)
    const label = `${form.id} ${form.name}`
    if (candidate)
      findings.push({key, area: area.slug, kind: 'pair-candidate', severity: 'info', standardRef: form.id, currentRef: candidate.form.id, message: `${label}: ${inferred.reason}`})
    else if (!match && form.kind !== 'prohibited' && imported.forms)
      findings.push({
        key,
        area: area.slug,
        kind: 'form-missing',
        severity: form.kind === 'mandatory' && p.state === 'no-counterpart' ? 'warning' : 'info',
        standardRef: form.id,
        message: `${label}: ${inferred.reason}`,
      })
    else if (match && form.kind === 'prohibited')
      findings.push({key, area: area.slug, kind: 'prohibited-in-use', severity: 'error', standardRef: form.id, currentRef: match.form.id, message: `${label}: ${inferred.reason}`})
    for (const row of diff) {
      if (row.change === 'same') continue
      const kind = ({renamed: 'form-field-renamed', reordered: 'form-field-reordered', missing: 'form-field-missing', extra: 'form-field-extra'} as const)[row.change]
      const what = row.standard ? `「${row.standard.field.name}」` : `「${row.current?.field.name}」`
      const detail =
        row.change === 'renamed' || row.change === 'reordered'
          ? `${what} (標準 ${row.standard?.position} 番目) は現行では「${row.current?.field.name}」(${row.current?.position} 番目)`
          : row.change === 'missing'
            ? `${what} が現行帳票「${match?.form.name}」にない`
            : `${what} は現行帳票「${match?.form.name}」にだけある`
      findings.push({
        key: row.key,
        area: area.slug,
        kind,
        severity: row.change === 'missing' && form.kind === 'mandatory' ? 'warning' : 'info',
        standardRef: form.id,
        currentRef: match?.form.id,
        message: `${label}: ${detail}`,
      })
    }
  })
  findings.push(
    ...unknownVendorIdFindings(pairing, current.forms, {area: area.slug, edition: catalog.edition, what: '帳票', keyOf: (id) => rowKey.currentForm(area.slug, id)}),
  )
  return {rows, fieldRows, findings, currentStates: pairing.current}
}
