import type {DataItem} from '../model/catalog.js'
import type {CurrentField} from '../model/current.js'
import type {Severity} from '../model/finding.js'
import {DATA_TYPE_LABELS, type DataType} from '../model/vocabulary.js'

export interface CompatibilityIssue {
  readonly kind: 'type' | 'length' | 'required' | 'code'
  readonly severity: Severity
  readonly message: string
}

/** Type pairs that move without loss in practice (a code held as digits or text, a flag held as a code). */
const LOSSLESS = new Set(['code>text', 'code>number', 'flag>code', 'flag>text', 'flag>number', 'yearMonth>date'])

const label = (type: DataType) => DATA_TYPE_LABELS[type]
const fold = (s: string) => s.normalize('NFKC').replace(/\s/g, '').toLowerCase()

/**
 * What moving a current field's values into a standard data item risks. Severity follows the direction:
 * a current value longer than the standard's length is cut on migration (error); a shorter one is only noted.
 */
export function checkCompatibility(item: DataItem, field: CurrentField): CompatibilityIssue[] {
  const issues: CompatibilityIssue[] = []
  if (field.type && field.type !== item.type) {
    const lossless = LOSSLESS.has(`${item.type}>${field.type}`) || LOSSLESS.has(`${field.type}>${item.type}`)
    issues.push({
      kind: 'type',
      severity: lossless ? 'info' : 'warning',
      message: `型が異なる: 標準 ${label(item.type)} / 現行 ${label(field.type)}${field.typeRaw ? ` (${field.typeRaw})` : ''}${lossless ? '' : '。移行時に変換が必要'}`,
    })
  }
  if (item.length !== undefined && field.length !== undefined && item.length !== field.length) {
    issues.push(
      field.length > item.length
        ? {kind: 'length', severity: 'error', message: `桁数: 現行 ${field.length} 桁が標準 ${item.length} 桁より長い。移行で切り捨てのおそれ`}
        : {kind: 'length', severity: 'info', message: `桁数: 現行 ${field.length} 桁は標準 ${item.length} 桁以内`},
    )
  }
  if (field.required !== undefined && field.required !== item.required) {
    issues.push(
      item.required
        ? {kind: 'required', severity: 'warning', message: '必須: 標準では必須だが現行では任意。空の値を移行前に補う必要がある'}
        : {kind: 'required', severity: 'info', message: '必須: 現行では必須だが標準では任意'},
    )
  }
  if (item.codeTable && field.codeTable && fold(item.codeTable) !== fold(field.codeTable)) {
    issues.push({kind: 'code', severity: 'warning', message: `コード表が異なる: 標準「${item.codeTable}」/ 現行「${field.codeTable}」。コード変換表が必要`})
  }
  return issues
}
