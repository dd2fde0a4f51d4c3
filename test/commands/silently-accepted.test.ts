/** Inputs that used to be accepted without a word (issue 16): now refused or warned about, naming file and row. */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {saveMergedMapping} from '../../src/workspace/mapping-save.js'
import {demoCopy, fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

async function emptyWorkspace(): Promise<string> {
  const dir = path.join(tempDir(), 'ws')
  expect((await fitgap(['init', dir, '--area', 'jumin'])).exitCode).toBe(0)
  return dir
}

describe('a field with nothing to identify it', () => {
  it('a CSV row with a type but no column and no label is reported with its row, the others are imported', async () => {
    const dir = await emptyWorkspace()
    const file = path.join(dir, '項目.csv')
    writeFileSync(file, 'テーブル物理名,カラム名,論理名,データ型,桁数,説明\nT1,C1,氏名,CHAR,10,x\n,,,CHAR,10,説明だけ\nT1,C2,住所,CHAR,10,y\n')
    const result = await fitgap(['current', 'import', file, '--area', 'jumin', '--workspace', dir])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toContain('項目.csv 3行目: 型・桁数はありますが、カラム名も論理名もないため取り込みませんでした')
    const shown = fitgapJson<{fields: {column: string}[]}>(await fitgap(['current', 'show', 'jumin', '--workspace', dir, '--json']))
    expect(shown.fields.map((f) => f.column)).toEqual(['C1', 'C2'])
  })

  it('a note row (no type, no length) is skipped without a warning', async () => {
    const dir = await emptyWorkspace()
    const file = path.join(dir, 'notes.csv')
    writeFileSync(file, 'テーブル物理名,カラム名,論理名,データ型,桁数,説明\nT1,C1,氏名,CHAR,10,x\n,,,,,※ 以下は予備の項目\n')
    const result = await fitgap(['current', 'import', file, '--area', 'jumin', '--workspace', dir])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).not.toContain('取り込みませんでした')
  })

  it('JSON fields with empty column and label, or an empty table, are refused with their line (exit 2, nothing stored)', async () => {
    const dir = await emptyWorkspace()
    const file = path.join(dir, 'fields.json')
    writeFileSync(
      file,
      '{\n  "fields": [\n    {"table": "T", "column": "C", "label": "L"},\n    {"table": "", "column": "", "label": ""},\n    {"table": " ", "column": "D", "label": "M"}\n  ]\n}\n',
    )
    const result = await fitgap(['current', 'import', file, '--area', 'jumin', '--workspace', dir])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('fields.json:4 fields[1]: column も label も空です')
    expect(result.stderr).toContain('fields.json:5 fields[2]: table が空です (項目 D)')
    const shown = await fitgap(['current', 'show', 'jumin', '--workspace', dir, '--json'])
    expect(shown.stdout).not.toContain('"C"')
  })
})

describe('a workspace folder that cannot be used is never replaced by the bundled demo', () => {
  it('--workspace naming a missing folder: exit 2, says so, no demo run', async () => {
    const missing = path.join(tempDir(), 'nosuch')
    for (const args of [['analyze'], ['areas'], ['specs', 'show', 'jumin']]) {
      const result = await fitgap([...args, '--workspace', missing])
      expect(result.exitCode, args.join(' ')).toBe(2)
      expect(result.stderr).toContain(`ワークスペースのフォルダ ${missing} がありません`)
      expect(result.stderr).not.toContain('同梱のデモ')
    }
  })

  it('--workspace naming a file: exit 2, "not a folder"', async () => {
    const file = path.join(tempDir(), 'fitgap.yaml')
    writeFileSync(file, 'version: 1\n')
    const result = await fitgap(['analyze', '--workspace', file])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('はフォルダではありません')
  })
})

describe('a mapping file declaring another 業務', () => {
  const otherArea = (workspace: string) => {
    const file = path.join(workspace, 'mappings', 'jumin.yaml')
    const text = readFileSync(file, 'utf8').replace(/^area: jumin$/m, 'area: kojin')
    writeFileSync(file, text)
    return {file, text}
  }

  it('analyze, map check and map suggest refuse it (exit 2) and leave it as it is', async () => {
    const workspace = demoCopy()
    const {file, text} = otherArea(workspace)
    for (const args of [['analyze', 'jumin', '--out', path.join(workspace, 'out.xlsx')], ['map', 'check', 'jumin'], ['map', 'suggest', 'jumin']]) {
      const result = await fitgap([...args, '--workspace', workspace])
      expect(result.exitCode, args.join(' ')).toBe(2)
      expect(result.stderr).toContain('mappings/jumin.yaml は業務「kojin」の対応付けファイルです')
    }
    expect(readFileSync(file, 'utf8')).toBe(text)
  })

  it('a save merging onto a file whose area was changed meanwhile is refused', async () => {
    const workspace = demoCopy()
    const file = path.join(workspace, 'mappings', 'jumin.yaml')
    const readAs = readFileSync(file, 'utf8')
    const {text} = otherArea(workspace)
    expect(() => saveMergedMapping(file, readAs, (existing) => ({...existing!, area: 'jumin'}))).toThrow(/業務「kojin」の対応付けファイルです/)
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})
