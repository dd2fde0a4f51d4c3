/** データ検査: what `fitgap data profile` found in the exported data, one row per profiled column. */
import {CHAR_CLASS_LABELS, type CharClass} from '../data/characters.js'
import {columnProblems, DATA_CHECK_LABELS} from '../data/problems.js'
import type {ColumnProfile} from '../data/profile.js'
import type {ProfiledFile} from '../data/store.js'
import type {Report} from './report-model.js'
import type {SheetSpec} from './sheets.js'

export const DATA_CHECK_SHEET_NAME = 'データ検査'

export interface DataCheckRow {
  readonly areaName: string
  readonly file: ProfiledFile
  readonly column: ColumnProfile
}

export function dataCheckRows(report: Pick<Report, 'areas'>): DataCheckRow[] {
  return report.areas.flatMap((a) => (a.dataChecks?.files ?? []).flatMap((file) => file.columns.map((column) => ({areaName: a.analysis.area.name, file, column}))))
}

const charCount = (cls: CharClass) => (r: DataCheckRow) => r.column.chars[cls]?.count || undefined

export function dataCheckSheet(rows: readonly DataCheckRow[]): SheetSpec<DataCheckRow> {
  return {
    name: DATA_CHECK_SHEET_NAME,
    rows,
    columns: [
      {header: '業務', role: 'data', value: (r) => r.areaName},
      {header: 'ファイル', role: 'data', fromInput: true, value: (r) => r.file.file},
      {header: '列', role: 'data', fromInput: true, value: (r) => r.column.column},
      {header: '現行 テーブル.項目', role: 'data', fromInput: true, value: (r) => r.column.ref},
      {header: 'データ項目ID', role: 'data', fromInput: true, value: (r) => r.column.itemId},
      {header: '標準データ項目', role: 'data', fromInput: true, value: (r) => r.column.itemName},
      {header: '行数', role: 'data', value: (r) => r.column.rows},
      {header: '空', role: 'data', value: (r) => r.column.empty},
      {header: '最大文字数', role: 'data', value: (r) => r.column.maxChars},
      {header: '最大バイト数 (CP932)', role: 'data', value: (r) => r.column.maxBytes},
      {header: '標準の桁数', role: 'data', value: (r) => r.column.length},
      {header: '桁数超過', role: 'data', value: (r) => r.column.overLength || undefined},
      {header: 'コード一覧外', role: 'data', value: (r) => (r.column.codes ? r.column.codes.outside : undefined)},
      {header: '日付不正', role: 'data', value: (r) => (r.column.dates ? r.column.dates.unparsed.count : undefined)},
      {header: '和暦', role: 'data', value: (r) => r.column.dates?.wareki || undefined},
      {header: CHAR_CLASS_LABELS.pua, role: 'data', value: charCount('pua')},
      {header: 'JIS X 0213 第3・第4水準', role: 'data', value: charCount('jis0213')},
      {header: CHAR_CLASS_LABELS.other, role: 'data', value: charCount('other')},
      {header: 'IVS', role: 'data', value: charCount('ivs')},
      {header: CHAR_CLASS_LABELS.halfKana, role: 'data', value: charCount('halfKana')},
      {
        header: '内容 (件数・伏せ字の例)',
        role: 'long',
        fromInput: true,
        value: (r) => columnProblems(r.column).map((p) => `${DATA_CHECK_LABELS[p.kind]} ${p.count} 件: ${p.detail}`).join('\n') || '問題なし',
      },
    ],
  }
}
