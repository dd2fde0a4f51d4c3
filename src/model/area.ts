import {z} from 'zod'

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
  idPrefix: z
    .strictObject({
      value: z.string().regex(/^\d{3}$/, 'ID接頭辞は3桁の数字です'),
      source: z.enum(FACT_SOURCES),
    })
    .optional(),
  catalogPrefix: z.string().regex(/^\d{3}$/, 'カタログ用接頭辞は3桁の数字です'),
})

export const registrySchema = z
  .strictObject({areas: z.array(areaSchema).length(20, '20業務がそろっていません')})
  .superRefine((registry, ctx) => {
    for (const key of ['slug', 'no', 'catalogPrefix'] as const) {
      const seen = new Set<string | number>()
      registry.areas.forEach((area, index) => {
        if (seen.has(area[key]))
          ctx.addIssue({code: 'custom', path: ['areas', index, key], message: `${key}「${area[key]}」が重複しています`})
        seen.add(area[key])
      })
    }
  })

export type Area = z.output<typeof areaSchema>
export type Registry = z.output<typeof registrySchema>
