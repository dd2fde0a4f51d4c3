import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

/** Every file under dir (relative path → sha256 of its bytes), to check that a refused command wrote nothing. */
export function diskState(dir: string): Record<string, string> {
  const state: Record<string, string> = {}
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    state[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex')
  }
  return state
}
