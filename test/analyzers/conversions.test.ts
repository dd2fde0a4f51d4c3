import {describe, expect, it} from 'vitest'

import {type Conversion, deriveConversions, lengthUnit} from '../../src/analyzers/conversions.js'
import type {DataItem} from '../../src/model/catalog.js'
import type {CurrentField} from '../../src/model/current.js'

const item = (over: Partial<DataItem> & Pick<DataItem, 'name' | 'type'>): DataItem => ({id: '001001001', group: 'g', required: false, ...over})
const field = (over: Partial<CurrentField> & Pick<CurrentField, 'column'>): CurrentField => ({table: 'T', label: '', ...over})
const brief = (cs: Conversion[]) => cs.map((c) => `${c.kind}:${c.severity}:${c.findingSeverity}`)

describe('deriveConversions: the cases of the issue', () => {
  it('続柄 CHAR(3) into a 2-digit code is a code conversion, not truncation', () => {
    const zokugara = item({name: '続柄', type: 'code', length: 2, codeTable: '続柄コード'})
    const same = deriveConversions(zokugara, [field({column: 'ZOKUGARA_CD', label: '続柄', type: 'text', typeRaw: 'CHAR', length: 3, codeTable: '続柄コード'})])
    expect(brief(same)).toEqual(['code:convertible:warning'])
    expect(same[0]!.rule).toContain('現行 3 桁・標準 2 桁')
    const unknown = deriveConversions(zokugara, [field({column: 'ZOKUGARA', type: 'text', typeRaw: 'CHAR', length: 3})])
    expect(brief(unknown)).toEqual(['code:convertible:warning'])
    expect(unknown[0]!.rule).toContain('コード対応表が必要')
    const other = deriveConversions(zokugara, [field({column: 'Z', type: 'code', length: 2, codeTable: '続柄区分'})])
    expect(other[0]!.rule).toContain('現行「続柄区分」の値を標準「続柄コード」の値に置き換える')
  })

  it('郵便番号 CHAR(8) ハイフン付き into 7 digits is a format conversion with no truncation', () => {
    const postal = item({name: '郵便番号', type: 'text', length: 7, description: '郵便番号（ハイフンなし7桁）。'})
    const result = deriveConversions(postal, [field({column: 'YUBIN_NO', type: 'text', typeRaw: 'CHAR', length: 8, description: 'ハイフン付き'})])
    expect(brief(result)).toEqual(['format:convertible:info'])
    expect(result[0]!.rule).toContain('ハイフンを除いて 7 桁')
    // 8 characters for a 7-digit postal code is a hyphen even when nobody wrote it down
    expect(brief(deriveConversions(postal, [field({column: 'ZIP', type: 'text', length: 8})]))).toEqual(['format:convertible:info'])
    // without a hyphen, 9 > 7 is truncation
    expect(brief(deriveConversions(postal, [field({column: 'ZIP', type: 'text', length: 9})]))).toEqual(['length:loss:error'])
  })

  it('和暦 GYYMMDD CHAR(7) into a DATE is 和暦→西暦', () => {
    const birth = item({name: '生年月日', type: 'date'})
    const result = deriveConversions(birth, [field({column: 'SEINENGAPPI', type: 'text', typeRaw: 'CHAR', length: 7, description: 'GYYMMDD'})])
    expect(brief(result)).toEqual(['format:convertible:warning'])
    expect(result[0]!.rule).toContain('和暦')
    expect(result[0]!.basis).toContain('GYYMMDD')
    const western = deriveConversions(birth, [field({column: 'SEINENGAPPI', type: 'text', typeRaw: 'CHAR', length: 8, description: 'YYYYMMDD 形式'})])
    expect(brief(western)).toEqual(['format:convertible:info'])
    expect(western[0]!.rule).toContain('YYYYMMDD')
    expect(brief(deriveConversions(birth, [field({column: 'D', type: 'text', length: 20})]))).toEqual(['type:loss:warning'])
  })

  it('half-width kana ｼﾒｲｶﾅ into 氏名フリガナ is a width conversion', () => {
    const kana = item({name: '氏名フリガナ', type: 'text', length: 100, description: '氏名の読みをカタカナで表したもの。'})
    const result = deriveConversions(kana, [field({column: 'SHIMEI_KANA', label: 'ｼﾒｲｶﾅ', type: 'text', typeRaw: 'NVARCHAR', length: 100})])
    expect(brief(result)).toEqual(['width:convertible:info'])
    expect(result[0]!.basis).toContain('半角カナ')
    expect(brief(deriveConversions(kana, [field({column: 'KANA', label: 'カナ氏名', type: 'text', typeRaw: 'NVARCHAR', length: 100})]))).toEqual(['none:none:info'])
    // a code column named in half-width kana is not a kana field
    expect(brief(deriveConversions(kana, [field({column: 'SEIBETSU', label: '性別ｺｰﾄﾞ', type: 'text', length: 1})]))).toEqual(['none:none:info'])
  })
})

describe('deriveConversions: each kind', () => {
  it('none when the values move as they are', () => {
    const result = deriveConversions(item({name: '宛名番号', type: 'text', length: 15}), [field({column: 'ATENA', type: 'text', length: 15})])
    expect(result).toMatchObject([{kind: 'none', severity: 'none', ref: 'T.ATENA', rule: 'そのまま移す'}])
  })

  it('zero padding when a number becomes fixed-length text', () => {
    const result = deriveConversions(item({name: '宛名番号', type: 'text', length: 15}), [field({column: 'ATENA', type: 'number', length: 10})])
    expect(brief(result)).toEqual(['format:convertible:info'])
    expect(result[0]!.rule).toContain('0を補って 15 桁')
  })

  it('full-width alphanumerics when the standard holds full-width characters only', () => {
    const result = deriveConversions(item({name: '方書', type: 'text', length: 100, description: '全角で記録する。'}), [field({column: 'KATAGAKI', type: 'text', typeRaw: 'VARCHAR2', length: 100})])
    expect(result.map((c) => c.kind)).toContain('width')
    expect(result.find((c) => c.kind === 'width')!.rule).toContain('半角の英数字')
  })

  it('文字同定 for names and addresses, a warning when the definition says 外字', () => {
    const name = item({name: '氏名', type: 'text', length: 100})
    expect(brief(deriveConversions(name, [field({column: 'SHIMEI', type: 'text', typeRaw: 'NVARCHAR', length: 100, description: '外字を含む'})]))).toEqual(['identity:convertible:warning'])
    expect(brief(deriveConversions(name, [field({column: 'SHIMEI', type: 'text', typeRaw: 'NVARCHAR', length: 100})]))).toEqual(['identity:convertible:info'])
    expect(deriveConversions(item({name: '氏名フリガナ', type: 'text', length: 100}), [field({column: 'K', type: 'text', length: 100})]).map((c) => c.kind)).toEqual(['none'])
  })

  it('join (氏 + 名 → 氏名) judges the lengths together', () => {
    const name = item({name: '氏名', type: 'text', length: 100})
    const fits = deriveConversions(name, [field({column: 'SEI', label: '氏', type: 'text', typeRaw: 'NVARCHAR', length: 40}), field({column: 'MEI', label: '名', type: 'text', typeRaw: 'NVARCHAR', length: 40})])
    expect(fits.filter((c) => c.ref === 'T.SEI+T.MEI').map((c) => c.kind)).toEqual(['combine'])
    expect(fits.find((c) => c.kind === 'combine')!.rule).toContain('氏 + 名 を結合')
    const over = deriveConversions(name, [field({column: 'SEI', type: 'text', typeRaw: 'NVARCHAR', length: 60}), field({column: 'MEI', type: 'text', typeRaw: 'NVARCHAR', length: 60})])
    expect(over.filter((c) => c.ref === 'T.SEI+T.MEI').map((c) => `${c.kind}:${c.findingSeverity}`)).toEqual(['combine:warning', 'length:error'])
  })

  it('split when one field feeds several items', () => {
    const result = deriveConversions(item({name: '住所', type: 'text', length: 200}), [field({column: 'JUSHO', type: 'text', typeRaw: 'NVARCHAR', length: 200})], {splitWith: ['方書']})
    expect(result.find((c) => c.kind === 'combine')!.rule).toContain('「住所」と「方書」に分割')
  })

  it('truncation only when information may really be lost: CHAR(n) bytes against 桁数 characters', () => {
    const name = item({name: '氏名', type: 'text', length: 50})
    // NVARCHAR(120) counts characters: 120 > 50 is truncation
    expect(deriveConversions(name, [field({column: 'S', type: 'text', typeRaw: 'NVARCHAR', length: 120})]).map((c) => `${c.kind}:${c.findingSeverity}`)).toContain('length:error')
    // CHAR(80) counts bytes: a kanji name is at most 40 characters, fits; a half-width one may not — check the data
    const bytes = deriveConversions(name, [field({column: 'S', type: 'text', typeRaw: 'CHAR', length: 80})])
    expect(bytes.find((c) => c.kind === 'length')).toMatchObject({severity: 'loss', findingSeverity: 'warning'})
    expect(bytes.find((c) => c.kind === 'length')!.rule).toContain('最大 40 文字')
    // CHAR(120) bytes = 60 kanji: still over
    expect(deriveConversions(name, [field({column: 'S', type: 'text', typeRaw: 'CHAR', length: 120})]).find((c) => c.kind === 'length')?.findingSeverity).toBe('error')
    // shorter current: nothing to say
    expect(deriveConversions(name, [field({column: 'S', type: 'text', length: 30})]).some((c) => c.kind === 'length')).toBe(false)
    // dates and codes have no truncation
    expect(deriveConversions(item({name: '性別', type: 'code', length: 1, codeTable: '性別コード'}), [field({column: 'X', type: 'code', length: 2, codeTable: '性別コード'})]).map((c) => c.kind)).toEqual(['code'])
  })

  it('types that cannot be converted are a loss the definitions prove', () => {
    expect(brief(deriveConversions(item({name: '生年月日', type: 'date'}), [field({column: 'F', type: 'flag'})]))).toEqual(['type:loss:error'])
    expect(brief(deriveConversions(item({name: '年齢', type: 'number', length: 3}), [field({column: 'F', type: 'text', length: 3})]))).toEqual(['type:loss:warning'])
    expect(brief(deriveConversions(item({name: '登録日時', type: 'datetime'}), [field({column: 'F', type: 'date'})]))).toEqual(['type:convertible:info'])
  })
})

describe('lengthUnit', () => {
  it.each([
    ['CHAR', 'bytes'],
    ['VARCHAR2(40)', 'bytes'],
    ['VARCHAR2(40 CHAR)', 'chars'],
    ['NVARCHAR', 'chars'],
    ['NCHAR(10)', 'chars'],
    ['X(40)', 'bytes'],
    ['PIC N(20)', 'chars'],
    ['40バイト', 'bytes'],
    ['全角文字', 'chars'],
    ['DATE', undefined],
    [undefined, undefined],
  ])('%s → %s', (raw, unit) => {
    expect(lengthUnit({typeRaw: raw})).toBe(unit)
  })
})
