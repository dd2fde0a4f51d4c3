import {describe, expect, it} from 'vitest'

import {fitWidth, formulaString, safeText, unescapeLegacyText} from '../../src/report/cells.js'

/** Every character that makes Excel or LibreOffice read a cell as a formula (OWASP formula injection). */
const FORMULA_LEADERS = ['=', '+', '-', '@', '\t', '\r']

describe('safeText / unescapeLegacyText', () => {
  it.each(FORMULA_LEADERS)('escapes text starting with %j and reads it back unchanged', (leader) => {
    const value = `${leader}HYPERLINK("http://evil.example","x")`
    expect(safeText(value)).toBe(`'${value}`)
    expect(unescapeLegacyText(safeText(value))).toBe(value)
  })

  it('leaves other text alone, also with a formula character later in the text', () => {
    for (const value of ['氏名', 'a=b', '1+1', ' =x', '', "'引用", '\n=x'])
      expect([safeText(value), unescapeLegacyText(safeText(value))]).toEqual([value, value])
    expect(safeText(undefined)).toBe('')
  })

  it('only strips an apostrophe that protects a formula character', () => {
    expect(unescapeLegacyText("'=120桁")).toBe('=120桁')
    expect(unescapeLegacyText("'-1")).toBe('-1')
    expect(unescapeLegacyText("'普通の文")).toBe("'普通の文")
    expect(unescapeLegacyText("'")).toBe("'")
    expect(unescapeLegacyText('=x')).toBe('=x')
  })
})

describe('formulaString', () => {
  it('quotes a string literal and doubles the quotes inside', () => {
    expect(formulaString('#\'機能一覧\'!A1')).toBe('"#\'機能一覧\'!A1"')
    expect(formulaString('a"b""c')).toBe('"a""b""""c"')
    expect(formulaString('')).toBe('""')
  })
})

describe('fitWidth', () => {
  it('fits the widest sample line, counting full-width characters double, within min and max', () => {
    expect(fitWidth('ID', [])).toBe(6)
    expect(fitWidth('ID', ['abcdefgh'])).toBe(10)
    expect(fitWidth('備考', ['住所'])).toBe(6)
    expect(fitWidth('備考', ['住民基本台帳'])).toBe(14)
    expect(fitWidth('x', ['短い\n住民基本台帳の記載事項'])).toBe(24)
    expect(fitWidth('x', ['a'.repeat(100)])).toBe(60)
    expect(fitWidth('x', ['a'.repeat(100)], 6, 30)).toBe(30)
    expect(fitWidth('x', ['a'], 10)).toBe(10)
    expect(fitWidth('a'.repeat(20), ['b'])).toBe(22)
  })

  it('looks at the first 500 samples only', () => {
    const samples = [...Array.from({length: 500}, () => 'ab'), 'a'.repeat(40)]
    expect(fitWidth('x', samples)).toBe(6)
    expect(fitWidth('x', ['ab', 'a'.repeat(40)])).toBe(42)
  })
})
