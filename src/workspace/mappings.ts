/** Reading a 業務's mapping file (mappings/<業務>.yaml) from the workspace, refusing one that declares another 業務. */
import {readTextIfExists} from '../io/atomic-write.js'
import {InputError} from '../errors.js'
import {mappingFilePath, parseMappingFile} from '../mapping/file.js'
import type {MappingFile} from '../mapping/model.js'
import {displayPath} from '../paths.js'

export interface AreaMapping {
  readonly path: string
  /** The text as read (undefined: no file): what a later save checks the file against. */
  readonly text: string | undefined
  readonly mapping: MappingFile | undefined
}

/** Throws when a mapping file's `area` is not the 業務 its name says: reading or rewriting it would mix two 業務. */
export function checkMappingArea(mapping: MappingFile, areaSlug: string, file: string): void {
  if (mapping.area !== areaSlug)
    throw new InputError(
      `${displayPath(file)} は業務「${mapping.area}」の対応付けファイルです (area: ${mapping.area})。業務「${areaSlug}」のファイル名と合わないため、読み書きせずに終了しました。ファイル名か area を直してください。`,
    )
}

export function loadAreaMapping(mappingsDir: string, areaSlug: string): AreaMapping {
  const file = mappingFilePath(mappingsDir, areaSlug)
  const text = readTextIfExists(file)
  const mapping = text === undefined ? undefined : parseMappingFile(text, displayPath(file))
  if (mapping) checkMappingArea(mapping, areaSlug, file)
  return {path: file, text, mapping}
}
