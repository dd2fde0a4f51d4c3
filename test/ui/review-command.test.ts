import {cpSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {fitgap, ROOT, tempDir} from '../helpers/cli.js'

describe('fitgap map review without a terminal', () => {
  let dir: string
  const tty = {stdin: process.stdin.isTTY, stdout: process.stdout.isTTY}
  beforeEach(() => {
    dir = tempDir('fitgap-review-cli-')
    cpSync(path.join(ROOT, 'examples', 'demo'), dir, {recursive: true})
    Object.defineProperty(process.stdin, 'isTTY', {value: false, configurable: true})
  })
  afterEach(() => {
    Object.defineProperty(process.stdin, 'isTTY', {value: tty.stdin, configurable: true})
    Object.defineProperty(process.stdout, 'isTTY', {value: tty.stdout, configurable: true})
  })

  it('explains in Japanese what to do instead and exits 2 (stdin is not a TTY)', async () => {
    const before = readFileSync(path.join(dir, 'mappings', 'jumin.yaml'), 'utf8')
    const result = await fitgap(['map', 'review', '住民基本台帳', '--workspace', dir])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('端末 (TTY) で操作する画面です')
    expect(result.stderr).toContain('fitgap map review jumin')
    expect(result.stderr).toContain('fitgap map suggest jumin')
    expect(result.stderr).toContain('mappings/jumin.yaml')
    expect(result.stderr).toContain('fitgap map check jumin')
    expect(readFileSync(path.join(dir, 'mappings', 'jumin.yaml'), 'utf8')).toBe(before)
  })

  it('does the same with --json, even on a terminal', async () => {
    Object.defineProperty(process.stdin, 'isTTY', {value: true, configurable: true})
    Object.defineProperty(process.stdout, 'isTTY', {value: true, configurable: true})
    const result = await fitgap(['map', 'review', 'jumin', '--workspace', dir, '--json'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('--json には対応していません')
    expect(result.stderr).toContain('fitgap map suggest jumin')
  })

  it('rejects an unknown --filter and an unknown area with exit 2', async () => {
    expect((await fitgap(['map', 'review', 'jumin', '--workspace', dir, '--filter', 'bogus'])).exitCode).toBe(2)
    expect((await fitgap(['map', 'review', 'nosuch', '--workspace', dir])).exitCode).toBe(2)
  })

  it('documents the keys in --help (Japanese)', async () => {
    const result = await fitgap(['map', 'review', '--help'])
    expect(result.stdout).toContain('キー操作')
    for (const text of ['Enter', '1〜5', '却下', '検索', '対応なし', '取り消す', '次の項目', 'ヘルプ', '終了', '--filter'])
      expect(result.stdout).toContain(text)
    expect(result.stdout).toContain('i または :')
    expect(result.stdout).toContain('標準データ項目へ移動')
    expect(result.stdout).toContain('確定・対応なし N/M')
  })
})
