import type {DataItem} from '../model/catalog.js'
import {type CurrentField, fieldRef} from '../model/current.js'
import type {Severity} from '../model/finding.js'
import {type Conversion, type ConversionContext, conversionMessage, deriveConversions} from './conversions.js'

/**
 * What moving current fields' values into a standard data item needs: the conversions (conversions.ts) and the
 * required-ness difference. Shared by `map check` and `analyze`.
 */
export interface CompatibilityIssue {
  readonly kind: Exclude<Conversion['kind'], 'none'> | 'required'
  readonly severity: Severity
  /** TABLE.COLUMN, or several joined with "+". */
  readonly ref: string
  readonly message: string
  readonly conversion?: Conversion
}

export function requiredFinding(item: DataItem, field: CurrentField): {severity: Severity; message: string} | undefined {
  if (field.required === undefined || field.required === item.required) return undefined
  if (item.required)
    return {
      severity: 'warning',
      message: `標準「${item.name}」は必須ですが、現行 ${fieldRef(field)} は任意です。空の値が移行されるおそれがあります。`,
    }
  return {severity: 'info', message: `現行 ${fieldRef(field)} は必須ですが、標準「${item.name}」は任意です。`}
}

/** Issues of the fields (one, or several joined) feeding one item, with every conversion derived (including `none`). */
export function checkCompatibility(
  item: DataItem,
  fields: readonly CurrentField[],
  context: ConversionContext = {},
): {issues: CompatibilityIssue[]; conversions: Conversion[]} {
  const conversions = deriveConversions(item, fields, context)
  const issues: CompatibilityIssue[] = []
  for (const c of conversions)
    if (c.kind !== 'none') issues.push({kind: c.kind, severity: c.findingSeverity, ref: c.ref, message: conversionMessage(c), conversion: c})
  for (const field of fields) {
    const required = requiredFinding(item, field)
    if (required) issues.push({kind: 'required', ref: fieldRef(field), ...required})
  }
  return {issues, conversions}
}
