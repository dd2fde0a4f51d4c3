import {type RecordSource, fieldRef} from '../model/current.js'
import type {Decision} from '../model/decision.js'
import type {Finding} from '../model/finding.js'
import type {AreaInput} from './inputs.js'
import type {CurrentState} from './pairing.js'
import {fingerprint, rowKey} from './keys.js'

export interface CurrentOnlyRow {
  readonly key: string
  readonly type: 'function' | 'form' | 'field'
  readonly ref: string
  readonly name: string
  readonly detail: string
  /**
   * own: the vendor's 対応表 says it has no standard counterpart (現行独自). candidate: proposed for a standard record,
   * to review. unreviewed: nobody has placed it yet.
   */
  readonly state: 'own' | 'candidate' | 'unreviewed'
  readonly source?: RecordSource
  readonly decision?: Decision
  readonly fingerprint: string
}

export const CURRENT_ONLY_STATE_LABELS: Record<CurrentOnlyRow['state'], string> = {
  own: '現行独自 (対応表で確認)',
  candidate: '標準の候補あり (要確認)',
  unreviewed: '対応未確認',
}

export const CURRENT_ONLY_TYPE_LABELS: Record<CurrentOnlyRow['type'], string> = {function: '機能', form: '帳票', field: '項目'}

/** What the current system has and the standard does not: 独自施策 to keep outside, or candidates to retire. */
export function analyzeCurrentOnly(
  input: AreaInput,
  matched: {functions: readonly CurrentState[]; forms: readonly CurrentState[]; fields: ReadonlySet<string>},
): {rows: CurrentOnlyRow[]; findings: Finding[]} {
  const {current, area} = input
  const rows: CurrentOnlyRow[] = []
  current.functions.forEach((fn, i) => {
    const state = matched.functions[i] ?? 'unreviewed'
    if (state === 'paired') return
    const key = rowKey.currentFunction(area.slug, fn.id)
    rows.push({key, type: 'function', state, ref: fn.id, name: fn.name, detail: fn.inUse ? '使用中' : '未使用', source: fn.source, decision: input.decisions.get(key), fingerprint: fingerprint(['function', fn.id, fn.name])})
  })
  current.forms.forEach((form, i) => {
    const state = matched.forms[i] ?? 'unreviewed'
    if (state === 'paired') return
    const key = rowKey.currentForm(area.slug, form.id)
    rows.push({key, type: 'form', state, ref: form.id, name: form.name, detail: `印字項目 ${form.fields.length}`, source: form.source, decision: input.decisions.get(key), fingerprint: fingerprint(['form', form.id, form.name])})
  })
  for (const field of current.fields) {
    const ref = fieldRef(field)
    if (matched.fields.has(ref)) continue
    const key = rowKey.currentField(area.slug, ref)
    const shape = [field.typeRaw ?? field.type, field.length === undefined ? undefined : `${field.length}桁`].filter(Boolean).join(' ')
    rows.push({key, type: 'field', state: 'unreviewed', ref, name: field.label, detail: shape, source: field.source, decision: input.decisions.get(key), fingerprint: fingerprint(['field', ref, field.label])})
  }
  const findings = rows.map((row): Finding => {
    const what = {function: '現行独自機能', form: '現行独自帳票', field: '現行独自項目'}[row.type]
    const retire = row.type === 'function' && row.detail === '未使用'
    const source = row.source ? {current: `${row.source.file}${row.source.sheet ? ` [${row.source.sheet}]` : ''} ${row.source.row}行`} : undefined
    // Functions and forms the 対応表 does not place are questions until a person answers them, not 現行独自 verdicts.
    if (row.type !== 'field' && row.state !== 'own')
      return {
        key: row.key,
        area: area.slug,
        kind: row.state === 'candidate' ? 'pair-candidate' : 'unplaced-current',
        severity: 'info',
        currentRef: row.ref,
        message: `現行${CURRENT_ONLY_TYPE_LABELS[row.type]}「${row.name}」(${row.ref}): ${row.state === 'candidate' ? '標準の候補と対応するかを確認する' : '標準との対応が未確認。map review で対応付けるか、現行独自と判定する'}`,
        source,
      }
    return {
      key: row.key,
      area: area.slug,
      kind: ({function: 'extra-function', form: 'extra-form', field: 'extra-field'} as const)[row.type],
      severity: row.type === 'field' ? 'info' : 'warning',
      currentRef: row.ref,
      message: `${what}「${row.name}」(${row.ref}): 標準に対応がない。${retire ? '未使用のため廃止候補' : '独自施策として疎結合で残すか、業務を見直して廃止するかを決める'}`,
      source,
    }
  })
  return {rows, findings}
}
