import {type RecordSource, fieldRef} from '../model/current.js'
import type {Decision} from '../model/decision.js'
import type {Finding} from '../model/finding.js'
import type {AreaInput} from './inputs.js'
import {fingerprint, rowKey} from './keys.js'

export interface CurrentOnlyRow {
  readonly key: string
  readonly type: 'function' | 'form' | 'field'
  readonly ref: string
  readonly name: string
  readonly detail: string
  readonly source?: RecordSource
  readonly decision?: Decision
  readonly fingerprint: string
}

export const CURRENT_ONLY_TYPE_LABELS: Record<CurrentOnlyRow['type'], string> = {function: '機能', form: '帳票', field: '項目'}

/** What the current system has and the standard does not: 独自施策 to keep outside, or candidates to retire. */
export function analyzeCurrentOnly(
  input: AreaInput,
  matched: {functions: ReadonlySet<number>; forms: ReadonlySet<number>; fields: ReadonlySet<string>},
): {rows: CurrentOnlyRow[]; findings: Finding[]} {
  const {current, area} = input
  const rows: CurrentOnlyRow[] = []
  current.functions.forEach((fn, i) => {
    if (matched.functions.has(i)) return
    const key = rowKey.currentFunction(area.slug, fn.id)
    rows.push({key, type: 'function', ref: fn.id, name: fn.name, detail: fn.inUse ? '使用中' : '未使用', source: fn.source, decision: input.decisions.get(key), fingerprint: fingerprint(['function', fn.id, fn.name])})
  })
  current.forms.forEach((form, i) => {
    if (matched.forms.has(i)) return
    const key = rowKey.currentForm(area.slug, form.id)
    rows.push({key, type: 'form', ref: form.id, name: form.name, detail: `印字項目 ${form.fields.length}`, source: form.source, decision: input.decisions.get(key), fingerprint: fingerprint(['form', form.id, form.name])})
  })
  for (const field of current.fields) {
    const ref = fieldRef(field)
    if (matched.fields.has(ref)) continue
    const key = rowKey.currentField(area.slug, ref)
    const shape = [field.typeRaw ?? field.type, field.length === undefined ? undefined : `${field.length}桁`].filter(Boolean).join(' ')
    rows.push({key, type: 'field', ref, name: field.label, detail: shape, source: field.source, decision: input.decisions.get(key), fingerprint: fingerprint(['field', ref, field.label])})
  }
  const findings = rows.map((row): Finding => {
    const what = {function: '現行独自機能', form: '現行独自帳票', field: '現行独自項目'}[row.type]
    const retire = row.type === 'function' && row.detail === '未使用'
    return {
      key: row.key,
      area: area.slug,
      kind: ({function: 'extra-function', form: 'extra-form', field: 'extra-field'} as const)[row.type],
      severity: row.type === 'field' ? 'info' : 'warning',
      currentRef: row.ref,
      message: `${what}「${row.name}」(${row.ref}): 標準に対応がない。${retire ? '未使用のため廃止候補' : '独自施策として疎結合で残すか、業務を見直して廃止するかを決める'}`,
      source: row.source ? {current: `${row.source.file}${row.source.sheet ? ` [${row.source.sheet}]` : ''} ${row.source.row}行`} : undefined,
    }
  })
  return {rows, findings}
}
