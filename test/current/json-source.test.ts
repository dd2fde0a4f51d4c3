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
