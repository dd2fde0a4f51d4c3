import * as z from 'zod'

import {
  ACCEPTED_KIND_LABELS,
  DATA_TYPE_LABELS,
  DATA_TYPES,
  type DataType,
  OUTPUT_CONDITIONS,
  parseDataType,
  parseImplementationKind,
} from './vocabulary.js'

const nonEmpty = z.string().trim().min(1, '空にできません')

const implementationKind = z.string().transform((raw, ctx) => {
  const kind = parseImplementationKind(raw)
  if (!kind) {
    ctx.addIssue({
      code: 'custom',
      message: `実装区分「${raw}」は使えません (使える値: ${ACCEPTED_KIND_LABELS.join(' / ')})`,
    })
    return z.NEVER
  }
  return kind
})

const dataType = z.string().transform((raw, ctx): DataType => {
  const type = parseDataType(raw)
  if (!type) {
    ctx.addIssue({
      code: 'custom',
      message: `型「${raw}」は使えません (使える値: ${DATA_TYPES.map((t) => `${DATA_TYPE_LABELS[t]}(${t})`).join(' / ')})`,
    })
    return z.NEVER
  }
  return type
})

/**
 * IDs are strings. Representative catalogues must use the official shapes (機能・帳票 7 digits = 業務コード3桁 + 4桁,
 * データ項目 8 digits = 業務コード3桁 + 項目コード5桁; the older 9-digit data item IDs still load), checked below in the
 * catalogue refinement; catalogues imported from official workbooks keep the IDs the workbook has, so only the
 * characters are checked.
 */
const SEVEN_DIGITS = /^\d{7}$/
const DATA_ITEM_DIGITS = /^(\d{8}|\d{9})$/
const SEVEN_DIGIT_MESSAGE = 'IDは7桁の数字です (例: "0010001")'
const DATA_ITEM_DIGIT_MESSAGE = 'データ項目IDは8桁の数字です (業務コード3桁 + 項目コード5桁。例: "00100001")'
const idCharacters = /^[0-9A-Za-z][0-9A-Za-z._-]*$/

const sevenDigitId = z
  .string({error: '7桁の数字を文字列で書いてください (例: "0010001")'})
  .regex(idCharacters, 'IDは半角英数字 (と . _ -) で書いてください (例: "0010001")')

const positiveInt = z.number({error: '正の整数で書いてください'}).int('整数で書いてください').positive('正の整数で書いてください')

export const functionReqSchema = z.strictObject({
  id: sevenDigitId,
  section: z.string().regex(/^\d+(\.\d+)*$/, '項番は "1.2.3" の形式です').optional(),
  category: z.array(nonEmpty).min(1, '分類を1つ以上書いてください'),
  name: nonEmpty,
  text: nonEmpty,
  kind: implementationKind,
  notes: z.string().optional(),
})

export const formFieldSchema = z.strictObject({
  name: nonEmpty,
  dataItem: z.string().optional(),
  type: dataType.optional(),
  length: positiveInt.optional(),
})

export const formSpecSchema = z.strictObject({
  id: sevenDigitId,
  name: nonEmpty,
  category: nonEmpty,
  kind: implementationKind,
  description: z.string().optional(),
  /** 印字項目. At least one in representative catalogues; may be empty in imported ones (no 帳票詳細要件 sheet). */
  fields: z.array(formFieldSchema),
})

export const dataItemSchema = z.strictObject({
  id: z.string({error: '8桁の数字を文字列で書いてください (例: "00100001")'}).regex(idCharacters, 'データ項目IDは半角英数字 (と . _ -) で書いてください'),
  group: nonEmpty,
  /** グループの主キー / 外部キー (基本データリストの ○). */
  primaryKey: z.boolean().optional(),
  foreignKey: z.boolean().optional(),
  /** クラス分類 LV1–LV3 (reference only, per the official legend). */
  classes: z.array(nonEmpty).max(3, 'クラス分類は LV1〜LV3 の3段までです').optional(),
  name: nonEmpty,
  /** データ項目（ローマ字）: the official Hepburn field name (API field name), a matching signal. */
  nameRomaji: z.string().regex(/^[a-z][a-z0-9_]*$/, 'ローマ字名は小文字の英数字と _ です').optional(),
  nameEn: z.string().regex(/^[a-z][a-z0-9_]*$/, '英語名は小文字の snake_case です').optional(),
  /** 項目定義: what the value means. */
  description: z.string().optional(),
  /** 項目説明: standards to follow, output rules; the 条件付き必須 condition is kept apart in `condition`. */
  explanation: z.string().optional(),
  type: dataType,
  /** The official データ型 notation as written (X, Ｎ, 9, 9V, S9, DATE, TIME, YEAR, BLOB). */
  officialType: z.string().optional(),
  length: positiveInt.optional(),
  scale: z.number().int().nonnegative().optional(),
  required: z.boolean({error: '必須は true / false で書いてください'}),
  /** データ出力条件; `required` is true exactly when it is 必須. */
  output: z.enum(OUTPUT_CONDITIONS, {error: `データ出力条件は ${OUTPUT_CONDITIONS.join(' / ')} のいずれかです`}).optional(),
  /** The condition of a 条件付き必須 item (the ※※ sentence of 項目説明). */
  condition: z.string().optional(),
  /** コード表の名前 (bundled catalogues) … */
  codeTable: z.string().optional(),
  /** … or the コードID of a code list (`codeLists` of the catalogue; 999 = 自治体固有コード). */
  codeList: z.string().regex(/^\d{1,6}$/, 'コードIDは数字です (例: "002")').optional(),
  /** 繰り返し: the most values the item may hold. */
  repeat: positiveInt.optional(),
  /** 標準仕様書関連箇所: related 機能IDs. */
  functionIds: z.array(z.string().regex(idCharacters)).optional(),
  /** 実装類型 ○ (needed for the output of 実装必須機能) = 必須; blank = 任意. */
  implementation: z.enum(['必須', '任意']).optional(),
  sample: z.string().optional(),
  notes: z.string().optional(),
})

export const codeValueSchema = z.strictObject({
  code: z.string(),
  label: z.string(),
  note: z.string().optional(),
})

/** A コード一覧 entry: コードID, コード名 and its values. */
export const codeListSchema = z.strictObject({
  id: z.string().regex(/^\d{1,6}$/, 'コードIDは数字です (例: "002")'),
  name: nonEmpty,
  values: z.array(codeValueSchema),
  note: z.string().optional(),
})

export const provenanceSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('representative'),
      note: nonEmpty,
    }),
    z.strictObject({
      type: z.literal('official'),
      source: nonEmpty,
      importedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日付は YYYY-MM-DD です'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      note: z.string().optional(),
    }),
  ],
  {error: 'provenance.type は representative か official です'},
)

export const catalogSchema = z
  .strictObject({
    area: nonEmpty,
    edition: nonEmpty,
    title: nonEmpty,
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日付は YYYY-MM-DD です').optional(),
    provenance: provenanceSchema,
    /** A made-up edition (for demos and diffs): never chosen unless named. */
    fictional: z.boolean().optional(),
    /** The attribution line the source's licence asks for (e.g. PDL1.0: 「出典：デジタル庁『…』」). */
    attribution: z.string().optional(),
    functions: z.array(functionReqSchema),
    forms: z.array(formSpecSchema),
    dataItems: z.array(dataItemSchema),
    codeLists: z.array(codeListSchema).optional(),
  })
  .superRefine((catalog, ctx) => {
    const duplicate = (items: readonly {id: string}[], key: 'functions' | 'forms' | 'dataItems' | 'codeLists', label: string) => {
      const seen = new Map<string, number>()
      items.forEach((item, index) => {
        const first = seen.get(item.id)
        if (first === undefined) seen.set(item.id, index)
        else
          ctx.addIssue({
            code: 'custom',
            path: [key, index, 'id'],
            message: `${label}「${item.id}」が重複しています (${key}[${first}] と同じ)`,
          })
      })
    }
    if (catalog.provenance.type !== 'official') {
      const shape = (items: readonly {id: string}[], key: 'functions' | 'forms' | 'dataItems', pattern: RegExp, message: string) =>
        items.forEach((item, index) => {
          if (!pattern.test(item.id)) ctx.addIssue({code: 'custom', path: [key, index, 'id'], message})
        })
      shape(catalog.functions, 'functions', SEVEN_DIGITS, SEVEN_DIGIT_MESSAGE)
      shape(catalog.forms, 'forms', SEVEN_DIGITS, SEVEN_DIGIT_MESSAGE)
      shape(catalog.dataItems, 'dataItems', DATA_ITEM_DIGITS, DATA_ITEM_DIGIT_MESSAGE)
      catalog.forms.forEach((form, index) => {
        if (form.fields.length === 0)
          ctx.addIssue({code: 'custom', path: ['forms', index, 'fields'], message: '印字項目を1つ以上書いてください'})
      })
    }
    duplicate(catalog.functions, 'functions', '機能ID')
    duplicate(catalog.forms, 'forms', '帳票ID')
    duplicate(catalog.dataItems, 'dataItems', 'データ項目ID')
    duplicate(catalog.codeLists ?? [], 'codeLists', 'コードID')
    catalog.dataItems.forEach((item, index) => {
      if (item.output !== undefined && item.required !== (item.output === '必須'))
        ctx.addIssue({
          code: 'custom',
          path: ['dataItems', index, 'required'],
          message: `データ出力条件「${item.output}」と required: ${item.required} が食い違っています (必須のときだけ true)`,
        })
    })
    const itemIds = new Set(catalog.dataItems.map((item) => item.id))
    catalog.forms.forEach((form, formIndex) => {
      form.fields.forEach((field, fieldIndex) => {
        if (field.dataItem !== undefined && !itemIds.has(field.dataItem))
          ctx.addIssue({
            code: 'custom',
            path: ['forms', formIndex, 'fields', fieldIndex, 'dataItem'],
            message: `データ項目「${field.dataItem}」は dataItems にありません`,
          })
      })
    })
  })

export type SpecCatalog = z.output<typeof catalogSchema>
export type FunctionReq = SpecCatalog['functions'][number]
export type FormSpec = SpecCatalog['forms'][number]
export type FormField = FormSpec['fields'][number]
export type DataItem = SpecCatalog['dataItems'][number]
export type CodeList = NonNullable<SpecCatalog['codeLists']>[number]
export type CodeValue = CodeList['values'][number]
