import {describe, expect, it} from 'vitest'

import {fitgap, fitgapJson} from '../helpers/cli.js'

describe('fitgap areas', () => {
  it('lists the 20 業務 as JSON with slug, no, name and editions', async () => {
    const result = await fitgap(['areas', '--json'])
    expect(result.exitCode).toBe(0)
    const areas = fitgapJson<{slug: string; no: number; name: string; editions: {edition: string}[]}[]>(result)
    expect(areas).toHaveLength(20)
    expect(areas.map((a) => a.no)).toEqual(Array.from({length: 20}, (_, i) => i + 1))
    expect(areas[0]).toMatchObject({slug: 'jumin', no: 1, name: '住民基本台帳'})
    expect(areas[0]!.editions.map((e) => e.edition)).toContain('rep-1')
  })

  it('prints a table with Japanese names', async () => {
    const result = await fitgap(['areas'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('住民基本台帳')
    expect(result.stdout).toContain('戸籍の附票')
  })
})
