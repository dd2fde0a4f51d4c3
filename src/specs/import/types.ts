/** What a sheet of an official-style workbook holds. */
export const SHEET_KINDS = ['functions', 'forms', 'formFields', 'dataItems', 'codeLists'] as const
export type SheetKind = (typeof SHEET_KINDS)[number]

export const SHEET_KIND_LABELS: Record<SheetKind, string> = {
  functions: '機能要件',
  forms: '帳票要件',
  formFields: '帳票詳細要件 (印字項目)',
  dataItems: '基本データリスト (データ項目)',
  codeLists: 'コード一覧',
}

/** The columns each kind of sheet can have (canonical field names used by the alias dictionary and profiles). */
export const SHEET_FIELDS = {
  functions: ['id', 'section', 'category', 'name', 'text', 'kind', 'kindMandatory', 'kindOptional', 'kindProhibited', 'notes', 'reason'],
  forms: ['id', 'section', 'name', 'category', 'description', 'kind', 'kindMandatory', 'kindOptional', 'kindProhibited', 'notes'],
  formFields: ['formId', 'formName', 'seq', 'name', 'dataItem', 'type', 'length', 'notes'],
  dataItems: [
    'id',
    'group',
    'primaryKey',
    'foreignKey',
    'classes',
    'name',
    'nameRomaji',
    'nameEn',
    'description',
    'explanation',
    'type',
    'length',
    'scale',
    'required',
    'codeTable',
    'repeat',
    'functionRefs',
    'implementation',
    'sample',
    'notes',
  ],
  codeLists: ['listId', 'listName', 'code', 'label', 'notes'],
} as const satisfies Record<SheetKind, readonly string[]>

export type FieldName<K extends SheetKind = SheetKind> = (typeof SHEET_FIELDS)[K][number]

/** Fields that may span several columns (read left to right): 大分類/中分類/小分類, 大項番/中項番/小項番. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<string> = new Set(['category', 'section', 'classes'])

/** Japanese names of the fields, for messages and the column report. */
export const FIELD_LABELS: Record<string, string> = {
  id: 'ID',
  section: '項番',
  category: '分類',
  name: '名称',
  text: '要件',
  kind: '実装区分',
  kindMandatory: '実装必須 (印)',
  kindOptional: '標準オプション (印)',
  kindProhibited: '実装不可 (印)',
  notes: '備考',
  reason: '考え方・理由',
  description: '概要・説明',
  formId: '帳票ID',
  formName: '帳票名称',
  seq: '印字順',
  dataItem: 'データ項目ID',
  type: '型',
  length: '桁数',
  group: 'グループ',
  nameEn: '英語名',
  scale: '小数桁',
  required: '必須',
  codeTable: 'コード表',
  primaryKey: '主キー',
  foreignKey: '外部キー',
  classes: 'クラス分類',
  nameRomaji: 'ローマ字名',
  explanation: '項目説明',
  repeat: '繰り返し',
  functionRefs: '標準仕様書関連箇所',
  implementation: '実装類型',
  sample: 'サンプル値',
  listId: 'コードID',
  listName: 'コード名',
  code: 'コード値',
  label: 'コード値の内容',
}

/** A spreadsheet row the importer did not turn into a catalogue entry, and why. */
export interface SkippedRow {
  sheet: string
  /** 1-based row number as Excel shows it. */
  row: number
  reason: string
  /** The first characters of the row's text, so a person can find it. */
  preview: string
}

/** Something worth a look that did not stop the import (IDs off the 7-digit pattern, guessed types …). */
export interface ImportWarning {
  sheet: string
  row?: number
  message: string
}

/** How one sheet was read. */
export interface SheetReport {
  sheet: string
  /** The kind it was read as, or undefined when skipped. */
  kind?: SheetKind
  /** How the kind was decided. */
  detectedBy?: 'profile' | 'sheet-name' | 'headers'
  /** 1-based header rows (two when the header is a parent/child band). */
  headerRows?: number[]
  /** field → columns (letters) and the header text found there. */
  columns?: Record<string, {column: string; header: string}[]>
  /** Entries read from the sheet. */
  entries?: number
  /** Why the sheet was not read. */
  ignored?: string
}
