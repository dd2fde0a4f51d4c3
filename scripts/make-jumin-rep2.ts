/**
 * Builds specs/jumin/rep-2.yaml, a plausible (fictional) revision of the representative 住民基本台帳 catalogue
 * specs/jumin/rep-1.yaml, so that `fitgap specs diff jumin` has something to show out of the box.
 *
 *   npx tsx scripts/make-jumin-rep2.ts            # writes specs/jumin/rep-2.yaml
 *   npx tsx scripts/make-jumin-rep2.ts --check    # exits 1 if rep-2.yaml is not what the script would write
 *
 * Re-run it whenever rep-1.yaml changes. The revision is made by editing the YAML tree of rep-1 (comments and layout
 * are kept), with targets chosen by rule (first optional function, …) so that edits of rep-1 do not break it:
 * - additions: 4 functions, 1 form (振り仮名の通知), 3 data items;
 * - removals: 3 functions, 1 data item no form prints;
 * - reworded requirement texts (every 25th function, four kinds of edit);
 * - 実装区分 changes in every direction (→ 実装必須 / → 実装不可 / → 標準オプション), one form included;
 * - one function renumbered (same 項番 and 名称, new ID);
 * - a changed form (住民票の写し: an item added, one dropped, one renamed, a length changed, the 概要 reworded);
 * - data items with a changed length, required flag and description (never the 宛名 items many 業務 share).
 * The text is our own wording, not the official specification.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {type Document, isMap, isScalar, isSeq, parseDocument, Scalar, visit, YAMLMap, YAMLSeq} from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SOURCE = path.join(ROOT, 'specs/jumin/rep-1.yaml')
const TARGET = path.join(ROOT, 'specs/jumin/rep-2.yaml')

type Node = YAMLMap<unknown, unknown>

/** 宛名 items several 業務 hold; their type / length / nameEn / codeTable must stay the same in every catalogue. */
const SHARED_ITEM_NAMES = new Set(['宛名番号', '世帯番号', '個人番号', '氏名', '氏名フリガナ', '生年月日', '性別', '郵便番号', '住所', '方書', '住所コード', '電話番号', '続柄', '世帯主氏名'])

function fail(message: string): never {
  throw new Error(`make-jumin-rep2: ${message}`)
}

const str = (node: Node, key: string): string => {
  const value = node.get(key)
  return typeof value === 'string' ? value : ''
}

function seqOf(doc: Document, key: string): YAMLSeq<Node> {
  const seq = doc.get(key, true)
  if (!isSeq(seq)) fail(`${key} がありません`)
  return seq as YAMLSeq<Node>
}

/** New nodes: IDs in single quotes like the rest of the file, 分類 and 印字項目 on one line. */
function newNode(doc: Document, value: Record<string, unknown>): Node {
  const node = doc.createNode(value) as Node
  visit(node, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && /^[\d.]+$/.test(scalar.value)) scalar.type = Scalar.QUOTE_SINGLE
    },
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined
      if (key === 'category' && isSeq(pair.value)) pair.value.flow = true
      if (key === 'fields' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true
    },
  })
  return node
}

/** Removes an item, handing its leading comment (a section heading) to the next item. */
function removeAt(seq: YAMLSeq<Node>, index: number): Node {
  const [removed] = seq.items.splice(index, 1)
  if (!removed) fail(`削除する位置 ${index} がありません`)
  const next = seq.items[index]
  if (removed.commentBefore && next) next.commentBefore = [removed.commentBefore, next.commentBefore].filter(Boolean).join('\n')
  return removed
}

function nextId(ids: readonly string[], prefix: string, width: number): () => string {
  let max = Math.max(0, ...ids.filter((id) => id.startsWith(prefix)).map((id) => Number(id.slice(prefix.length))))
  return () => {
    max += 1
    return `${prefix}${String(max).padStart(width, '0')}`
  }
}

export function makeRep2(text: string): string {
  const doc = parseDocument(text)
  doc.commentBefore = [
    ' 住民記録システム標準仕様書の代表例カタログ 第2版相当 (fitgap 同梱)。',
    ' scripts/make-jumin-rep2.ts が rep-1.yaml から作る架空の改定版で、`fitgap specs diff jumin` の確認用。',
    ' 追加・削除・文言の修正・実装区分の変更・機能IDの付け替え・帳票の変更を含む。公式の標準仕様書の本文ではない。',
    ' 手で直さず、rep-1.yaml を直してからスクリプトを実行し直すこと。',
  ].join('\n')
  doc.set('edition', 'rep-2')
  doc.set('title', '住民記録システム標準仕様書 (代表例・改定版)')
  const root = doc.contents
  if (!isMap(root)) fail('カタログの形ではありません')
  const published = new Scalar('2026-04-01')
  published.type = Scalar.QUOTE_SINGLE
  doc.set('publishedAt', published)
  // keep it right after the title, as in docs/catalog-format.md
  const keyIndex = (key: string) => root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === key)
  const [publishedPair] = root.items.splice(keyIndex('publishedAt'), 1)
  if (publishedPair) root.items.splice(keyIndex('title') + 1, 0, publishedPair)
  const provenance = doc.get('provenance', true)
  if (!isMap(provenance)) fail('provenance がありません')
  provenance.set('note', 'rep-1 をもとに fitgap 開発者が作った架空の改定版 (版差分の確認用)。公式の標準仕様書の本文ではない。')
  // Marked so that no command picks it unless it is named (fitgap.yaml editions or --edition).
  doc.set('fictional', true)
  const [fictionalPair] = root.items.splice(keyIndex('fictional'), 1)
  if (fictionalPair) root.items.splice(keyIndex('provenance') + 1, 0, fictionalPair)

  const functions = seqOf(doc, 'functions')
  const forms = seqOf(doc, 'forms')
  const items = seqOf(doc, 'dataItems')
  const fnIds = functions.items.map((n) => str(n, 'id'))
  const newFunctionId = nextId(fnIds, '001', 4)
  const touched = new Set<Node>()
  const byKind = (kind: string) => functions.items.filter((n) => str(n, 'kind') === kind && !touched.has(n))

  // 1. Renumbering: 除票の一括検索 (or the 11th function) gets a new ID; 項番・名称・本文 stay.
  const renumbered = functions.items.find((n) => str(n, 'name') === '除票の一括検索') ?? functions.items[10] ?? fail('機能が少なすぎます')
  renumbered.set('id', new Scalar(newFunctionId()))
  ;(renumbered.get('id', true) as Scalar).type = Scalar.QUOTE_SINGLE
  touched.add(renumbered)

  // 2. 実装区分 changes in every direction.
  const kindChanges: [string, string][] = [
    ['標準オプション機能', '実装必須機能'],
    ['標準オプション機能', '実装必須機能'],
    ['標準オプション機能', '実装不可機能'],
    ['実装不可機能', '標準オプション機能'],
  ]
  for (const [from, to] of kindChanges) {
    const node = byKind(from)[0] ?? fail(`${from} の機能がありません`)
    node.set('kind', to)
    touched.add(node)
  }
  const lastMandatory = byKind('実装必須機能').at(-3) ?? fail('実装必須機能の機能がありません')
  lastMandatory.set('kind', '標準オプション機能')
  touched.add(lastMandatory)

  // 3. Reworded requirement texts: every 25th function from the 4th, four kinds of edit in turn.
  const edits: ((text: string) => string)[] = [
    (t) => (/できること。$/.test(t) ? t.replace(/できること。$/, 'できること。また、その処理の結果を操作ログに記録すること。') : `${t}また、その処理の結果を操作ログに記録すること。`),
    (t) => {
      for (const [a, b] of [['訂正', '修正'], ['保持', '管理'], ['出力', '出力・電子ファイル化'], ['表示', '画面表示']] as const)
        if (t.includes(a)) return t.replace(a, b)
      return `${t}なお、詳細は各団体の運用による。`
    },
    (t) => {
      const sentences = t.split(/(?<=。)/).filter((s) => s !== '')
      return sentences.length > 1 ? sentences.slice(0, -1).join('') : `原則として、${t}`
    },
    (t) => (t.includes('、') ? t.replace('、', '、法令に特別の定めがある場合を除き、') : `法令に特別の定めがある場合を除き、${t}`),
  ]
  let editNo = 0
  for (let i = 3; i < functions.items.length; i += 25) {
    const node = functions.items[i]!
    if (touched.has(node)) continue
    const before = str(node, 'text')
    const after = edits[editNo % edits.length]!(before)
    if (after === before) fail(`機能 ${str(node, 'id')} の本文を変えられません`)
    node.set('text', after)
    touched.add(node)
    editNo += 1
  }
  if (editNo < 6) fail('本文を変えた機能が少なすぎます')

  // 4. Removals: a prohibited function, an optional one and the last one of 一括処理 (or near the end).
  const removeTargets = [
    byKind('実装不可機能')[1],
    byKind('標準オプション機能')[4],
    functions.items.filter((n) => !touched.has(n) && (n.get('category') as YAMLSeq | undefined)?.items?.some((c) => isScalar(c) && c.value === '一括処理')).at(-1) ??
      functions.items.filter((n) => !touched.has(n)).at(-5),
  ]
  for (const target of removeTargets) {
    if (!target) fail('削除する機能が見つかりません')
    removeAt(functions, functions.items.indexOf(target))
    touched.add(target)
  }

  // 5. Data items: three new ones, one dropped (printed nowhere), a changed length / required flag / description.
  const itemIds = items.items.map((n) => str(n, 'id'))
  const newPersonItem = nextId(itemIds, '00101', 3)
  const groupOf = (prefix: string) => items.items.find((n) => str(n, 'id').startsWith(prefix))
  const furiganaId = newPersonItem()
  const furiganaDateId = newPersonItem()
  const personGroup = str(groupOf('00101') ?? fail('個人基本のデータ項目がありません'), 'group')
  const movementGroupNode = groupOf('00105') ?? items.items.at(-1)!
  const movementPrefix = str(movementGroupNode, 'id').slice(0, 5)
  const reservationId = nextId(itemIds, movementPrefix, 3)()
  const lastIndexWithPrefix = (prefix: string) => items.items.map((n) => str(n, 'id')).filter((id) => id.startsWith(prefix)).length
  const insertItem = (prefix: string, node: Node) => {
    const at = items.items.findIndex((n) => str(n, 'id').startsWith(prefix)) + lastIndexWithPrefix(prefix)
    items.items.splice(at, 0, node)
  }
  const flow = (node: Node) => {
    node.flow = true
    return node
  }
  insertItem(
    '00101',
    flow(newNode(doc, {id: furiganaId, group: personGroup, name: '氏名の振り仮名', nameEn: 'name_furigana', type: '文字', length: 100, required: false, description: '戸籍に記載された氏名の振り仮名。戸籍の附票を通じて通知を受けて記載する。'})),
  )
  insertItem(
    '00101',
    flow(newNode(doc, {id: furiganaDateId, group: personGroup, name: '振り仮名の記載年月日', nameEn: 'name_furigana_recorded_date', type: '日付', required: false, description: '氏名の振り仮名を住民票に記載した年月日。'})),
  )
  insertItem(
    movementPrefix,
    flow(newNode(doc, {id: reservationId, group: str(movementGroupNode, 'group'), name: '転入予約番号', nameEn: 'move_in_reservation_no', type: '文字', length: 20, required: false, description: 'オンラインで受け付けた転入予約を識別する番号。'})),
  )
  const printed = new Set(forms.items.flatMap((f) => ((f.get('fields') as YAMLSeq<Node>)?.items ?? []).map((field) => str(field, 'dataItem'))))
  const unprinted = items.items.filter((n) => !printed.has(str(n, 'id')) && ![furiganaId, furiganaDateId, reservationId].includes(str(n, 'id')))
  const dropped = unprinted.at(-1) ?? fail('どの帳票にも印字されないデータ項目がありません')
  removeAt(items, items.items.indexOf(dropped))
  // 宛名 items shared by many 業務 keep their shape everywhere (test/specs/bundled-catalogs.test.ts); change others.
  const editable = items.items.filter((n) => !SHARED_ITEM_NAMES.has(str(n, 'name')))
  const aliasItem =
    editable.find((n) => str(n, 'name') === '通称') ?? editable.find((n) => typeof n.get('length') === 'number') ?? fail('桁数のあるデータ項目がありません')
  aliasItem.set('length', Number(aliasItem.get('length')) + 20)
  aliasItem.set('description', `${str(aliasItem, 'description').replace(/。$/, '')}で、住民票の写し等への記載は本人の申出による。`)
  const requiredItem =
    editable.find((n) => str(n, 'name') === '住民となった年月日' && n.get('required') === false) ??
    editable.find((n) => n.get('required') === false && n !== aliasItem) ??
    fail('任意のデータ項目がありません')
  requiredItem.set('required', true)

  // 6. Forms: 住民票の写し changes; one 標準オプション form becomes 実装必須; a new 通知書.
  const certificate = forms.items[0] ?? fail('帳票がありません')
  const fields = certificate.get('fields') as YAMLSeq<Node>
  const nameIndex = fields.items.findIndex((f) => str(f, 'name') === '氏名')
  fields.items.splice(nameIndex + 1, 0, flow(newNode(doc, {name: '氏名の振り仮名', dataItem: furiganaId})))
  const codeIndex = fields.items.findIndex((f) => str(f, 'name') === '住民票コード')
  if (codeIndex >= 0) fields.items.splice(codeIndex, 1)
  else fields.items.splice(fields.items.length - 3, 1)
  const article = fields.items.find((f) => str(f, 'name').startsWith('記事'))
  if (article) article.set('name', '記事')
  const certification = fields.items.find((f) => str(f, 'name') === '認証文')
  if (certification) certification.set('length', 300)
  certificate.set('description', `${str(certificate, 'description').replace(/。$/, '')}。氏名の振り仮名は本人の請求があったときに印字する。`)
  const optionalForm = forms.items.find((f) => str(f, 'kind') === '標準オプション機能')
  if (optionalForm) optionalForm.set('kind', '実装必須機能')
  const formIds = forms.items.map((f) => str(f, 'id'))
  forms.items.push(
    newNode(doc, {
      id: nextId(formIds, '001', 4)(),
      name: '氏名の振り仮名の記載通知書',
      category: '通知書',
      kind: '実装必須機能',
      description: '住民票に氏名の振り仮名を記載したことを本人に知らせる通知書。',
      fields: [
        {name: '氏名', dataItem: '00101002'},
        {name: '氏名の振り仮名', dataItem: furiganaId},
        {name: '振り仮名の記載年月日', dataItem: furiganaDateId},
        {name: '通知年月日', type: '日付'},
      ],
    }),
  )

  // 7. New functions (added last so their IDs follow the renumbered one).
  const insertAfter = (predicate: (n: Node) => boolean, node: Node) => {
    let index = -1
    functions.items.forEach((n, i) => {
      if (predicate(n)) index = i
    })
    functions.items.splice(index >= 0 ? index + 1 : functions.items.length, 0, node)
  }
  const inCategory = (name: string) => (n: Node) => (n.get('category') as YAMLSeq | undefined)?.items?.some((c) => isScalar(c) && c.value === name) ?? false
  const section = (prefix: string) => (n: Node) => str(n, 'section').startsWith(prefix)
  insertAfter(
    section('1.1.'),
    newNode(doc, {id: newFunctionId(), section: '1.1.9', category: ['管理項目', '住民データ'], name: '氏名の振り仮名の記載', text: '戸籍に記載された氏名の振り仮名を住民票の記載事項として保持し、戸籍の附票を通じた通知に基づいて記載・更新できること。記載したときは本人への通知書を出力できること。', kind: '実装必須機能'}),
  )
  insertAfter(
    inCategory('異動'),
    newNode(doc, {id: newFunctionId(), section: '4.9.1', category: ['異動', '転入'], name: '転入予約の受付', text: 'マイナポータルから送られた転出届と転入予約の情報を受け付け、来庁前に転入の異動処理を準備できること。', kind: '実装必須機能'}),
  )
  insertAfter(
    inCategory('統計・帳票'),
    newNode(doc, {id: newFunctionId(), section: '6.9.1', category: ['統計・帳票'], name: '証明書交付件数の集計', text: '証明書の種類・交付方法（窓口・郵送・コンビニ交付）ごとの交付件数を、指定した期間で集計して出力できること。', kind: '標準オプション機能'}),
  )
  insertAfter(
    inCategory('他システム連携'),
    newNode(doc, {id: newFunctionId(), section: '7.9.1', category: ['他システム連携'], name: '独自形式の媒体による他団体とのデータ授受', text: '他団体との異動情報の授受を、独自形式の記録媒体の受け渡しで行うこと。', kind: '実装不可機能', notes: '授受は住基ネットと標準の連携方式で行う。'}),
  )
  return doc.toString({lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false})
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const output = makeRep2(readFileSync(SOURCE, 'utf8'))
  if (process.argv.includes('--check')) {
    let current = ''
    try {
      current = readFileSync(TARGET, 'utf8')
    } catch {
      // missing file: out of date
    }
    if (current !== output) {
      console.error('specs/jumin/rep-2.yaml が rep-1.yaml と合っていません。npx tsx scripts/make-jumin-rep2.ts で作り直してください。')
      process.exit(1)
    }
    console.log('specs/jumin/rep-2.yaml is up to date')
  } else {
    writeFileSync(TARGET, output)
    console.log(`wrote ${path.relative(process.cwd(), TARGET)}`)
  }
}
