import * as z from 'zod'

import {loadSettingsYaml, parseSettingsYaml} from '../../io/yaml-source.js'
import {aliasFileSchema, sheetNamesSchema} from './aliases.js'
import {MULTI_COLUMN_FIELDS, SHEET_FIELDS, SHEET_KINDS, type SheetKind} from './types.js'

const columnRef = z.string().trim().min(1)

const sheetRuleSchema = z
  .strictObject({
    /** The sheet's name as in the workbook (exact, after NFKC and trimming). */
    sheet: z.string().trim().min(1),
    kind: z.enum([...SHEET_KINDS, 'ignore'], {error: `kind は ${[...SHEET_KINDS, 'ignore'].join(' / ')} のいずれかです`}),
    /** 1-based header row; auto-detected when omitted. With two rows (parent + child), give the lower one. */
    headerRow: z.number().int().positive().optional(),
    /** field → column letter ("B") or header text; category/section may list several. */
    columns: z.record(z.string(), z.union([columnRef, z.array(columnRef).min(1)])).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.kind === 'ignore') return
    const allowed: readonly string[] = SHEET_FIELDS[rule.kind]
    for (const [field, ref] of Object.entries(rule.columns ?? {})) {
      if (!allowed.includes(field))
        ctx.addIssue({code: 'custom', path: ['columns', field], message: `「${field}」は ${rule.kind} の項目ではありません (使える項目: ${allowed.join(', ')})`})
      else if (Array.isArray(ref) && !MULTI_COLUMN_FIELDS.has(field))
        ctx.addIssue({code: 'custom', path: ['columns', field], message: `「${field}」に指定できる列は1つです`})
    }
  })

export const profileSchema = z.strictObject({
  /** Extra header aliases, added to the bundled dictionary (same shape as its `fields`). */
  aliases: aliasFileSchema.shape.fields.optional(),
  /** Extra sheet-name fragments per kind. */
  sheetNames: sheetNamesSchema.optional(),
  /** Explicit per-sheet rules; they take precedence over detection. */
  sheets: z.array(sheetRuleSchema).default([]),
})

export type ImportProfile = z.output<typeof profileSchema>
export type SheetRule = ImportProfile['sheets'][number]

export function parseProfile(text: string, shownPath: string): ImportProfile {
  return parseSettingsYaml(text, shownPath, profileSchema, '取込プロファイル')
}

export function loadProfile(file: string): ImportProfile {
  return loadSettingsYaml(file, profileSchema, '取込プロファイル')
}

export function ruleForSheet(profile: ImportProfile | undefined, sheetName: string): SheetRule | undefined {
  const key = sheetName.normalize('NFKC').trim()
  return profile?.sheets.find((rule) => rule.sheet.normalize('NFKC').trim() === key)
}

export type {SheetKind}
