import {z} from 'zod'

import {
  ACCEPTED_KIND_LABELS,
  DATA_TYPE_LABELS,
  DATA_TYPES,
  type DataType,
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
 * IDs are strings. Representative catalogues must use the documented shapes (機能・帳票 7 digits, データ項目 9 digits,
 * checked below in the catalogue refinement); catalogues imported from official workbooks (provenance official) keep
 * the IDs the workbook has, which were not verified to follow one shape (domain.md §3), so only the characters are checked.
 */
const SEVEN_DIGITS = /^\d{7}$/
const NINE_DIGITS = /^\d{9}$/
const SEVEN_DIGIT_MESSAGE = 'IDは7桁の数字です (例: "0010001")'
const NINE_DIGIT_MESSAGE = 'データ項目IDは9桁の数字です (業務3桁 + グループ3桁 + 連番3桁)'
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
  id: z.string({error: '9桁の数字を文字列で書いてください (例: "001001001")'}).regex(idCharacters, 'データ項目IDは半角英数字 (と . _ -) で書いてください'),
  group: nonEmpty,
  name: nonEmpty,
  nameEn: z.string().regex(/^[a-z][a-z0-9_]*$/, '英語名は小文字の snake_case です').optional(),
  description: z.string().optional(),
  type: dataType,
  length: positiveInt.optional(),
  scale: z.number().int().nonnegative().optional(),
  required: z.boolean({error: '必須は true / false で書いてください'}),
  codeTable: z.string().optional(),
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
    functions: z.array(functionReqSchema),
    forms: z.array(formSpecSchema),
    dataItems: z.array(dataItemSchema),
  })
  .superRefine((catalog, ctx) => {
    const duplicate = (items: readonly {id: string}[], key: 'functions' | 'forms' | 'dataItems', label: string) => {
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
      shape(catalog.dataItems, 'dataItems', NINE_DIGITS, NINE_DIGIT_MESSAGE)
      catalog.forms.forEach((form, index) => {
        if (form.fields.length === 0)
          ctx.addIssue({code: 'custom', path: ['forms', index, 'fields'], message: '印字項目を1つ以上書いてください'})
      })
    }
    duplicate(catalog.functions, 'functions', '機能ID')
    duplicate(catalog.forms, 'forms', '帳票ID')
    duplicate(catalog.dataItems, 'dataItems', 'データ項目ID')
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
