import type {Area} from '../model/area.js'

/**
 * The official ID scheme (domain.md §3): 機能ID・帳票ID = 業務コード3桁 + 4桁, データ項目ID = 業務コード3桁 + 項目コード5桁.
 * fitgap 0.1 numbered its bundled catalogues differently: data items as prefix + グループ3桁 + 連番3桁 (9 digits), and
 * 業務 without a known code under a made-up prefix (9 + 業務番号). These functions map such IDs to the official form,
 * deterministically and without a table, so a workspace can be migrated any number of times with the same result.
 */

/** 9-digit data item ID → 8 digits: PPP GGG SSS → CCC GG SSS (only when GGG < 100; otherwise unchanged). */
export function officialDataItemId(area: Area, id: string): string {
  const match = /^(\d{3})(\d{3})(\d{3})$/.exec(id)
  if (!match) return id
  const [, prefix, group, serial] = match as unknown as [string, string, string, string]
  if (!ownPrefix(area, prefix) || Number(group) >= 100) return id
  return `${area.code.value}${group.slice(1)}${serial}`
}

/** 7-digit 機能ID / 帳票ID under the old made-up prefix → the official 業務コード; anything else unchanged. */
export function officialRequirementId(area: Area, id: string): string {
  const match = /^(\d{3})(\d{4})$/.exec(id)
  if (!match || area.legacyPrefix === undefined || match[1] !== area.legacyPrefix) return id
  return `${area.code.value}${match[2]}`
}

const ownPrefix = (area: Area, prefix: string) => prefix === area.code.value || prefix === area.legacyPrefix

/** True when an ID is in a pre-official shape this module would change. */
export function isLegacyId(area: Area, id: string): boolean {
  return officialDataItemId(area, id) !== id || officialRequirementId(area, id) !== id
}

/**
 * A decision / workbook row key (`<area>:fn:<id>`, `:form:`, `:form-field:<formId>:<pos>`, `:item:`) with its IDs in the
 * official form. Keys of current-system rows (`cur-…`) carry no standard ID and are returned unchanged.
 */
export function officialRowKey(area: Area, key: string): string {
  const parts = key.split(':')
  if (parts.length < 3 || parts[0] !== area.slug) return key
  const kind = parts[1]
  if (kind === 'fn' || kind === 'form' || kind === 'form-field') parts[2] = officialRequirementId(area, parts[2]!)
  else if (kind === 'item') parts[2] = officialDataItemId(area, parts[2]!)
  return parts.join(':')
}

/** The fitgap 0.1 form of an official 8-digit data item ID of this 業務 (the inverse of {@link officialDataItemId}). */
export function legacyDataItemId(area: Area, id: string): string {
  const match = /^(\d{3})(\d{2})(\d{3})$/.exec(id)
  if (!match || match[1] !== area.code.value) return id
  return `${area.legacyPrefix ?? area.code.value}0${match[2]}${match[3]}`
}

/** Any whole-string ID in a workspace file: 9 digits → a data item, 7 digits → a 機能・帳票ID; other strings unchanged. */
export function officialIdOf(area: Area, value: string): string {
  if (/^\d{9}$/.test(value)) return officialDataItemId(area, value)
  if (/^\d{7}$/.test(value)) return officialRequirementId(area, value)
  return value
}
