import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import type {CatalogDiff} from '../../src/specs/diff.js'
import {fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

const header = (edition: string) => `area: jumin
edition: ${edition}
title: テスト ${edition}
provenance: {type: official, source: test-${edition}.xlsx, importedAt: '2030-01-01'}
`

const V1 = `${header('t-1')}functions:
  - {id: '0010001', section: '1.1.1', category: [管理項目], name: 住民データの管理, text: 日本人住民の氏名を登録・保持・訂正できること。, kind: 実装必須機能}
  - {id: '0010002', section: '1.1.2', category: [管理項目], name: 旧氏の管理, text: 旧氏を管理できること。, kind: 標準オプション機能}
  - {id: '0010003', section: '1.1.5', category: [管理項目], name: 除票の一括検索, text: 除票を一度の操作で検索できること。, kind: 実装必須機能}
  - {id: '0010004', category: [管理項目], name: 独自様式, text: 独自様式の証明書を出力できること。, kind: 標準オプション機能}
  - {id: '0010005', category: [管理項目], name: 紙の住民票, text: 紙の住民票原本を作成すること。, kind: 実装不可機能}
  - {id: '001-0006', category: [管理項目], name: '=HYPERLINK("http://example.invalid")', text: '+式のような本文', kind: 実装必須機能}
forms:
  - id: '0010001'
    name: 住民票の写し
    category: 証明書
    kind: 実装必須機能
    fields: [{name: 氏名, dataItem: A-1}, {name: 認証文, type: 文字, length: 200}]
dataItems:
  - {id: A-1, group: 個人基本, name: 氏名, type: 文字, length: 100, required: true}
  - {id: A-2, group: 個人基本, name: 性別, type: コード, length: 1, required: false}
`

const V2 = `${header('t-2')}functions:
  - {id: '0010001', section: '1.1.1', category: [管理項目], name: 住民データの管理, text: 日本人住民の氏名、性別を登録・保持・修正できること。, kind: 実装必須機能}
  - {id: '0010002', section: '1.1.2', category: [管理項目], name: 旧氏の管理, text: 旧氏を管理できること。, kind: 実装必須機能}
  - {id: '0010099', section: '1.1.5', category: [管理項目], name: 除票の一括検索, text: 除票を一度の操作で検索できること。, kind: 実装必須機能}
  - {id: '0010004', category: [管理項目], name: 独自様式, text: 独自様式の証明書を出力できること。, kind: 実装不可機能}
  - {id: '0010005', category: [管理項目], name: 紙の住民票, text: 紙の住民票原本を作成すること。, kind: 標準オプション機能}
  - {id: '001-0006', category: [管理項目], name: '=HYPERLINK("http://example.invalid")', text: '+式のような本文を変えた', kind: 実装必須機能}
  - {id: '0010100', category: [管理項目], name: 振り仮名の記載, text: 氏名の振り仮名を記載できること。, kind: 実装必須機能}
forms:
  - id: '0010001'
    name: 住民票の写し
    category: 証明書
    kind: 実装必須機能
    fields: [{name: 氏名, dataItem: A-1}, {name: 認証文, type: 文字, length: 300}, {name: 発行番号, type: 文字}]
dataItems:
  - {id: A-1, group: 個人基本, name: 氏名, type: 文字, length: 120, required: true}
`

function workspaceWithEditions(): string {
  const root = path.join(tempDir(), 'ws')
  mkdirSync(path.join(root, 'specs', 'jumin'), {recursive: true})
  writeFileSync(path.join(root, 'fitgap.yaml'), 'version: 1\nname: テスト\nareas: [jumin]\n')
  writeFileSync(path.join(root, 'specs', 'jumin', 't-1.yaml'), V1)
  writeFileSync(path.join(root, 'specs', 'jumin', 't-2.yaml'), V2)
  return root
}

describe('fitgap specs diff', () => {
  it('finds workspace editions and prints a summary', async () => {
    const ws = workspaceWithEditions()
    const result = await fitgap(['specs', 'diff', 'jumin', '--from', 't-1', '--to', 't-2'], {cwd: ws})
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('住民基本台帳 (jumin): t-1 (ワークスペース) → t-2 (ワークスペース)')
    expect(result.stdout).toMatch(/機能要件\s+1\s+0\s+5\s+1\s+0/)
    expect(result.stdout).toContain('実装区分の変化 (エラー 1 / 警告 1 / 情報 1)')
    expect(result.stdout).toContain('0010003 → 0010099 除票の一括検索 (項番・名称が一致, 確度 100%)')
    expect(result.stdout).toContain('[-訂正-]{+修正+}')
    expect(result.stdout).toContain('削除 A-2 性別')
    expect(result.stdout).toContain('桁数 100 → 120')
  })

  it('prints deterministic JSON', async () => {
    const ws = workspaceWithEditions()
    const run = () => fitgap(['specs', 'diff', '住民基本台帳', '--from', 't-1', '--to', 't-2', '--json', '--workspace', ws])
    const first = await run()
    expect(first.exitCode).toBe(0)
    expect((await run()).stdout).toBe(first.stdout)
    const diff = fitgapJson<CatalogDiff>(first)
    expect(diff.from).toEqual({edition: 't-1', title: 'テスト t-1', provenance: 'official', source: 'test-t-1.xlsx'})
    expect(diff.summary.functions).toEqual({added: 1, removed: 0, changed: 5, renumbered: 1, unchanged: 0})
    expect(diff.summary.kindChanges).toEqual({error: 1, warning: 1, info: 1})
    expect(diff.functions.find((f) => f.status === 'renumbered')).toMatchObject({fromId: '0010003', toId: '0010099'})
  })

  it('writes an Excel workbook with rich-text diffs, coloured 実装区分 changes, frozen header and autofilter', async () => {
    const ws = workspaceWithEditions()
    const out = path.join(tempDir(), 'out', '版差分.xlsx')
    const result = await fitgap(['specs', 'diff', 'jumin', '--from', 't-1', '--to', 't-2', '--out', out, '--workspace', ws])
    expect(result.exitCode).toBe(0)
    expect(readdirSync(path.dirname(out))).toEqual(['版差分.xlsx'])

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['サマリー', '機能要件', '帳票', '帳票項目', 'データ項目', '凡例'])
    const sheet = workbook.getWorksheet('機能要件')!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[]
    const col = (name: string) => headers.indexOf(name) + 1
    expect(sheet.views[0]).toMatchObject({state: 'frozen', ySplit: 1})
    expect(sheet.autoFilter).toBeTruthy()
    const rowOf = (key: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(col('キー')).value === key) return sheet.getRow(r)
      throw new Error(`no row ${key}`)
    }

    const changed = rowOf('fn:0010001').getCell(col('要件 (差分)')).value as ExcelJS.CellRichTextValue
    // removed and added words side by side, as the reader sees them
    expect(changed.richText.map((run) => run.text).join('')).toBe('日本人住民の氏名、性別を登録・保持・訂正修正できること。')
    const removed = changed.richText.find((run) => run.text === '訂正')!
    expect(removed.font).toMatchObject({strike: true, color: {argb: 'FFC00000'}})
    const added = changed.richText.find((run) => run.text === '修正')!
    expect(added.font).toMatchObject({underline: true, color: {argb: 'FF0070C0'}})
    const plainRun = changed.richText.find((run) => run.text.startsWith('日本人住民の氏名'))!
    expect(plainRun.font?.strike).toBeFalsy()

    const kindCell = (key: string) => rowOf(key).getCell(col('実装区分 (新)'))
    const argb = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb
    expect(argb(kindCell('fn:0010004'))).toBe('FFFFC7CE') // → 実装不可: error
    expect(argb(kindCell('fn:0010002'))).toBe('FFFFEB9C') // → 実装必須: warning
    expect(argb(kindCell('fn:0010005'))).toBe('FFC6EFCE') // → 標準オプション: info
    expect(rowOf('fn:0010004').getCell(col('重要度')).value).toBe('エラー')
    expect(rowOf('fn:0010099').getCell(col('照合 (番号変更)')).value).toBe('項番・名称が一致 100%')

    // text from the catalogue is never a formula
    const formulaLike = rowOf('fn:001-0006')
    expect(formulaLike.getCell(col('機能名称')).value).toBe('\'=HYPERLINK("http://example.invalid")')
    expect(formulaLike.getCell(col('機能名称')).formula).toBeUndefined()
    const formulaText = formulaLike.getCell(col('要件 (差分)')).value as ExcelJS.CellRichTextValue
    expect(formulaText.richText[0]!.text.startsWith("'+")).toBe(true)

    const fields = workbook.getWorksheet('帳票項目')!
    const fieldNames = [] as string[]
    for (let r = 2; r <= fields.rowCount; r++) fieldNames.push(String(fields.getRow(r).getCell(5).value))
    expect(fieldNames).toEqual(['認証文', '発行番号'])
    const items = workbook.getWorksheet('データ項目')!
    expect(items.getRow(2).getCell(8).value).toBe('100 → 120')
  })

  it('defaults to the latest edition and the one before it', async () => {
    const ws = workspaceWithEditions()
    const result = await fitgap(['specs', 'diff', 'jumin', '--json', '--workspace', ws])
    expect(result.exitCode).toBe(0)
    const diff = fitgapJson<CatalogDiff>(result)
    expect([diff.from.edition, diff.to.edition]).toEqual(['t-1', 't-2'])
  })

  it('works out of the box on the bundled 住民基本台帳 editions', async () => {
    const result = await fitgap(['specs', 'diff', 'jumin', '--from', 'rep-1', '--to', 'rep-2', '--json'], {cwd: tempDir()})
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    const diff = fitgapJson<CatalogDiff>(result)
    const {functions, forms, dataItems, kindChanges} = diff.summary
    expect(functions.added).toBeGreaterThan(0)
    expect(functions.removed).toBeGreaterThan(0)
    expect(functions.renumbered).toBeGreaterThanOrEqual(1)
    expect(diff.functions.filter((f) => f.textDiff).length).toBeGreaterThan(3)
    expect(kindChanges.error).toBeGreaterThan(0)
    expect(kindChanges.warning).toBeGreaterThan(0)
    expect(kindChanges.info).toBeGreaterThan(0)
    expect(forms.changed).toBeGreaterThan(0)
    expect(dataItems.added + dataItems.removed + dataItems.changed).toBeGreaterThan(0)
  })

  it('exits 2 on an unknown edition, a non-xlsx --out, and when there is only one edition', async () => {
    const ws = workspaceWithEditions()
    const unknown = await fitgap(['specs', 'diff', 'jumin', '--from', 'nope', '--to', 't-2', '--workspace', ws])
    expect(unknown.exitCode).toBe(2)
    expect(unknown.stderr).toContain('版「nope」はありません')
    const out = path.join(tempDir(), 'diff.csv')
    const badOut = await fitgap(['specs', 'diff', 'jumin', '--from', 't-1', '--to', 't-2', '--out', out, '--workspace', ws])
    expect(badOut.exitCode).toBe(2)
    expect(existsSync(out)).toBe(false)
    const single = await fitgap(['specs', 'diff', 'senkyo'], {cwd: tempDir()})
    expect(single.exitCode).toBe(2)
    expect(single.stderr).toContain('比べる版が1つしかありません')
  })
})
