import {describe, expect, it} from 'vitest'

import {JsonSyntaxError, parseJsonSource} from '../../src/io/json-source.js'

describe('parseJsonSource', () => {
  it('reads JSON like JSON.parse and tells the line of every value', () => {
    const text = '{\n  "a": [\n    {"b": 1.5e2, "c": "x\\n\\u3042"},\n    true,\n    null\n  ],\n  "d": -0\n}'
    const source = parseJsonSource(text)
    expect(source.data).toEqual(JSON.parse(text))
    expect(source.lineOf(['a', 0])).toBe(3)
    expect(source.lineOf(['a', 1])).toBe(4)
    expect(source.lineOf(['a', 0, 'c'])).toBe(3)
    expect(source.lineOf(['d'])).toBe(7)
    expect(source.lineOf(['a', 9, 'z'])).toBe(2)
    expect(source.lineOf([])).toBe(1)
  })

  it('refuses what JSON.parse refuses, and duplicate keys, with line and column', () => {
    for (const bad of ['{"a": 1,}', '[1,]', "{'a': 1}", '{a: 1}', '01', '"\t"', '{"a": 1} {}', '', '[', 'nul', '{"a" 1}'])
      expect(() => parseJsonSource(bad), bad).toThrow(JsonSyntaxError)
    try {
      parseJsonSource('{\n  "a": 1,\n  "a": 2\n}')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError)
      expect((error as JsonSyntaxError).message).toBe('キー「a」が重複しています')
      expect([(error as JsonSyntaxError).line, (error as JsonSyntaxError).column]).toEqual([3, 3])
    }
    expect(() => parseJsonSource('['.repeat(10_000))).toThrow('入れ子が深すぎます')
  })

  it('keeps __proto__ as an ordinary key', () => {
    const source = parseJsonSource('{"__proto__": {"x": 1}}')
    expect(Object.keys(source.data as object)).toEqual(['__proto__'])
  })
})

describe('parseJsonSource: what a person is told', () => {
  const failure = (text: string): [string, number, number] => {
    try {
      parseJsonSource(text)
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError)
      const e = error as JsonSyntaxError
      return [e.message, e.line, e.column]
    }
    throw new Error(`parsed: ${text}`)
  }

  it('names each mistake with its line and column', () => {
    expect(failure('{\n  "a": 1,\n}')).toEqual(['キーがありません: 予期しない文字「}」があります', 3, 1])
    expect(failure('{"a" 1}')).toEqual(['「:」がありません: 予期しない文字「1」があります', 1, 6])
    expect(failure('[1 2]')).toEqual(['「,」か「]」がありません: 予期しない文字「2」があります', 1, 4])
    expect(failure('{"a": 1')).toEqual(['「,」か「}」がありません: 途中で終わっています', 1, 8])
    expect(failure('[\n  nul]')).toEqual(['値がありません: 予期しない文字「n」があります', 2, 3])
    expect(failure('')).toEqual(['値がありません: 途中で終わっています', 1, 1])
    expect(failure('{"a": 1}\n x')).toEqual(['値のあとに余分な文字があります', 2, 2])
    expect(failure('["abc')).toEqual(['文字列が閉じていません', 1, 2])
    expect(failure('["a\\x"]')).toEqual(['文字列が正しくありません', 1, 2])
  })

  it('reads CRLF line ends, tabs, a BOM, escaped quotes and empty containers', () => {
    const source = parseJsonSource('\uFEFF{\r\n\t"a": "say \\"hi\\"",\r\n\t"b": {},\r\n\t"c": [],\r\n\t"d": [ ]\r\n}\r\n')
    expect(source.data).toEqual({a: 'say "hi"', b: {}, c: [], d: []})
    expect(source.lineOf(['c'])).toBe(4)
  })

  it('allows 512 levels of nesting, not 513, counting only the open ones', () => {
    expect(() => parseJsonSource('['.repeat(512) + ']'.repeat(512))).not.toThrow()
    expect(() => parseJsonSource('['.repeat(513) + ']'.repeat(513))).toThrow('入れ子が深すぎます')
    expect(() => parseJsonSource('{"a":'.repeat(513) + '1' + '}'.repeat(513))).toThrow('入れ子が深すぎます')
    expect(() => parseJsonSource('{"a":'.repeat(512) + '1' + '}'.repeat(512))).not.toThrow()
    // Many siblings are not depth.
    expect(parseJsonSource(`[${'[],{},'.repeat(600)}[]]`).data).toHaveLength(1201)
  })

  it('gives plain objects, as JSON.parse does: keys can be changed and deleted', () => {
    const data = parseJsonSource('{"a": 1, "b": 2}').data as Record<string, unknown>
    data.a = 5
    delete data.b
    expect(data).toEqual({a: 5})
    expect(JSON.stringify(data)).toBe('{"a":5}')
  })

  it('stops at a scalar when the path goes further', () => {
    const source = parseJsonSource('{\n  "a": 1,\n  "b": "x"\n}')
    expect(source.lineOf(['b', 'c', 0])).toBe(3)
    expect(source.lineOf(['a', 0])).toBe(2)
  })
})
