import * as z from 'zod'

import {DATA_TYPES} from './vocabulary.js'

/** Where a record came from, so any report row can be traced to its source line. */
export const recordSourceSchema = z.strictObject({
  file: z.string(),
  sheet: z.string().optional(),
  /** 1-based row (CSV/XLSX) or line (XML/JSON). */
  row: z.number().int().positive(),
  /** CSV: the line the record starts on, when it differs from the row (quoted fields with line breaks). */
  line: z.number().int().positive().optional(),
})

export const currentFieldSchema = z.strictObject({
  table: z.string(),
  column: z.string(),
  label: z.string(),
  type: z.enum(DATA_TYPES).optional(),
  /** The type as written in the export (VARCHAR2(40), 9(8), X(40) …). */
  typeRaw: z.string().optional(),
  length: z.number().int().positive().optional(),
  scale: z.number().int().nonnegative().optional(),
  required: z.boolean().optional(),
  codeTable: z.string().optional(),
  /** The code values the field holds (コード値 column: "1:男, 2:女"), when the export lists them. */
  codes: z.array(z.strictObject({code: z.string(), label: z.string()})).optional(),
  description: z.string().optional(),
  source: recordSourceSchema.optional(),
})

export const currentFormFieldSchema = z.strictObject({
  name: z.string(),
  type: z.enum(DATA_TYPES).optional(),
  typeRaw: z.string().optional(),
  length: z.number().int().positive().optional(),
  scale: z.number().int().nonnegative().optional(),
  /** "TABLE.COLUMN" of the current field printed here, when the export says. */
  sourceField: z.string().optional(),
  source: recordSourceSchema.optional(),
})

export const currentFormSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** The vendor's 対応表: standard form IDs this form covers. Present (maybe empty) only when the export has that column. */
  standardIds: z.array(z.string()).optional(),
  fields: z.array(currentFormFieldSchema),
  source: recordSourceSchema.optional(),
})

export const currentFunctionSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** 分類 path (大分類, 中分類 …) when the export has one. */
  category: z.array(z.string()).optional(),
  description: z.string().optional(),
  /** The vendor's 対応表: standard function IDs this function covers. Present (maybe empty) only when the export has that column. */
  standardIds: z.array(z.string()).optional(),
  inUse: z.boolean().default(true),
  source: recordSourceSchema.optional(),
})

export const sourceFileSchema = z.strictObject({
  file: z.string(),
  sha256: z.string(),
  format: z.enum(['csv', 'tsv', 'xlsx', 'xml', 'json']),
  encoding: z.string().optional(),
  kind: z.enum(['fields', 'forms', 'functions']),
  records: z.number().int().nonnegative(),
})

export const currentSystemSchema = z.strictObject({
  area: z.string(),
  sources: z.array(sourceFileSchema),
  fields: z.array(currentFieldSchema),
  forms: z.array(currentFormSchema),
  functions: z.array(currentFunctionSchema),
})

export type RecordSource = z.output<typeof recordSourceSchema>
export type CurrentField = z.output<typeof currentFieldSchema>
export type CurrentFormField = z.output<typeof currentFormFieldSchema>
export type CurrentForm = z.output<typeof currentFormSchema>
export type CurrentFunction = z.output<typeof currentFunctionSchema>
export type SourceFile = z.output<typeof sourceFileSchema>
export type CurrentSystem = z.output<typeof currentSystemSchema>

/** The stable reference of a current field, used by mappings and findings. */
export const fieldRef = (field: Pick<CurrentField, 'table' | 'column'>): string => `${field.table}.${field.column}`
