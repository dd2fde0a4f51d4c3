import {describe, expect, it} from 'vitest'

import {registrySchema} from '../../src/model/area.js'
import {loadRegistry, resolveArea} from '../../src/specs/registry.js'

describe('20-業務 registry', () => {
  const registry = loadRegistry()

  it('has 20 areas with unique slugs, numbers and catalogue prefixes', () => {
    expect(registry.areas).toHaveLength(20)
    for (const key of ['slug', 'no', 'name'] as const) expect(new Set(registry.areas.map((a) => a[key])).size, key).toBe(20)
    expect(new Set(registry.areas.map((a) => a.code.value)).size).toBe(20)
    expect(registry.areas.map((a) => a.no).sort((a, b) => a - b)).toEqual(Array.from({length: 20}, (_, i) => i + 1))
  })

  it('marks every fact V, S or U and uses known official prefixes for the catalogue', () => {
    for (const area of registry.areas) {
      expect(['V', 'S', 'U']).toContain(area.ministry.source)
      expect(['V', 'S', 'U']).toContain(area.specTitle.source)
      expect(area.code.value).toMatch(/^0\d\d$/)
      if (area.legacyPrefix) expect(area.legacyPrefix).toMatch(/^9\d\d$/)
    }
    expect(resolveArea('jumin').code).toEqual({value: '001', source: 'S', confirmed: true})
    expect(resolveArea('介護保険').code.value).toBe('023')
    expect(resolveArea('戸籍の附票').code.value).toBe('004')
    expect(resolveArea('戸籍附票').slug).toBe('fuhyo')
    expect(resolveArea('選挙人名簿管理').code.value).toBe('005')
  })

  it('resolves an 業務 by slug, Japanese name, alias, number and full-width number', () => {
    expect(resolveArea('jumin').no).toBe(1)
    expect(resolveArea('住民基本台帳').slug).toBe('jumin')
    expect(resolveArea('住民記録').slug).toBe('jumin')
    expect(resolveArea('7').slug).toBe('kokuho')
    expect(resolveArea('１１').slug).toBe('kaigo')
    expect(resolveArea('KOKUHO').slug).toBe('kokuho')
  })

  it('suggests the closest names for an unknown 業務', () => {
    expect(() => resolveArea('jumni')).toThrow(/業務「jumni」が見つかりません。近い業務: 住民基本台帳 \(jumin, 1\)/)
    expect(() => resolveArea('国民健康')).toThrow(/国民健康保険/)
    expect(() => resolveArea('99')).toThrow(/見つかりません/)
  })

  it('rejects a registry with duplicate slugs', () => {
    const areas = registry.areas.map((a) => ({...a}))
    areas[1] = {...areas[1]!, slug: 'jumin'}
    const result = registrySchema.safeParse({areas})
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain('slug「jumin」が重複')
  })
})
