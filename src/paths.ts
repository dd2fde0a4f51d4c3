import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The installed package's root: the nearest folder above this module with a package.json (src/ under tsx; once
 * built, this code sits in a bundle file of dist/ or of a folder below it, see scripts/build.js).
 */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir)
  return dir
}

export const PACKAGE_ROOT = packageRoot()
export const BUNDLED_SPECS_DIR = path.join(PACKAGE_ROOT, 'specs')
export const BUNDLED_MAPPINGS_DIR = path.join(PACKAGE_ROOT, 'mappings')
export const DEMO_WORKSPACE_DIR = path.join(PACKAGE_ROOT, 'examples', 'demo')

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}
