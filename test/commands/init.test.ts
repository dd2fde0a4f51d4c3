import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {loadWorkspace} from '../../src/workspace/workspace.js'
import {fitgap, tempDir} from '../helpers/cli.js'

describe('fitgap init', () => {
  it('creates a workspace with its folders and resolved areas', async () => {
    const dir = path.join(tempDir(), 'ws')
    const result = await fitgap(['init', dir, '--name', '門真市', '--area', '住民基本台帳', '--area', '7'])
    expect(result.exitCode).toBe(0)
    for (const sub of ['current', 'mappings', 'decisions', 'reports', 'specs']) expect(existsSync(path.join(dir, sub))).toBe(true)
    const workspace = loadWorkspace(dir)
    expect(workspace.config).toMatchObject({name: '門真市', areas: ['jumin', 'kokuho']})
  })

  it('refuses to overwrite an existing workspace (exit 2, file unchanged)', async () => {
    const dir = tempDir()
    await fitgap(['init', dir, '--name', 'A'])
    const before = readFileSync(path.join(dir, 'fitgap.yaml'), 'utf8')
    const again = await fitgap(['init', dir, '--name', 'B'])
    expect(again.exitCode).toBe(2)
    expect(again.stderr).toContain('上書きしません')
    expect(readFileSync(path.join(dir, 'fitgap.yaml'), 'utf8')).toBe(before)
  })

  it('exits 2 on an unknown area', async () => {
    const result = await fitgap(['init', path.join(tempDir(), 'ws'), '--area', 'nosuch'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('業務「nosuch」が見つかりません')
  })
})
