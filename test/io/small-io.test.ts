/** The small shared helpers of src/io: column letters, refusing special files, characters XML cannot hold. */
import {execFileSync} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {InputError} from '../../src/errors.js'
import {columnLetter} from '../../src/io/column-letter.js'
import {assertRegularFile} from '../../src/io/regular-file.js'
import {codePoint, PRIVATE_USE, XML_INVALID} from '../../src/io/xml-chars.js'
import {tempDir} from '../helpers/cli.js'

describe('columnLetter', () => {
  it('names columns as Excel does, across each change of width', () => {
    const cases: [number, string][] = [
      [0, 'A'],
      [1, 'B'],
      [25, 'Z'],
      [26, 'AA'],
      [27, 'AB'],
      [51, 'AZ'],
      [52, 'BA'],
      [701, 'ZZ'],
      [702, 'AAA'],
      [16383, 'XFD'],
    ]
    expect(cases.map(([i]) => columnLetter(i))).toEqual(cases.map(([, l]) => l))
  })
})

describe('assertRegularFile', () => {
  const refusal = (file: string): string | undefined => {
    try {
      assertRegularFile(file)
      return undefined
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      return (error as Error).message
    }
  }

  it('lets a regular file, a link to one and a missing file through', () => {
    const dir = tempDir()
    const file = path.join(dir, 'a.csv')
    writeFileSync(file, 'id\n')
    symlinkSync(file, path.join(dir, 'link.csv'))
    expect([refusal(file), refusal(path.join(dir, 'link.csv')), refusal(path.join(dir, 'missing.csv'))]).toEqual([undefined, undefined, undefined])
  })

  it('names what a folder, a link to a folder, a FIFO and a device are, with the path', () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'folder'))
    symlinkSync(path.join(dir, 'folder'), path.join(dir, 'folder-link'))
    execFileSync('mkfifo', [path.join(dir, 'pipe')])
    const message = (what: string, file: string) => `${file} は通常のファイルではありません (${what})。読み書きできるのは通常のファイルだけです。`
    expect(refusal(path.join(dir, 'folder'))).toBe(message('フォルダ', path.join(dir, 'folder')))
    expect(refusal(path.join(dir, 'folder-link'))).toBe(message('フォルダ', path.join(dir, 'folder-link')))
    expect(refusal(path.join(dir, 'pipe'))).toBe(message('名前付きパイプ (FIFO)', path.join(dir, 'pipe')))
    expect(refusal('/dev/null')).toBe(message('デバイス', '/dev/null'))
  })

  it('names a socket', async () => {
    const socket = path.join(tempDir(), 's.sock')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(socket, resolve))
    try {
      expect(refusal(socket)).toBe(`${socket} は通常のファイルではありません (ソケット)。読み書きできるのは通常のファイルだけです。`)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('XML_INVALID / PRIVATE_USE / codePoint', () => {
  const invalid = (text: string) => text.match(XML_INVALID) ?? []

  it('finds the control characters XML 1.0 forbids, and only those', () => {
    for (let c = 0; c < 0x20; c++) {
      const char = String.fromCharCode(c)
      expect(invalid(`a${char}b`), `U+${c.toString(16)}`).toEqual([0x09, 0x0a, 0x0d].includes(c) ? [] : [char])
    }
    expect(invalid('\uFFFE\uFFFF\uFFFD ~\u007F')).toEqual(['\uFFFE', '\uFFFF'])
  })

  it('finds lone surrogates but keeps pairs (𠮷, 𩸽)', () => {
    expect(invalid('𠮷野家の𩸽')).toEqual([])
    expect(invalid('a\uD842b')).toEqual(['\uD842'])
    expect(invalid('a\uDFB7b')).toEqual(['\uDFB7'])
    expect(invalid('\uDFB7\uD842')).toEqual(['\uDFB7', '\uD842'])
    expect(invalid('\uD842')).toEqual(['\uD842'])
  })

  it('tells private-use characters (CP932 外字) apart', () => {
    expect(['\uE000', '\uF8FF', '\uDFFF', '\uF900', '髙'].map((c) => PRIVATE_USE.test(c))).toEqual([true, true, false, false, false])
  })

  it('writes code points as U+ and at least four upper-case hex digits', () => {
    expect(['a', '\u0001', '\uE0A1', '𠮷'].map(codePoint)).toEqual(['U+0061', 'U+0001', 'U+E0A1', 'U+20BB7'])
  })
})
