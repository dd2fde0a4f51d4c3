/**
 * Reads the evidence other decisions give (see matching/learned.ts): confirmed and rejected pairs in the other
 * 業務' mapping files of the workspace, and the vendor's column dictionary `mappings/vendor-columns.yaml`.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {loadSettingsYaml} from '../io/yaml-source.js'
import type {PairEvidence} from '../matching/learned.js'
import {loadRegistry} from '../specs/registry.js'
import {loadMappingFile, mappingFilePath} from './file.js'

export const VENDOR_COLUMNS_FILE = 'vendor-columns.yaml'

const vendorColumnsSchema = z.object({
  /** Physical column name → the standard data item name(s) it holds. */
  columns: z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])),
})

const columnOf = (ref: string) => ref.slice(ref.indexOf('.') + 1)

export function loadPairEvidence(mappingsDir: string, areaSlug: string): PairEvidence[] {
  const evidence: PairEvidence[] = []
  for (const area of loadRegistry().areas) {
    if (area.slug === areaSlug) continue
    const mapping = loadMappingFile(mappingFilePath(mappingsDir, area.slug))
    for (const item of mapping?.items ?? []) {
      if (!item.name) continue
      for (const entry of item.entries) {
        if ((entry.status !== 'confirmed' && entry.status !== 'rejected') || entry.refs.length !== 1) continue
        const verb = entry.status === 'confirmed' ? '確定' : '却下'
        evidence.push({itemName: item.name, column: columnOf(entry.refs[0]!), status: entry.status, kind: 'decision', source: `${area.name} (${area.slug}) で${verb}`})
      }
    }
  }
  const vendorFile = path.join(mappingsDir, VENDOR_COLUMNS_FILE)
  if (existsSync(vendorFile)) {
    const {columns} = loadSettingsYaml(vendorFile, vendorColumnsSchema, '業者の列名辞書')
    for (const [column, names] of Object.entries(columns).sort(([a], [b]) => a.localeCompare(b)))
      for (const itemName of typeof names === 'string' ? [names] : names)
        evidence.push({itemName, column, status: 'confirmed', kind: 'dictionary', source: `業者の列名辞書 (${VENDOR_COLUMNS_FILE})`})
  }
  return evidence
}
