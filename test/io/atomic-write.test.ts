import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, describe, expect, it, vi} from 'vitest'

import {readTextIfExists, replaceFileIfUnchanged, tempPathFor, withAtomicTarget, writeFileAtomic} from '../../src/io/atomic-write.js'
import {tempDir} from '../helpers/cli.js'

/** Failures injected into node:fs as atomic-write sees it: a disk that fills up half-way, a rename refused. */
const inject = vi.hoisted(() => ({write: false, rename: false, refuse: false}))

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const fail = (code: string) => Object.assign(new Error(`${code}: injected`), {code})
  return {
    ...fs,
    writeFileSync: (file: string, data: string | Uint8Array, ...rest: unknown[]) => {
      if (inject.refuse) throw fail('EACCES') // nothing reaches the disk
      if (inject.write) {
        // Half the bytes reach the disk, then the write fails.
        fs.writeFileSync(file, typeof data === 'string' ? data.slice(0, data.length / 2) : data.subarray(0, data.length / 2))
        throw fail('ENOSPC')
      }
      return (fs.writeFileSync as (...a: unknown[]) => void)(file, data, ...rest)
    },
    renameSync: (from: string, to: string) => {
      if (inject.rename) throw fail('EXDEV')
      return fs.renameSync(from, to)
    },
  }
})

afterEach(() => {
  inject.write = false
  inject.rename = false
  inject.refuse = false
})

const OLD = 'old: 旧い内容\n'.repeat(50)
const NEW = 'new: 新しい内容\n'.repeat(80)

function existing(): {dir: string; target: string} {
  const dir = tempDir('fitgap-atomic-')
  const target = path.join(dir, 'decisions.yaml')
  writeFileSync(target, OLD)
  return {dir, target}
}

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp file', () => {
    const {dir, target} = existing()
    writeFileAtomic(target, NEW)
    expect(readFileSync(target, 'utf8')).toBe(NEW)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('creates missing folders and writes bytes as given', () => {
    const dir = tempDir('fitgap-atomic-')
    const target = path.join(dir, 'a', 'b', 'out.bin')
    const bytes = Uint8Array.from([0, 1, 2, 0xff])
    writeFileAtomic(target, bytes)
    expect([...readFileSync(target)]).toEqual([...bytes])
    expect(readdirSync(path.join(dir, 'a', 'b'))).toEqual(['out.bin'])
  })

  it('keeps the old file when the write fails half-way, and removes the partial temp file', () => {
    const {dir, target} = existing()
    inject.write = true
    expect(() => writeFileAtomic(target, NEW)).toThrow(/ENOSPC/)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('keeps the old file when the rename fails, and removes the temp file', () => {
    const {dir, target} = existing()
    inject.rename = true
    expect(() => writeFileAtomic(target, NEW)).toThrow(/EXDEV/)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('reports the original error when the temp file could not even be created', () => {
    const {dir, target} = existing()
    inject.refuse = true
    expect(() => writeFileAtomic(target, NEW)).toThrow(/EACCES/)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('writes nothing at all when a new file cannot be written', () => {
    const dir = tempDir('fitgap-atomic-')
    inject.write = true
    expect(() => writeFileAtomic(path.join(dir, 'new.yaml'), NEW)).toThrow(/ENOSPC/)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('withAtomicTarget', () => {
  it('renames what the writer wrote into place and returns its result', async () => {
    const {dir, target} = existing()
    const seen: string[] = []
    const result = await withAtomicTarget(target, async (temp) => {
      seen.push(temp)
      writeFileSync(temp, NEW)
      return 42
    })
    expect(result).toBe(42)
    expect(path.dirname(seen[0]!)).toBe(dir)
    expect(seen[0]).not.toBe(target)
    expect(readFileSync(target, 'utf8')).toBe(NEW)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('keeps the old file and removes the temp when the writer fails after writing part of it', async () => {
    const {dir, target} = existing()
    await expect(
      withAtomicTarget(target, async (temp) => {
        writeFileSync(temp, NEW.slice(0, 10))
        throw new Error('exceljs failed')
      }),
    ).rejects.toThrow('exceljs failed')
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('reports the writer’s own error when it fails before creating the temp file', async () => {
    const {dir, target} = existing()
    await expect(withAtomicTarget(target, async () => Promise.reject(new Error('workbook too large')))).rejects.toThrow('workbook too large')
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('keeps the old file and removes the temp when the rename fails', async () => {
    const {dir, target} = existing()
    inject.rename = true
    await expect(withAtomicTarget(target, async (temp) => writeFileSync(temp, NEW))).rejects.toThrow(/EXDEV/)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('creates the target folder before the writer runs', async () => {
    const dir = tempDir('fitgap-atomic-')
    const target = path.join(dir, 'reports', 'fitgap-report.xlsx')
    await withAtomicTarget(target, async (temp) => {
      expect(existsSync(path.dirname(temp))).toBe(true)
      writeFileSync(temp, 'x')
    })
    expect(readFileSync(target, 'utf8')).toBe('x')
  })
})

describe('tempPathFor', () => {
  it('names a hidden file beside the target, different on every call', () => {
    const dir = tempDir('fitgap-atomic-')
    mkdirSync(dir, {recursive: true})
    const target = path.join(dir, 'x.yaml')
    const a = tempPathFor(target)
    const b = tempPathFor(target)
    expect(path.dirname(a)).toBe(dir)
    expect(path.basename(a)).toMatch(new RegExp(`^\\.fitgap-tmp-x\\.yaml\\.${process.pid}\\.[0-9a-f]{8}$`))
    expect(a).not.toBe(b)
  })
})

describe('replaceFileIfUnchanged', () => {
  it('replaces a file that still holds what was read, and creates one that is still absent', () => {
    const {dir, target} = existing()
    expect(replaceFileIfUnchanged(target, OLD, NEW)).toBe(true)
    expect(readFileSync(target, 'utf8')).toBe(NEW)
    const created = path.join(dir, 'sub', 'new.yaml')
    expect(replaceFileIfUnchanged(created, undefined, NEW)).toBe(true)
    expect(readFileSync(created, 'utf8')).toBe(NEW)
    expect(readdirSync(dir).sort()).toEqual(['decisions.yaml', 'sub'])
    expect(readdirSync(path.join(dir, 'sub'))).toEqual(['new.yaml'])
  })

  it('leaves a file someone saved meanwhile (or created) as it is, says so, and leaves no temp file', () => {
    const {dir, target} = existing()
    expect(replaceFileIfUnchanged(target, 'what was read earlier\n', NEW)).toBe(false)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(replaceFileIfUnchanged(target, undefined, NEW)).toBe(false)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })

  it('keeps the old file and removes the temp when the write or the rename fails', () => {
    const {dir, target} = existing()
    inject.write = true
    expect(() => replaceFileIfUnchanged(target, OLD, NEW)).toThrow(/ENOSPC/)
    inject.write = false
    inject.refuse = true // the temp file is never created: its removal must not hide the error
    expect(() => replaceFileIfUnchanged(target, OLD, NEW)).toThrow(/EACCES/)
    inject.refuse = false
    inject.rename = true
    expect(() => replaceFileIfUnchanged(target, OLD, NEW)).toThrow(/EXDEV/)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(readdirSync(dir)).toEqual(['decisions.yaml'])
  })
})

describe('readTextIfExists', () => {
  it('reads a file as UTF-8 text, and an absent one as undefined', () => {
    const {dir, target} = existing()
    expect(readTextIfExists(target)).toBe(OLD)
    expect(readTextIfExists(path.join(dir, 'none.yaml'))).toBeUndefined()
  })
})
