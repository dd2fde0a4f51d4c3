/**
 * The CSV / TSV reader called directly (the import command runs it on files): encoding and delimiter choice,
 * the streaming scan and decoder at chunk boundaries, and what readDelimited makes of a file or refuses.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import {createHash} from 'node:crypto'

import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'

import {InputError} from '../../src/errors.js'
import {loadAliases} from '../../src/current/aliases.js'
import {chooseDelimiter, chooseEncoding, DecodeStream, readDelimited, scan, type Scan} from '../../src/current/read-csv.js'
import type {ReaderOptions} from '../../src/current/reader.js'
import type {RecordSink} from '../../src/current/records.js'
import type {CurrentField} from '../../src/model/current.js'
import {tempDir} from '../helpers/cli.js'

const scanOf = (head: string | Buffer, utf8Valid = true, nonAscii = false): Scan => ({sha256: '', size: 1, head: Buffer.from(head), utf8Valid, nonAscii})
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])
const enc = (encoding: ReaderOptions['encoding'], profileEncoding?: 'utf-8' | 'cp932') => ({
  encoding,
  display: 'x.csv',
  ...(profileEncoding ? {profile: {encoding: profileEncoding} as ReaderOptions['profile']} : {}),
})

describe('chooseEncoding', () => {
  it('follows a UTF-16 BOM whatever was asked', () => {
    for (const asked of ['auto', 'utf-8', 'cp932'] as const) {
      expect(chooseEncoding(enc(asked), scanOf(Buffer.from([0xff, 0xfe, 0x41, 0x00])))).toBe('utf-16le')
      expect(chooseEncoding(enc(asked), scanOf(Buffer.from([0xfe, 0xff, 0x00, 0x41])))).toBe('utf-16be')
    }
  })

  it('takes --encoding, else the profile, else the BOM, else UTF-8 when valid, else CP932', () => {
    expect(chooseEncoding(enc('auto'), scanOf('abc'))).toBe('utf-8')
    expect(chooseEncoding(enc('auto'), scanOf('abc', false, true))).toBe('cp932')
    expect(chooseEncoding(enc('auto'), scanOf(Buffer.concat([UTF8_BOM, Buffer.from('a')])))).toBe('utf-8-bom')
    expect(chooseEncoding(enc('utf-8'), scanOf('abc', false, true))).toBe('utf-8')
    expect(chooseEncoding(enc('utf-8'), scanOf(Buffer.concat([UTF8_BOM, Buffer.from('a')])))).toBe('utf-8-bom')
    expect(chooseEncoding(enc('auto', 'cp932'), scanOf('abc', true, false))).toBe('cp932')
    expect(chooseEncoding(enc('auto', 'utf-8'), scanOf('abc', false, true))).toBe('utf-8')
    // --encoding wins over the profile.
    expect(chooseEncoding(enc('utf-8', 'cp932'), scanOf('abc', true, true))).toBe('utf-8')
  })

  it('reads an ASCII-only file as CP932 when asked, and refuses CP932 for a file written in UTF-8', () => {
    expect(chooseEncoding(enc('cp932'), scanOf('abc', true, false))).toBe('cp932')
    expect(chooseEncoding(enc('cp932'), scanOf('abc', false, true))).toBe('cp932')
    const message =
      'x.csv: --encoding cp932 が指定されましたが、このファイルは UTF-8 で書かれています。CP932 として読むと文字化けします。--encoding utf-8 か --encoding auto で取り込んでください。'
    expect(() => chooseEncoding(enc('cp932'), scanOf('漢字', true, true))).toThrow(new InputError(message))
    expect(() => chooseEncoding(enc('cp932'), scanOf(Buffer.concat([UTF8_BOM, Buffer.from('a')]), true, false))).toThrow(InputError)
    expect(() => chooseEncoding(enc('auto', 'cp932'), scanOf('漢字', true, true))).toThrow(InputError)
  })
})

describe('chooseDelimiter', () => {
  const at = (file: string, delimiter?: 'tab' | 'comma' | 'semicolon') => ({path: file, ...(delimiter ? {profile: {delimiter} as ReaderOptions['profile']} : {})})

  it('takes the profile, else the extension, else whichever of tab and comma is more frequent', () => {
    expect(chooseDelimiter(at('a.csv', 'tab'), 'a,b,c')).toEqual({delimiter: '\t', format: 'tsv'})
    expect(chooseDelimiter(at('a.tsv', 'comma'), 'a\tb\tc')).toEqual({delimiter: ',', format: 'csv'})
    expect(chooseDelimiter(at('a.tsv', 'semicolon'), 'a\tb')).toEqual({delimiter: ';', format: 'csv'})
    expect(chooseDelimiter(at('a.TSV'), 'a,b,c')).toEqual({delimiter: '\t', format: 'tsv'})
    expect(chooseDelimiter(at('a.tab'), 'a,b,c')).toEqual({delimiter: '\t', format: 'tsv'})
    expect(chooseDelimiter(at('a.txt'), 'a\tb\tc\nd,e')).toEqual({delimiter: '\t', format: 'tsv'})
    expect(chooseDelimiter(at('a.txt'), 'a\tb,c')).toEqual({delimiter: ',', format: 'csv'})
    expect(chooseDelimiter(at('a.csv'), 'a,b\r\nc,d')).toEqual({delimiter: ',', format: 'csv'})
  })

  it('counts only the first 20 non-blank lines', () => {
    const head = [...Array.from({length: 20}, () => 'a,b'), ...Array.from({length: 30}, () => 'a\tb\tc\td')].join('\n')
    expect(chooseDelimiter(at('a.txt'), head).format).toBe('csv')
    const blanks = [...Array.from({length: 25}, () => '   '), 'a\tb\tc', 'a,b'].join('\n')
    expect(chooseDelimiter(at('a.txt'), blanks).format).toBe('tsv')
  })
})

describe('scan', () => {
  it('hashes and sizes the whole file, keeps its first 64 KiB, and tells progress', async () => {
    const file = path.join(tempDir('fitgap-scan-'), 'big.csv')
    // 2.5 MB of UTF-8 whose multi-byte characters straddle the 1 MiB chunk boundaries.
    const bytes = Buffer.from('あ,い\n'.repeat(320_000))
    writeFileSync(file, bytes)
    const progress: number[] = []
    const s = await scan(file, (done) => progress.push(done))
    expect(s.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(s.size).toBe(bytes.length)
    expect(s.head).toEqual(bytes.subarray(0, 65536))
    expect([s.utf8Valid, s.nonAscii]).toEqual([true, true])
    expect(progress).toEqual([1 << 20, 2 << 20, bytes.length])
    const small = path.join(path.dirname(file), 'small.csv')
    writeFileSync(small, 'a,b\n')
    expect(await scan(small)).toMatchObject({size: 4, head: Buffer.from('a,b\n'), utf8Valid: true, nonAscii: false})
    writeFileSync(small, iconv.encode('漢字', 'cp932'))
    expect(await scan(small)).toMatchObject({utf8Valid: false, nonAscii: true})
  })
})

describe('DecodeStream', () => {
  const decode = async (chunks: Buffer[], encoding: 'utf-8' | 'cp932' = 'utf-8') => {
    let text = ''
    await pipeline(
      Readable.from(chunks),
      new DecodeStream(encoding, (line) => new InputError(`bad at ${line}`)),
      async (source: AsyncIterable<string>) => {
        for await (const part of source) text += part
      },
    )
    return text
  }

  it('decodes characters split across chunks', async () => {
    const bytes = Buffer.from('あいう\nえお')
    expect(await decode([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)])).toBe('あいう\nえお')
    const sjis = iconv.encode('漢字\nかな', 'cp932')
    expect(await decode([sjis.subarray(0, 1), sjis.subarray(1)], 'cp932')).toBe('漢字\nかな')
  })

  it('names the line of the first unreadable byte, counting lines across chunks', async () => {
    await expect(decode([Buffer.from('a\nb\n'), Buffer.from('c\nd\xff'.split('').map((c) => c.charCodeAt(0)))])).rejects.toThrow('bad at 4')
    await expect(decode([Buffer.from([0x61, 0x0a, 0xff, 0x0a, 0xff])])).rejects.toThrow('bad at 2')
    // An incomplete character at the very end is found when the stream ends.
    await expect(decode([Buffer.from('a\nb\n'), Buffer.from([0xe3, 0x81])])).rejects.toThrow('bad at 3')
  })
})

describe('readDelimited', () => {
  const FIELDS = 'テーブル物理名,カラム名,論理名,データ型,桁数,NOT NULL\n'

  async function read(content: string | Buffer, options: Partial<ReaderOptions> & {name?: string} = {}) {
    const file = path.join(tempDir('fitgap-read-csv-'), options.name ?? 'jumin.csv')
    writeFileSync(file, content)
    const fields: CurrentField[] = []
    const sink: RecordSink = {field: (r) => fields.push(r), form: () => {}, function: () => {}}
    const result = await readDelimited({path: file, display: 'exports/jumin.csv', fileKey: 'jumin.csv', encoding: 'auto', aliases: loadAliases(), area: 'jumin', ...options}, sink)
    return {result, fields}
  }
  const refusal = (content: string | Buffer, options: Partial<ReaderOptions> & {name?: string} = {}) =>
    read(content, options).then(
      () => {
        throw new Error('not refused')
      },
      (error: unknown) => {
        if (!(error instanceof InputError)) throw error
        return error
      },
    )

  it('reads a CP932 definition below a title block, with its table, lines and notes', async () => {
    const text = `住民記録 項目定義書\n出力日,2024/04/01\n\n${FIELDS}JUMIN,SHIMEI,氏名,VARCHAR2(40),,Y\n"JUMIN",SEINENGAPPI,生年月日,日付,8,\n`
    const {result, fields} = await read(iconv.encode(text, 'cp932'))
    expect(result).toMatchObject({format: 'csv', encoding: 'cp932', counts: {fields: 2}, warnings: []})
    expect(result.sha256).toBe(createHash('sha256').update(iconv.encode(text, 'cp932')).digest('hex'))
    expect(result.notes).toEqual(['項目定義 (見出し 4行目)'])
    expect(fields.map((f) => [f.table, f.column, f.label, f.type, f.length, f.required, f.source?.row])).toEqual([
      ['JUMIN', 'SHIMEI', '氏名', 'text', 40, true, 5],
      ['JUMIN', 'SEINENGAPPI', '生年月日', 'date', 8, false, 6],
    ])
  })

  it('reads TSV, UTF-16 and UTF-8 with BOM, reporting progress up to the whole size', async () => {
    const tsv = FIELDS.replaceAll(',', '\t') + 'T\tA\tあ\t\t\t\n'
    expect((await read(tsv, {name: 'jumin.tsv'})).result).toMatchObject({format: 'tsv', encoding: 'utf-8', counts: {fields: 1}})
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIELDS + 'T,A,あ,,,\n', 'utf16le')])
    expect((await read(utf16)).fields.map((f) => f.label)).toEqual(['あ'])
    const bom = Buffer.concat([UTF8_BOM, Buffer.from(FIELDS + 'T,A,あ,,,\n')])
    const progress: [number, number][] = []
    const {result} = await read(bom, {onBytes: (done, total) => progress.push([done, total])})
    expect(result.encoding).toBe('utf-8-bom')
    expect(progress.at(-1)).toEqual([bom.length, bom.length])
    expect(progress[0]).toEqual([bom.length / 2, bom.length])
  })

  it('names the table after the file when nothing else does, and after the profile when it says', async () => {
    const plain = `カラム名,論理名\nA,あ\n`
    expect((await read(plain, {name: '住記 項目.csv'})).fields[0]!.table).toBe('住記 項目')
    expect((await read(plain, {profile: {table: 'PROFILE_T'} as ReaderOptions['profile']})).fields[0]!.table).toBe('PROFILE_T')
  })

  it('finds the header in the row the profile names only', async () => {
    const text = `カラム名,論理名\nA,あ\nカラム名,論理名\nB,い\n`
    const {fields, result} = await read(text, {profile: {headerRow: 3} as ReaderOptions['profile']})
    expect(fields.map((f) => f.column)).toEqual(['B'])
    expect(result.notes[0]).toBe('項目定義 (見出し 3行目)')
  })

  it('refuses an empty file, a binary file, and one with only blank lines', async () => {
    expect((await refusal('')).message).toBe('exports/jumin.csv: ファイルが空です (0 バイト)。')
    expect((await refusal(Buffer.from('PK\x03\x04rest', 'latin1'))).message).toMatch(/^exports\/jumin\.csv: CSV \(テキスト\) ではありません。中身は .+ のようです。$/)
    expect((await refusal('\n , \n\n')).message).toBe('exports/jumin.csv: ファイルが空です (データがありません)。')
  })

  it('refuses a file without a header, with a duplicated header, or with no row below the header', async () => {
    const none = await refusal('a,b\n1,2\n')
    expect(none.message.split('\n')[0]).toBe(
      'exports/jumin.csv: 見出し行が見つかりません。見出しの別名はワークスペースの mappings/header-aliases.yaml に、業者独自の形式は --profile で指定できます (docs/current-import.md)。',
    )
    expect(none.problems.length).toBeGreaterThan(0)
    const twice = await refusal('カラム名,論理名,論理名\nA,あ,い\n')
    expect(twice.message.split('\n')[0]).toBe('exports/jumin.csv: 見出しに同じ名前の列があります。')
    expect((await refusal('\n\nカラム名,論理名\n')).message).toBe('exports/jumin.csv: 見出し行 (3行目) の下に項目定義の行がありません。')
  })

  it('refuses rows whose width differs from the header, but not blank rows or empty cells past the end', async () => {
    const ok = await read('カラム名,論理名\nA,あ,,\n,,,,\nB,い\n')
    expect(ok.fields.map((f) => f.column)).toEqual(['A', 'B'])
    const bad = await refusal('カラム名,論理名\nA\nB,い,余分\n')
    expect(bad.message.split('\n')[0]).toBe('exports/jumin.csv に誤りがあります (2 件)。ファイルは取り込んでいません。')
    expect(bad.problems).toEqual([
      'exports/jumin.csv 2行目: 列の数が見出しと違います (見出し 2 列、この行 1 列)。区切り文字や引用符 (") の閉じ忘れを確かめてください。',
      'exports/jumin.csv 3行目: 列の数が見出しと違います (見出し 2 列、この行 3 列)。区切り文字や引用符 (") の閉じ忘れを確かめてください。',
    ])
  })

  it('counts lines, not records, in messages when values hold line breaks, and stops at 20 problems', async () => {
    const bad = await refusal('カラム名,論理名,説明\nA,あ,"1行目\n2行目"\nB\n')
    expect(bad.problems).toEqual(['exports/jumin.csv 4行目: 列の数が見出しと違います (見出し 3 列、この行 1 列)。区切り文字や引用符 (") の閉じ忘れを確かめてください。'])
    const many = await refusal(`カラム名,論理名\n${'X\n'.repeat(50)}`)
    expect(many.message.split('\n')[0]).toBe('exports/jumin.csv に誤りがあります (20 件)。ファイルは取り込んでいません。')
    expect(many.problems).toHaveLength(20)
  })

  it('explains CSV syntax errors in Japanese with the line', async () => {
    expect((await refusal('カラム名,論理名\nA,あ\nB,"い\n')).message).toBe('exports/jumin.csv 3行目付近: CSV として読めません: 引用符 (") が閉じられていません。')
    // relax_quotes: a quote followed by more text is part of the value (an inch mark), never an error.
    expect((await read('カラム名,論理名\nA,"あ"x\n')).fields[0]!.label).toBe('"あ"x')
    const long = await refusal(`カラム名,論理名\nA,あ\nB,"${'x'.repeat((1 << 20) + 10)}"\n`)
    expect(long.message).toBe('exports/jumin.csv 3行目付近: CSV として読めません: 1行が長すぎます (1 MB 超)。引用符の閉じ忘れかもしれません。')
  })

  it('says which encoding could not read which line, and where UTF-8 turns into CP932', async () => {
    const cp932Line = iconv.encode('B,漢字\n', 'cp932')
    const mixed = Buffer.concat([Buffer.from('カラム名,論理名\nA,あ\n'), cp932Line])
    expect((await refusal(mixed)).message).toBe(
      'exports/jumin.csv 3行目: この行から文字コードが変わっています (前の行は UTF-8、この行は UTF-8 として読めません。CP932 が混ざっているようです)。1つの文字コードで保存し直してください。',
    )
    expect((await refusal(mixed, {encoding: 'utf-8'})).message).toBe(
      'exports/jumin.csv 3行目: UTF-8 として読めないバイトがあります (文字化け)。--encoding cp932 か --encoding auto で取り込んでください。',
    )
    const badCp932 = Buffer.concat([iconv.encode('カラム名,論理名\nA,あ\n', 'cp932'), Buffer.from([0x42, 0x2c, 0x85, 0x40, 0x0a])])
    expect((await refusal(badCp932, {encoding: 'cp932'})).message).toMatch(/^exports\/jumin\.csv 3行目: .+ として読めないバイトがあります \(文字化け\)。--encoding utf-8 か --encoding auto で取り込んでください。$/)
    expect((await refusal(badCp932)).message).toBe('exports/jumin.csv 3行目: 文字コードを判別できません (UTF-8 としても CP932 としても読めないバイトがあります)。')
  })
})
