import {createHash} from 'node:crypto'

/** Row keys shared by findings, workbook key columns and recorded decisions. They never change for the same input. */
export const rowKey = {
  function: (area: string, id: string) => `${area}:fn:${id}`,
  form: (area: string, id: string) => `${area}:form:${id}`,
  formField: (area: string, formId: string, position: string) => `${area}:form-field:${formId}:${position}`,
  dataItem: (area: string, id: string) => `${area}:item:${id}`,
  currentFunction: (area: string, id: string) => `${area}:cur-fn:${id}`,
  currentForm: (area: string, id: string) => `${area}:cur-form:${id}`,
  currentField: (area: string, ref: string) => `${area}:cur-field:${ref}`,
  /** The issue-register entry (担当課・期限・状態) of a finding: its key with `issue` after the 業務. */
  issue: (findingKey: string) => findingKey.replace(/^([^:]+):/, '$1:issue:'),
}

/** A short fingerprint of what a decision was made against, so a changed requirement is noticed. */
export function fingerprint(parts: readonly (string | number | boolean | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => (p === undefined ? '' : String(p))).join('\u0000'))
    .digest('hex')
    .slice(0, 16)
}
