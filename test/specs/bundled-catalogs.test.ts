import {describe, expect, it} from 'vitest'

import {checkCatalogFile, listCatalogFiles} from '../../src/specs/catalog-store.js'
import {loadRegistry} from '../../src/specs/registry.js'
import {fitgap} from '../helpers/cli.js'

const MINIMUMS: Record<string, {functions: number; forms: number; dataItems: number}> = {
  jumin: {functions: 120, forms: 15, dataItems: 80},
}
const DEFAULT_MINIMUM = {functions: 40, forms: 6, dataItems: 40}

describe('bundled catalogues', () => {
  const areas = loadRegistry().areas

  it.each(areas.map((area) => [area.slug, area] as const))('%s has a valid representative catalogue', (_slug, area) => {
    const files = listCatalogFiles(area.slug)
    expect(files.length).toBeGreaterThanOrEqual(1)
    for (const file of files) {
      const check = checkCatalogFile(file.file)
      expect(check.problems).toEqual([])
      const catalog = check.catalog!
      expect(catalog.provenance.type).toBe('representative')
      const min = MINIMUMS[area.slug] ?? DEFAULT_MINIMUM
      expect(catalog.functions.length).toBeGreaterThanOrEqual(min.functions)
      expect(catalog.forms.length).toBeGreaterThanOrEqual(min.forms)
      expect(catalog.dataItems.length).toBeGreaterThanOrEqual(min.dataItems)
      expect(new Set(catalog.functions.map((f) => f.kind))).toEqual(new Set(['mandatory', 'optional', 'prohibited']))

      const prefix = area.code.value
      for (const id of [...catalog.functions, ...catalog.forms].map((x) => x.id)) expect(id).toMatch(new RegExp(`^${prefix}\\d{4}$`))
      for (const item of catalog.dataItems) expect(item.id).toMatch(new RegExp(`^${prefix}\\d{5}$`))
      expect(new Set(catalog.functions.map((f) => f.id)).size).toBe(catalog.functions.length)
      expect(new Set(catalog.forms.map((f) => f.id)).size).toBe(catalog.forms.length)
      expect(new Set(catalog.dataItems.map((d) => d.id)).size).toBe(catalog.dataItems.length)

      const itemIds = new Set(catalog.dataItems.map((d) => d.id))
      const refs = catalog.forms.flatMap((form) => form.fields.flatMap((field) => (field.dataItem ? [field.dataItem] : [])))
      expect(refs.length).toBeGreaterThan(0)
      for (const ref of refs) expect(itemIds.has(ref), ref).toBe(true)
      for (const item of catalog.dataItems) expect(item.nameEn, item.name).toBeDefined()
    }
  })

  it('keeps shared 宛名 items identical wherever an 業務 holds them', () => {
    const shared = new Map<string, {type: string; length?: number; nameEn?: string; codeTable?: string; area: string}>()
    const sharedNames = ['宛名番号', '世帯番号', '個人番号', '氏名', '氏名フリガナ', '生年月日', '性別', '郵便番号', '住所', '方書', '住所コード', '電話番号', '続柄', '世帯主氏名']
    for (const area of areas) {
      for (const file of listCatalogFiles(area.slug)) {
        for (const item of checkCatalogFile(file.file).catalog?.dataItems ?? []) {
          if (!sharedNames.includes(item.name)) continue
          const shape = {type: item.type, length: item.length, nameEn: item.nameEn, codeTable: item.codeTable}
          const seen = shared.get(item.name)
          if (!seen) shared.set(item.name, {...shape, area: area.slug})
          else expect(shape, `${item.name} in ${area.slug} vs ${seen.area}`).toEqual({type: seen.type, length: seen.length, nameEn: seen.nameEn, codeTable: seen.codeTable})
        }
      }
    }
    expect(shared.size).toBeGreaterThanOrEqual(12)
  })

  it('specs validate passes on all bundled catalogues through the CLI', async () => {
    const result = await fitgap(['specs', 'validate'])
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
  })

  it.each(areas.map((area) => area.slug))('specs show %s works', async (slug) => {
    const result = await fitgap(['specs', 'show', slug])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('実装必須機能')
  })
})
