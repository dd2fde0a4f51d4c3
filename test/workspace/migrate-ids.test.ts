/**
 * migrate-ids called directly (test/commands/migrate.test.ts runs the command on the legacy workspace): which
 * strings are rewritten, what is left alone, form fingerprints re-stamped, backups, dry runs, idempotence.
 */
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {formFingerprint} from '../../src/analyzers/forms.js'
import {loadCatalog} from '../../src/specs/catalog-store.js'
import {legacyDataItemId} from '../../src/specs/official-ids.js'
import {resolveArea} from '../../src/specs/registry.js'
import {migrateWorkspaceIds, rewriteDecisions, rewriteMapping} from '../../src/workspace/migrate-ids.js'
import {loadWorkspace, workspaceAt} from '../../src/workspace/workspace.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {diskState} from '../helpers/disk.js'

const jumin = resolveArea('jumin')
const kojin = resolveArea('kojin')
const FIXTURE = path.join(ROOT, 'test/fixtures/legacy-workspace')

describe('rewriteMapping', () => {
  it('rewrites every whole-string ID value, keeps comments, keys and other strings, and gives a few examples', () => {
    const text = [
      '# 人のコメント',
      'version: 1',
      'area: jumin',
      "edition: rep-2",
      'items:',
      "  - item: '001001001' # 宛名番号",
      "    name: '001002003'",
      "    note: '001001001 の説明'",
      ...['004', '005', '006', '007', '008'].map((n) => `  - item: '001001${n}'`),
      "  - item: '001150001'",
      "  - item: '00101001'",
      "'001001009': key stays",
      '',
    ].join('\n')
    const result = rewriteMapping(text, jumin)
    expect(result.changed).toBe(7)
    expect(result.refingerprinted).toBe(0)
    expect(result.examples).toEqual([
      {from: '001001001', to: '00101001'},
      {from: '001002003', to: '00102003'},
      {from: '001001004', to: '00101004'},
      {from: '001001005', to: '00101005'},
      {from: '001001006', to: '00101006'},
    ])
    expect(result.text).toBe(
      [
        '# 人のコメント',
        'version: 1',
        'area: jumin',
        'edition: rep-2',
        'items:',
        "  - item: '00101001' # 宛名番号",
        "    name: '00102003'",
        "    note: '001001001 の説明'",
        ...['004', '005', '006', '007', '008'].map((n) => `  - item: '00101${n}'`),
        // Group 150 has no official form: left as it is; an official ID is left too.
        "  - item: '001150001'",
        "  - item: '00101001'",
        "'001001009': key stays",
        '',
      ].join('\n'),
    )
  })

  it('returns the text exactly as it was when there is nothing to rewrite', () => {
    const text = "version:   1\narea: jumin\nitems: [ ]   # 空\n"
    expect(rewriteMapping(text, jumin)).toEqual({text, changed: 0, examples: [], refingerprinted: 0})
  })
})

describe('rewriteDecisions', () => {
  const catalog = loadCatalog(jumin, 'rep-2')
  const form = catalog.forms.find((f) => f.id === '0010001')!
  const legacyFp = formFingerprint({...form, fields: form.fields.map((f) => (f.dataItem ? {...f, dataItem: legacyDataItemId(jumin, f.dataItem)} : f))})
  const catalogOf = (edition: string | undefined) => (edition === undefined || edition === 'rep-2' ? catalog : undefined)

  it('rewrites the IDs in decision keys only, never in people’s words', () => {
    const text = [
      'area: kojin',
      'decisions:',
      '  - key: kojin:fn:9040054',
      '    note: 9040054 と 001001001 はそのまま',
      "    department: '9040054'",
      '  - key: kojin:cur-fn:F0901',
      '',
    ].join('\n')
    const result = rewriteDecisions(text.replace("    department: '9040054'", "    department: '9040054'\n    note2: kojin:fn:9040054"), kojin, () => undefined)
    expect(result.changed).toBe(1)
    expect(result.examples).toEqual([{from: 'kojin:fn:9040054', to: 'kojin:fn:0100054'}])
    // A row key written in another field is someone's words: left as written.
    expect(result.text).toBe(text.replace('key: kojin:fn:9040054', 'key: kojin:fn:0100054').replace("    department: '9040054'", "    department: '9040054'\n    note2: kojin:fn:9040054"))
  })

  it('returns the text exactly as it was when there is nothing to rewrite, and keeps long lines and flow lists as they are', () => {
    const text = "area:   jumin\ndecisions: [ ]   # 空\n"
    expect(rewriteDecisions(text, jumin, () => undefined)).toEqual({text, changed: 0, examples: [], refingerprinted: 0})
    const long = Array.from({length: 30}, () => '長い備考').join(' ')
    const written = `area: kojin\ndecisions:\n  - key: kojin:fn:9040054\n    note: ${long}\n    tags: [a, b]\n`
    expect(rewriteDecisions(written, kojin, () => undefined).text).toBe(written.replace('9040054', '0100054'))
    const mapping = `version: 1\nitems:\n  - item: '001001001'\n    note: ${long}\n    refs: [A.B, C.D]\n`
    expect(rewriteMapping(mapping, jumin).text).toBe(mapping.replace('001001001', '00101001'))
  })

  it('re-stamps a form decision whose fingerprint was made with the old data item IDs, and only such', () => {
    expect(legacyFp).not.toBe(formFingerprint(form))
    const entry = (key: string, fp: string, edition?: string) => [`  - key: ${key}`, `    fingerprint: ${fp}`, ...(edition ? [`    edition: ${edition}`] : [])]
    const text = [
      'area: jumin',
      'decisions:',
      ...entry('jumin:form:0010001', legacyFp, 'rep-2'),
      ...entry('jumin:form:0010001', legacyFp),
      // Another fingerprint (the form itself changed), another kind, an unknown form or edition: left alone.
      ...entry('jumin:form:0010001', 'f'.repeat(16), 'rep-2'),
      ...entry('jumin:fn:0010001', legacyFp, 'rep-2'),
      ...entry('jumin:form:0019999', legacyFp, 'rep-2'),
      ...entry('jumin:form:0010001', legacyFp, 'rep-0'),
      ...entry('jumin:form', legacyFp, 'rep-2'),
      '  - key: jumin:form:0010001',
      '',
    ].join('\n')
    const result = rewriteDecisions(text, jumin, catalogOf)
    expect(result.refingerprinted).toBe(2)
    expect(result.changed).toBe(0)
    const now = formFingerprint(form)
    const lines = result.text.split('\n').filter((l) => l.includes('fingerprint:'))
    expect(lines).toEqual([now, now, 'f'.repeat(16), legacyFp, legacyFp, legacyFp, legacyFp].map((fp) => `    fingerprint: ${fp}`))
    // A form decision already re-stamped is not touched again.
    expect(rewriteDecisions(result.text, jumin, catalogOf)).toEqual({text: result.text, changed: 0, examples: [], refingerprinted: 0})
  })
})

describe('migrateWorkspaceIds', () => {
  const legacyCopy = () => {
    const dir = path.join(tempDir('fitgap-migrate-unit-'), 'legacy')
    cpSync(FIXTURE, dir, {recursive: true})
    return dir
  }

  it('on a dry run reports the files and writes nothing', () => {
    const dir = legacyCopy()
    const before = diskState(dir)
    const report = migrateWorkspaceIds(loadWorkspace(dir), {dryRun: true})
    expect(report.written).toBe(false)
    expect(report.backupDir).toBeUndefined()
    expect(report.files.map((f) => path.relative(dir, f.file)).sort()).toEqual(['decisions/kojin.yaml', 'mappings/jumin.yaml', 'mappings/kojin.yaml', 'mappings/kokuho.yaml'])
    expect(report.files.every((f) => f.changed > 0 && f.examples.length > 0 && f.examples.length <= 5)).toBe(true)
    expect(diskState(dir)).toEqual(before)
  })

  it('rewrites a decisions file whose only change is a re-stamped form fingerprint', () => {
    const catalog = loadCatalog(jumin, 'rep-2')
    const form = catalog.forms.find((f) => f.id === '0010001')!
    const legacyFp = formFingerprint({...form, fields: form.fields.map((f) => (f.dataItem ? {...f, dataItem: legacyDataItemId(jumin, f.dataItem)} : f))})
    const workspace = workspaceAt(path.join(tempDir('fitgap-migrate-unit-'), 'ws'), {version: 1, name: 't', areas: [], editions: {}})
    mkdirSync(workspace.decisionsDir, {recursive: true})
    const file = path.join(workspace.decisionsDir, 'jumin.yaml')
    writeFileSync(file, `area: jumin\ndecisions:\n  - key: jumin:form:0010001\n    verdict: fit\n    fingerprint: ${legacyFp}\n    edition: rep-2\n`)
    const report = migrateWorkspaceIds(workspace)
    expect(report.files).toEqual([{file, changed: 0, examples: [], refingerprinted: 1}])
    expect(readFileSync(file, 'utf8')).toContain(`fingerprint: ${formFingerprint(form)}\n`)
  })

  it('copies the originals to .fitgap-backup/ids first, never over an earlier backup, and is idempotent', () => {
    const dir = legacyCopy()
    // A backup left by an earlier, interrupted migration is the older original: it stays.
    mkdirSync(path.join(dir, '.fitgap-backup', 'ids', 'mappings'), {recursive: true})
    writeFileSync(path.join(dir, '.fitgap-backup', 'ids', 'mappings', 'kokuho.yaml'), 'older original\n')
    const original = (file: string) => readFileSync(path.join(FIXTURE, file), 'utf8')
    const report = migrateWorkspaceIds(loadWorkspace(dir))
    expect(report.written).toBe(true)
    expect(report.backupDir).toBe(path.join(dir, '.fitgap-backup', 'ids'))
    for (const file of ['mappings/jumin.yaml', 'mappings/kojin.yaml', 'decisions/kojin.yaml'])
      expect(readFileSync(path.join(dir, '.fitgap-backup', 'ids', file), 'utf8'), file).toBe(original(file))
    expect(readFileSync(path.join(dir, '.fitgap-backup', 'ids', 'mappings', 'kokuho.yaml'), 'utf8')).toBe('older original\n')
    expect(readFileSync(path.join(dir, 'decisions', 'kojin.yaml'), 'utf8')).toBe(original('decisions/kojin.yaml').replace('kojin:fn:9040054', 'kojin:fn:0100054'))
    // Decisions of jumin hold no legacy ID: the file is as it was.
    expect(readFileSync(path.join(dir, 'decisions', 'jumin.yaml'), 'utf8')).toBe(original('decisions/jumin.yaml'))

    const after = diskState(dir)
    expect(migrateWorkspaceIds(loadWorkspace(dir))).toEqual({files: [], written: false})
    expect(diskState(dir)).toEqual(after)
  })
})
