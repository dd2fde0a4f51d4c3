import * as z from 'zod'

/** How a registry fact is known: V read in an official source, S secondary source, U unverified. */
export const FACT_SOURCES = ['V', 'S', 'U'] as const

const fact = z.strictObject({
  value: z.string().trim().min(1),
  source: z.enum(FACT_SOURCES, {error: 'source は V / S / U のいずれかです'}),
})

export const areaSchema = z.strictObject({
  slug: z.string().regex(/^[a-z][a-z0-9-]*$/, 'slug は小文字の英数字です'),
  no: z.number().int().min(1).max(20),
  name: z.string().trim().min(1),
  aliases: z.array(z.string()).default([]),
  ministry: fact,
  specTitle: fact,
  /** The official 基幹業務コード: first 3 digits of 機能ID・帳票ID (7 digits) and データ項目ID (8 digits). */
  code: z.strictObject({
    value: z.string().regex(/^\d{3}$/, '業務コードは3桁の数字です'),
    source: z.enum(FACT_SOURCES),
    /** Seen with the same value in a second, independent source. */
    confirmed: z.boolean().optional(),
  }),
  /** The made-up prefix fitgap 0.1's bundled catalogues used instead (9 + 業務番号); kept only to migrate old workspaces. */
  legacyPrefix: z.string().regex(/^\d{3}$/, '旧接頭辞は3桁の数字です').optional(),
})

export const registrySchema = z
  .strictObject({areas: z.array(areaSchema).length(20, '20業務がそろっていません')})
  .superRefine((registry, ctx) => {
    for (const key of ['slug', 'no'] as const) {
      const seen = new Set<string | number>()
      registry.areas.forEach((area, index) => {
        if (seen.has(area[key]))
          ctx.addIssue({code: 'custom', path: ['areas', index, key], message: `${key}「${area[key]}」が重複しています`})
        seen.add(area[key])
      })
    }
    const codes = new Set<string>()
    registry.areas.forEach((area, index) => {
      if (codes.has(area.code.value))
        ctx.addIssue({code: 'custom', path: ['areas', index, 'code'], message: `業務コード「${area.code.value}」が重複しています`})
      codes.add(area.code.value)
    })
  })

export type Area = z.output<typeof areaSchema>
export type Registry = z.output<typeof registrySchema>
