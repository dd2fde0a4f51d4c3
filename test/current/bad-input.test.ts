import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'

import {tempDir} from '../helpers/cli.js'
import {currentFiles, fixture, importInto, newWorkspace, show} from './helpers.js'

/** Imports a file that must be refused: exit 2, a Japanese message naming the file, nothing written. */
async function refused(files: string[], ...flags: string[]): Promise<string> {
  const ws = await newWorkspace()
  const before = currentFiles(ws)
  const result = await importInto(ws, files, ...flags)
  expect(result.exitCode, result.stdout).toBe(2)
  expect(result.stderr).toMatch(/(^|\n)エラー: /)
  expect(currentFiles(ws)).toEqual(before)
  expect(result.stdout).toBe('')
  return result.stderr
}

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(tempDir(), name)
  writeFileSync(file, content)
  return file
}

describe('fitgap current import: bad input is refused with exit 2 and nothing written', () => {
  it('an empty file', async () => {
    expect(await refused([write('empty.csv', '')])).toContain('empty.csv: ファイルが空です')
    expect(await refused([write('blank.csv', '\uFEFF\r\n\r\n')])).toContain('ファイルが空です')
    expect(await refused([write('empty.xml', '')])).toContain('ファイルが空です')
    expect(await refused([write('empty.json', '{}')])).toContain('定義がありません')
  })

  it('no header: the message lists the rows looked at and what was expected', async () => {
    const message = await refused([write('noheader.csv', '住民記録 出力\nA,B,C\n1,2,3\n')])
    expect(message).toContain('noheader.csv: 見出し行が見つかりません')
    expect(message).toContain('先頭 3 行を調べました')
    expect(message).toContain('1行目: 「住民記録 出力」')
    expect(message).toContain('2行目: 「A」「B」「C」')
    expect(message).toContain('項目定義: 「')
    expect(message).toContain('「項目名」')
    expect(message).toContain('--profile')
  })

  it('no header in any sheet of a workbook', async () => {
    const ExcelJS = (await import('exceljs')).default
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('表紙').getCell('A1').value = '住民記録システム'
    workbook.addWorksheet('データ').getRow(1).values = ['あ', 'い']
    const file = path.join(tempDir(), 'noheader.xlsx')
    await workbook.xlsx.writeFile(file)
    const message = await refused([file])
    expect(message).toContain('どのシートにも見出し行が見つかりません')
    expect(message).toContain('シート「表紙」')
    expect(message).toContain('1行目: 「住民記録システム」')
  })

  it('mojibake: a CP932 file forced to UTF-8, a UTF-8 file forced to CP932', async () => {
    const asUtf8 = await refused([fixture('jumin-fields.cp932.csv')], '--encoding', 'utf-8')
    expect(asUtf8).toMatch(/jumin-fields\.cp932\.csv 1行目: UTF-8 として読めないバイトがあります \(文字化け\)/)
    expect(asUtf8).toContain('--encoding cp932')
    const utf8 = write('utf8.csv', iconv.decode(readFileSync(fixture('jumin-fields.cp932.csv')), 'cp932'))
    const asCp932 = await refused([utf8], '--encoding', 'cp932')
    expect(asCp932).toContain('utf8.csv: --encoding cp932 が指定されましたが、このファイルは UTF-8 で書かれています')
  })

  it('bytes that are neither UTF-8 nor CP932', async () => {
    const bytes = Buffer.concat([Buffer.from('name,type\n', 'utf8'), iconv.encode('氏名,', 'cp932'), Buffer.from([0x85, 0x40, 0x0a])])
    expect(await refused([write('broken.csv', bytes)])).toContain('broken.csv 2行目: 文字コードを判別できません')
  })

  it('duplicate header columns', async () => {
    const message = await refused([write('dup.csv', '項目名,物理名,項目名,型\n氏名,SHIMEI,姓名,文字\n')])
    expect(message).toContain('見出し「項目名」が A列・C列 にあり、どの列を使うか決められません')
  })

  it('ragged rows', async () => {
    const message = await refused([write('ragged.csv', '項目名,物理名,型,桁数\n氏名,SHIMEI,文字,40\n住所,JUSHO,文字\n性別,SEIBETSU,コード,1,余分\n')])
    expect(message).toContain('ragged.csv 3行目: 列の数が見出しと違います (見出し 4 列、この行 3 列)')
    expect(message).toContain('ragged.csv 4行目: 列の数が見出しと違います (見出し 4 列、この行 5 列)')
  })

  it('an unclosed quote', async () => {
    expect(await refused([write('quote.csv', '項目名,物理名\n"氏名,SHIMEI\n')])).toContain('引用符 (") が閉じられていません')
  })

  it('a binary file renamed .csv', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 0)])
    expect(await refused([write('image.csv', png)])).toContain('image.csv: CSV (テキスト) ではありません。中身は PNG 画像 のようです')
    const random = Buffer.from(Array.from({length: 4096}, (_, i) => (i * 7919) % 256))
    expect(await refused([write('random.csv', random)])).toContain('CSV (テキスト) ではありません')
    const xlsx = await refused([write('book.csv', readFileSync(fixture('jumin-teigisho.xlsx')))])
    expect(xlsx).toContain('拡張子を .xlsx にしてください')
  })

  it('a renamed text file given as .xlsx, and the old .xls format', async () => {
    expect(await refused([write('text.xlsx', '項目名,型\n')])).toContain('text.xlsx: XLSX ではありません')
    expect(await refused([write('old.xls', 'x')])).toContain('.xls) は読めません')
  })

  it('XML that is not well-formed: line and column', async () => {
    const message = await refused([write('broken.xml', '<currentSystem>\n  <table name="T">\n    <field column="A">\n  </table>\n</currentSystem>\n')])
    expect(message).toMatch(/broken\.xml 4行目 \d+列: XML として正しくありません/)
  })

  it('XML with an entity-expansion bomb is refused, not expanded', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({length: 9}, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<currentSystem><table name="T"><field column="A" label="&lol9;"/></table></currentSystem>',
    ].join('\n')
    const message = await refused([write('bomb.xml', lol)])
    expect(message).toContain('bomb.xml 3行目: DOCTYPE の実体宣言 (<!ENTITY …>) は受け付けません')
  })

  it('XML outside the schema', async () => {
    expect(await refused([write('root.xml', '<fields><field/></fields>')])).toContain('ルート要素は <currentSystem> にしてください')
    const message = await refused([
      write('schema.xml', '<currentSystem>\n<table name="T">\n<field column="A" size="3"/>\n<column name="B"/>\n</table>\n</currentSystem>'),
    ])
    expect(message).toContain('schema.xml 3行目: <field> に使えない属性 size があります')
    expect(message).toContain('schema.xml 4行目: <table> の中に <column> は書けません')
    expect(await refused([write('entity.xml', '<currentSystem><table name="T"><field column="&nbsp;"/></table></currentSystem>')])).toContain(
      '未定義の実体参照 &nbsp;',
    )
    expect(await refused([write('area.xml', '<currentSystem area="koseki"><table name="T"><field column="A"/></table></currentSystem>')])).toContain(
      '--area と合いません',
    )
  })

  it('a length like abc, in CSV, XLSX and XML', async () => {
    expect(await refused([write('length.csv', '項目名,物理名,型,桁数\n氏名,SHIMEI,文字,40\n住所,JUSHO,文字,abc\n')])).toContain(
      'length.csv 3行目: 桁数「abc」を解釈できません',
    )
    const ExcelJS = (await import('exceljs')).default
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('項目')
    sheet.getRow(1).values = ['項目名', '物理名', '桁数']
    sheet.getRow(2).values = ['氏名', 'SHIMEI', 'abc']
    const file = path.join(tempDir(), 'length.xlsx')
    await workbook.xlsx.writeFile(file)
    expect(await refused([file])).toContain('length.xlsx シート「項目」 セル C2: 桁数「abc」を解釈できません')
    expect(await refused([write('length.xml', '<currentSystem>\n<table name="T"><field column="A" length="abc"/></table></currentSystem>')])).toContain(
      'length.xml 2行目: <field> の length「abc」を解釈できません',
    )
  })

  it('JSON that is not JSON or not the model', async () => {
    expect(await refused([write('bad.json', '{\n  "fields": [\n    {"table": "T",}\n  ]\n}')])).toMatch(/bad\.json 3行目 \d+列: JSON として正しくありません/)
    const message = await refused([write('model.json', '{\n  "fields": [\n    {"table": "T", "column": "A", "label": "A", "length": "abc"}\n  ]\n}')])
    expect(message).toContain('model.json:3 fields[0].length')
    // a duplicate key is a JSON problem, said as such (not as YAML)
    const duplicate = await refused([write('dup.json', '{\n  "fields": [],\n  "fields": []\n}')])
    expect(duplicate).toMatch(/dup\.json 3行目 3列: JSON として正しくありません \(キー「fields」が重複しています\)/)
    expect(duplicate).not.toContain('YAML')
    expect(await refused([write('trailing.json', '{"fields": []} x')])).toMatch(/trailing\.json 1行目 \d+列: JSON として正しくありません/)
  })

  it('a missing file, and two files with the same name', async () => {
    expect(await refused([path.join(tempDir(), 'nothing.csv')])).toContain('nothing.csv: ファイルが見つかりません')
    const a = write('same.csv', '項目名,物理名\n氏名,SHIMEI\n')
    const b = write('same.csv', '項目名,物理名\n住所,JUSHO\n')
    expect(await refused([a, b])).toContain('取込元として同じ名前「same.csv」になります')
  })

  it('one bad file among good ones: nothing at all is written', async () => {
    const ws = await newWorkspace()
    expect((await importInto(ws, [fixture('jumin-functions.tsv')])).exitCode).toBe(0)
    const before = currentFiles(ws)
    const indexBefore = readFileSync(path.join(ws, 'current/jumin/index.json'), 'utf8')
    const result = await importInto(ws, [fixture('jumin-current.xml'), write('empty.csv', '')], '--replace')
    expect(result.exitCode).toBe(2)
    expect(currentFiles(ws)).toEqual(before)
    expect(readFileSync(path.join(ws, 'current/jumin/index.json'), 'utf8')).toBe(indexBefore)
    expect((await show(ws)).functions).toHaveLength(4)
  })
})
