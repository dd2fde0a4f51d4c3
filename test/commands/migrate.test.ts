import {cpSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {officialIdOf, officialRowKey} from '../../src/specs/official-ids.js'
import {resolveArea} from '../../src/specs/registry.js'
import {fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'

const FIXTURE = path.join(ROOT, 'test/fixtures/legacy-workspace')

interface Expected {
  analyze: {slug: string; edition: string; summary: unknown; findings: string[]}[]
  check: Record<string, {ok: boolean; counts: unknown; findings: string[]}>
}

interface AnalyzeJson {
  areas: {slug: string; edition: string; summary: unknown; findings: {key: string; kind: string; severity: string; standardRef?: string; currentRef?: string}[]}[]
}
interface CheckJson {
  ok: boolean
  counts: unknown
  findings: {kind: string; severity: string; item?: string; ref?: string}[]
}

function legacyCopy(): string {
  const dir = path.join(tempDir(), 'legacy')
  cpSync(FIXTURE, dir, {recursive: true})
  return dir
}

/** An old result line with its IDs put in the official form (what the same finding is called now). */
function translate(slug: string, line: string): string {
  const area = resolveArea(slug)
  return line
    .split('|')
    .map((part) => (part.includes(':') ? officialRowKey(area, part) : officialIdOf(area, part)))
    .join('|')
}

describe('fitgap migrate (9-digit workspace → official IDs)', () => {
  it('rewrites mapping items and decision keys, keeps a backup, and is idempotent', async () => {
    const dir = legacyCopy()
    const dry = await fitgap(['migrate', '-w', dir, '--dry-run'])
    expect(dry.exitCode).toBe(0)
    expect(dry.stdout).toContain('001001001→00101001')
    expect(readFileSync(path.join(dir, 'mappings/jumin.yaml'), 'utf8')).toContain("item: '001001001'")

    const run = await fitgap(['migrate', '-w', dir, '--json'])
    expect(run.exitCode).toBe(0)
    const report = fitgapJson<{files: {file: string; changed: number}[]; written: boolean}>(run)
    expect(report.written).toBe(true)
    expect(report.files.map((f) => path.basename(path.dirname(f.file)) + '/' + path.basename(f.file)).sort()).toEqual([
      'decisions/kojin.yaml',
      'mappings/jumin.yaml',
      'mappings/kojin.yaml',
      'mappings/kokuho.yaml',
    ])
    const jumin = readFileSync(path.join(dir, 'mappings/jumin.yaml'), 'utf8')
    expect(jumin).toContain("item: '00101001'")
    expect(jumin).not.toMatch(/'\d{9}'/)
    expect(readFileSync(path.join(dir, 'decisions/kojin.yaml'), 'utf8')).toContain('key: kojin:fn:0100054')
    expect(readFileSync(path.join(dir, '.fitgap-backup/ids/mappings/jumin.yaml'), 'utf8')).toBe(
      readFileSync(path.join(FIXTURE, 'mappings/jumin.yaml'), 'utf8'),
    )
    // people's words survive untouched
    expect(readFileSync(path.join(dir, 'decisions/kojin.yaml'), 'utf8')).toContain('事業所向け通知書は標準様式に切り替える')

    const again = await fitgap(['migrate', '-w', dir])
    expect(again.stdout).toContain('移行するIDはありません')
  })

  // Later work changed what an analysis concludes (pairing, conversions), so the comparison with fitgap 0.1 keeps to
  // what the renumbering touches: which data items are mapped how and the structural checks.
  it('keeps every decided data item mapping and structural map check result of fitgap 0.1 across the renumbering', async () => {
    const dir = legacyCopy()
    expect((await fitgap(['migrate', '-w', dir])).exitCode).toBe(0)
    const expected = JSON.parse(readFileSync(path.join(FIXTURE, 'expected-0.1.json'), 'utf8')) as Expected

    const analyze = await fitgap(['analyze', '-w', dir, '--json'])
    expect(analyze.exitCode, analyze.stderr).toBe(0)
    const now = fitgapJson<AnalyzeJson>(analyze)
    for (const before of expected.analyze) {
      const area = now.areas.find((a) => a.slug === before.slug)!
      expect(area.edition).toBe(before.edition)
      // Suggested or unmapped depends on the matcher of the day; what people decided must come through unchanged.
      const decided = (summary: unknown) => {
        const states = (summary as {dataItemsByState: Record<string, number>}).dataItemsByState
        return {confirmed: states.confirmed, 'no-counterpart': states['no-counterpart']}
      }
      expect(decided(area.summary), before.slug).toEqual(decided(before.summary))
    }

    const STRUCTURAL = new Set(['unknown-item', 'unknown-field', 'duplicate', 'shared-field', 'required-unmapped', 'required-gap'])
    for (const [slug, before] of Object.entries(expected.check)) {
      const check = await fitgap(['map', 'check', slug, '-w', dir, '--json'])
      const result = fitgapJson<CheckJson>(check)
      const lines = result.findings.filter((f) => STRUCTURAL.has(f.kind)).map((f) => `${f.kind}|${f.severity}|${f.item ?? ''}|${f.ref ?? ''}`).sort()
      const old = before.findings.filter((l) => STRUCTURAL.has(l.split('|')[0]!)).map((l) => translate(slug, l)).sort()
      expect(lines, slug).toEqual(old)
      expect(result.findings.some((f) => f.kind === 'unknown-item'), slug).toBe(false)
    }
  })
})
