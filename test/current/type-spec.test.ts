import {describe, expect, it} from 'vitest'

import {parseLength, parsePicture, parseSqlType, parseTypeSpec, parseYesNo, requiredFrom} from '../../src/current/type-spec.js'

describe('parseLength', () => {
  it.each([
    ['40', {length: 40}],
    ['４０', {length: 40}],
    ['10,2', {length: 10, scale: 2}],
    ['7.2', {length: 7, scale: 2}],
    ['(40)', {length: 40}],
    ['40桁', {length: 40}],
    ['20バイト', {length: 20}],
    ['全角20文字', {length: 20}],
    ['9(8)', {length: 8}],
    ['X(40)', {length: 40}],
    ['VARCHAR2(40)', {length: 40}],
    ['VARCHAR2(40 CHAR)', {length: 40}],
    ['NUMBER(10,2)', {length: 10, scale: 2}],
    ['S9(7)V99', {length: 9, scale: 2}],
    ['99', {length: 99}],
  ])('%s → %o', (raw, expected) => {
    expect(parseLength(raw)).toEqual({ok: true, ...expected})
  })

  it.each(['', '-', '―', '可変', 'なし'])('"%s" means no length', (raw) => {
    expect(parseLength(raw)).toEqual({ok: true})
  })

  it.each(['abc', '0', '1,5,3', 'X', '2,9'])('rejects "%s"', (raw) => {
    expect(parseLength(raw).ok).toBe(false)
  })
})

describe('parseTypeSpec', () => {
  it.each([
    ['9(8)', {type: 'number', length: 8}],
    ['X(40)', {type: 'text', length: 40}],
    ['N(20)', {type: 'text', length: 20}],
    ['PIC S9(7)V9(2)', {type: 'number', length: 9, scale: 2}],
    ['XXX', {type: 'text', length: 3}],
    ['X', {type: 'text'}],
    ['9', {type: 'number'}],
    ['VARCHAR2(40)', {type: 'text', length: 40}],
    ['varchar2(40 byte)', {type: 'text', length: 40}],
    ['NUMBER(10,2)', {type: 'number', length: 10, scale: 2}],
    ['NUMBER', {type: 'number'}],
    ['DECIMAL(5)', {type: 'number', length: 5}],
    ['CHAR(15)', {type: 'text', length: 15}],
    ['DATE', {type: 'date'}],
    ['TIMESTAMP', {type: 'datetime'}],
    ['INTEGER', {type: 'number'}],
    ['文字', {type: 'text'}],
    ['文字列（全角カナ）', {type: 'text'}],
    ['文字(40)', {type: 'text', length: 40}],
    ['数値（10,2）', {type: 'number', length: 10, scale: 2}],
    ['数値（半角数字）', {type: 'number'}],
    ['日付（YYYY-MM-DD）', {type: 'date'}],
    ['年月', {type: 'yearMonth'}],
    ['コード', {type: 'code'}],
    ['区分', {type: 'code'}],
    ['全角カナ文字列', {type: 'text'}],
    ['pcd:有無コード一覧（コード）', {type: 'code', codeTable: '有無コード一覧'}],
    ['pd:住所', {}],
    ['時刻（HH:MM）', {type: 'time'}],
    ['ほげ', {}],
    ['', {}],
  ])('%s → %o', (raw, expected) => {
    expect(parseTypeSpec(raw)).toEqual(expected)
  })

  it('keeps pictures and SQL types apart', () => {
    expect(parsePicture('VARCHAR2(40)')).toBeUndefined()
    expect(parseSqlType('9(8)')).toBeUndefined()
    expect(parseSqlType('FOO(3)')).toBeUndefined()
  })
})

describe('yes / no cells', () => {
  it.each([
    ['必', true],
    ['○', true],
    ['◯', true],
    ['Y', true],
    ['ｙｅｓ', true],
    ['×', false],
    ['任意', false],
    ['-', false],
    ['', undefined],
  ])('%s → %s', (raw, value) => {
    expect(parseYesNo(raw).value).toBe(value)
  })

  it('flags unknown words', () => {
    expect(parseYesNo('条件付き')).toEqual({value: undefined, unknown: true})
  })

  it('reads NOT NULL and NULL許可 columns', () => {
    expect(requiredFrom('notNull', 'NOT NULL').value).toBe(true)
    expect(requiredFrom('notNull', '').value).toBe(false)
    expect(requiredFrom('required', '').value).toBe(false)
    expect(requiredFrom('nullable', '○').value).toBe(false)
    expect(requiredFrom('nullable', '×').value).toBe(true)
    expect(requiredFrom('nullable', 'NOT NULL').value).toBe(true)
    expect(requiredFrom('nullable', '').value).toBeUndefined()
  })
})
