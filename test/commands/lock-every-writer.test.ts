/**
 * The commands that write without going through analyze / import (migrate, the map review screens' saves) hold
 * the same workspace lock: a second writer waits for the first or is refused with advice, never a success that
 * lost the other's write.
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {loadMappingFile} from '../../src/mapping/file.js'
import {guardedSaver} from '../../src/ui/review/save.js'
import {withWorkspaceLock} from '../../src/workspace/lock.js'
import {demoCopy, ROOT, tempDir} from '../helpers/cli.js'
import {fitgapProcess, watchedProcess} from '../helpers/spawn.js'

const LEGACY = path.join(ROOT, 'test/fixtures/legacy-workspace')

function legacyCopy(): string {
  const dir = path.join(tempDir(), 'legacy')
  cpSync(LEGACY, dir, {recursive: true})
  return dir
}

/** Takes the workspace lock as another run would; resolves once it is held. `release` runs `beforeRelease`, then lets go. */
async function holdLock(dir: string, holder: string, beforeRelease: () => void = () => {}) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let ready!: () => void
  const locked = new Promise<void>((resolve) => (ready = resolve))
  const done = withWorkspaceLock(dir, holder, async () => {
    ready()
    await gate
    beforeRelease()
  })
  await locked
  return {release: async () => {
    release()
    await done
  }}
}

describe('one workspace lock for every writer', {timeout: 300_000}, () => {
  it('migrate waits for a run holding the lock, then migrates what that run wrote', async () => {
    const dir = legacyCopy()
    const file = path.join(dir, 'mappings', 'jumin.yaml')
    // The holder's write, made while migrate waits: a note on the first item.
    const lock = await holdLock(dir, 'テスト', () =>
      writeFileSync(file, readFileSync(file, 'utf8').replace('by: 市民課 山田', 'by: 市民課 山田\n        note: 待っている間の記入')),
    )
    const migrate = watchedProcess(['migrate', '-w', dir])
    // Deterministic: migrate has found the lock taken before the holder writes and lets go.
    await migrate.said('書き込み中です。終わるのを待っています')
    await lock.release()
    const result = await migrate.done
    expect(result.exitCode, result.stderr).toBe(0)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain("item: '00101001'")
    expect(text).toContain('note: 待っている間の記入')
  })

  it('migrate is refused with advice (exit 2, nothing written) when the wait limit passes', async () => {
    const dir = legacyCopy()
    const before = readFileSync(path.join(dir, 'mappings', 'jumin.yaml'), 'utf8')
    const lock = await holdLock(dir, 'テスト')
    const result = await fitgapProcess(['migrate', '-w', dir], {env: {FITGAP_LOCK_WAIT_MS: '0'}})
    await lock.release()
    expect(result.exitCode, result.stderr).toBe(2)
    expect(result.stderr).toContain('fitgap テスト')
    expect(result.stderr).toContain('何もせずに終了しました')
    expect(readFileSync(path.join(dir, 'mappings', 'jumin.yaml'), 'utf8')).toBe(before)
  })

  it('a map review save while another run holds the lock is refused, kept, and written by the next save', async () => {
    const dir = demoCopy()
    const file = path.join(dir, 'mappings', 'jumin.yaml')
    const original = readFileSync(file, 'utf8')
    const save = guardedSaver(file, 'mappings/jumin.yaml', original, dir)
    const mapping = loadMappingFile(file)!
    const first = {...mapping, items: mapping.items.map((item, i) => (i === 0 ? {...item, entries: item.entries.map((e) => ({...e, status: 'confirmed' as const, by: '山田'}))} : item))}
    const lock = await holdLock(dir, 'map suggest')
    expect(() => save(first)).toThrow(/fitgap map suggest .*書き込み中のため、まだ保存していません/)
    expect(readFileSync(file, 'utf8')).toBe(original)
    await lock.release()
    save(first)
    expect(loadMappingFile(file)!.items[0]!.entries.every((e) => e.status === 'confirmed' && e.by === '山田')).toBe(true)
  })
})
