import {describe, expect, it} from 'vitest'

import {fitgap, fitgapJson} from '../helpers/cli.js'

interface CatalogJson {
  area: string
  edition: string
  functions: {id: string; kind: string}[]
  forms: {id: string; fields: unknown[]}[]
  dataItems: {id: string}[]
}

describe('fitgap specs show', () => {
  it('prints the full catalogue as JSON with kinds normalised', async () => {
    const result = await fitgap(['specs', 'show', 'jumin', '--json'])
    expect(result.exitCode).toBe(0)
    const catalog = fitgapJson<CatalogJson>(result)
    expect(catalog.area).toBe('jumin')
    expect(catalog.functions.length).toBeGreaterThanOrEqual(120)
    expect(catalog.forms.length).toBeGreaterThanOrEqual(15)
    expect(catalog.dataItems.length).toBeGreaterThanOrEqual(80)
    expect(new Set(catalog.functions.map((f) => f.kind))).toEqual(new Set(['mandatory', 'optional', 'prohibited']))
  })

  it('accepts the Japanese name and the number, and prints a summary', async () => {
    const byName = await fitgap(['specs', 'show', '住民基本台帳'])
    expect(byName.exitCode).toBe(0)
    expect(byName.stdout).toContain('実装必須機能')
    expect(byName.stdout).toContain('データ項目')
    const byNumber = await fitgap(['specs', 'show', '1', '--json'])
    expect(fitgapJson<CatalogJson>(byNumber).area).toBe('jumin')
  })

  it('exits 2 with suggestions for an unknown 業務', async () => {
    const result = await fitgap(['specs', 'show', 'kokho'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('業務「kokho」が見つかりません')
    expect(result.stderr).toContain('kokuho')
  })

  it('exits 2 for an unknown edition and lists the available ones', async () => {
    const result = await fitgap(['specs', 'show', 'jumin', '--edition', 'v99'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('版「v99」はありません')
    expect(result.stderr).toContain('rep-1')
  })

  it('exits 2 when the 業務 argument is missing', async () => {
    const result = await fitgap(['specs', 'show'])
    expect(result.exitCode).toBe(2)
  })
})
