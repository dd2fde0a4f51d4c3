import {existsSync} from 'node:fs'
import path from 'node:path'

/**
 * The workspace's mappings/ folder as an extra dictionary folder, only when it holds one of the dictionary files
 * (`names`): the lexicon cache is keyed by its folders, so a workspace without dictionaries of its own shares the
 * bundled lexicon's cache instead of building the same one again (seconds) for every new workspace folder.
 */
export function ownDictionaryDirs(mappingsDir: string, names: readonly string[]): string[] {
  return names.some((name) => existsSync(path.join(mappingsDir, name))) ? [mappingsDir] : []
}
