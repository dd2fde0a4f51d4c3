/**
 * The workspace lock, called directly: one writer at a time, who holds it said by name, a lock left by a run that
 * died on this machine taken over, nothing left behind. (test/commands/lock-every-writer.test.ts: the commands.)
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import {InputError} from '../../src/errors.js'
import {LOCK_DIR, withWorkspaceLock, withWorkspaceLockNow} from '../../src/workspace/lock.js'
import {tempDir} from '../helpers/cli.js'
import {holdWorkspaceLock} from '../helpers/hold-lock.js'

const OWNER = '.fitgap.lock.json'

/** A pid that is surely not running: a child process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!

/** A lock folder and owner file as a run that died would leave them. */
function leftBehind(root: string, owner: Partial<{pid: number; host: string; lock: string}> = {}): string {
  const lockPath = path.join(root, LOCK_DIR)
  mkdirSync(lockPath)
  const stat = statSync(lockPath)
  const record = {pid: deadPid(), host: hostname(), command: 'analyze', since: '2026-01-01 09:00:00', lock: `${stat.ino}:${stat.birthtimeMs}`, ...owner}
  writeFileSync(path.join(root, OWNER), JSON.stringify(record))
  return lockPath
}

describe('workspace lock', () => {
  let root: string
  let stderr: string[]
  const wait = process.env.FITGAP_LOCK_WAIT_MS

  beforeEach(() => {
    // A lock that is never released fails a test in seconds, not after the five-minute default.
    process.env.FITGAP_LOCK_WAIT_MS = '5000'
    root = tempDir('fitgap-lock-unit-')
    stderr = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
    if (wait === undefined) delete process.env.FITGAP_LOCK_WAIT_MS
    else process.env.FITGAP_LOCK_WAIT_MS = wait
  })

  it('holds the lock with its owner written beside it while working, and leaves nothing after', async () => {
    let during: {files: string[]; owner: Record<string, unknown>} | undefined
    const result = await withWorkspaceLock(root, 'report import', () => {
      during = {files: readdirSync(root).sort(), owner: JSON.parse(readFileSync(path.join(root, OWNER), 'utf8')) as Record<string, unknown>}
      return 42
    })
    expect(result).toBe(42)
    expect(during!.files).toEqual([LOCK_DIR, OWNER].sort())
    const stat = statSync(path.join(root, LOCK_DIR), {throwIfNoEntry: false})
    expect(stat).toBeUndefined()
    expect(during!.owner).toMatchObject({pid: process.pid, host: hostname(), command: 'report import'})
    expect(during!.owner.since).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(during!.owner.lock).toMatch(/^\d+:[\d.]+$/)
    expect(readdirSync(root)).toEqual([])
    expect(stderr).toEqual([])
  })

  it('releases the lock when the work throws', async () => {
    await expect(withWorkspaceLock(root, 'analyze', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(readdirSync(root)).toEqual([])
    expect(() => withWorkspaceLockNow(root, 'map review', () => {
      throw new Error('bang')
    })).toThrow('bang')
    expect(readdirSync(root)).toEqual([])
  })

  it('makes a second writer wait, saying once who writes, until the first is done', async () => {
    process.env.FITGAP_LOCK_WAIT_MS = '60000'
    const order: string[] = []
    const {release, done: first} = await holdWorkspaceLock(root, () => order.push('first'))
    const second = withWorkspaceLock(root, 'report import', () => order.push('second'))
    await vi.waitFor(() => expect(stderr.join('')).toContain('がワークスペースに書き込み中です。終わるのを待っています…'), {timeout: 30_000, interval: 20})
    expect(stderr.join('')).toMatch(new RegExp(`^fitgap analyze \\(プロセス ${process.pid}、${hostname()}、\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} 開始\\) がワークスペース`))
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['first', 'second'])
    expect(stderr.filter((line) => line.includes('待っています'))).toHaveLength(1)
    expect(readdirSync(root)).toEqual([])
  })

  it('gives up after the wait limit with exit 2, naming the holder and the lock folder', async () => {
    process.env.FITGAP_LOCK_WAIT_MS = '0'
    const {release, done: first} = await holdWorkspaceLock(root)
    let ran = false
    const refused = await withWorkspaceLock(root, 'report import', () => (ran = true)).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(InputError)
    expect((refused as Error).message).toMatch(
      new RegExp(`^ワークスペース ${root} は fitgap analyze \\(プロセス ${process.pid}、.*開始\\) が書き込み中のため、何もせずに終了しました。終わってからやり直してください。そのプロセスがもう動いていないなら、${path.join(root, LOCK_DIR)} フォルダを削除してください。$`),
    )
    expect(ran).toBe(false)
    // The screen's save does not wait at all.
    expect(() => withWorkspaceLockNow(root, 'map review', () => (ran = true))).toThrow(
      /^fitgap analyze \(プロセス \d+、.*開始\) がワークスペースに書き込み中のため、まだ保存していません。終わってから次の操作で保存します。$/,
    )
    expect(ran).toBe(false)
    release()
    await first
    expect(withWorkspaceLockNow(root, 'map review', () => 'saved')).toBe('saved')
    expect(readdirSync(root)).toEqual([])
  })

  it('says who writes only once over several polls, then gives up at the limit', async () => {
    // 600 ms is two or three polls (every 250 ms) before the limit.
    process.env.FITGAP_LOCK_WAIT_MS = '600'
    const {release, done: first} = await holdWorkspaceLock(root)
    await expect(withWorkspaceLock(root, 'report import', () => 'ran')).rejects.toBeInstanceOf(InputError)
    expect(stderr.filter((line) => line.includes('待っています'))).toHaveLength(1)
    release()
    await first
  })

  it('waits the default five minutes when FITGAP_LOCK_WAIT_MS is not a number of milliseconds', async () => {
    for (const value of ['-5', 'soon']) {
      process.env.FITGAP_LOCK_WAIT_MS = value
      stderr.length = 0
      const {release, done: first} = await holdWorkspaceLock(root)
      // Not refused at once: still waiting when the holder finishes, then it runs.
      const second = withWorkspaceLock(root, 'report import', () => 'ran')
      await vi.waitFor(() => expect(stderr.join('')).toContain('待っています'), {timeout: 10_000, interval: 20})
      release()
      await first
      expect(await second, value).toBe('ran')
    }
  })

  it('passes on a failure that is not the lock being held (a missing workspace folder), without waiting', async () => {
    process.env.FITGAP_LOCK_WAIT_MS = '2000'
    const missing = path.join(root, 'no-such-folder')
    const failed = await withWorkspaceLock(missing, 'analyze', () => 'ran').catch((e: unknown) => e)
    expect(failed).not.toBeInstanceOf(InputError)
    expect((failed as NodeJS.ErrnoException).code).toBe('ENOENT')
    expect(stderr).toEqual([])
  })

  it('takes over a lock left by a run that died on this machine, saying so once', async () => {
    const lockPath = leftBehind(root)
    expect(await withWorkspaceLock(root, 'analyze', () => 'ran')).toBe('ran')
    expect(stderr).toHaveLength(1)
    expect(stderr[0]).toMatch(new RegExp(`^注意: ${lockPath} は、途中で終了した fitgap analyze \\(プロセス \\d+、${hostname()}、2026-01-01 09:00:00 開始\\) のロックです。解除して続けます。\\n$`))
    expect(readdirSync(root)).toEqual([])

    leftBehind(root)
    expect(withWorkspaceLockNow(root, 'map review', () => 'saved')).toBe('saved')
    expect(readdirSync(root)).toEqual([])
  })

  it('does not take over a lock whose holder may be alive, is elsewhere, or whose owner file describes another lock', async () => {
    process.env.FITGAP_LOCK_WAIT_MS = '0'
    for (const owner of [{pid: process.pid}, {host: `${hostname()}-other`}, {lock: '1:2'}, {pid: 1}]) {
      const dir = tempDir('fitgap-lock-unit-')
      const lockPath = leftBehind(dir, owner)
      await expect(withWorkspaceLock(dir, 'analyze', () => 'ran'), JSON.stringify(owner)).rejects.toBeInstanceOf(InputError)
      expect(() => withWorkspaceLockNow(dir, 'map review', () => 'saved')).toThrow(InputError)
      expect(existsSync(lockPath)).toBe(true)
      expect(statSync(lockPath).mtimeMs).toBeGreaterThan(0)
    }
    expect(stderr.join('')).not.toContain('注意')
  })

  it('names no holder when the owner file is missing or unreadable', async () => {
    process.env.FITGAP_LOCK_WAIT_MS = '0'
    const lockPath = leftBehind(root)
    for (const text of [undefined, '{', JSON.stringify({pid: '12', host: 'x'}), JSON.stringify({pid: 12})]) {
      writeFileSync(path.join(root, OWNER), text ?? '')
      const refused = await withWorkspaceLock(root, 'analyze', () => 'ran').catch((e: unknown) => e)
      expect((refused as Error).message, text).toContain(`は 別の fitgap が書き込み中のため`)
    }
    expect(existsSync(lockPath)).toBe(true)
  })
})
