import {describe, expect, it} from 'vitest'

import {fitgap} from '../helpers/cli.js'

describe('usage errors are Japanese and exit 2', () => {
  it.each([
    [['specs', 'show', 'jumin', '--bogus'], '不明なオプションです: --bogus'],
    [['specs', 'show'], '必要な引数 AREA がありません'],
    [['init', '/tmp/x', '--area'], '--area には値が必要です'],
    [['current', 'import', 'x.csv'], '必須のオプション --area がありません'],
    [['map', 'suggest', 'jumin', '--top', 'abc'], '--top には整数を指定してください'],
    [['current', 'import', 'a.csv', '--area', 'jumin', '--kind', 'bad'], '--kind に「bad」は使えません'],
  ])('fitgap %j', async (args, message) => {
    const result = await fitgap(args)
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain(message)
  })

  it('suggests the closest command for a typo', async () => {
    const result = await fitgap(['anlyze'])
    expect(result.stderr).toContain('コマンド「fitgap anlyze」はありません。近いコマンド: fitgap analyze')
    expect(result.exitCode).toBe(2)
  })
})
