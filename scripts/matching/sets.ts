/**
 * What the labelled-set scripts share: the set format (test/fixtures/matching/set-*.json), the tune / held-out
 * split, reading a cell of a source workbook, and writing a set.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import type ExcelJS from 'exceljs'

import type {DataType} from '../../src/model/vocabulary.js'
import {PACKAGE_ROOT} from '../../src/paths.js'

export type Part = 'tune' | 'held-out'

export interface LabelledField {
  table: string
  column: string
  label: string
  type?: DataType
  length?: number
  /** The standard data item id this field corresponds to; null for a field with no counterpart. */
  expected: string | null
  style: string
  /** Frozen real sets: `tune` may guide development, `held-out` is only read for the report. */
  part?: Part
}

export interface LabelledArea {
  area: string
  items: {id: string; group: string; name: string; nameEn?: string; description?: string; type: DataType; length?: number}[]
  fields: LabelledField[]
}

export interface LabelledSet {
  name: string
  description: string
  seed: number
  areas: LabelledArea[]
}

export const SETS_DIR = path.join(PACKAGE_ROOT, 'test/fixtures/matching')

/** FNV-1a, 32 bits: a stable split that does not depend on the order of the source rows. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** The part of a pair, from a hash of its item key (both wordings of one item fall in the same part). */
export const partOf = (key: string): Part => (fnv1a(key) % 100 < 50 ? 'tune' : 'held-out')

/** The text of a workbook cell (rich text, formula result or hyperlink text). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) return String(value.result ?? '')
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}

/** Writes test/fixtures/matching/set-NAME.json (one space of indent: the files are diffed by people). */
export function writeSet(set: LabelledSet): void {
  writeFileSync(path.join(SETS_DIR, `set-${set.name}.json`), `${JSON.stringify(set, null, 1)}\n`)
}
