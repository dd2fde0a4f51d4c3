import {describe, expect, it} from 'vitest'

import {fitColumnWidths, layoutColumns, maxPrintedWidth, wrappedLines} from '../../src/report/print-layout.js'
import {pageBoxHeights, pageSheets, perSheet} from '../../scripts/check-print.js'

describe('print layout', () => {
  it('narrows the widest columns to one cap, never below their floors, and keeps fixed columns', () => {
    expect(fitColumnWidths([10, 50, 40, 8], [10, 30, 10, Infinity], 100)).toEqual([10, 42, 40, 8])
    expect(fitColumnWidths([10, 50, 40, 8], [10, 30, 10, Infinity], 80)).toEqual([10, 31, 31, 8])
    expect(fitColumnWidths([10, 50, 40, 8], [10, 30, 10, Infinity], 40)).toBeUndefined()
  })

  it('prefers A4 landscape and falls back to A3 when the floors do not fit A4', () => {
    const narrow = layoutColumns([10, 60, 40, 40], [10, 30, 10, 10])
    expect(narrow.paper).toBe('a4')
    expect(narrow.widths.reduce((a, b) => a + b)).toBeLessThanOrEqual(maxPrintedWidth('a4', 'landscape', 4))
    const wide = layoutColumns(Array.from({length: 20}, () => 40), Array.from({length: 20}, () => 10))
    expect(wide.paper).toBe('a3')
    expect(wide.widths.reduce((a, b) => a + b)).toBeLessThanOrEqual(maxPrintedWidth('a3', 'landscape', 20))
  })

  it('counts wrapped lines by display width', () => {
    expect(wrappedLines('あいうえお', 12)).toBe(1)
    expect(wrappedLines('あいうえおかきくけこ', 12)).toBe(2)
    expect(wrappedLines('a\nb', 12)).toBe(2)
  })
})

describe('check:print parsing', () => {
  const xml = `<page number="1" position="absolute" top="0" left="0" height="595" width="841">
<fontspec id="0" size="8" family="X" color="#000000"/>
<fontspec id="1" size="7" family="X" color="#000000"/>
<text top="18" left="29" width="20" height="7" font="0">帳票</text><text top="18" left="49" width="20" height="7" font="0">項目差分</text>
<text top="40" left="29" width="20" height="7" font="1">本文</text>
</page>
<page number="2" position="absolute" top="0" left="0" height="595" width="841">
<fontspec id="2" size="9" family="X" color="#000000"/>
<text top="18" left="29" width="20" height="7" font="2">帳票</text>
<text top="40" left="29" width="20" height="7" font="2">本文</text>
</page>`
  const bbox = `<page width="841" height="595"><word xMin="1" yMin="10.0" xMax="5" yMax="19.5">a</word><word xMin="1" yMin="30" xMax="5" yMax="38">b</word></page>
<page width="841" height="595"><word xMin="1" yMin="10" xMax="5" yMax="22">c</word></page>`

  it('names each page after the sheet in its header (the longest name that matches) and finds the smallest text', () => {
    const pages = pageSheets(xml, ['帳票', '帳票項目差分'])
    expect(pages).toEqual([
      {sheet: '帳票項目差分', fontPt: 7},
      {sheet: '帳票', fontPt: 9},
    ])
    expect(pageBoxHeights(bbox)).toEqual([8, 12])
    expect(perSheet(['帳票', '帳票項目差分', '凡例'], pages, pageBoxHeights(bbox))).toEqual([
      {sheet: '帳票', pages: 1, smallestFontPt: 9, smallestBoxPt: 12},
      {sheet: '帳票項目差分', pages: 1, smallestFontPt: 7, smallestBoxPt: 8},
      {sheet: '凡例', pages: 0, smallestFontPt: undefined, smallestBoxPt: undefined},
    ])
  })
})
