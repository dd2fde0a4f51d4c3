/** The review screens' save: through the workspace layer, under the workspace lock (workspace/mapping-save.ts). */
import path from 'node:path'

import type {MappingFile} from '../../mapping/model.js'
import {guardedMappingSaver} from '../../workspace/mapping-save.js'

/**
 * A save function for the screen. `original` is the file's text when the session loaded it (undefined: no file);
 * `root` the workspace (by default the folder above mappings/).
 */
export function guardedSaver(
  mappingPath: string,
  shownPath: string,
  original: string | undefined,
  root = path.dirname(path.dirname(mappingPath)),
): (mapping: MappingFile) => void {
  return guardedMappingSaver(root, mappingPath, shownPath, original)
}
