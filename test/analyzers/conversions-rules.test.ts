import {describe, expect, it} from 'vitest'

import {type Conversion, compareCodeLists, conversionMessage, deriveConversions, lengthUnit} from '../../src/analyzers/conversions.js'
import type {CodeList, DataItem} from '../../src/model/catalog.js'
import type {CurrentField} from '../../src/model/current.js'

const item = (over: Partial<DataItem> & Pick<DataItem, 'name' | 'type'>): DataItem => ({id: '001001001', group: 'g', required: false, ...over})
const field = (over: Partial<CurrentField> & Pick<CurrentField, 'column'>): CurrentField => ({table: 'T', label: '', ...over})
const brief = (cs: Conversion[]) => cs.map((c) => `${c.kind}:${c.severity}:${c.findingSeverity}`)
const one = (target: DataItem, f: CurrentField, codeLists?: CodeList[]) => deriveConversions(target, [f], codeLists ? {codeLists} : {})

describe('type conversions: every pair of types says what moves and what may be lost', () => {
  it('each pair: kind, severity, finding severity and rule', () => {
    for (const [from, to, expected, rule] of [
      // [from, to, kind:severity:findingSeverity, words of the rule]
      ['yearMonth', 'date', 'type:loss:warning', '年月に日がない。日を補う規則 (1日など) を決める'],
      ['datetime', 'date', 'type:convertible:info', '日時から日付を取り出す (時刻は移行しない)'],
      ['date', 'datetime', 'type:convertible:info', '日付に時刻 00:00:00 を補って日時にする'],
      ['date', 'yearMonth', 'type:convertible:info', '日付から年月を取り出す'],
      ['text', 'datetime', 'type:loss:warning', '文字を日時にする。書式を決め、読めない値がないか確かめる'],
      ['time', 'datetime', 'type:loss:warning', '時刻を日時にする。書式を決め、読めない値がないか確かめる'],
      ['text', 'number', 'type:loss:warning', '文字を数値にする。数字以外を含む値は移行できないので `fitgap data profile` で確かめる'],
      ['code', 'number', 'type:convertible:info', 'コードを数値として移す'],
      ['flag', 'number', 'type:convertible:info', 'フラグを数値として移す'],
      ['number', 'text', 'format:convertible:info', '数値を文字にする'],
      ['date', 'text', 'format:convertible:info', '日付を文字にする (書式を決める)'],
      ['text', 'time', 'type:loss:warning', '文字を時刻にする。読めない値がないか確かめる'],
      ['text', 'year', 'type:loss:warning', '文字を年にする。読めない値がないか確かめる'],
      ['datetime', 'time', 'type:convertible:info', '日時を時刻にする'],
      ['date', 'year', 'type:convertible:info', '日付を年にする'],
      ['flag', 'date', 'type:loss:error', 'フラグ型の値は日付型に変換できない。対応付けを見直す'],
      ['binary', 'text', 'type:loss:error', 'バイナリ型の値は文字型に変換できない。対応付けを見直す'],
    ] as const) {
      const result = one(item({name: '項目', type: to}), field({column: 'F', type: from}))
      expect(brief(result)).toEqual([expected])
      expect(result[0]!.rule).toBe(rule)
      expect(result[0]!.basis).toMatch(/^現行 T\.F .+ \/ 標準「項目」/)
    }
  })

  it('a date cannot become a flag: an error, beside the flag value rule', () => {
    const result = one(item({name: '項目', type: 'flag'}), field({column: 'F', type: 'date'}))
    expect(brief(result)).toEqual(['type:loss:error', 'code:convertible:info'])
    expect(result[0]!.rule).toBe('日付型の値はフラグ型に変換できない。対応付けを見直す')
  })

  it('reads 全角文字 (Ｎ) as text on both sides: no type conversion between them', () => {
    expect(brief(one(item({name: '備考', type: 'fullText'}), field({column: 'F', type: 'text'})))).not.toContain('type:loss:error')
    expect(one(item({name: '備考', type: 'text'}), field({column: 'F', type: 'fullText'})).map((c) => c.kind)).toEqual(['none'])
    // a field of unknown type gets no type conversion
    expect(one(item({name: '年齢', type: 'number'}), field({column: 'F'})).map((c) => c.kind)).toEqual(['none'])
  })

  it('leaves a move into a code table to the code rule alone', () => {
    expect(one(item({name: '区分', type: 'text', codeTable: '区分コード'}), field({column: 'F', type: 'number'})).map((c) => c.kind)).toEqual(['code'])
    expect(one(item({name: '区分', type: 'number', codeTable: '区分コード'}), field({column: 'F', type: 'text'})).map((c) => c.kind)).toEqual(['code'])
    expect(one(item({name: '区分', type: 'flag'}), field({column: 'F', type: 'number'})).map((c) => c.kind)).toEqual(['code'])
    expect(one(item({name: '区分', type: 'code'}), field({column: 'F', type: 'text'})).map((c) => c.kind)).toEqual(['code'])
  })
})

describe('dates: the format comes from the definition, then from the length', () => {
  const date = (to: 'date' | 'yearMonth', over: Partial<CurrentField>) => one(item({name: '日', type: to}), field({column: 'D', type: 'text', ...over}))[0]!

  it('a format conversion from each evidence, a warning for 和暦', () => {
    for (const [to, over, severity, rule, evidence] of [
      ['date', {description: 'EYYMMDD'}, 'warning', '和暦 (元号 + 年月日) を西暦の YYYY-MM-DD の日付に変換する', '定義に和暦の形 (EYYMMDD) とある'],
      ['date', {description: '和暦で記録'}, 'warning', '和暦 (元号 + 年月日) を西暦の YYYY-MM-DD の日付に変換する', '定義に和暦の形 (和暦) とある'],
      ['date', {description: '元号コード付き'}, 'warning', '和暦', '定義に和暦の形 (和暦) とある'],
      ['date', {description: 'ggyymmdd'}, 'warning', '和暦', '定義に和暦の形 (GYYMMDD) とある'],
      ['yearMonth', {description: 'GYYMM'}, 'warning', '和暦 (元号 + 年月日) を西暦の年月に変換する', '定義に和暦の形 (GYYMM) とある'],
      ['date', {description: 'YYYY-MM-DD'}, 'info', '区切り付きの文字を YYYY-MM-DD の日付として読み替える', '定義に区切り付きの西暦とある'],
      ['date', {description: 'yyyy/mm/dd'}, 'info', '区切り付きの文字を', '定義に区切り付きの西暦とある'],
      ['date', {description: '西暦'}, 'info', 'YYYYMMDD の文字を YYYY-MM-DD の日付に変換する (0 や空白などの日付でない値の扱いを決める)', '定義に YYYYMMDD とある'],
      ['yearMonth', {description: 'YYYYMM 形式'}, 'info', 'YYYYMM の文字を年月に変換する', '定義に YYYYMM とある'],
      ['yearMonth', {length: 6}, 'info', 'YYYYMM の文字を年月に変換する', '6桁 (YYYYMM の形)'],
      ['yearMonth', {length: 5}, 'warning', '和暦 (元号 + 年月日) を西暦の年月に変換する', '5桁 (元号1桁 + YYMM の形)'],
      ['date', {length: 8}, 'info', 'YYYYMMDD の文字を', '8桁 (YYYYMMDD の形)'],
      ['date', {length: 7}, 'warning', '和暦', '7桁 (元号1桁 + YYMMDD の形)'],
      ['date', {length: 10}, 'info', '区切り付きの文字を YYYY-MM-DD の日付として読み替える', '10桁 (YYYY-MM-DD の形)'],
    ] as const) {
      const c = date(to, over)
      expect(c).toMatchObject({kind: 'format', severity: 'convertible', findingSeverity: severity})
      expect(c.rule).toContain(rule)
      expect(c.basis).toContain(` — `)
      expect(c.basis.endsWith(evidence)).toBe(true)
    }
  })

  it('reads the format from how the type is written too', () => {
    expect(brief(one(item({name: '日', type: 'date'}), field({column: 'D', type: 'text', typeRaw: 'GYYMMDD'})))).toEqual(['format:convertible:warning'])
  })

  it('a YYYYMMDD number or code reads as a date too', () => {
    expect(one(item({name: '日', type: 'date'}), field({column: 'D', type: 'number', length: 8}))[0]!.rule).toBe('YYYYMMDD の数値を YYYY-MM-DD の日付に変換する (0 や空白などの日付でない値の扱いを決める)')
    expect(brief(one(item({name: '日', type: 'date'}), field({column: 'D', type: 'code', length: 8})))).toEqual(['format:convertible:info'])
  })

  it('no format in the definition and no telling length: a loss to check on the data', () => {
    for (const [to, length, what] of [
        ['yearMonth', 7, '年月'],
        ['yearMonth', 8, '年月'],
        ['date', 6, ' YYYY-MM-DD の日付'],
        ['date', undefined, ' YYYY-MM-DD の日付'],
    ] as const) {
      const result = one(item({name: '日', type: to}), field({column: 'D', type: 'number', ...(length ? {length} : {})}))
      expect(brief(result)).toEqual(['type:loss:warning'])
      expect(result[0]!.rule).toBe(`数値を${what}にする。書式が定義から分からない: 読めない値は移行できないので、書式を決めて \`fitgap data profile\` で確かめる`)
    }
  })
})

describe('code conversions', () => {
  const LISTS: CodeList[] = [
    {id: '010', name: '性別', values: [{code: '1', label: '男'}, {code: '2', label: '女'}]},
    {id: '999', name: '自治体固有コード', values: []},
  ]
  const sex = item({name: '性別', type: 'code', length: 1, codeList: '010'})

  it('names the code list of the catalogue, or its ID when the catalogue does not have it', () => {
    expect(one(sex, field({column: 'S', type: 'code', length: 1}), LISTS)[0]!.rule).toBe('現行のコード表が定義にない。現行の値を洗い出し、標準「性別」への対応表を作る (コード対応表が必要)')
    expect(one(sex, field({column: 'S', type: 'code', length: 1}), [])[0]!.rule).toContain('標準「コードID 010」への対応表')
    expect(one(item({name: '続柄', type: 'code'}), field({column: 'S', type: 'code'}))[0]!.rule).toContain('標準「続柄」のコードへの対応表')
  })

  it('same codes (labels compared without spaces, ・, _ or -, and full-width digits read as half-width) need nothing', () => {
    expect(one(sex, field({column: 'S', type: 'code', length: 1, codes: [{code: '１', label: ' 男 '}, {code: '2', label: '女'}]}), LISTS).map((c) => c.kind)).toEqual(['none'])
  })

  it('codes only the current side has and codes whose meaning changed are both named', () => {
    const result = one(sex, field({column: 'S', type: 'code', length: 1, codes: [{code: '1', label: '女'}, {code: '2', label: '女'}, {code: '9', label: '不明'}]}), LISTS)
    expect(brief(result)).toEqual(['code:convertible:warning'])
    expect(result[0]!.rule).toBe('標準にないコード: 9=不明、意味の違うコード: 1。値ごとに標準「性別」の値へ置き換える対応表を作る')
    const relabelOnly = one(sex, field({column: 'S', type: 'code', length: 1, codes: [{code: '1', label: '女'}]}), LISTS)
    expect(relabelOnly[0]!.rule).toBe('意味の違うコード: 1。値ごとに標準「性別」の値へ置き換える対応表を作る')
  })

  it('codes the standard alone has are no problem: every current value still has a place', () => {
    expect(compareCodeLists(LISTS[0]!.values, [{code: '1', label: '男'}])).toEqual({onlyCurrent: [], onlyStandard: [{code: '2', label: '女'}], relabelled: []})
    expect(one(sex, field({column: 'S', type: 'code', length: 1, codes: [{code: '1', label: '男'}]}), LISTS).map((c) => c.kind)).toEqual(['none'])
  })

  it('compares codes without surrounding spaces, and shows exactly 12 codes without a remainder', () => {
    expect(compareCodeLists([{code: '1', label: '男'}], [{code: ' 1 ', label: '男'}])).toEqual({onlyCurrent: [], onlyStandard: [], relabelled: []})
    const codes = Array.from({length: 12}, (_, i) => ({code: String(i + 10), label: `v${i}`}))
    expect(one(sex, field({column: 'S', type: 'code', length: 2, codes}), LISTS)[0]!.basis).toContain('21=v11) / ')
  })

  it('an empty list of current codes is no list: the code table decides', () => {
    expect(one(sex, field({column: 'S', type: 'code', length: 1, codes: []}), LISTS)[0]!.rule).toContain('コード対応表が必要')
  })

  it('shows at most 12 codes in the basis and counts the rest', () => {
    const codes = Array.from({length: 15}, (_, i) => ({code: String(i + 10), label: `v${i}`}))
    const c = one(sex, field({column: 'S', type: 'code', length: 2, codes}), LISTS)[0]!
    expect(c.basis).toContain('コード値 (10=v0, 11=v1, 12=v2, 13=v3, 14=v4, 15=v5, 16=v6, 17=v7, 18=v8, 19=v9, 20=v10, 21=v11 ほか 3 件)')
    expect(c.basis).toContain('コード一覧 010 (1=男, 2=女)')
    expect(c.rule).toContain('ほか 3 件')
  })

  it('自治体固有コード (999) asks the city, whatever the current codes', () => {
    const local = one(item({name: '独自区分', type: 'code', codeList: '999'}), field({column: 'S', type: 'code'}), LISTS)
    expect(local).toMatchObject([{kind: 'code', severity: 'convertible', findingSeverity: 'info', rule: '標準は自治体固有コード (999): 現行のコード値を使うか、市で定めて置き換える'}])
  })

  it('the same code table (named with other spacing) moves as it is unless digits or types differ', () => {
    const target = item({name: '続柄', type: 'code', length: 2, codeTable: '続柄コード'})
    expect(one(target, field({column: 'Z', type: 'code', length: 2, codeTable: '続柄 コード'})).map((c) => c.kind)).toEqual(['none'])
    expect(one(target, field({column: 'Z', codeTable: '続柄コード'})).map((c) => c.kind)).toEqual(['none'])
    expect(one(target, field({column: 'Z', type: 'code', codeTable: '続柄コード'})).map((c) => c.kind)).toEqual(['none'])
    expect(one(item({name: '続柄', type: 'code', codeTable: '続柄コード'}), field({column: 'Z', type: 'code', length: 3, codeTable: '続柄コード'})).map((c) => c.kind)).toEqual(['none'])
    const numeric = one(target, field({column: 'Z', type: 'number', length: 2, codeTable: '続柄コード'}))
    expect(brief(numeric)).toEqual(['code:convertible:warning'])
    expect(numeric[0]!.rule).toBe('値を標準「続柄コード」のコード値として移す')
    expect(numeric[0]!.basis).toBe('現行 T.Z 数値 コード表「続柄コード」 / 標準「続柄」コード 2桁 コード表「続柄コード」')
  })

  it('a flag item takes a non-flag current value through a value rule; a flag moves as it is', () => {
    const flag = item({name: '死亡フラグ', type: 'flag'})
    expect(one(flag, field({column: 'F', type: 'text'}))).toMatchObject([{kind: 'code', severity: 'convertible', findingSeverity: 'info', rule: '現行の値 (1/0、○/空白など) を標準のフラグの値に置き換える'}])
    expect(one(flag, field({column: 'F', type: 'flag'})).map((c) => c.kind)).toEqual(['none'])
    expect(one(flag, field({column: 'F'})).map((c) => c.kind)).toEqual(['none'])
    // a flag with a code table is a code: its table decides
    expect(one(item({name: '死亡フラグ', type: 'flag', codeTable: '有無'}), field({column: 'F', type: 'flag'}))[0]!.rule).toContain('標準「有無」への対応表')
  })
})

describe('width, 文字同定 and hyphens', () => {
  it('half-width kana said in the definition becomes full-width for a kana or full-width item', () => {
    const said = field({column: 'K', label: 'よみ', type: 'text', typeRaw: 'NVARCHAR', length: 50, description: '半角カタカナ'})
    const kana = one(item({name: 'フリガナ', type: 'text', length: 50}), said)
    expect(brief(kana)).toEqual(['width:convertible:info'])
    expect(kana[0]!.basis.endsWith(' — 定義に「半角カナ」とある')).toBe(true)
    expect(one(item({name: '肩書', type: 'fullText', length: 50}), said).map((c) => c.kind)).toEqual(['width'])
    // a plain text item takes half-width kana as it is
    expect(one(item({name: '肩書', type: 'text', length: 50}), said).map((c) => c.kind)).toEqual(['none'])
    // 半角カナ in the label of a non-kana field says nothing
    expect(one(item({name: 'フリガナ', type: 'text', length: 50}), field({column: 'K', label: 'ﾒﾓ', type: 'text', typeRaw: 'NVARCHAR', length: 50})).map((c) => c.kind)).toEqual(['none'])
    // the label must be the half-width one: a kana column described in half-width kana is not enough
    expect(one(item({name: 'フリガナ', type: 'text', length: 50}), field({column: 'K', label: 'カナ', type: 'text', typeRaw: 'NVARCHAR', length: 50, description: 'ｶﾅ'})).map((c) => c.kind)).toEqual(['none'])
  })

  it('an item said to be full-width in its explanation is full-width too', () => {
    expect(one(item({name: '肩書', type: 'text', explanation: '全角で記録する'}), field({column: 'K', type: 'text', typeRaw: 'VARCHAR'})).map((c) => c.kind)).toEqual(['width'])
  })

  it('full-width only items take byte-counted text through a width rule, character-counted text as it is', () => {
    const full = item({name: '肩書', type: 'fullText', length: 50})
    expect(one(full, field({column: 'K', type: 'text', typeRaw: 'VARCHAR', length: 50}))[0]).toMatchObject({kind: 'width', rule: '半角の英数字・記号・カナを全角にする (標準は全角文字)'})
    expect(one(full, field({column: 'K', type: 'text', typeRaw: 'NVARCHAR', length: 50})).map((c) => c.kind)).toEqual(['none'])
    expect(one(full, field({column: 'K', type: 'text', length: 50})).map((c) => c.kind)).toEqual(['none'])
  })

  it('文字同定 for kanji names and addresses only, and only from text', () => {
    for (const name of ['氏', '名', '住所', '方書', '本籍', '筆頭者', '通称', '旧氏', '事業所名称'])
      expect(one(item({name, type: 'text'}), field({column: 'N'})).map((c) => c.kind), name).toEqual(['identity'])
    for (const name of ['氏名カナ', '住所コード', '氏名ローマ字', '氏名英字', '郵便番号', '名簿番号', '住所区分', '転入年月日', '宛名', '氏名フラグ'])
      expect(one(item({name, type: 'text'}), field({column: 'N'})).map((c) => c.kind), name).toEqual(['none'])
    expect(one(item({name: '氏名', type: 'text'}), field({column: 'N', type: 'number'})).map((c) => c.kind)).toEqual(['format'])
    const basis = one(item({name: '氏名', type: 'text'}), field({column: 'N', type: 'fullText'}))[0]!.basis
    expect(basis).toBe('現行 T.N 全角文字 / 標準「氏名」文字 — 氏名・住所など漢字の項目')
  })

  it('hyphens the standard drops: one or two, taken off the length before judging truncation', () => {
    const tel = item({name: '電話番号', type: 'text', length: 11, description: 'ハイフンを含まない'})
    const dashed = one(tel, field({column: 'TEL', type: 'text', typeRaw: 'NVARCHAR', length: 13, description: 'ハイフン付き'}))
    expect(dashed).toMatchObject([{kind: 'format', rule: 'ハイフンを除いて 11 桁の数字にする'}])
    expect(dashed[0]!.basis.endsWith(' — 現行の定義に「ハイフン付き」とある')).toBe(true)
    // 14 - 11 is three, but at most two hyphens come off: 12 > 11 is truncation
    expect(one(tel, field({column: 'TEL', type: 'text', typeRaw: 'NVARCHAR', length: 14, description: 'ハイフン付き'})).map((c) => c.kind)).toEqual(['format', 'length'])
    // the standard does not say it drops them: nothing to convert
    expect(one(item({name: '電話番号', type: 'text'}), field({column: 'TEL', type: 'text', description: 'ハイフン付き'})).map((c) => c.kind)).toEqual(['none'])
    // a length-less standard keeps the rule general
    expect(one(item({name: '電話番号', type: 'text', description: 'ハイフンなし'}), field({column: 'TEL', type: 'text', description: '区切り付き'}))[0]!.rule).toBe('ハイフンを除いて 数字にする')
    // a 郵便番号 of 8 against 7 needs both lengths
    expect(one(item({name: '郵便番号', type: 'text'}), field({column: 'Z', type: 'text', length: 8})).map((c) => c.kind)).toEqual(['none'])
    expect(one(item({name: '郵便番号', type: 'number', length: 7}), field({column: 'Z', type: 'number', length: 8})).map((c) => c.kind)).toEqual(['length'])
  })

  it('one conversion per kind and field: the first reason wins', () => {
    const postal = item({name: '郵便番号', type: 'text', length: 7, description: 'ハイフンなし'})
    const result = one(postal, field({column: 'Z', type: 'number', length: 8}))
    expect(result.map((c) => c.kind)).toEqual(['format'])
    expect(result[0]!.rule).toContain('数値を文字にする')
  })
})

describe('truncation', () => {
  it('a longer number is truncation counted in digits', () => {
    const result = one(item({name: '金額', type: 'number', length: 10}), field({column: 'M', type: 'number', length: 12}))
    expect(result).toMatchObject([{kind: 'length', severity: 'loss', findingSeverity: 'error'}])
    expect(result[0]!.rule).toBe('現行は最大 12 桁、標準は 10 桁。超える値は切り捨てられる。値を短くする規則を決めるか、`fitgap data profile` で実際の最大長を確かめる')
    expect(result[0]!.basis).toBe('現行 T.M 数値 / 標準「金額」数値 10桁')
  })

  it('bytes say so; a kanji item still over at half the bytes is an error', () => {
    const result = one(item({name: '備考', type: 'text', length: 10}), field({column: 'B', type: 'text', typeRaw: 'VARCHAR2(30)', length: 30}))
    expect(brief(result)).toEqual(['length:loss:error'])
    expect(result[0]!.rule).toContain('現行は最大 30 バイト (半角なら同じ文字数)、標準は 10 桁')
    expect(result[0]!.basis).toBe('現行 T.B VARCHAR2(30) / 標準「備考」文字 10桁')
    // a full-width item holds 15 kanji of 30 bytes: over 20? no — a warning to check the data
    expect(brief(one(item({name: '備考', type: 'fullText', length: 20}), field({column: 'B', type: 'text', typeRaw: 'CHAR', length: 30})))).toEqual(['width:convertible:info', 'length:loss:warning'])
    // exactly half fits
    expect(one(item({name: '氏名', type: 'text', length: 15}), field({column: 'B', type: 'text', typeRaw: 'CHAR', length: 30})).find((c) => c.kind === 'length')?.findingSeverity).toBe('warning')
  })

  it('equal length is no truncation; unknown length or a date or code involved says nothing', () => {
    expect(one(item({name: '備考', type: 'text', length: 10}), field({column: 'B', type: 'text', length: 10})).map((c) => c.kind)).toEqual(['none'])
    expect(one(item({name: '備考', type: 'text', length: 10}), field({column: 'B', type: 'text'})).map((c) => c.kind)).toEqual(['none'])
    expect(one(item({name: '備考', type: 'text'}), field({column: 'B', type: 'text', length: 99})).map((c) => c.kind)).toEqual(['none'])
    expect(one(item({name: '備考', type: 'text', length: 8}), field({column: 'B', type: 'date', length: 10})).map((c) => c.kind)).toEqual(['format'])
    expect(one(item({name: '区分', type: 'text', length: 1, codeTable: '区分'}), field({column: 'B', type: 'code', length: 3, codeTable: '区分'})).map((c) => c.kind)).toEqual(['code'])
    expect(one(item({name: '日', type: 'date', length: 8}), field({column: 'B', type: 'date', length: 10})).map((c) => c.kind)).toEqual(['none'])
    // a code or fullText current field counts like text
    expect(one(item({name: '備考', type: 'text', length: 5}), field({column: 'B', type: 'code', length: 6})).map((c) => c.kind)).toEqual(['format', 'length'])
    expect(one(item({name: '備考', type: 'text', length: 5}), field({column: 'B', type: 'fullText', length: 6})).map((c) => c.kind)).toEqual(['length'])
  })

  it('joined fields add up, less the hyphens each drops; an unknown length among them says nothing', () => {
    const tel = item({name: '電話番号', type: 'text', length: 11, description: 'ハイフンなし'})
    const parts = [field({column: 'A', label: '市外局番', type: 'text', length: 5, description: 'ハイフン付き'}), field({column: 'B', label: '番号', type: 'text', length: 7})]
    const fits = deriveConversions(tel, parts)
    expect(fits.filter((c) => c.ref === 'T.A+T.B').map((c) => c.kind)).toEqual(['combine'])
    expect(fits.find((c) => c.kind === 'combine')!.rule).toBe('市外局番 + 番号 を結合して「電話番号」にする (間の区切り (全角空白など) を決める)')
    const over = deriveConversions(tel, [parts[0]!, field({column: 'B', type: 'text', length: 9})])
    const length = over.find((c) => c.kind === 'length')!
    expect(length.ref).toBe('T.A+T.B')
    expect(length.rule).toContain('現行は最大 13 桁')
    expect(length.basis.startsWith('現行 T.A+T.B (合わせて 14) / ')).toBe(true)
    expect(over.find((c) => c.kind === 'combine')!.rule).toContain('市外局番 + B を結合')
    expect(deriveConversions(tel, [parts[0]!, field({column: 'B', type: 'text'})]).some((c) => c.kind === 'length')).toBe(false)
  })

  it('a split needs one field and at least one other item', () => {
    const f = field({column: 'J', type: 'text', length: 10})
    const target = item({name: '町名', type: 'text', length: 10})
    expect(deriveConversions(target, [f], {splitWith: ['番地', '方書']})).toMatchObject([
      {kind: 'combine', findingSeverity: 'warning', rule: '現行の1項目を「町名」と「番地」「方書」に分割する (分け方の規則を決める)', basis: '現行 T.J 文字 が複数の標準項目に確定している'},
    ])
    expect(deriveConversions(target, [f], {splitWith: []}).map((c) => c.kind)).toEqual(['none'])
    expect(deriveConversions(target, [f, field({column: 'K', type: 'text', length: 0 + 1})], {splitWith: ['番地']}).filter((c) => c.rule.includes('分割'))).toEqual([])
  })

  it('no fields, no conversions', () => {
    expect(deriveConversions(item({name: '備考', type: 'text'}), [])).toEqual([])
  })
})

describe('descriptions and messages', () => {
  it('writes the current type as exported, adding the length only when the export does not show it', () => {
    const none = (f: CurrentField, target = item({name: '備考', type: 'text'})) => one(target, f)[0]!.basis
    expect(none(field({column: 'B', type: 'text', typeRaw: 'VARCHAR2(40)', length: 40}))).toBe('現行 T.B VARCHAR2(40) / 標準「備考」文字')
    expect(none(field({column: 'B', type: 'text', typeRaw: 'CHAR', length: 4}))).toBe('現行 T.B CHAR(4) / 標準「備考」文字')
    expect(none(field({column: 'B', type: 'text'}))).toBe('現行 T.B 文字 / 標準「備考」文字')
    expect(none(field({column: 'B', type: 'text', typeRaw: 'CHAR'}))).toBe('現行 T.B CHAR / 標準「備考」文字')
    expect(none(field({column: 'B', description: 'メモ'}))).toBe('現行 T.B 型不明 備考「メモ」 / 標準「備考」文字')
  })

  it('a message names the kind, the weight and the basis', () => {
    const [c] = one(item({name: '日', type: 'date'}), field({column: 'D', type: 'datetime'}))
    expect(conversionMessage(c!)).toBe('型の変換 (変換で対応可): 日時から日付を取り出す (時刻は移行しない)。根拠: 現行 T.D 日時 / 標準「日」日付')
    const [n] = one(item({name: '日', type: 'date'}), field({column: 'D', type: 'date'}))
    expect(conversionMessage(n!)).toBe('変換なし (−): そのまま移す。根拠: 現行 T.D 日付 / 標準「日」日付')
  })
})

describe('lengthUnit: how the export writes the type tells bytes from characters', () => {
  it('bytes or characters for each way of writing the type', () => {
    for (const [raw, unit] of [
      ['VARCHAR(10)', 'bytes'],
      ['CHARACTER VARYING(10)', 'bytes'],
      ['string', 'bytes'],
      ['PIC X(10)', 'bytes'],
      ['PICTURE X(10)', 'bytes'],
      ['VARCHAR2(10 BYTE)', 'bytes'],
      ['ＣＨＡＲ(10)', 'bytes'],
      [' nchar(5) ', 'chars'],
      ['NVARCHAR2(5)', 'chars'],
      ['NTEXT', 'chars'],
      ['NCLOB', 'chars'],
      ['GRAPHIC(5)', 'chars'],
      ['VARGRAPHIC(5)', 'chars'],
      ['N(5)', 'chars'],
      ['PICTURE N(5)', 'chars'],
      ['PIC N', 'chars'],
      ['VARCHAR2(10 CHAR)', 'chars'],
      ['文字', 'chars'],
      ['NUMBER(5)', undefined],
      ['CHARSET', undefined],
      ['', undefined],
    ] as const) {
      expect(lengthUnit({typeRaw: raw})).toBe(unit)
    }
  })
})
