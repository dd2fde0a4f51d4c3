import {randomBytes} from 'node:crypto'
import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
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

/** Runs a writer against a temp path and renames it into place only if the writer succeeds. */
export async function withAtomicTarget<T>(target: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(target), {recursive: true})
  const temp = tempPathFor(target)
  try {
    const result = await write(temp)
    renameSync(temp, target)
    return result
  } catch (error) {
    rmSync(temp, {force: true})
    throw error
  }
}
