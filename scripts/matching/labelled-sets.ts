/**
 * Builds the labelled sets for `npm run eval:match` (seeded: the same catalogues give the same sets).
 *
 *   (a) vendor-style renamings of the bundled catalogues' data items: romaji (Hepburn / Kunrei, long vowels
 *       dropped, abbreviations), half-width kana, Japanese abbreviations, English physical names, old kanji,
 *       bracket suffixes, table-prefixed physical names — plus vendor-only fields that have no counterpart.
 *   (b) the デジタル庁 GIF core data model workbook (CC0, test/fixtures/gif): English item names → Japanese names.
 *
 * Usage: npx tsx scripts/matching/labelled-sets.ts [--seed N] [--per-area N]
 * Writes test/fixtures/matching/set-a.json and set-b.json.
 */
import path from 'node:path'

import ExcelJS from 'exceljs'
import {toRomaji} from 'wanakana'

import {loadLinderaSegmenter} from '../../src/matching/lindera.js'
import {KANJI_VARIANTS} from '../../src/matching/normalize.js'
import {scriptSegmenter} from '../../src/matching/segmenter.js'
import type {DataItem} from '../../src/model/catalog.js'
import type {DataType} from '../../src/model/vocabulary.js'
import {PACKAGE_ROOT} from '../../src/paths.js'
import {listCatalogFiles, loadCatalogFile} from '../../src/specs/catalog-store.js'
import {loadRegistry} from '../../src/specs/registry.js'
import {rng} from '../seeded-random.js'
import {cellText, type LabelledArea, type LabelledField, type LabelledSet, writeSet} from './sets.js'

const args = process.argv.slice(2)
const argValue = (flag: string, fallback: number) => {
  const index = args.indexOf(flag)
  return index >= 0 ? Number(args[index + 1]) : fallback
}
const SEED = argValue('--seed', 20250401)
const PER_AREA = argValue('--per-area', 24)
const random = rng(SEED)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
const chance = (p: number) => random() < p

const segmenter = loadLinderaSegmenter() ?? scriptSegmenter

/** Vendor romaji of a reading: Hepburn, long vowels mostly dropped (ジュウショ → JUSHO). */
function vendorRomaji(kana: string, kunrei: boolean): string {
  let r = toRomaji(kana).toLowerCase().replace(/[^a-z]/g, '')
  if (chance(0.85)) r = r.replace(/ou/g, 'o').replace(/uu/g, 'u').replace(/oo/g, 'o')
  if (kunrei)
    r = r
      .replace(/shi/g, 'si')
      .replace(/sh/g, 'sy')
      .replace(/chi/g, 'ti')
      .replace(/ch/g, 'ty')
      .replace(/tsu/g, 'tu')
      .replace(/ji/g, 'zi')
      .replace(/j/g, 'zy')
      .replace(/fu/g, 'hu')
  return r
}

const ROMAJI_ABBREVIATIONS: Record<string, string[]> = {
  コード: ['CD', 'CODE', 'CD'],
  番号: ['NO', 'NO', 'NUM', 'BANGO'],
  年月日: ['YMD', 'YMD', 'DATE', 'YMD'],
  日: ['YMD', 'BI', 'DT'],
  区分: ['KBN', 'KBN', 'KUBUN'],
  フラグ: ['FLG', 'FLAG'],
  名称: ['NM', 'MEISHO', 'NAME'],
  金額: ['KINGAKU', 'AMT', 'KIN'],
  年月: ['YM', 'NENGETSU'],
}

interface Piece {
  surface: string
  reading?: string
}

function pieces(name: string): Piece[] {
  return segmenter
    .segment(name.replace(/[（(][^)）]*[)）]/g, ''))
    .filter((m) => m.surface.trim() !== '' && !/^[・、()（）]$/.test(m.surface))
    .map((m) => ({surface: m.surface, reading: m.reading ?? (/^[\u30A0-\u30FF]+$/.test(m.surface) ? m.surface : undefined)}))
}

function romajiName(name: string, options: {kunrei: boolean; abbreviate: boolean; separator: string}): string | undefined {
  const parts = pieces(name)
  const words: string[] = []
  for (const part of parts) {
    const abbr = ROMAJI_ABBREVIATIONS[part.surface]
    if (options.abbreviate && abbr && chance(0.75)) words.push(pick(abbr))
    else if (/^[A-Za-z0-9]+$/.test(part.surface)) words.push(part.surface.toUpperCase())
    else if (part.reading) words.push(vendorRomaji(part.reading, options.kunrei).toUpperCase())
    else return undefined
  }
  let qualifier = ''
  if (/カナ|ｶﾅ|フリガナ/.test(name)) {
    words.splice(words.length - 1, 1) // the カナ piece itself
    qualifier = pick(['_KANA', '_KN', '_KANA'])
  }
  const joined = words.filter((w) => w !== '').join(options.separator)
  return joined === '' ? undefined : (joined + qualifier).replace(/_+/g, '_')
}

function halfWidthKana(text: string): string {
  const map: Record<string, string> = {}
  const full = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー'
  const half = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ'
  ;[...full].forEach((ch, i) => (map[ch] = half[i]!))
  const voiced: Record<string, string> = {ガ: 'ｶﾞ', ギ: 'ｷﾞ', グ: 'ｸﾞ', ゲ: 'ｹﾞ', ゴ: 'ｺﾞ', ザ: 'ｻﾞ', ジ: 'ｼﾞ', ズ: 'ｽﾞ', ゼ: 'ｾﾞ', ゾ: 'ｿﾞ', ダ: 'ﾀﾞ', ヂ: 'ﾁﾞ', ヅ: 'ﾂﾞ', デ: 'ﾃﾞ', ド: 'ﾄﾞ', バ: 'ﾊﾞ', ビ: 'ﾋﾞ', ブ: 'ﾌﾞ', ベ: 'ﾍﾞ', ボ: 'ﾎﾞ', パ: 'ﾊﾟ', ピ: 'ﾋﾟ', プ: 'ﾌﾟ', ペ: 'ﾍﾟ', ポ: 'ﾎﾟ', ヴ: 'ｳﾞ'}
  return [...text].map((ch) => voiced[ch] ?? map[ch] ?? ch).join('')
}

function kanaName(name: string): string | undefined {
  const parts = pieces(name)
  if (parts.some((p) => !p.reading)) return undefined
  return halfWidthKana(parts.map((p) => p.reading!).join(''))
}

const JA_ABBREVIATIONS: [RegExp, string[]][] = [
  [/郵便番号/, ['〒', '郵便NO', '郵便No.']],
  [/電話番号/, ['TEL', '電話No', '電話']],
  [/番号/, ['No', 'NO.', '№', '番号']],
  [/年月日/, ['日付', '日', '年月日', 'YMD']],
  [/コード/, ['CD', 'ｺｰﾄﾞ', 'cd']],
  [/区分/, ['区', 'KBN', '種別']],
  [/フラグ/, ['FLG', 'ﾌﾗｸﾞ', '有無']],
  [/名称/, ['名', '名称']],
  [/金額/, ['額', '金額(円)']],
]

function abbreviatedJa(name: string): string | undefined {
  const applicable = JA_ABBREVIATIONS.filter(([re]) => re.test(name))
  if (applicable.length === 0) return undefined
  const [re, options] = pick(applicable)
  const out = name.replace(re, pick(options))
  return out === name ? undefined : out
}

const OLD_FORMS: Record<string, string[]> = {}
for (const [old, common] of Object.entries(KANJI_VARIANTS)) if ([...old].length === 1) (OLD_FORMS[common] ??= []).push(old)

function oldKanji(name: string): string | undefined {
  let changed = false
  const out = [...name]
    .map((ch) => {
      const forms = OLD_FORMS[ch]
      if (forms && chance(0.8)) {
        changed = true
        return pick(forms)
      }
      return ch
    })
    .join('')
  if (changed) return out
  // No old form: a spacing / punctuation variant instead (全角空白, 中黒, 長音・波ダッシュの揺れ).
  const parts = pieces(name).map((p) => p.surface)
  if (parts.length >= 2) return parts.join(pick(['　', '・', ' ']))
  return undefined
}

function bracketed(name: string): string | undefined {
  const kana = /^(.+?)(カナ|フリガナ)$/.exec(name)
  if (kana) return `${kana[1]}${pick(['（カナ）', '(ｶﾅ)', '【フリガナ】', '(カナ)'])}`
  if (/氏名|名称|住所|名$/.test(name)) return `${name}${pick(['（漢字）', '(漢字)', '【漢字】'])}`
  if (/年月日|日$/.test(name)) return `${name}${pick(['（西暦）', '(和暦)', '（YYYYMMDD）'])}`
  return undefined
}

const EN_ABBREVIATIONS: Record<string, string[]> = {
  number: ['no', 'num', 'nbr'],
  date: ['dt', 'date', 'ymd'],
  code: ['cd', 'code'],
  name: ['nm', 'name'],
  address: ['addr', 'address'],
  amount: ['amt', 'amount'],
  type: ['type', 'kind', 'kbn'],
  flag: ['flg', 'flag'],
  telephone: ['tel', 'phone'],
  phone: ['tel', 'phone'],
  identifier: ['id'],
  kana: ['kana', 'kn'],
}

function englishName(nameEn: string | undefined): string | undefined {
  if (!nameEn) return undefined
  const words = nameEn.split('_').map((w) => (EN_ABBREVIATIONS[w] && chance(0.6) ? pick(EN_ABBREVIATIONS[w]) : w))
  const style = pick(['snake', 'camel', 'upper', 'pascal'])
  if (style === 'snake') return words.join('_')
  if (style === 'upper') return words.join('_').toUpperCase()
  const camel = words.map((w, i) => (i === 0 && style === 'camel' ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('')
  return camel
}

function tableFor(group: string): string {
  const r = romajiName(group, {kunrei: false, abbreviate: false, separator: '_'})
  return r ? pick(['T_', 'TBL_', '', 'M_']) + r : 'T_MAIN'
}

function vendorType(item: DataItem): {type?: DataType; length?: number} {
  if (chance(0.3)) return {}
  let type: DataType = item.type
  if (item.type === 'date' && chance(0.4)) type = pick(['text', 'number'] as const)
  if (item.type === 'code' && chance(0.3)) type = 'text'
  let length = item.length
  if (length && chance(0.3)) length = Math.max(1, length + pick([-2, 2, 10, -1]))
  return {type, length}
}

const VENDOR_ONLY: {label: string; column: string; type: DataType}[] = [
  {label: '更新者ID', column: 'UPD_USER_ID', type: 'text'},
  {label: '更新日時', column: 'UPD_DATETIME', type: 'datetime'},
  {label: '登録日時', column: 'INS_DATETIME', type: 'datetime'},
  {label: '排他制御番号', column: 'HAITA_NO', type: 'number'},
  {label: '端末ID', column: 'TANMATSU_ID', type: 'text'},
  {label: '削除フラグ', column: 'DEL_FLG', type: 'flag'},
  {label: 'バージョン', column: 'VERSION_NO', type: 'number'},
  {label: '予備項目1', column: 'YOBI_1', type: 'text'},
  {label: '予備項目2', column: 'YOBI_2', type: 'text'},
  {label: '処理プログラムID', column: 'PGM_ID', type: 'text'},
  {label: 'バッチ処理区分', column: 'BATCH_KBN', type: 'code'},
  {label: '画面表示順', column: 'DISP_ORDER', type: 'number'},
  {label: '旧システム連携キー', column: 'OLD_SYS_KEY', type: 'text'},
  {label: '印刷済フラグ', column: 'PRINTED_FLG', type: 'flag'},
  {label: 'ロック状態', column: 'LOCK_STS', type: 'code'},
  {label: 'データ移行元区分', column: 'MIGRATION_SRC', type: 'code'},
  {label: '操作ログ番号', column: 'OPLOG_NO', type: 'number'},
  {label: 'チェックディジット', column: 'CHECK_DIGIT', type: 'number'},
]

type Style = 'romaji' | 'kunrei' | 'halfkana' | 'abbrev' | 'english' | 'oldkanji' | 'bracket' | 'prefixed'
const STYLES: Style[] = ['romaji', 'kunrei', 'halfkana', 'abbrev', 'english', 'oldkanji', 'bracket', 'prefixed']

function render(item: DataItem, style: Style): Omit<LabelledField, 'expected' | 'style' | 'type' | 'length'> | undefined {
  const table = tableFor(item.group)
  switch (style) {
    case 'romaji': {
      const column = romajiName(item.name, {kunrei: false, abbreviate: true, separator: '_'})
      return column ? {table, column, label: ''} : undefined
    }
    case 'kunrei': {
      const column = romajiName(item.name, {kunrei: true, abbreviate: chance(0.5), separator: pick(['_', ''])})
      return column ? {table, column, label: ''} : undefined
    }
    case 'halfkana': {
      const label = kanaName(item.name)
      return label ? {table, column: `COL${String(Math.floor(random() * 900) + 100)}`, label} : undefined
    }
    case 'abbrev': {
      const label = abbreviatedJa(item.name)
      const column = romajiName(item.name, {kunrei: false, abbreviate: true, separator: '_'})
      return label && column ? {table, column, label} : undefined
    }
    case 'english': {
      const column = englishName(item.nameEn)
      return column ? {table: pick(['person', 'resident', 'master', 'main', 'record']), column, label: ''} : undefined
    }
    case 'oldkanji': {
      const label = oldKanji(item.name)
      return label ? {table, column: `F${String(Math.floor(random() * 90) + 10)}`, label} : undefined
    }
    case 'bracket': {
      const label = bracketed(item.name)
      const column = romajiName(item.name, {kunrei: false, abbreviate: true, separator: '_'})
      return label && column ? {table, column, label} : undefined
    }
    case 'prefixed': {
      const column = romajiName(item.name, {kunrei: false, abbreviate: true, separator: '_'})
      if (!column) return undefined
      const prefix = table.replace(/^(T_|TBL_|M_)/, '').split('_')[0]!
      return {table, column: `${prefix}_${column}`, label: ''}
    }
  }
}

function buildSetA(): LabelledSet {
  const areas: LabelledArea[] = []
  for (const area of loadRegistry().areas) {
    const file = listCatalogFiles(area.slug).at(-1)
    if (!file) continue
    const catalog = loadCatalogFile(file.file)
    const items = catalog.dataItems
    const order = [...items].sort(() => random() - 0.5)
    const fields: LabelledField[] = []
    const usedRefs = new Set<string>()
    for (const item of order) {
      if (fields.length >= PER_AREA) break
      const styles = [...STYLES].sort(() => random() - 0.5)
      for (const style of styles) {
        const rendered = render(item, style)
        if (!rendered) continue
        const ref = `${rendered.table}.${rendered.column}`
        if (usedRefs.has(ref)) continue
        usedRefs.add(ref)
        fields.push({...rendered, ...vendorType(item), expected: item.id, style})
        break
      }
    }
    const names = new Set(items.map((i) => i.name))
    for (const extra of [...VENDOR_ONLY].sort(() => random() - 0.5).slice(0, 3)) {
      if (names.has(extra.label)) continue
      const physical = chance(0.5)
      fields.push({table: 'T_COMMON', column: extra.column, label: physical ? '' : extra.label, type: extra.type, expected: null, style: 'no-counterpart'})
    }
    areas.push({
      area: area.slug,
      items: items.map(({id, group, name, nameEn, description, type, length}) => ({id, group, name, nameEn, description, type, length})),
      fields,
    })
  }
  return {
    name: 'a',
    description: 'bundled catalogues, vendor-style renamings (seeded) + vendor-only fields',
    seed: SEED,
    areas,
  }
}

function gifType(format: string): DataType {
  if (/日時/.test(format)) return 'datetime'
  if (/日付|年月日/.test(format)) return 'date'
  if (/数値/.test(format)) return 'number'
  if (/コード/.test(format)) return 'code'
  return 'text'
}

async function buildSetB(): Promise<LabelledSet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path.join(PACKAGE_ROOT, 'test/fixtures/gif/438_core-data-model_DMD.xlsx'))
  const byJapanese = new Map<string, {name: string; description: string; format: string; group: string}>()
  const pairs = new Map<string, string>() // English → Japanese
  for (const sheet of workbook.worksheets) {
    let header: string[] | undefined
    sheet.eachRow((row) => {
      const cells = (row.values as ExcelJS.CellValue[]).map(cellText)
      if (!header) {
        if (cells.includes('項目名') && cells.includes('項目名（英語）')) header = cells
        return
      }
      const col = (label: string) => cells[header!.indexOf(label)] ?? ''
      const ja = col('項目名').replace(/\s*\(\*\d+\)\s*$/, '').trim()
      const en = col('項目名（英語）').replace(/\s*\(\*\d+\)\s*$/, '').trim()
      if (ja === '' || en === '' || !/^[A-Za-z][A-Za-z0-9]*$/.test(en)) return
      if (!byJapanese.has(ja)) byJapanese.set(ja, {name: ja, description: col('説明'), format: col('形式'), group: sheet.name})
      if (!pairs.has(en)) pairs.set(en, ja)
    })
  }
  const japanese = [...byJapanese.values()]
  const ids = new Map(japanese.map((j, i) => [j.name, `9990${String(i + 1).padStart(5, '0')}`]))
  const items = japanese.map((j) => ({id: ids.get(j.name)!, group: j.group, name: j.name, description: j.description || undefined, type: gifType(j.format)}))
  const fields: LabelledField[] = [...pairs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([en, ja]) => ({table: 'gif', column: en, label: '', expected: ids.get(ja)!, style: 'english-identifier'}))
  return {
    name: 'b',
    description: 'GIF core data model (デジタル庁, CC0): English item names → Japanese item names (distinct pairs, no English names on the standard side)',
    seed: 0,
    areas: [{area: 'gif', items, fields}],
  }
}

const setA = buildSetA()
writeSet(setA)
const setB = await buildSetB()
writeSet(setB)
const count = (set: LabelledSet) => set.areas.reduce((n, a) => n + a.fields.filter((f) => f.expected !== null).length, 0)
const negatives = (set: LabelledSet) => set.areas.reduce((n, a) => n + a.fields.filter((f) => f.expected === null).length, 0)
console.log(`set a: ${count(setA)} labelled pairs + ${negatives(setA)} fields without counterpart, ${setA.areas.length} areas (seed ${SEED})`)
console.log(`set b: ${count(setB)} labelled pairs, ${setB.areas[0]!.items.length} standard items`)
