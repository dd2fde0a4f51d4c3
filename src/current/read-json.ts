/**
 * JSON in fitgap's own model: `{"area": "jumin", "fields": [...], "forms": [...], "functions": [...]}`
 * (what `fitgap current show --json` prints). Each record's provenance becomes this file and line.
 */
import * as z from 'zod'

import {InputError} from '../errors.js'
import {type JsonSource, JsonSyntaxError, parseJsonSource} from '../io/json-source.js'
import {formatIssuePath} from '../io/yaml-source.js'
import {
  type CurrentField,
  type CurrentForm,
  currentFieldSchema,
  currentFormFieldSchema,
  currentFormSchema,
  currentFunctionSchema,
  type RecordSource,
} from '../model/current.js'
import type {ImportKind} from './headers.js'
import type {RecordSink} from './records.js'
import {parseTypeSpec} from './type-spec.js'

export const jsonInputSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.number().optional(),
  area: z.string().optional(),
  /** Ignored on input (provenance is recomputed). */
  sources: z.array(z.unknown()).optional(),
  fields: z.array(currentFieldSchema).optional(),
  forms: z.array(currentFormSchema.extend({fields: z.array(currentFormFieldSchema).default([])})).optional(),
  functions: z.array(currentFunctionSchema).optional(),
})

export interface JsonContext {
  readonly display: string
  readonly fileKey: string
  readonly kinds?: readonly ImportKind[]
  readonly areaMatches: (value: string) => boolean
}

/** Fills type / length from typeRaw when only the raw type was written. */
function completeType<T extends {type?: CurrentField['type']; typeRaw?: string; length?: number; scale?: number}>(record: T): T {
  if (record.typeRaw === undefined || (record.type !== undefined && record.length !== undefined)) return record
  const spec = parseTypeSpec(record.typeRaw)
  return {...record, type: record.type ?? spec.type, length: record.length ?? spec.length, scale: record.scale ?? spec.scale}
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** zod's text for a number JSON could not hold (1e400 → Infinity) reads "number expected, number received". */
function issueText(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'unrecognized_keys') return `使えないキーがあります: ${issue.keys.join(', ')}`
  let value: unknown = data
  for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined
  if (typeof value === 'number' && !Number.isFinite(value)) return '数が大きすぎます (扱える範囲の数を書いてください)'
  return issue.message
}

export function parseJsonDefinitions(text: string, context: JsonContext, sink: RecordSink): {counts: Partial<Record<ImportKind, number>>; skipped: number} {
  const where = context.display
  if (text.trim() === '') throw new InputError(`${where}: ファイルが空です。`)
  let source: JsonSource
  try {
    source = parseJsonSource(text)
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    throw new InputError(`${where} ${error.line}行目 ${error.column}列: JSON として正しくありません (${error.message})。`)
  }
  const result = jsonInputSchema.safeParse(source.data)
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 20)
      .map((issue) => `${where}:${source.lineOf(issue.path)} ${formatIssuePath(issue.path)}: ${issueText(issue, source.data)}`)
    throw new InputError(`${where} が fitgap の現行システム定義の形 (docs/current-import.md) になっていません。`, problems)
  }
  const data = result.data
  const nameless = [
    ...(data.fields ?? []).flatMap((f, i) =>
      f.column.trim() === '' && f.label.trim() === ''
        ? [{path: ['fields', i], text: 'column も label も空です。どの項目か分からず、対応付けできません'}]
        : f.table.trim() === ''
          ? [{path: ['fields', i], text: `table が空です (項目 ${f.column || f.label})。テーブル名を書いてください`}]
          : [],
    ),
    ...(data.forms ?? []).flatMap((f, i) => (f.id.trim() === '' && f.name.trim() === '' ? [{path: ['forms', i], text: 'id も name も空です'}] : [])),
    ...(data.functions ?? []).flatMap((f, i) => (f.id.trim() === '' && f.name.trim() === '' ? [{path: ['functions', i], text: 'id も name も空です'}] : [])),
  ]
  if (nameless.length > 0)
    throw new InputError(
      `${where} に名前のない定義があります。`,
      [...nameless.slice(0, 20).map((n) => `${where}:${source.lineOf(n.path)} ${formatIssuePath(n.path)}: ${n.text}。`), ...(nameless.length > 20 ? [`… ほか ${nameless.length - 20} 件`] : [])],
    )
  if (data.area !== undefined && !context.areaMatches(data.area))
    throw new InputError(`${where}: このファイルは業務「${data.area}」の定義です。--area と合いません。`)
  const wants = (kind: ImportKind) => !context.kinds || context.kinds.includes(kind)
  const at = (path: (string | number)[]): RecordSource => ({file: context.fileKey, row: source.lineOf(path)})
  const counts: Partial<Record<ImportKind, number>> = {}
  let skipped = 0
  const total = (data.fields?.length ?? 0) + (data.forms?.length ?? 0) + (data.functions?.length ?? 0)
  if (total === 0) throw new InputError(`${where}: fields・forms・functions のどれにも定義がありません。`)
  if (wants('fields'))
    data.fields?.forEach((field, i) => {
      sink.field(dropUndefined({...completeType(field), source: at(['fields', i])}))
      counts.fields = (counts.fields ?? 0) + 1
    })
  else skipped += data.fields?.length ?? 0
  if (wants('forms'))
    data.forms?.forEach((form, i) => {
      const record: CurrentForm = dropUndefined({
        ...form,
        fields: form.fields.map((item, j) => dropUndefined({...completeType(item), source: at(['forms', i, 'fields', j])})),
        source: at(['forms', i]),
      })
      sink.form(record)
      counts.forms = (counts.forms ?? 0) + 1
    })
  else skipped += data.forms?.length ?? 0
  if (wants('functions'))
    data.functions?.forEach((fn, i) => {
      sink.function(dropUndefined({...fn, source: at(['functions', i])}))
      counts.functions = (counts.functions ?? 0) + 1
    })
  else skipped += data.functions?.length ?? 0
  return {counts, skipped}
}
