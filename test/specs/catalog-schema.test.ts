import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {checkCatalogText} from '../../src/specs/catalog-store.js'
import {fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

const VALID = `area: jumin
edition: test-1
title: テスト用カタログ
provenance:
  type: representative
  note: テスト
functions:
  - id: '0010001'
    section: '1.1.1'
    category: [管理項目]
    name: 住民データの管理
    text: 住民票の記載事項を管理できること。
    kind: 実装必須機能
  - id: '0010002'
    category: [証明書発行]
    name: 広域交付
    text: 他団体の住民票の写しを交付できること。
    kind: 【実装してもしなくても良い機能】
  - id: '0010003'
    category: [証明書発行]
    name: 独自様式
    text: 独自様式の証明書を出力すること。
    kind: 【実装しない機能】
forms:
  - id: '0010001'
    name: 住民票の写し
    category: 証明書
    kind: 実装必須機能
    fields:
      - {name: 氏名, dataItem: '001001002'}
      - {name: 発行年月日, type: 日付}
dataItems:
  - {id: '001001001', group: 個人基本, name: 宛名番号, nameEn: atena_no, type: 文字, length: 15, required: true}
  - {id: '001001002', group: 個人基本, name: 氏名, type: 文字列, length: 100, required: true}
`

/** Writes a catalogue where its name must agree with `edition`, as under specs/<area>/. */
function writeCatalog(text: string, edition = 'test-1'): string {
  const dir = path.join(tempDir(), 'jumin')
  mkdirSync(dir, {recursive: true})
  const file = path.join(dir, `${edition}.yaml`)
  writeFileSync(file, text)
  return file
}

const replaceLine = (from: string, to: string) => {
  if (!VALID.includes(from)) throw new Error(`fixture does not contain ${from}`)
  return VALID.replace(from, to)
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1

describe('catalogue schema', () => {
  it('accepts a valid catalogue and normalises both 実装区分 vocabularies', () => {
    const result = checkCatalogText(VALID, '/x/jumin/test-1.yaml')
    expect(result.problems).toEqual([])
    expect(result.catalog?.functions.map((f) => f.kind)).toEqual(['mandatory', 'optional', 'prohibited'])
    expect(result.catalog?.dataItems[1]?.type).toBe('text')
    expect(result.catalog?.forms[0]?.fields[1]?.type).toBe('date')
  })

  const invalid: {name: string; text: string; needle: string; lineOffset?: number; path: string; message: RegExp}[] = [
    {
      name: 'unknown 実装区分',
      text: replaceLine('kind: 【実装しない機能】', 'kind: 実装したい機能'),
      needle: 'kind: 実装したい機能',
      path: 'functions[2].kind',
      message: /実装区分「実装したい機能」は使えません/,
    },
    {
      name: 'function ID not 7 digits',
      text: replaceLine("id: '0010002'", "id: '001002'"),
      needle: "id: '001002'",
      path: 'functions[1].id',
      message: /7桁/,
    },
    {
      name: 'function ID written as a number',
      text: replaceLine("id: '0010003'", 'id: 10003'),
      needle: 'id: 10003',
      path: 'functions[2].id',
      message: /文字列/,
    },
    {
      name: 'missing requirement text',
      text: replaceLine('    text: 他団体の住民票の写しを交付できること。\n', ''),
      needle: "id: '0010002'",
      path: 'functions[1].text',
      message: /必要な項目がありません/,
    },
    {
      name: 'duplicate function ID',
      text: replaceLine("id: '0010003'", "id: '0010001'"),
      needle: 'name: 独自様式',
      lineOffset: -2,
      path: 'functions[2].id',
      message: /機能ID「0010001」が重複/,
    },
    {
      name: 'unknown data type',
      text: replaceLine('type: 文字列', 'type: ひらがな'),
      needle: 'type: ひらがな',
      path: 'dataItems[1].type',
      message: /型「ひらがな」は使えません/,
    },
    {
      name: 'negative length',
      text: replaceLine('length: 15', 'length: -3'),
      needle: 'length: -3',
      path: 'dataItems[0].length',
      message: /正の整数/,
    },
    {
      name: 'required is not a boolean',
      text: replaceLine('length: 100, required: true', 'length: 100, required: はい'),
      needle: 'required: はい',
      path: 'dataItems[1].required',
      message: /true \/ false/,
    },
    {
      name: 'form field references a missing data item',
      text: replaceLine("dataItem: '001001002'", "dataItem: '001009999'"),
      needle: "dataItem: '001009999'",
      path: 'forms[0].fields[0].dataItem',
      message: /001009999.*dataItems にありません/,
    },
    {
      name: 'unknown key',
      text: replaceLine('    section: \'1.1.1\'', '    secton: \'1.1.1\''),
      needle: "id: '0010001'\n    secton",
      path: 'functions[0]',
      message: /使えないキー.*secton/,
    },
    {
      name: 'bad provenance type',
      text: replaceLine('type: representative', 'type: guess'),
      needle: 'type: guess',
      path: 'provenance.type',
      message: /representative か official/,
    },
    {
      name: 'edition differs from the file name',
      text: replaceLine('edition: test-1', 'edition: test-2'),
      needle: 'edition: test-2',
      path: 'edition',
      message: /ファイル名の版「test-1」と一致しません/,
    },
    {
      name: 'data item ID not 8 digits',
      text: replaceLine("id: '001001001'", "id: 'A01'"),
      needle: "id: 'A01'",
      path: 'dataItems[0].id',
      message: /8桁/,
    },
  ]

  it.each(invalid)('reports $name with file, line and path', ({text, needle, lineOffset = 0, path: issuePath, message}) => {
    const file = '/x/jumin/test-1.yaml'
    const result = checkCatalogText(text, file)
    expect(result.catalog).toBeUndefined()
    const needleLine = lineOf(text, needle.split('\n')[0]!) + lineOffset
    const problem = result.problems.find((p) => p.includes(` ${issuePath}: `))
    expect(problem, result.problems.join('\n')).toBeDefined()
    expect(problem).toMatch(message)
    expect(problem!.startsWith(`${file}:${needleLine} `), `${problem} should point at line ${needleLine}`).toBe(true)
  })

  it('reports YAML syntax errors with a line', () => {
    const result = checkCatalogText('area: jumin\nfunctions: [\n  - x\n', '/x/jumin/test-1.yaml')
    expect(result.problems[0]).toMatch(/^\/x\/jumin\/test-1\.yaml:\d+ YAMLの書き方に誤りがあります/)
  })

  it('specs validate exits 2 and names file, line and path through the CLI', async () => {
    const file = writeCatalog(replaceLine('kind: 【実装しない機能】', 'kind: たぶん'))
    const result = await fitgap(['specs', 'validate', file])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain(`${file}:${lineOf(VALID, '【実装しない機能】')} functions[2].kind: 実装区分「たぶん」は使えません`)
  })

  it('specs validate accepts a valid file and a folder, with --json', async () => {
    const file = writeCatalog(VALID)
    const ok = await fitgap(['specs', 'validate', file])
    expect(ok.exitCode).toBe(0)
    expect(ok.stdout).toContain('1 件が正常')
    const json = await fitgap(['specs', 'validate', path.dirname(file), '--json'])
    expect(json.exitCode).toBe(0)
    expect(fitgapJson<{valid: boolean; files: {valid: boolean}[]}>(json)).toMatchObject({valid: true, files: [{valid: true}]})
  })

  it('specs validate on a missing path exits 2', async () => {
    const result = await fitgap(['specs', 'validate', '/no/such/file.yaml'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('/no/such/file.yaml が見つかりません')
  })
})
