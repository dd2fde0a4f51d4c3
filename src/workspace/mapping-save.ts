/**
 * Saving a mapping file that a person may be editing at the same time (an editor open on mappings/<業務>.yaml):
 * the file is replaced only if it still holds the text this run merged onto; otherwise the run merges again onto
 * the newer text, so a confirmation saved meanwhile is kept. Gives up (exit 2) if the file keeps changing.
 */
import path from 'node:path'

import {readTextIfExists, replaceFileIfUnchanged} from '../io/atomic-write.js'
import {InputError} from '../errors.js'
import {parseMappingFile, saveMappingFile, stringifyMappingFile} from '../mapping/file.js'
import {keepComments} from '../mapping/keep-comments.js'
import type {MappingFile} from '../mapping/model.js'
import {displayPath} from '../paths.js'
import {withWorkspaceLockNow} from './lock.js'
import {checkMappingArea} from './mappings.js'

const ATTEMPTS = 5

/**
 * `merge` builds the file to write from the file as it is now (undefined: none). `readAs` is the text the
 * caller's merge was based on. Returns the mapping written (or that would be, when nothing changed) and whether
 * the file was written.
 */
export function saveMergedMapping(
  file: string,
  readAs: string | undefined,
  merge: (existing: MappingFile | undefined) => MappingFile,
): {mapping: MappingFile; written: boolean} {
  let base = readAs
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = base === undefined ? undefined : parseMappingFile(base, displayPath(file))
    if (existing) checkMappingArea(existing, path.basename(file, '.yaml'), file)
    const mapping = merge(existing)
    const text = keepComments(base, stringifyMappingFile(mapping), {lineWidth: 0, flowCollectionPadding: false})
    if (existing && stringifyMappingFile(mapping) === stringifyMappingFile(existing)) {
      if (readTextIfExists(file) === base) return {mapping, written: false}
    } else if (replaceFileIfUnchanged(file, base, text)) return {mapping, written: true}
    base = readTextIfExists(file)
  }
  throw new InputError(`${displayPath(file)} が書き込みの間に何度も変更されたため、書き込みませんでした。編集を保存し終えてから、もう一度実行してください。`)
}

/**
 * A save function for a screen that saves on every decision (map review). `original` is the file's text when the
 * screen loaded it (undefined: no file). Each save holds the workspace lock for its check-and-write, and throws
 * (the screen shows it, the decision stays in memory) rather than wait for another writer or overwrite a change
 * made outside the screen (map suggest re-run, a hand edit in an editor).
 */
export function guardedMappingSaver(
  root: string,
  mappingPath: string,
  shownPath: string,
  original: string | undefined,
): (mapping: MappingFile) => void {
  let expected = original
  return (mapping) =>
    withWorkspaceLockNow(root, 'map review', () => {
      if (readTextIfExists(mappingPath) !== expected)
        throw new Error(`${shownPath} が画面の外で変更されたため上書きしません。q で終了し、map review を開き直してください`)
      saveMappingFile(mappingPath, mapping)
      expected = readTextIfExists(mappingPath)
    })
}
