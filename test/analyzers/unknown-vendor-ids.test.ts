/** A vendor 対応表 ID that names no standard function or form: one warning per ID, for functions and forms alike. */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {fitgap, fitgapJson, tempDir} from '../helpers/cli.js'

interface Finding {
  key: string
  kind: string
  severity: string
  currentRef?: string
  message: string
  source?: {current?: string}
}

describe('unknown 対応表 IDs', () => {
  it('are warned about with the current record, the ID and the edition', async () => {
    const workspace = path.join(tempDir(), 'ws')
    expect((await fitgap(['init', workspace, '--area', 'jumin'])).exitCode).toBe(0)
    const file = path.join(workspace, 'vendor.json')
    writeFileSync(
      file,
      JSON.stringify({
        functions: [{id: 'F1', name: '旧照会', standardIds: ['9999999']}],
        forms: [{id: 'P1', name: '旧帳票', standardIds: ['8888888'], fields: []}],
      }),
    )
    const imported = await fitgap(['current', 'import', file, '--area', 'jumin', '--workspace', workspace])
    expect(imported.exitCode, imported.stderr).toBe(0)
    const result = await fitgap(['analyze', 'jumin', '--workspace', workspace, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const json = fitgapJson<{areas: {edition: string; findings: Finding[]}[]}>(result)
    const {edition, findings} = json.areas[0]!
    const unknown = findings.filter((f) => f.kind === 'unknown-standard-id')
    expect(unknown).toEqual([
      expect.objectContaining({
        key: 'jumin:cur-fn:F1:unknown-standard-id:9999999',
        severity: 'warning',
        currentRef: 'F1',
        message: `現行機能「旧照会」(F1): 対応表の標準機能ID「9999999」が標準仕様書 (${edition}) にない`,
        source: {current: 'vendor.json 1行'},
      }),
      expect.objectContaining({
        key: 'jumin:cur-form:P1:unknown-standard-id:8888888',
        severity: 'warning',
        currentRef: 'P1',
        message: `現行帳票「旧帳票」(P1): 対応表の標準帳票ID「8888888」が標準仕様書 (${edition}) にない`,
      }),
    ])
    expect(unknown.find((f) => f.currentRef === 'P1')).not.toHaveProperty('source')
  })
})
