/**
 * `npm run build` writes oclif.manifest.json (command list and flags, so that `fitgap --version` or `--help`
 * imports no command). Dev mode (bin/dev.js) and the tests run the TypeScript sources instead: a manifest older
 * than any source would describe commands and flags that are no longer there, so it is removed (the next build
 * writes a fresh one).
 */
import {existsSync, readdirSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const file = path.join(dir, entry.name)
    const mtime = entry.isDirectory() ? newestMtime(file) : statSync(file).mtimeMs
    if (mtime > newest) newest = mtime
  }
  return newest
}

/** Removes root/oclif.manifest.json when src/ or package.json changed after it was written; true when removed. */
export function dropStaleManifest(root: string): boolean {
  const manifest = path.join(root, 'oclif.manifest.json')
  if (!existsSync(manifest)) return false
  const written = statSync(manifest).mtimeMs
  const sources = Math.max(newestMtime(path.join(root, 'src')), statSync(path.join(root, 'package.json')).mtimeMs)
  if (sources <= written) return false
  rmSync(manifest, {force: true})
  return true
}
