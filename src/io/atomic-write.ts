import {randomBytes} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/** A temp path beside the target, so the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.fitgap-tmp-${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}`)
}

/** Writes a whole file or nothing: temp file, then rename over the target. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(target), {recursive: true})
  const temp = tempPathFor(target)
  try {
    writeFileSync(temp, data)
    renameSync(temp, target)
  } catch (error) {
    rmSync(temp, {force: true})
    throw error
  }
}

/** The file's text, or undefined when there is none. */
export const readTextIfExists = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined)

/**
 * Writes a whole file or nothing, and only if it still holds `expected` (undefined: still absent) right before
 * the rename: someone saving it meanwhile (an editor, Excel) is not overwritten. Returns false when it changed.
 */
export function replaceFileIfUnchanged(target: string, expected: string | undefined, data: string): boolean {
  mkdirSync(path.dirname(target), {recursive: true})
  const temp = tempPathFor(target)
  try {
    writeFileSync(temp, data)
    if (readTextIfExists(target) !== expected) {
      rmSync(temp, {force: true})
      return false
    }
    renameSync(temp, target)
    return true
  } catch (error) {
    rmSync(temp, {force: true})
    throw error
  }
}

/**
 * Runs a writer against a temp path and renames it into place only if the writer succeeds and `beforeReplace`
 * (a last check that the target may still be replaced) does not throw.
 */
export async function withAtomicTarget<T>(
  target: string,
  write: (tempPath: string) => Promise<T>,
  beforeReplace?: () => Promise<void>,
): Promise<T> {
  mkdirSync(path.dirname(target), {recursive: true})
  const temp = tempPathFor(target)
  try {
    const result = await write(temp)
    await beforeReplace?.()
    renameSync(temp, target)
    return result
  } catch (error) {
    rmSync(temp, {force: true})
    throw error
  }
}
