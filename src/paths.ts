import {fileURLToPath} from 'node:url'
import path from 'node:path'

/** The installed package's root (works from src/ under tsx and from dist/ once built). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const BUNDLED_SPECS_DIR = path.join(PACKAGE_ROOT, 'specs')
export const BUNDLED_MAPPINGS_DIR = path.join(PACKAGE_ROOT, 'mappings')
export const DEMO_WORKSPACE_DIR = path.join(PACKAGE_ROOT, 'examples', 'demo')

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}
