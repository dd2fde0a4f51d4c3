/** 移行変換一覧: one row per mapped field and conversion, for the migration vendor (sheet and `--json`). */
import type {DataItemRow} from '../analyzers/data-items.js'
import {LINK_STATE_LABELS} from '../analyzers/data-items.js'
import {CONVERSION_KIND_LABELS, CONVERSION_SEVERITY_LABELS, type Conversion} from '../analyzers/conversions.js'
import type {CurrentField} from '../model/current.js'
import {fieldRef} from '../model/current.js'
import {DATA_TYPE_LABELS} from '../model/vocabulary.js'
import type {Report} from './report-model.js'
import type {SheetSpec} from './sheets.js'

export const CONVERSION_SHEET_NAME = '移行変換一覧'

export interface ConversionRow {
  readonly area: string
  readonly areaName: string
  readonly itemId: string
  readonly itemName: string
  /** The standard item's type and 桁数, as shown. */
  readonly itemType: string
  /** TABLE.COLUMN, several joined with "+". */
  readonly current: string
  readonly currentLabel: string
  readonly currentType: string
  readonly mapping: 'confirmed' | 'suggested'
  readonly kind: Conversion['kind']
  readonly severity: Conversion['severity']
  readonly rule: string
  readonly basis: string
}

const typeOf = (field: CurrentField) =>
  `${field.typeRaw ?? (field.type ? DATA_TYPE_LABELS[field.type] : '')}${field.length !== undefined && !(field.typeRaw ?? '').includes('(') ? `(${field.length})` : ''}`

/** The rows of every 業務, in analysis order (業務, then data item, then field). */
export function conversionRows(report: Pick<Report, 'areas'>): ConversionRow[] {
  return report.areas.flatMap(({analysis}) =>
    analysis.dataItems.flatMap((row: DataItemRow) => {
      if (row.state !== 'confirmed' && row.state !== 'suggested') return []
      const byRef = new Map(row.fields.map((f) => [fieldRef(f.field), f.field]))
      return row.conversions.map((c): ConversionRow => {
        const fields = c.ref.split('+').flatMap((ref) => byRef.get(ref) ?? [])
        return {
          area: analysis.area.slug,
          areaName: analysis.area.name,
          itemId: row.item.id,
          itemName: row.item.name,
          itemType: `${DATA_TYPE_LABELS[row.item.type]}${row.item.length !== undefined ? ` ${row.item.length}桁` : ''}${row.item.codeTable ? ` (${row.item.codeTable})` : ''}`,
          current: c.ref,
          currentLabel: fields.map((f) => f.label).join(' + '),
          currentType: fields.map(typeOf).join(' + '),
          mapping: row.state as 'confirmed' | 'suggested',
          kind: c.kind,
          severity: c.severity,
          rule: c.rule,
          basis: c.basis,
        }
      })
    }),
  )
}

export function conversionSheet(rows: readonly ConversionRow[]): SheetSpec<ConversionRow> {
  return {
    name: CONVERSION_SHEET_NAME,
    rows,
    columns: [
      {header: '業務', role: 'data', value: (r) => r.areaName},
      {header: '現行 テーブル.項目', role: 'data', fromInput: true, value: (r) => r.current},
      {header: '現行の名称', role: 'data', fromInput: true, value: (r) => r.currentLabel || undefined},
      {header: '現行の型', role: 'data', fromInput: true, value: (r) => r.currentType || undefined},
      {header: 'データ項目ID', role: 'data', fromInput: true, value: (r) => r.itemId},
      {header: '標準データ項目', role: 'data', fromInput: true, value: (r) => r.itemName},
      {header: '標準の型', role: 'data', fromInput: true, value: (r) => r.itemType},
      {header: '変換の種類', role: 'data', value: (r) => CONVERSION_KIND_LABELS[r.kind]},
      {header: '変換規則', role: 'long', fromInput: true, value: (r) => r.rule},
      {header: '重大度', role: 'data', value: (r) => CONVERSION_SEVERITY_LABELS[r.severity]},
      {header: '規則の根拠', role: 'long', fromInput: true, value: (r) => r.basis},
      {header: '対応付け', role: 'data', value: (r) => LINK_STATE_LABELS[r.mapping]},
    ],
  }
}
