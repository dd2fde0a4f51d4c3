import {describe, expect, it} from 'vitest'

import {cellValueText, readSafely} from '../../src/io/cell-text.js'
import {normalizeHeader} from '../../src/io/header-text.js'

describe('cellValueText (shared by current import and spec import)', () => {
  it('reads every exceljs value kind without throwing', () => {
    expect(cellValueText(null)).toBe('')
    expect(cellValueText('氏名')).toBe('氏名')
    expect(cellValueText(40)).toBe('40')
    expect(cellValueText(0.1 + 0.2)).toBe('0.3')
    expect(cellValueText(Number.POSITIVE_INFINITY)).toBe('')
    expect(cellValueText(true)).toBe('TRUE')
    expect(cellValueText(new Date(Date.UTC(2024, 3, 1)))).toBe('2024-04-01')
    expect(cellValueText(new Date(Date.UTC(2024, 3, 1, 9, 30, 5)))).toBe('2024-04-01 09:30:05')
    expect(cellValueText({richText: [{text: '項目'}, {text: '名'}]})).toBe('項目名')
    expect(cellValueText({formula: 'A1&B1', result: 'AB'})).toBe('AB')
    expect(cellValueText({sharedFormula: 'A1', result: 7})).toBe('7')
    expect(cellValueText({formula: '1/0', result: {error: '#DIV/0!'}})).toBe('')
    expect(cellValueText({error: '#N/A'})).toBe('')
    expect(cellValueText({text: '仕様書', hyperlink: 'https://example.jp'})).toBe('仕様書')
    expect(cellValueText({text: {richText: [{text: 'リンク'}]}, hyperlink: 'https://example.jp'})).toBe('リンク')
    expect(cellValueText({richText: [null, {text: 'x'}]})).toBe('x')
  })

  it('tells about a formula without a cached result', () => {
    let told = 0
    expect(cellValueText({formula: 'A1'}, () => told++)).toBe('')
    expect(cellValueText({formula: 'A1', result: 1}, () => told++)).toBe('1')
    expect(told).toBe(1)
  })

  it('tells about a shared formula without a result too, and needs no listener', () => {
    let told = 0
    expect(cellValueText({sharedFormula: 'A1'}, () => told++)).toBe('')
    expect(told).toBe(1)
    expect(cellValueText({formula: 'A1'})).toBe('')
    expect(cellValueText({formula: 'A1', result: null})).toBe('')
  })

  it('gives empty text for what is not a cell value: an invalid date, a bigint, a function, an unknown object', () => {
    expect(cellValueText(false)).toBe('FALSE')
    expect(cellValueText(undefined)).toBe('')
    expect(cellValueText(new Date(Number.NaN))).toBe('')
    expect(cellValueText(BigInt(7))).toBe('')
    expect(cellValueText(() => 'x')).toBe('')
    expect(cellValueText({result: 'only a result'})).toBe('')
    expect(cellValueText({})).toBe('')
  })

  it('reads up to four levels of nesting, whatever the kinds, and no further', () => {
    const nest = (levels: number, wrap: (inner: unknown) => unknown) => {
      let value: unknown = 'x'
      for (let i = 0; i < levels; i++) value = wrap(value)
      return value
    }
    for (const wrap of [(v: unknown) => ({text: v}), (v: unknown) => ({richText: [{text: v}]}), (v: unknown) => ({formula: 'A1', result: v})]) {
      expect(cellValueText(nest(4, wrap))).toBe('x')
      expect(cellValueText(nest(5, wrap))).toBe('')
    }
  })

  it('readSafely gives the fallback when a property throws', () => {
    expect(
      readSafely(() => {
        throw new Error('merged')
      }, 'x'),
    ).toBe('x')
  })
})

describe('normalizeHeader (shared by current import and spec import)', () => {
  it('folds width and drops decoration, brackets and trailing note marks', () => {
    expect(normalizeHeader('【項目名】')).toBe('項目名')
    expect(normalizeHeader('備考※1')).toBe('備考')
    expect(normalizeHeader('機能ＩＤ\n（７桁）')).toBe('機能id(7桁)')
    expect(normalizeHeader('機能・帳票要件')).toBe('機能帳票要件')
    expect(normalizeHeader('ｺｰﾄﾞ表※')).toBe('コード表')
  })

  it('drops a note number only at the end: 注※1の項目 keeps its 1, 備考※12 loses both digits', () => {
    expect(normalizeHeader('注※1の項目')).toBe('注1の項目')
    expect(normalizeHeader('備考※12')).toBe('備考')
    expect(normalizeHeader('区分*3')).toBe('区分')
  })
})
