import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'
import {z} from 'zod'

import {InputError} from '../../src/errors.js'
import {formatIssuePath, loadSettingsYaml, parseAndValidateYaml, parseSettingsYaml, parseYamlSource, validateYaml} from '../../src/io/yaml-source.js'
import {tempDir} from '../helpers/cli.js'

const schema = z.strictObject({at: z.string(), items: z.array(z.strictObject({id: z.string(), n: z.number()}))})

describe('parseAndValidateYaml', () => {
  it('keeps unquoted dates as text on the fast path', () => {
    expect(parseAndValidateYaml("at: 2026-10-15\nitems:\n  - {id: '001', n: 1}\n", 'x.yaml', schema)).toEqual({
      value: {at: '2026-10-15', items: [{id: '001', n: 1}]},
      problems: [],
    })
  })

  it('gives schema problems with their line', () => {
    const result = parseAndValidateYaml("at: '2026-10-15'\nitems:\n  - {id: '001', n: one}\n", 'x.yaml', schema)
    expect(result.problems).toEqual([expect.stringMatching(/^x\.yaml:3 items\[0\]\.n: /)])
  })

  it('reads anchors and aliases through the bounded parser', () => {
    const result = parseAndValidateYaml("at: &d '2026'\nitems:\n  - {id: *d, n: 2}\n", 'x.yaml', schema)
    expect(result.value).toEqual({at: '2026', items: [{id: '2026', n: 2}]})
  })

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({length: 9}, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n')
    expect(() => parseAndValidateYaml(bomb, 'bomb.yaml', schema)).toThrow(/bomb\.yaml/)
  })

  it('reports duplicate keys with a line', () => {
    expect(() => parseAndValidateYaml("at: '1'\nat: '2'\nitems: []\n", 'dup.yaml', schema)).toThrow(/dup\.yaml:2/)
  })
})

describe('parseYamlSource', () => {
  it('names the file and line of each syntax problem, on one line each', () => {
    const problems = (text: string) => {
      try {
        parseYamlSource(text, 'in/profile.yaml')
      } catch (error) {
        expect(error).toBeInstanceOf(InputError)
        expect((error as Error).message.split('\n')[0]).toBe('in/profile.yaml を読めません。')
        return (error as InputError).problems
      }
      return []
    }
    expect(problems("a: 1\nb: 2\na: 3\n")).toEqual(['in/profile.yaml:3 YAMLの書き方に誤りがあります: Map keys must be unique'])
    expect(problems('a: [1, 2\nb: 3\n')).toEqual([expect.stringMatching(/^in\/profile\.yaml:\d YAMLの書き方に誤りがあります: [^\n]+$/)])
  })

  it('refuses alias expansion past the bound, naming the file', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({length: 9}, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n')
    try {
      parseYamlSource(bomb, 'bomb.yaml')
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message.split('\n')[0]).toBe('bomb.yaml を読めません。')
      // The parser's own first line follows, whole.
      expect((error as InputError).problems).toEqual([expect.stringMatching(/^bomb\.yaml: エイリアス \(\*\) の展開が多すぎます: \S.{8,}$/)])
    }
  })

  it('tells the line of any value path, or of the deepest value that exists', () => {
    const source = parseYamlSource('# comment\narea: jumin\nitems:\n  - id: a\n    n: 1\n  - id: b\n    n: 2\n"7":\n  x: y\n', 'x.yaml')
    expect(source.displayPath).toBe('x.yaml')
    expect(source.data).toEqual({area: 'jumin', items: [{id: 'a', n: 1}, {id: 'b', n: 2}], 7: {x: 'y'}})
    expect(source.lineOf([])).toBe(2)
    expect(source.lineOf(['area'])).toBe(2)
    expect(source.lineOf(['items'])).toBe(4)
    expect(source.lineOf(['items', 1])).toBe(6)
    expect(source.lineOf(['items', 1, 'n'])).toBe(7)
    expect(source.lineOf(['items', 5, 'n'])).toBe(4)
    expect(source.lineOf(['items', 1, 'n', 'deeper'])).toBe(7)
    expect(source.lineOf(['missing'])).toBe(2)
    expect(source.lineOf([7, 'x'])).toBe(9)
    expect(parseYamlSource('', 'empty.yaml').lineOf(['a'])).toBe(1)
  })
})

describe('formatIssuePath / validateYaml', () => {
  it('writes value paths as people read them', () => {
    expect(formatIssuePath([])).toBe('(全体)')
    expect(formatIssuePath(['items', 0, 'n'])).toBe('items[0].n')
    expect(formatIssuePath([2, 'id'])).toBe('[2].id')
  })

  it('says in Japanese that a value is missing or a key unknown; other problems keep zod’s words', () => {
    const source = parseYamlSource("at: '1'\nitems:\n  - id: a\n    n: 1\n    extra: 1\n    more: 2\n  - n: 2\n", 'x.yaml')
    expect(validateYaml(source, schema).problems).toEqual(['x.yaml:3 items[0]: 使えないキーがあります: extra, more', 'x.yaml:7 items[1].id: 必要な項目がありません'])
    const wrongType = validateYaml(parseYamlSource("at: 1\nitems: []\n", 'x.yaml'), schema).problems
    expect(wrongType).toEqual([expect.stringMatching(/^x\.yaml:1 at: \S/)])
    expect(wrongType[0]).not.toContain('必要な項目がありません')
    expect(validateYaml(parseYamlSource('3\n', 'x.yaml'), schema).problems).toEqual([expect.stringMatching(/^x\.yaml:1 \(全体\): /)])
  })

  it('returns the value and no problem when the data fits, on either parser', () => {
    expect(validateYaml(parseYamlSource("at: '1'\nitems: []\n", 'x.yaml'), schema)).toEqual({value: {at: '1', items: []}, problems: []})
    expect(parseAndValidateYaml("at: &a '1'\nitems: [{id: *a, n: 1}]\n", 'x.yaml', schema)).toEqual({value: {at: '1', items: [{id: '1', n: 1}]}, problems: []})
  })
})

describe('parseSettingsYaml / loadSettingsYaml', () => {
  const settings = z.strictObject({name: z.string()})

  it('returns the settings, or refuses naming what they are, the file and each problem', () => {
    expect(parseSettingsYaml('name: 住民\n', 'p.yaml', settings, '取込プロファイル')).toEqual({name: '住民'})
    try {
      parseSettingsYaml('name: 1\n', 'p.yaml', settings, '取込プロファイル')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).message.split('\n')[0]).toBe('取込プロファイル p.yaml に誤りがあります。')
      expect((error as InputError).problems).toEqual([expect.stringMatching(/^p\.yaml:1 name: /)])
    }
  })

  it('reads a file, and says whether a file it cannot read is missing', () => {
    const dir = tempDir()
    const file = path.join(dir, 'p.yaml')
    writeFileSync(file, 'name: 住民\n')
    expect(loadSettingsYaml(file, settings, '取込プロファイル')).toEqual({name: '住民'})
    expect(() => loadSettingsYaml(path.join(dir, 'none.yaml'), settings, '取込プロファイル')).toThrow(
      new InputError(`取込プロファイル ${path.join(dir, 'none.yaml')} を読めません (ファイルがありません)。`),
    )
    expect(() => loadSettingsYaml(dir, settings, '取込プロファイル')).toThrow(new InputError(`取込プロファイル ${dir} を読めません。`))
  })
})
