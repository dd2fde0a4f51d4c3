/**
 * Saving the review's decisions: saveMappingFile (temp file + rename), guarded against overwriting a file
 * someone else changed while the screen was open (map suggest re-run, a hand edit in an editor).
 */
import {existsSync, readFileSync} from 'node:fs'

import {saveMappingFile} from '../../mapping/file.js'
import type {MappingFile} from '../../mapping/model.js'

const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined)

/**
 * A save function for the screen. `original` is the file's text when the session loaded it (undefined: no file).
 * Throws (the screen shows it, the decision stays in memory) instead of overwriting an outside change.
 */
export function guardedSaver(mappingPath: string, shownPath: string, original: string | undefined): (mapping: MappingFile) => void {
  let expected = original
  return (mapping) => {
    if (read(mappingPath) !== expected)
      throw new Error(`${shownPath} が画面の外で変更されたため上書きしません。q で終了し、map review を開き直してください`)
    saveMappingFile(mappingPath, mapping)
    expected = read(mappingPath)
  }
}
