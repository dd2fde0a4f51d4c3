/**
 * Builds the frozen labelled sets from real public data the matcher was never developed against
 * (`npm run eval:gen-real`; run once, then the JSON files are frozen in test/fixtures/matching/):
 *
 *   (official) デジタル庁 項目定義書（住登外者宛名番号管理）: the データ項目（ローマ字） column → the データ項目 name,
 *              and the short 項目定義 phrases → the name (a second system's wording of the same item).
 *   (imi)      IMI 共通語彙基盤 コア語彙 2.4.1: each property's English name → its Japanese name, forced choice
 *              among the properties of one class (人型, 住所型 …).
 *
 * Every pair gets a part, `tune` or `held-out`, from a hash of its item key (deterministic; both wordings of one
 * item fall in the same part). Tune only on `tune`; `held-out` is read once, for the report.
 *
 * Usage: npx tsx scripts/matching/real-sets.ts [--source DIR]   (DIR holds official/ and imi/; default ../shared/fixtures)
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'

import type {DataType} from '../../src/model/vocabulary.js'
import {PACKAGE_ROOT} from '../../src/paths.js'
import {cellText, type LabelledField, type LabelledSet, partOf, writeSet} from './sets.js'

const args = process.argv.slice(2)
const sourceIndex = args.indexOf('--source')
const SOURCE = sourceIndex >= 0 ? path.resolve(args[sourceIndex + 1]!) : path.join(PACKAGE_ROOT, '../shared/fixtures')

function officialType(raw: string, code: string): DataType {
  const t = raw.normalize('NFKC').trim().toUpperCase()
  if (code !== '') return 'code'
  if (t === 'DATE') return 'date'
  if (t === 'YEAR') return 'yearMonth'
  if (t === '9' || t === '9V' || t === 'S9') return 'number'
  return 'text'
}

async function buildOfficial(): Promise<LabelledSet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path.join(SOURCE, 'official/atenabango-kanri_item-definition.xlsx'))
  const items: LabelledSet['areas'][number]['items'] = []
  const fields: LabelledField[] = []
  for (const sheet of workbook.worksheets) {
    if (!sheet.name.startsWith('項目定義書')) continue
    let header: string[] | undefined
    sheet.eachRow((row) => {
      const cells = (row.values as ExcelJS.CellValue[]).map(cellText)
      if (!header) {
        if (cells.includes('データ項目（ローマ字）') && cells.includes('データ型')) header = cells
        return
      }
      const col = (label: string) => (cells[header!.indexOf(label)] ?? '').trim()
      const business = (cells[header.indexOf('データ項目ID')] ?? '').trim()
      const serial = (cells[header.indexOf('データ項目ID') + 1] ?? '').trim()
      const name = col('データ項目')
      const romaji = col('データ項目（ローマ字）')
      if (!/^\d{3}$/.test(business) || !/^\d+$/.test(serial) || name === '' || romaji === '') return
      const id = `${business}${serial.padStart(5, '0')}`
      const code = col('コード')
      const type = officialType(col('データ型'), code)
      const length = /^\d+$/.test(col('桁数')) ? Number(col('桁数')) : undefined
      // The row's group is the sheet's グループ 名称 (the first of the three グループ columns).
      const group = (cells[header.indexOf('グループ')] ?? '').trim() || sheet.name
      items.push({id, group, name, type, ...(length !== undefined ? {length} : {})})
      const part = partOf(`official:${id}`)
      fields.push({table: group, column: romaji, label: '', type, ...(length !== undefined ? {length} : {}), expected: id, style: 'romaji', part})
      const definition = col('項目定義').split('\n')[0]!.trim()
      if (definition !== '' && definition.length <= 24 && definition !== name)
        fields.push({table: `${group}(定義)`, column: `def${serial}`, label: definition, type, expected: id, style: 'definition', part})
    })
  }
  return {
    name: 'official',
    description: 'デジタル庁 項目定義書（住登外者宛名番号管理）: ローマ字名・項目定義の短い表現 → データ項目名 (PDL1.0, 加工して作成)',
    seed: 0,
    areas: [{area: 'atenabango', items, fields}],
  }
}

interface ImiEntry {
  name?: string
  nameEn?: string
  statement: string
}

function imiEntries(text: string): ImiEntry[] {
  const entries: ImiEntry[] = []
  let current: Omit<ImiEntry, 'statement'> = {}
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, '').trim()
    const meta = /^#(name|name@en)\s+"(.*)"$/.exec(line)
    if (meta) {
      if (meta[1] === 'name') current = {...current, name: meta[2]}
      else current = {...current, nameEn: meta[2]}
      continue
    }
    if (/^(class|property|set)\s/.test(line)) {
      entries.push({...current, statement: line})
      current = {}
    } else if (line === '') current = {}
  }
  return entries
}

function imiType(range: string): DataType {
  if (/日付型|date$/.test(range)) return 'date'
  if (/日時型|dateTime/.test(range)) return 'datetime'
  if (/数値型|integer|decimal|nonNegativeInteger/.test(range)) return 'number'
  if (/コード型/.test(range)) return 'code'
  return 'text'
}

function buildImi(): LabelledSet {
  const text = readFileSync(path.join(SOURCE, 'imi/imicore241.imiv.txt'), 'utf8')
  const properties = new Map<string, {name: string; nameEn?: string; type: DataType}>()
  const classes = new Map<string, {name: string; nameEn?: string; members: string[]}>()
  for (const entry of imiEntries(text)) {
    const property = /^property ic:(\S+)\s*\{@([^}\s]+)/.exec(entry.statement)
    if (property) {
      properties.set(property[1]!, {name: entry.name ?? property[1]!, nameEn: entry.nameEn, type: imiType(property[2]!)})
      continue
    }
    const cls = /^class ic:(\S+?)\s/.exec(entry.statement)
    if (cls) {
      const known = classes.get(cls[1]!)
      classes.set(cls[1]!, {name: entry.name ?? cls[1]!, nameEn: entry.nameEn, members: known?.members ?? []})
      continue
    }
    const set = /^set ic:([^>\s]+)>ic:(\S+)/.exec(entry.statement)
    if (set) {
      let owner = classes.get(set[1]!)
      if (!owner) classes.set(set[1]!, (owner = {name: set[1]!, members: []}))
      if (!owner.members.includes(set[2]!)) owner.members.push(set[2]!)
    }
  }
  const areas: LabelledSet['areas'] = []
  for (const [classId, cls] of [...classes.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const members = cls.members.filter((m) => properties.has(m))
    if (members.length < 3) continue
    const items = members.map((m) => {
      const p = properties.get(m)!
      return {id: `ic:${m}`, group: cls.name, name: p.name, type: p.type}
    })
    const fields: LabelledField[] = members
      .filter((m) => properties.get(m)!.nameEn)
      .map((m) => {
        const en = properties.get(m)!.nameEn!
        return {table: cls.nameEn ?? classId, column: en, label: en, expected: `ic:${m}`, style: 'english-name', part: partOf(`imi:${m}`)}
      })
    if (fields.length > 0) areas.push({area: classId, items, fields})
  }
  return {
    name: 'imi',
    description: 'IMI 共通語彙基盤 コア語彙 2.4.1 (CC0): プロパティの英語名 → 日本語名 (クラスごとに、そのクラスのプロパティから選ぶ)',
    seed: 0,
    areas,
  }
}

for (const set of [await buildOfficial(), buildImi()]) {
  writeSet(set)
  const fields = set.areas.flatMap((a) => a.fields)
  const tune = fields.filter((f) => f.part === 'tune').length
  console.log(`set ${set.name}: ${fields.length} pairs (${tune} tune, ${fields.length - tune} held-out), ${set.areas.length} areas`)
}
