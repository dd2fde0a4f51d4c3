/**
 * parseXmlDefinitions called directly (the import command runs it on files): what each element becomes, with its
 * line; entities never expanded; every refusal names the file, the line and what is wrong.
 */
import {describe, expect, it} from 'vitest'

import {InputError} from '../../src/errors.js'
import type {CurrentField, CurrentForm, CurrentFunction} from '../../src/model/current.js'
import {parseXmlDefinitions, type XmlContext} from '../../src/current/read-xml.js'
import type {RecordSink} from '../../src/current/records.js'

const CONTEXT: XmlContext = {display: 'exports/jumin.xml', fileKey: 'jumin.xml', areaMatches: (value) => value === 'jumin'}

function collect(text: string, context: Partial<XmlContext> = {}) {
  const got = {fields: [] as CurrentField[], forms: [] as CurrentForm[], functions: [] as CurrentFunction[]}
  const sink: RecordSink = {field: (r) => got.fields.push(r), form: (r) => got.forms.push(r), function: (r) => got.functions.push(r)}
  const result = parseXmlDefinitions(text, {...CONTEXT, ...context}, sink)
  return {...result, ...got}
}

function refusal(text: string): InputError {
  try {
    collect(text)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('not refused')
}

const wrap = (body: string, root = '<currentSystem area="jumin">') => `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${body}\n</currentSystem>\n`

const SAMPLE = wrap(`<!-- 住記 -->
<table name="JUMIN_KIHON" label="住民基本">
  <field column="ATENA_NO" label="宛名番号" type="CHAR(15)" required="true" codeTable="宛名"/>
  <field column="SHIMEI" label="氏名 &amp; 通称" type="文字" length="40" nullable="true">
    <description>本名と<![CDATA[<通称>]]> &#x3042;&#12354;</description>
  </field>
  <field label="郵便番号" type="NUMBER(7)" length="(8,2)" required="いいえ" description="属性の説明"/>
  <field column="KINGAKU" type="9(5)V99" scale="0"/>
</table>
<form id="R001" name="住民票の写し" standardId="0010001、0010002" description="説明">
  <item name="氏名" type="X(40)" source="JUMIN_KIHON.SHIMEI"/>
  <item name="金額" length="10" scale="2"/>
</form>
<form name="転出証明書" standardId=""/>
<function id="F001" name="転入届の受付" inUse="false" standardId="0010001">
  <category>届出</category>
  <category> </category>
  <category>転入</category>
  <description>転入の受付</description>
</function>
<function id="F002"/>`)

describe('parseXmlDefinitions', () => {
  it('reads tables, forms and functions with the line of each element', () => {
    const got = collect(SAMPLE)
    expect(got.counts).toEqual({fields: 4, forms: 2, functions: 2})
    expect(got.skipped).toBe(0)
    expect(got.fields).toEqual([
      {table: 'JUMIN_KIHON', column: 'ATENA_NO', label: '宛名番号', type: 'text', typeRaw: 'CHAR(15)', length: 15, required: true, codeTable: '宛名', source: {file: 'jumin.xml', row: 5}},
      {table: 'JUMIN_KIHON', column: 'SHIMEI', label: '氏名 & 通称', type: 'text', typeRaw: '文字', length: 40, required: false, description: '本名と<通称>ああ', source: {file: 'jumin.xml', row: 6}},
      {table: 'JUMIN_KIHON', column: '郵便番号', label: '郵便番号', type: 'number', typeRaw: 'NUMBER(7)', length: 8, scale: 2, required: false, description: '属性の説明', source: {file: 'jumin.xml', row: 9}},
      {table: 'JUMIN_KIHON', column: 'KINGAKU', label: 'KINGAKU', type: 'number', typeRaw: '9(5)V99', length: 7, source: {file: 'jumin.xml', row: 10}},
    ])
    expect(got.forms).toEqual([
      {
        id: 'R001',
        name: '住民票の写し',
        description: '説明',
        standardIds: ['0010001', '0010002'],
        fields: [
          {name: '氏名', type: 'text', typeRaw: 'X(40)', length: 40, sourceField: 'JUMIN_KIHON.SHIMEI', source: {file: 'jumin.xml', row: 13}},
          {name: '金額', length: 10, scale: 2, source: {file: 'jumin.xml', row: 14}},
        ],
        source: {file: 'jumin.xml', row: 12},
      },
      // An empty standardId still says the vendor has no standard form for it.
      {id: '転出証明書', name: '転出証明書', standardIds: [], fields: [], source: {file: 'jumin.xml', row: 16}},
    ])
    expect(got.functions).toEqual([
      {id: 'F001', name: '転入届の受付', category: ['届出', '転入'], description: '転入の受付', standardIds: ['0010001'], inUse: false, source: {file: 'jumin.xml', row: 17}},
      {id: 'F002', name: 'F002', inUse: true, source: {file: 'jumin.xml', row: 23}},
    ])
    expect(Object.keys(got.functions[1]!)).toEqual(['id', 'name', 'inUse', 'source'])
  })

  it('takes the table label when it has no name, and a description element over the attribute', () => {
    const got = collect(wrap('<table label="ラベル"><field column="A" description="attr"><description>  </description></field></table>\n<form id="C"><description>要素</description></form>'))
    expect(got.fields).toEqual([{table: 'ラベル', column: 'A', label: 'A', description: 'attr', source: {file: 'jumin.xml', row: 3}}])
    expect(got.forms[0]!.description).toBe('要素')
  })

  it('reads only the kinds asked for, counting the others as skipped', () => {
    expect(collect(SAMPLE, {kinds: ['fields']})).toMatchObject({counts: {fields: 4}, skipped: 4, forms: [], functions: []})
    expect(collect(SAMPLE, {kinds: ['forms']})).toMatchObject({counts: {forms: 2}, skipped: 6, fields: [], functions: []})
    expect(collect(SAMPLE, {kinds: ['functions']})).toMatchObject({counts: {functions: 2}, skipped: 6, fields: [], forms: []})
  })

  it('accepts a root with no area, a namespace and comments around it, and refuses another 業務 or another root', () => {
    expect(collect('<!-- a -->\n<currentSystem xmlns="urn:x" xmlns:x="urn:y" version="1"><function id="F"/></currentSystem>').counts).toEqual({functions: 1})
    expect(collect('<currentSystem area=""><function id="F"/></currentSystem>').counts).toEqual({functions: 1})
    expect(refusal(wrap('<function id="F"/>', '<currentSystem area="kojin">')).message).toBe('exports/jumin.xml 2行目: このファイルは業務「kojin」の定義です。--area と合いません。')
    expect(refusal('<system><function id="F"/></system>').message).toBe(
      'exports/jumin.xml: ルート要素は <currentSystem> にしてください (<system> になっています)。書き方は docs/current-import.md にあります。',
    )
    // No element at all: the validator says so, with the line and no column it does not know.
    expect(refusal('<?xml version="1.0"?>\n<!-- only a comment -->').message).toBe('exports/jumin.xml 1行目: XML として正しくありません: XML の構造が正しくありません (Start tag expected.)')
  })

  it('refuses an ENTITY declaration before parsing, naming its line', () => {
    const text = '<?xml version="1.0"?>\n<!DOCTYPE x [\n<!ENTITY a "aaaa">\n]>\n<currentSystem/>'
    expect(refusal(text).message).toBe(
      'exports/jumin.xml 3行目: DOCTYPE の実体宣言 (<!ENTITY …>) は受け付けません。実体は展開しない決まりです (実体展開攻撃の防止)。実体宣言を取り除いてください。',
    )
  })

  it('says where XML is malformed, in Japanese, keeping a long validator message short', () => {
    expect(refusal('<currentSystem>\n<table name="T">\n</currentSystem>').message).toMatch(/^exports\/jumin\.xml 3行目 \d+列: XML として正しくありません: タグが正しくありません \(閉じタグの対応・名前\) \(.+\)$/)
    expect(refusal('<currentSystem>\n<table name="T" name="U"/></currentSystem>').message).toMatch(/^exports\/jumin\.xml 2行目 \d+列: XML として正しくありません: 属性が正しくありません \(/)
    const long = refusal(`<currentSystem>${'<abcdefghij>'.repeat(100)}`).message
    expect(long).toMatch(/…\)$/)
    expect(long.length).toBeLessThan(400)
  })

  it('explains the parser limits: nesting too deep (with the line) and a reserved name', () => {
    const deep = `<currentSystem>\n${'<table>\n'.repeat(120)}${'</table>'.repeat(120)}</currentSystem>`
    expect(refusal(deep).message).toBe('exports/jumin.xml 101行目: 要素の入れ子が深すぎます (上限 100 段)。定義のファイルとしては深すぎるため、読んでいません。')
    const proto = refusal('<currentSystem>\n<table name="T">\n<field __proto__="x" column="C"/>\n</table>\n</currentSystem>')
    expect(proto.message).toBe('exports/jumin.xml 3行目: 要素・属性の名前「__proto__」は使えません (プログラムの内部の名前と衝突するため)。名前を変えてください。')
  })

  it('decodes the five predefined entities and character references, leaves bad ones as written and refuses undefined ones', () => {
    const got = collect(wrap('<function id="F" name="&lt;&gt;&quot;&apos;&amp; &#65;&#x42; &#0; &#xD800; &#x110000;"/>'))
    expect(got.functions[0]!.name).toBe(`<>"'& AB &#0; &#xD800; &#x110000;`)
    const error = refusal(wrap('<function id="F" name="&nbsp;"/>\n<function id="G">\n<description>&copy;</description>\n</function>'))
    expect(error.message).toBe('exports/jumin.xml に誤りがあります (2 件)。ファイルは取り込んでいません。\n' +
      '  exports/jumin.xml 3行目: 未定義の実体参照 &nbsp; があります (XML の5つの定義済み実体と文字参照だけが使えます)。\n' +
      '  exports/jumin.xml 5行目: 未定義の実体参照 &copy; があります (XML の5つの定義済み実体と文字参照だけが使えます)。')
  })

  it('lists every mistake with its line, sends no record when there is one, and stops after 20', () => {
    const body = [
      '<table>', // 3: no name
      '  <field type="文字"/>', // 4: no column or label
      '  <field column="A" length="abc" scale="x" required="たぶん" nullable="?" colour="red"/>', // 5
      '  <unknown/>', // 6
      '  text', // inside <table>: line of <table>
      '</table>',
      '<form>', // 9: no id or name
      '  <item type="X(3)"><x/></item>', // 10: no name, nothing inside <item>
      '</form>',
      '<function inUse="maybe"/>', // 12
      '<widget/>', // 13
    ].join('\n')
    const error = refusal(wrap(body))
    expect(error.problems).toEqual([
      // The root's children are checked first.
      'exports/jumin.xml 13行目: <currentSystem> の中に <widget> は書けません (書ける要素: <table> <form> <function>)。',
      'exports/jumin.xml 3行目: <table> に name がありません。',
      'exports/jumin.xml 6行目: <table> の中に <unknown> は書けません (書ける要素: <field>)。',
      'exports/jumin.xml 3行目: <table> の中に文字だけを書くことはできません。',
      'exports/jumin.xml 4行目: <field> に column も label もありません。',
      'exports/jumin.xml 5行目: <field> に使えない属性 colour があります (使える属性: column, label, type, length, scale, required, nullable, codeTable, description)。',
      'exports/jumin.xml 5行目: <field> の length「abc」を解釈できません (数字ではありません)。',
      'exports/jumin.xml 5行目: <field> の scale「x」が数字ではありません。',
      'exports/jumin.xml 5行目: <field> の required「たぶん」は true か false で書いてください。',
      'exports/jumin.xml 5行目: <field> の nullable「?」は true か false で書いてください。',
      'exports/jumin.xml 9行目: <form> に id も name もありません。',
      'exports/jumin.xml 10行目: <item> の中に <x> は書けません (書ける要素: なし)。',
      'exports/jumin.xml 10行目: <item> に name がありません。',
      'exports/jumin.xml 12行目: <function> に id も name もありません。',
      'exports/jumin.xml 12行目: <function> の inUse「maybe」は true か false で書いてください。',
    ])
    expect(error.message.split('\n')[0]).toBe('exports/jumin.xml に誤りがあります (15 件)。ファイルは取り込んでいません。')

    const many = wrap(Array.from({length: 30}, (_, i) => `<function id="F${i}" inUse="maybe"/>`).join('\n'))
    const capped = refusal(many)
    // Reading stops once 20 are listed: the rest of the file is not looked at.
    expect(capped.problems).toHaveLength(20)
    expect(capped.problems.at(-1)).toBe('exports/jumin.xml 22行目: <function> の inUse「maybe」は true か false で書いてください。')
    expect(capped.message.split('\n')[0]).toBe('exports/jumin.xml に誤りがあります (20 件)。ファイルは取り込んでいません。')
  })

  it('sends nothing once a mistake is found, even for good elements after it', () => {
    let sent = 0
    const sink: RecordSink = {field: () => sent++, form: () => sent++, function: () => sent++}
    expect(() => parseXmlDefinitions(wrap('<function/>\n<function id="G"/>\n<form id="C"/>\n<table name="T"><field column="A"/></table>'), CONTEXT, sink)).toThrow(InputError)
    expect(sent).toBe(0)
  })
})
