import {describe, expect, it} from 'vitest'

import {CsvSplitter, CsvSyntaxError} from '../../src/data/csv-split.js'

function split(chunks: string[], delimiter = ','): [string[], number][] {
  const rows: [string[], number][] = []
  const s = new CsvSplitter(delimiter.charCodeAt(0), (cells, line) => rows.push([cells, line]))
  for (const chunk of chunks) s.write(chunk)
  s.end()
  return rows
}

describe('CsvSplitter', () => {
  it('splits plain, quoted and empty fields with CRLF, LF and CR line ends', () => {
    expect(split(['a,b,c\r\n1,"x,y",\n"",2,"say ""hi"""\r3,,'])).toEqual([
      [['a', 'b', 'c'], 1],
      [['1', 'x,y', ''], 2],
      [['', '2', 'say "hi"'], 3],
      [['3', '', ''], 4],
    ])
  })

  it('gives the same rows whatever the chunk boundaries, and counts lines inside quotes', () => {
    const text = 'h1,h2\r\n"multi\r\nline",v\r\n\r\nlast,"q""q"\r\n'
    const whole = split([text])
    expect(whole).toEqual([
      [['h1', 'h2'], 1],
      [['multi\r\nline', 'v'], 2],
      [['last', 'q"q'], 5],
    ])
    for (let cut = 1; cut < text.length; cut++) expect(split([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole)
  })

  it('splits on tabs', () => {
    expect(split(['a\tb\n1\t"2"\n'], '\t').map(([cells]) => cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })

  it('fails with the line on an unclosed quote or text after a closing quote', () => {
    expect(() => split(['a,b\n1,"open\n'])).toThrow(CsvSyntaxError)
    try {
      split(['a\n"x"y\n'])
    } catch (error) {
      expect(error).toMatchObject({line: 2})
    }
  })
})
