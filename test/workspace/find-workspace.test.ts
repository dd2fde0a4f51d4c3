/** A folder that cannot be read (permission denied) is an error, not "no workspace here" (which runs the demo). */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, describe, expect, it, vi} from 'vitest'

import {InputError} from '../../src/errors.js'
import {findWorkspace} from '../../src/workspace/workspace.js'
import {tempDir} from '../helpers/cli.js'

const denied = vi.hoisted(() => ({prefix: undefined as string | undefined}))

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  return {
    ...fs,
    // The tests run as root, where chmod cannot take read access away: the denial is injected.
    statSync: ((target: string, ...rest: unknown[]) => {
      if (denied.prefix && String(target).startsWith(denied.prefix)) throw Object.assign(new Error(`EACCES: ${target}`), {code: 'EACCES'})
      return (fs.statSync as (...a: unknown[]) => unknown)(target, ...rest)
    }) as typeof fs.statSync,
  }
})

afterEach(() => {
  denied.prefix = undefined
})

describe('findWorkspace', () => {
  it('walking up from a folder it may not read: a Japanese error, not undefined', () => {
    const dir = path.join(tempDir(), 'ws')
    mkdirSync(path.join(dir, 'sub'), {recursive: true})
    writeFileSync(path.join(dir, 'fitgap.yaml'), 'version: 1\nname: t\n')
    denied.prefix = path.join(dir, 'sub')
    expect(() => findWorkspace(undefined, path.join(dir, 'sub'))).toThrow(InputError)
    expect(() => findWorkspace(undefined, path.join(dir, 'sub'))).toThrow(/を読めません \(権限がありません\)/)
  })

  it('--workspace on a folder it may not read: the same error', () => {
    const dir = tempDir()
    denied.prefix = dir
    expect(() => findWorkspace(dir)).toThrow(/を読めません \(権限がありません\)。ワークスペースを読めないため、何もせずに終了しました/)
  })

  it('finds the workspace above when nothing is denied', () => {
    const dir = path.join(tempDir(), 'ws')
    mkdirSync(path.join(dir, 'sub'), {recursive: true})
    writeFileSync(path.join(dir, 'fitgap.yaml'), 'version: 1\nname: t\n')
    expect(findWorkspace(undefined, path.join(dir, 'sub'))?.root).toBe(dir)
  })
})
