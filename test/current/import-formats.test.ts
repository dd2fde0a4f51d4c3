import {createHash} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'

import {fitgap, fitgapJson, tempDir} from '../helpers/cli.js'
import {fixture, GIF_WORKBOOK, importInto, newWorkspace, show, withoutSource} from './helpers.js'

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('fitgap current import: the GIF core data model workbook (real government Excel)', () => {
  it('imports every sheet as a table, one field per item row', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [GIF_WORKBOOK])
    expect(result.exitCode, result.stderr).toBe(0)
    const system = await show(ws)

    // item rows counted independently: rows whose 項目名 (column C) is filled, header rows excluded
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(GIF_WORKBOOK)
    let itemRows = 0
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        const label = String(row.getCell(3).value ?? '').trim()
        if (label !== '' && label !== '項目名') itemRows++
      }),
    )
    expect(itemRows).toBe(338)
    expect(system.fields).toHaveLength(itemRows)

    const tables = [...new Set(system.fields.map((f) => f.table))]
    expect(tables).toEqual(workbook.worksheets.map((s) => s.name))
    expect(tables).toHaveLength(17)

    // 項目名 → label, 項目名（英語） → column, 形式 → type, 必須 → required
    const familyName = system.fields.find((f) => f.table === '個人' && f.column === 'familyName')
    expect(familyName).toMatchObject({label: '氏', typeRaw: '文字列', type: 'text', required: true, description: '氏'})
    expect(familyName?.source).toEqual({file: '438_core-data-model_DMD.xlsx', sheet: '個人', row: 4})
    const middleName = system.fields.find((f) => f.column === 'middleName')
    expect(middleName).toMatchObject({table: '個人', label: 'ミドルネーム', required: false, source: {sheet: '個人', row: 23}})
    expect(system.fields.find((f) => f.table === '個人' && f.column === 'spouseStatus')).toMatchObject({type: 'code', codeTable: '有無コード一覧'})
    expect(system.fields.every((f) => f.label !== '' && f.column !== '')).toBe(true)
    expect(system.fields.filter((f) => f.required).length).toBeGreaterThan(0)
    expect(system.sources).toEqual([
      {file: '438_core-data-model_DMD.xlsx', sha256: sha256(GIF_WORKBOOK), format: 'xlsx', kind: 'fields', records: 338},
    ])
  })
})

describe('fitgap current import: formats and encodings', () => {
  it('reads a CP932 CSV with title rows, quoted line breaks and NEC / IBM extension characters', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-fields.cp932.csv')])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain('CP932')
    const {fields, sources} = await show(ws)
    expect(fields).toHaveLength(11)
    expect(sources[0]).toMatchObject({format: 'csv', encoding: 'cp932', kind: 'fields', records: 11})
    expect(fields.find((f) => f.column === 'SHIMEI')).toMatchObject({label: '氏名', type: 'text', length: 120, required: true, description: '外字 (髙・﨑 など) を含む'})
    expect(fields.find((f) => f.column === 'SHIMEI_KANA')).toMatchObject({label: 'ｼﾒｲｶﾅ', type: 'text', length: 60, required: false})
    expect(fields.find((f) => f.column === 'SEIBETSU_CD')).toMatchObject({description: '①男 ②女 ③不明', codeTable: '性別コード', type: 'code', length: 1})
    expect(fields.find((f) => f.column === 'KYU_UJI')?.description).toBe('∵ 旧氏の併記 ～ ㈱・№ を含むことがある')
    expect(fields.find((f) => f.column === 'KAZEI_GAKU')).toMatchObject({type: 'number', length: 12, scale: 2})
    expect(fields.find((f) => f.column === 'GENMEN_GAKU')).toMatchObject({type: 'number', length: 9, scale: 2, typeRaw: 'S9(7)V99'})
    // the quoted description spans two lines: the next record's row and line differ
    const jusho = fields.find((f) => f.column === 'JUSHO')!
    expect(jusho.description).toBe('住所 (方書を含む)\n番地以下 ≒ 街区符号・住居番号')
    expect(jusho.source).toEqual({file: 'jumin-fields.cp932.csv', row: 10})
    expect(fields.find((f) => f.column === 'KYU_UJI')?.source).toEqual({file: 'jumin-fields.cp932.csv', row: 11, line: 12})
  })

  it('reads CP932 with --encoding cp932 as well as auto', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-fields.cp932.csv')], '--encoding', 'cp932')
    expect(result.exitCode, result.stderr).toBe(0)
    expect((await show(ws)).fields).toHaveLength(11)
  })

  it('reads UTF-8 (with and without BOM) and TSV, and UTF-16 from Excel', async () => {
    const dir = tempDir()
    const utf8 = iconv.decode(readFileSync(fixture('jumin-fields.cp932.csv')), 'cp932')
    writeFileSync(path.join(dir, 'plain.csv'), utf8)
    writeFileSync(path.join(dir, 'bom.csv'), `\uFEFF${utf8}`)
    const tsv = utf8
      .split('\r\n')
      .map((line) => line.replaceAll(',', '\t'))
      .join('\r\n')
      .replace('"NUMBER(12\t2)"', 'NUMBER(12,2)')
    writeFileSync(path.join(dir, 'tab.tsv'), tsv)
    writeFileSync(path.join(dir, 'unicode.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]))
    const expected = withoutSource((await (async () => {
      const ws = await newWorkspace()
      await importInto(ws, [fixture('jumin-fields.cp932.csv')])
      return show(ws)
    })()).fields)
    for (const [name, format, encoding] of [
      ['plain.csv', 'csv', 'utf-8'],
      ['bom.csv', 'csv', 'utf-8-bom'],
      ['tab.tsv', 'tsv', 'utf-8'],
      ['unicode.txt', 'tsv', 'utf-16le'],
    ] as const) {
      const ws = await newWorkspace()
      const result = await importInto(ws, [path.join(dir, name)])
      expect(result.exitCode, `${name}: ${result.stderr}`).toBe(0)
      const system = await show(ws)
      expect(system.sources[0], name).toMatchObject({format, encoding})
      expect(withoutSource(system.fields), name).toEqual(expected)
    }
  })

  it('reads an XLSX 項目定義書: title block, multi-line and merged headers, formulas, cover and hidden sheets', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-teigisho.xlsx')])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain('シート「表紙」 見出し行が見つからないため読み飛ばしました')
    expect(result.stdout).toContain('シート「リスト」は非表示のため読み飛ばしました')
    const system = await show(ws)
    expect(system.fields).toHaveLength(11)
    expect(new Set(system.fields.map((f) => f.table))).toEqual(new Set(['JUMIN_KIHON', 'SETAI']))
    // the formula =100*2 is read as its value
    expect(system.fields.find((f) => f.column === 'JUSHO')).toMatchObject({length: 200, source: {file: 'jumin-teigisho.xlsx', sheet: '住民基本', row: 10}})
    // the table name merged down column A of 世帯
    expect(system.fields.filter((f) => f.table === 'SETAI').map((f) => f.source?.row)).toEqual([4, 5, 6, 7])
    expect(system.forms.map((f) => [f.id, f.name, f.fields.length])).toEqual([
      ['R0001', '住民票の写し', 5],
      ['R0002', '転入通知書', 3],
    ])
    expect(system.sources.map((s) => [s.kind, s.records])).toEqual([
      ['fields', 11],
      ['forms', 2],
    ])
  })

  it('reads the XML schema: tables, forms and functions with line provenance', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-current.xml')])
    expect(result.exitCode, result.stderr).toBe(0)
    const system = await show(ws)
    expect([system.fields.length, system.forms.length, system.functions.length]).toEqual([11, 2, 4])
    expect(system.fields[0]).toMatchObject({table: 'JUMIN_KIHON', column: 'ATENA_NO', type: 'number', length: 15, source: {file: 'jumin-current.xml', row: 5}})
    expect(system.forms[0]?.fields[0]).toEqual({
      name: '氏名',
      type: 'text',
      typeRaw: '文字',
      length: 120,
      sourceField: 'JUMIN_KIHON.SHIMEI',
      source: {file: 'jumin-current.xml', row: 39},
    })
    expect(system.functions.find((f) => f.id === 'F0004')).toMatchObject({inUse: false, category: ['住民記録', '証明']})
  })

  it('reads Shift_JIS XML as declared', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'sjis.xml')
    const text = `<?xml version="1.0" encoding="Shift_JIS"?>\n<currentSystem>\n  <table name="T"><field column="A" label="㈱髙﨑" type="X(10)"/></table>\n</currentSystem>\n`
    writeFileSync(file, iconv.encode(text, 'cp932'))
    const ws = await newWorkspace()
    const result = await importInto(ws, [file])
    expect(result.exitCode, result.stderr).toBe(0)
    expect((await show(ws)).fields[0]).toMatchObject({label: '㈱髙﨑', length: 10})
  })

  it('decodes the predefined entities and character references, and keeps CDATA as written', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'refs.xml')
    writeFileSync(
      file,
      `<currentSystem><table name="T"><field column="A" label="A &amp; B &#x65E5;&#26412;"><description><![CDATA[x &amp; <y>]]></description></field></table></currentSystem>`,
    )
    const ws = await newWorkspace()
    const result = await importInto(ws, [file])
    expect(result.exitCode, result.stderr).toBe(0)
    expect((await show(ws)).fields[0]).toMatchObject({label: 'A & B 日本', description: 'x &amp; <y>'})
  })

  it('reads 帳票一覧 + 帳票項目 from two CSVs into one form each, items in 印字順', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-forms-list.csv'), fixture('jumin-form-items.csv')])
    expect(result.exitCode, result.stderr).toBe(0)
    const {forms} = await show(ws)
    expect(forms.map((f) => f.name)).toEqual(['住民票の写し', '転入通知書'])
    expect(forms[1]?.fields.map((f) => f.name)).toEqual(['宛名番号', '氏名', '手数料'])
    expect(forms[1]?.source).toEqual({file: 'jumin-forms-list.csv', row: 3, line: 4})
    expect(forms[1]?.fields[0]?.source).toEqual({file: 'jumin-form-items.csv', row: 9})
  })

  it('reads a function list (TSV) and the same list as JSON', async () => {
    const tsv = await newWorkspace()
    expect((await importInto(tsv, [fixture('jumin-functions.tsv')])).exitCode).toBe(0)
    const json = await newWorkspace()
    const result = await importInto(json, [fixture('jumin-functions.json')])
    expect(result.exitCode, result.stderr).toBe(0)
    const a = await show(tsv)
    const b = await show(json)
    expect(a.functions).toHaveLength(4)
    expect(a.functions.map((f) => f.inUse)).toEqual([true, true, true, false])
    expect(a.functions[0]).toMatchObject({id: 'F0001', name: '転入届の受付', category: ['住民記録', '異動'], source: {file: 'jumin-functions.tsv', row: 2}})
    expect(b.functions[0]?.source).toEqual({file: 'jumin-functions.json', row: 4})
    expect(withoutSource(b.functions)).toEqual(withoutSource(a.functions))
  })

  it('round-trips: the CP932 CSV, the XLSX and the XML give the same model; show --json imports back as JSON', async () => {
    const systems = []
    for (const files of [
      [fixture('jumin-fields.cp932.csv'), fixture('jumin-forms-list.csv'), fixture('jumin-form-items.csv'), fixture('jumin-functions.tsv')],
      [fixture('jumin-teigisho.xlsx'), fixture('jumin-functions.json')],
      [fixture('jumin-current.xml')],
    ]) {
      const ws = await newWorkspace()
      const result = await importInto(ws, files)
      expect(result.exitCode, result.stderr).toBe(0)
      systems.push(await show(ws))
    }
    const [csv, xlsx, xml] = systems.map((s) => withoutSource({fields: s.fields, forms: s.forms, functions: s.functions}))
    expect(xlsx).toEqual(csv)
    expect(xml).toEqual(csv)

    // the JSON that show prints is an import format of its own
    const dir = tempDir()
    const exported = path.join(dir, 'exported.json')
    writeFileSync(exported, JSON.stringify(systems[2]))
    const ws = await newWorkspace()
    const result = await importInto(ws, [exported])
    expect(result.exitCode, result.stderr).toBe(0)
    const reimported = await show(ws)
    expect(withoutSource({fields: reimported.fields, forms: reimported.forms, functions: reimported.functions})).toEqual(csv)
  })
})

describe('fitgap current import: choosing what to read', () => {
  it('--kind limits a multi-kind file', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-current.xml')], '--kind', 'forms')
    expect(result.exitCode, result.stderr).toBe(0)
    const system = await show(ws)
    expect([system.fields.length, system.forms.length, system.functions.length]).toEqual([0, 2, 0])
  })

  it('--profile reads a vendor layout the dictionary does not know', async () => {
    const dir = tempDir()
    const csv = path.join(dir, 'vendor.csv')
    writeFileSync(csv, 'ﾃﾞｰﾀ名,ﾌｨｰﾙﾄﾞ,ｶﾀ,ﾅｶﾞｻ\n氏名,SHIMEI,X,40\n住所,JUSHO,N,100\n')
    const ws = await newWorkspace()
    const without = await importInto(ws, [csv])
    expect(without.exitCode).toBe(2)
    const profile = path.join(dir, 'vendor.yaml')
    writeFileSync(profile, 'kind: fields\ntable: KOJIN\naliases:\n  fields:\n    label: [データ名]\n    column: [フィールド]\n    type: [カタ]\n    length: [ナガサ]\n')
    const result = await importInto(ws, [csv], '--profile', profile)
    expect(result.exitCode, result.stderr).toBe(0)
    expect((await show(ws)).fields).toEqual([
      {table: 'KOJIN', column: 'SHIMEI', label: '氏名', type: 'text', typeRaw: 'X', length: 40, source: {file: 'vendor.csv', row: 2}},
      {table: 'KOJIN', column: 'JUSHO', label: '住所', type: 'text', typeRaw: 'N', length: 100, source: {file: 'vendor.csv', row: 3}},
    ])
  })

  it("uses the workspace's own mappings/header-aliases.yaml", async () => {
    const dir = tempDir()
    const csv = path.join(dir, 'own.csv')
    writeFileSync(csv, '項目の名前,物理名\n氏名,SHIMEI\n')
    const ws = await newWorkspace()
    expect((await importInto(ws, [csv])).exitCode).toBe(2)
    writeFileSync(path.join(ws, 'mappings', 'header-aliases.yaml'), 'fields:\n  label: [項目の名前]\n')
    const result = await importInto(ws, [csv])
    expect(result.exitCode, result.stderr).toBe(0)
  })

  it('prints a JSON report with --json', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-fields.cp932.csv')], '--json')
    expect(result.exitCode).toBe(0)
    expect(fitgapJson(result)).toMatchObject({
      area: 'jumin',
      files: [{file: 'jumin-fields.cp932.csv', format: 'csv', encoding: 'cp932', records: {fields: 11}}],
      totals: {fields: 11, forms: 0, functions: 0},
    })
  })

  it('current show without an import says so, and --json gives empty arrays', async () => {
    const ws = await newWorkspace()
    const text = await fitgap(['current', 'show', '住民基本台帳', '--workspace', ws])
    expect(text.exitCode).toBe(0)
    expect(text.stdout).toContain('まだ取り込まれていません')
    expect(await show(ws)).toEqual({area: 'jumin', sources: [], fields: [], forms: [], functions: []})
  })

  it('current show prints sources and counts', async () => {
    const ws = await newWorkspace()
    await importInto(ws, [fixture('jumin-current.xml')])
    const result = await fitgap(['current', 'show', 'jumin', '--workspace', ws])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('jumin-current.xml')
    expect(result.stdout).toContain('項目定義: 11 件 (テーブル 2)')
    expect(result.stdout).toContain('機能: 4 件 (利用中 3、利用なし 1)')
  })
})
