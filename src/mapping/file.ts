/** Reading and writing mapping files: deterministic YAML (canonical order, no timestamps), atomic writes. */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {Document, isPair, isScalar, visit} from 'yaml'

import {InputError} from '../errors.js'
import {writeFileAtomic} from '../io/atomic-write.js'
import {parseAndValidateYaml} from '../io/yaml-source.js'
import {displayPath} from '../paths.js'
import {type MappingFile, mappingFileSchema, PAIR_SECTIONS, sortMappingFile} from './model.js'

export const mappingFilePath = (mappingsDir: string, areaSlug: string): string => path.join(mappingsDir, `${areaSlug}.yaml`)

/** Parses a mapping file's text; errors name file, line and path. */
export function parseMappingFile(text: string, shownPath: string): MappingFile {
  const result = parseAndValidateYaml(text, shownPath, mappingFileSchema)
  if (!result.value) throw new InputError(`対応付けファイル ${shownPath} に誤りがあります。`, result.problems)
  return result.value
}

/** The mapping file at this path, or undefined when there is none yet. */
export function loadMappingFile(file: string): MappingFile | undefined {
  if (!existsSync(file)) return undefined
  return parseMappingFile(readFileSync(file, 'utf8'), displayPath(file))
}

const HEADER = `# fitgap 対応付けファイル (標準データ項目 ↔ 現行項目、標準機能 ↔ 現行機能、標準帳票 ↔ 現行帳票)。形式: docs/mapping-file.md
# status: suggested (機械の提案) / confirmed (確定) / rejected (却下) / no-counterpart (対応なし = ギャップ)
# 人が決めた confirmed / rejected / no-counterpart は fitgap map suggest を再実行しても変わりません。
`

/** Canonical YAML text of a mapping file (same content → same bytes). */
export function stringifyMappingFile(file: MappingFile): string {
  const sorted = sortMappingFile(file)
  const data: Record<string, unknown> = {version: sorted.version, area: sorted.area}
  if (sorted.edition !== undefined) data.edition = sorted.edition
  data.items = sorted.items.map((item) => ({
    item: item.item,
    ...(item.name !== undefined ? {name: item.name} : {}),
    entries: item.entries.map((entry) => {
      const out: Record<string, unknown> = {refs: entry.refs, status: entry.status}
      for (const key of ['score', 'signals', 'reason', 'by', 'at', 'note'] as const) if (entry[key] !== undefined) out[key] = entry[key]
      return out
    }),
  }))
  if (sorted.currentOnly.length > 0) data.currentOnly = sorted.currentOnly
  for (const section of PAIR_SECTIONS)
    if (sorted[section]?.length)
      data[section] = sorted[section].map((pair) => ({
        id: pair.id,
        ...(pair.name !== undefined ? {name: pair.name} : {}),
        entries: pair.entries.map((entry) => {
          const out: Record<string, unknown> = {refs: entry.refs, status: entry.status}
          for (const key of ['score', 'reason', 'by', 'at', 'note'] as const) if (entry[key] !== undefined) out[key] = entry[key]
          return out
        }),
      }))
  const doc = new Document(data)
  // Short collections on one line: refs: [A.B] and signals: {name: 1, reading: 0.9}.
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && (pair.key.value === 'refs' || pair.key.value === 'signals')) {
        const value = pair.value as {flow?: boolean} | null
        if (value && typeof value === 'object') value.flow = true
      }
      if (isPair(pair) && isScalar(pair.key) && (pair.key.value === 'item' || pair.key.value === 'id') && isScalar(pair.value)) pair.value.type = 'QUOTE_SINGLE'
    },
  })
  return HEADER + doc.toString({lineWidth: 0, flowCollectionPadding: false})
}

/** Writes a mapping file atomically (temp file + rename). */
export function saveMappingFile(file: string, mapping: MappingFile): void {
  writeFileAtomic(file, stringifyMappingFile(mapping))
}
