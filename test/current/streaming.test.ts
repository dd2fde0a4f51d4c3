import {writeFileSync} from 'node:fs'
import path from 'node:path'

import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'

import {tempDir} from '../helpers/cli.js'
import {fixture, importInto, newWorkspace, show} from './helpers.js'

describe('fitgap current import: larger files and layouts', () => {
  it('streams a multi-megabyte CP932 CSV (characters split across read chunks) with exact provenance', async () => {
    const rows = ['項目定義書', '', 'テーブル名,物理名,論理名,型,桁数,必須,説明']
    const count = 40_000
    for (let i = 1; i <= count; i++)
      rows.push(`T${Math.floor(i / 1000)},COL_${i},項目${i} ①㈱髙﨑,VARCHAR2(${(i % 200) + 1}),,${i % 2 ? '○' : ''},"説明 ${i}${i % 8000 === 0 ? '\n(続き)' : ''}"`)
    const bytes = iconv.encode(`${rows.join('\r\n')}\r\n`, 'cp932')
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024)
    const file = path.join(tempDir(), 'large.csv')
    writeFileSync(file, bytes)
    const ws = await newWorkspace()
    const result = await importInto(ws, [file])
    expect(result.exitCode, result.stderr).toBe(0)
    const {fields, sources} = await show(ws)
    expect(fields).toHaveLength(count)
    expect(sources[0]).toMatchObject({encoding: 'cp932', records: count})
    expect(fields.every((f, i) => f.label === `項目${i + 1} ①㈱髙﨑`)).toBe(true)
    // a quoted line break in every 8000th record: four above the last record, so its line is four past its row
    expect(fields.at(-1)).toMatchObject({column: `COL_${count}`, length: 1, source: {file: 'large.csv', row: count + 3, line: count + 3 + 4}})
  })

  it('fills down a table column and a form id left blank below the first row', async () => {
    const dir = tempDir()
    const fieldsCsv = path.join(dir, 'fields.csv')
    writeFileSync(fieldsCsv, 'テーブル名,カラム名,論理名\nJUMIN,ATENA_NO,宛名番号\n,SHIMEI,氏名\nSETAI,SETAI_NO,世帯番号\n,NUSHI,世帯主\n')
    const formsCsv = path.join(dir, 'forms.csv')
    writeFileSync(formsCsv, '帳票ID,帳票名,項目名\nR1,住民票,氏名\n,,住所\nR2,通知書,宛名番号\n')
    const ws = await newWorkspace()
    const result = await importInto(ws, [fieldsCsv, formsCsv])
    expect(result.exitCode, result.stderr).toBe(0)
    const system = await show(ws)
    expect(system.fields.map((f) => `${f.table}.${f.column}`)).toEqual(['JUMIN.ATENA_NO', 'JUMIN.SHIMEI', 'SETAI.SETAI_NO', 'SETAI.NUSHI'])
    expect(system.forms.map((f) => [f.id, f.name, f.fields.map((i) => i.name)])).toEqual([
      ['R1', '住民票', ['氏名', '住所']],
      ['R2', '通知書', ['宛名番号']],
    ])
  })

  it('warns about duplicate columns and unreadable yes/no values, and still imports', async () => {
    const file = path.join(tempDir(), 'warn.csv')
    writeFileSync(file, '項目名,物理名,必須\n氏名,SHIMEI,○\n氏名2,SHIMEI,条件付き\n')
    const ws = await newWorkspace()
    const result = await importInto(ws, [file])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('注意: ')
    expect(result.stderr).toContain('warn.csv 3行目: 項目 warn.SHIMEI は 2 行目にもあります (重複)')
    expect(result.stderr).toContain('必須の値「条件付き」を解釈できない')
    expect((await show(ws)).fields).toHaveLength(2)
  })

  it('warns about a function ID or a form given twice in one file, naming the rows', async () => {
    const dir = tempDir()
    const functions = path.join(dir, 'fn.csv')
    writeFileSync(functions, '機能ID,機能名\nF1,転入\nF2,転出\nF1,転入 (再掲)\n')
    const forms = path.join(dir, 'forms.csv')
    writeFileSync(forms, '帳票ID,帳票名\nR1,住民票\nR2,通知書\nR1,住民票の写し\n')
    const json = path.join(dir, 'fn.json')
    writeFileSync(json, JSON.stringify({functions: [{id: 'F9', name: 'a', inUse: true}, {id: 'F9', name: 'b', inUse: true}]}, null, 2))
    const ws = await newWorkspace()
    const result = await importInto(ws, [functions, forms, json])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toContain('fn.csv: 機能ID「F1」が 2 回あります (2行目・4行目)')
    expect(result.stderr).toContain('forms.csv 4行目: 帳票ID「R1」は 2 行目にもあります (重複)')
    expect(result.stderr).toContain('fn.json: 機能ID「F9」が 2 回あります (3行目・8行目)')
    expect(result.stderr).not.toContain('F2')
  })

  it('does not warn about the intended merge of a form list and its items', async () => {
    const ws = await newWorkspace()
    const result = await importInto(ws, [fixture('jumin-forms-list.csv'), fixture('jumin-form-items.csv'), fixture('jumin-teigisho.xlsx')])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).not.toContain('重複')
    expect(result.stderr).not.toContain('回あります')
  })
})
