import {cpSync, existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {isPair, isScalar, parseDocument, visit} from 'yaml'

import {formFingerprint} from '../analyzers/forms.js'
import {InputError} from '../errors.js'
import {replaceFileIfUnchanged} from '../io/atomic-write.js'
import type {Area} from '../model/area.js'
import type {SpecCatalog} from '../model/catalog.js'
import {displayPath} from '../paths.js'
import {loadCatalog} from '../specs/catalog-store.js'
import {legacyDataItemId, officialIdOf, officialRowKey} from '../specs/official-ids.js'
import {loadRegistry} from '../specs/registry.js'
import {specsDirsOf, type Workspace} from './workspace.js'

export interface MigratedFile {
  /** Shown path of the file. */
  file: string
  /** IDs and keys rewritten. */
  changed: number
  /** A few old → new pairs, for the person reading the report. */
  examples: {from: string; to: string}[]
  /** Form decisions whose fingerprint was re-stamped (same form, only its data item IDs renumbered). */
  refingerprinted: number
}

export interface MigrationReport {
  files: MigratedFile[]
  written: boolean
  /** Where the originals were copied before writing (undefined on a dry run or when nothing changed). */
  backupDir?: string
}

/**
 * Rewrites the standard IDs a workspace holds in the fitgap 0.1 shape (9-digit data items, 機能・帳票IDs under a
 * made-up prefix) to the official shape, in mappings/<業務>.yaml (every whole-string ID, whatever field holds it) and
 * decisions/<業務>.yaml (row keys). Comments and layout stay; nothing else changes; originals are copied to
 * `.fitgap-backup/ids/` first. Running it again finds nothing to do.
 */
export function migrateWorkspaceIds(workspace: Workspace, options: {dryRun?: boolean} = {}): MigrationReport {
  const files: MigratedFile[] = []
  const pending: {target: string; original: string; text: string}[] = []
  for (const area of loadRegistry().areas) {
    for (const [dir, rewrite] of [
      [workspace.mappingsDir, rewriteMapping],
      [workspace.decisionsDir, (text: string, a: Area) => rewriteDecisions(text, a, (edition) => catalogOf(workspace, a, edition))],
    ] as const) {
      const file = path.join(dir, `${area.slug}.yaml`)
      if (!existsSync(file)) continue
      const original = readFileSync(file, 'utf8')
      const result = rewrite(original, area)
      if (result.changed === 0 && result.refingerprinted === 0) continue
      files.push({file: displayPath(file), changed: result.changed, examples: result.examples, refingerprinted: result.refingerprinted})
      pending.push({target: file, original, text: result.text})
    }
  }
  if (options.dryRun || pending.length === 0) return {files, written: false}
  const backupDir = path.join(workspace.root, '.fitgap-backup', 'ids')
  for (const {target} of pending) {
    const copy = path.join(backupDir, path.relative(workspace.root, target))
    if (!existsSync(copy)) cpSync(target, copy)
  }
  // A file saved by hand since it was read is left as saved; running migrate again rewrites it (it is idempotent).
  const changedMeanwhile = pending.filter(({target, original, text}) => !replaceFileIfUnchanged(target, original, text)).map((p) => displayPath(p.target))
  if (changedMeanwhile.length > 0)
    throw new InputError(
      `${changedMeanwhile.join('、')} が移行の間に変更されたため、このファイルは書き換えていません (ほかのファイルは移行済み)。もう一度 fitgap migrate を実行してください。`,
    )
  return {files, written: true, backupDir: displayPath(backupDir)}
}

interface Rewrite {
  text: string
  changed: number
  examples: {from: string; to: string}[]
  refingerprinted: number
}

function rewriteScalars(text: string, convert: (value: string, key: string | undefined) => string): Rewrite & {doc: ReturnType<typeof parseDocument>} {
  const doc = parseDocument(text)
  const examples: {from: string; to: string}[] = []
  let changed = 0
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'string') return
      const parent = ancestors.at(-1)
      const field = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : undefined
      const next = convert(node.value, field)
      if (next === node.value) return
      if (examples.length < 5) examples.push({from: node.value, to: next})
      changed += 1
      node.value = next
    },
  })
  return {doc, text: doc.toString({lineWidth: 0, flowCollectionPadding: false}), changed, examples, refingerprinted: 0}
}

export function rewriteMapping(text: string, area: Area): Rewrite {
  const {text: out, changed, examples, refingerprinted} = rewriteScalars(text, (value) => officialIdOf(area, value))
  return {text: changed > 0 ? out : text, changed, examples, refingerprinted}
}

/** Decision keys to the official IDs; a form decision's fingerprint follows when only its data item IDs changed. */
export function rewriteDecisions(text: string, area: Area, catalogOf: (edition: string | undefined) => SpecCatalog | undefined): Rewrite {
  const result = rewriteScalars(text, (value, field) => (field === 'key' ? officialRowKey(area, value) : value))
  let refingerprinted = 0
  visit(result.doc, {
    Map(_, node) {
      const key = node.get('key')
      if (typeof key !== 'string') return
      const [, kind, id] = key.split(':')
      if (kind !== 'form') return
      const edition = node.get('edition')
      const form = catalogOf(typeof edition === 'string' ? edition : undefined)?.forms.find((f) => f.id === id)
      if (!form) return
      const legacy = {...form, fields: form.fields.map((f) => (f.dataItem ? {...f, dataItem: legacyDataItemId(area, f.dataItem)} : f))}
      const now = formFingerprint(form)
      const fp = node.get('fingerprint')
      if (fp === formFingerprint(legacy) && fp !== now) {
        node.set('fingerprint', now)
        refingerprinted += 1
      }
    },
  })
  return {text: result.changed + refingerprinted > 0 ? result.doc.toString({lineWidth: 0, flowCollectionPadding: false}) : text, changed: result.changed, examples: result.examples, refingerprinted}
}

function catalogOf(workspace: Workspace, area: Area, edition: string | undefined): SpecCatalog | undefined {
  try {
    return loadCatalog(area, edition, specsDirsOf(workspace))
  } catch {
    return undefined
  }
}
