/**
 * One lock per workspace, held by every command that writes into it, so two runs never interleave a
 * read-modify-write (two `report import`s, an import during `analyze` …). proper-lockfile makes the lock
 * (an atomic mkdir); who holds it is written beside it so a waiting run can say who, and tell a lock left by
 * a run that died (same machine, process gone) from a live one.
 */
import {readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import path from 'node:path'

import lockfile from 'proper-lockfile'

import {InputError} from '../errors.js'
import {displayPath} from '../paths.js'

export const LOCK_DIR = '.fitgap.lock'
const OWNER_FILE = '.fitgap.lock.json'

/**
 * A lock not refreshed for this long is taken over. Long, because a big synchronous analysis keeps the event
 * loop (and the refresh timer) busy; a lock whose holder died on this machine is recognised at once instead.
 */
const STALE_MS = 10 * 60 * 1000
/** How long a run waits for another one to finish before giving up with advice. */
const DEFAULT_WAIT_MS = 5 * 60 * 1000
const POLL_MS = 250

interface Owner {
  readonly pid: number
  readonly host: string
  readonly command: string
  readonly since: string
  /** Identifies the lock folder this owner made (an older owner file must not describe a newer lock). */
  readonly lock: string
}

const lockIdentity = (lockPath: string): string | undefined => {
  try {
    const stat = statSync(lockPath)
    return `${stat.ino}:${stat.birthtimeMs}`
  } catch {
    return undefined
  }
}

function readOwner(root: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path.join(root, OWNER_FILE), 'utf8')) as Owner
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const describeOwner = (owner: Owner | undefined) =>
  owner ? `fitgap ${owner.command} (プロセス ${owner.pid}、${owner.host}、${owner.since} 開始)` : '別の fitgap'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Milliseconds to wait for the lock: FITGAP_LOCK_WAIT_MS, else five minutes. */
function waitLimit(): number {
  const raw = Number(process.env.FITGAP_LOCK_WAIT_MS)
  return Number.isFinite(raw) && raw >= 0 ? raw : DEFAULT_WAIT_MS
}

const lockOptions = (lockPath: string) => ({realpath: false, lockfilePath: lockPath, stale: STALE_MS, onCompromised: () => {}})

/**
 * After a failed attempt: true when the lock was left by a run that died on this machine and has been aged so the
 * next attempt takes it over (said once on stderr). Rethrows anything but "locked".
 */
function tookOverDeadLock(root: string, lockPath: string, error: unknown): boolean {
  if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
  const owner = readOwner(root)
  if (!owner || owner.host !== hostname() || owner.pid === process.pid || isAlive(owner.pid) || owner.lock !== lockIdentity(lockPath)) return false
  process.stderr.write(`注意: ${displayPath(lockPath)} は、途中で終了した ${describeOwner(owner)} のロックです。解除して続けます。\n`)
  // Ageing the lock lets proper-lockfile take it over through its own stale check.
  utimesSync(lockPath, new Date(0), new Date(0))
  return true
}

function writeOwner(root: string, lockPath: string, command: string): void {
  const owner: Owner = {pid: process.pid, host: hostname(), command, since: new Date().toISOString().slice(0, 19).replace('T', ' '), lock: lockIdentity(lockPath) ?? ''}
  writeFileSync(path.join(root, OWNER_FILE), `${JSON.stringify(owner)}\n`)
}

const removeOwner = (root: string) => rmSync(path.join(root, OWNER_FILE), {force: true})

/**
 * Runs `work` holding the workspace's lock. Waits (saying so once on stderr) while another run holds it;
 * a lock left by a run that died is explained and taken over; after the wait limit, exit 2 with advice.
 */
export async function withWorkspaceLock<T>(root: string, command: string, work: () => Promise<T> | T): Promise<T> {
  const lockPath = path.join(root, LOCK_DIR)
  const deadline = Date.now() + waitLimit()
  let told = false
  let release: (() => Promise<void>) | undefined
  while (!release) {
    try {
      release = await lockfile.lock(root, lockOptions(lockPath))
    } catch (error) {
      if (tookOverDeadLock(root, lockPath, error)) continue
      const owner = readOwner(root)
      if (Date.now() >= deadline)
        throw new InputError(
          `ワークスペース ${displayPath(root)} は ${describeOwner(owner)} が書き込み中のため、何もせずに終了しました。` +
            `終わってからやり直してください。そのプロセスがもう動いていないなら、${displayPath(lockPath)} フォルダを削除してください。`,
        )
      if (!told) process.stderr.write(`${describeOwner(owner)} がワークスペースに書き込み中です。終わるのを待っています…\n`)
      told = true
      await sleep(POLL_MS)
    }
  }
  writeOwner(root, lockPath, command)
  try {
    return await work()
  } finally {
    removeOwner(root)
    await release().catch(() => {})
  }
}

/**
 * One short write under the lock, without waiting: for a screen that saves on every key press (map review),
 * where waiting minutes for an analysis would freeze it. Throws the holder's name instead; the caller keeps
 * what it meant to write and tries again on the next save.
 */
export function withWorkspaceLockNow<T>(root: string, command: string, work: () => T): T {
  const lockPath = path.join(root, LOCK_DIR)
  let release: (() => void) | undefined
  for (let attempt = 0; !release && attempt < 2; attempt++) {
    try {
      release = lockfile.lockSync(root, lockOptions(lockPath))
    } catch (error) {
      if (!tookOverDeadLock(root, lockPath, error)) break
    }
  }
  if (!release) throw new InputError(`${describeOwner(readOwner(root))} がワークスペースに書き込み中のため、まだ保存していません。終わってから次の操作で保存します。`)
  writeOwner(root, lockPath, command)
  try {
    return work()
  } finally {
    removeOwner(root)
    try {
      release()
    } catch {
      // Already released or compromised: nothing of ours is left to remove.
    }
  }
}
