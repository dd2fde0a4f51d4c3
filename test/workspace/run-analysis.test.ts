/**
 * run-analysis called directly on a small workspace holding the hand-made sample catalogue (test/helpers/sample-input.ts):
 * which 業務 are analysed, what each analysis is made of, decisions carried from another edition, the report frame.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'
import {stringify} from 'yaml'

import {InputError} from '../../src/errors.js'
import type {SpecCatalog} from '../../src/model/catalog.js'
import type {Decision} from '../../src/model/decision.js'
import {saveCurrentSystem} from '../../src/current/store.js'
import {saveDecisionsTogether} from '../../src/workspace/decisions-store.js'
import {areasToAnalyze, buildReport, importedAreas, runAnalysis, workspaceId} from '../../src/workspace/run-analysis.js'
import {workspaceAt, type Workspace, type WorkspaceConfig} from '../../src/workspace/workspace.js'
import {tempDir} from '../helpers/cli.js'
import {sampleCatalog, sampleCurrent} from '../helpers/sample-input.js'

function newWorkspace(config: Partial<WorkspaceConfig> = {}): Workspace {
  return workspaceAt(path.join(tempDir('fitgap-run-unit-'), 'ws'), {version: 1, name: 'テスト市', areas: [], editions: {}, ...config})
}

function addCatalog(workspace: Workspace, edition: string, catalog: SpecCatalog = sampleCatalog(), extra: Record<string, unknown> = {}): void {
  mkdirSync(path.join(workspace.specsDir, 'jumin'), {recursive: true})
  writeFileSync(path.join(workspace.specsDir, 'jumin', `${edition}.yaml`), stringify({...catalog, edition, ...extra}))
}

const slugs = (areas: {slug: string}[]) => areas.map((a) => a.slug)

describe('which 業務 are analysed', () => {
  it('takes those asked for (once each), else those fitgap.yaml lists, else those imported', () => {
    const workspace = newWorkspace({areas: ['kokuho', 'jumin']})
    expect(slugs(areasToAnalyze(workspace, ['jumin', 'kojin', 'jumin']))).toEqual(['jumin', 'kojin'])
    expect(slugs(areasToAnalyze(workspace, []))).toEqual(['kokuho', 'jumin'])
    expect(slugs(areasToAnalyze(newWorkspace({areas: ['jumin', 'jumin']}), []))).toEqual(['jumin'])

    const imported = newWorkspace()
    for (const name of ['kokuho', 'jumin.bak', 'nothing-known', 'kojinx', 'x.kojin.']) mkdirSync(path.join(imported.currentDir, name), {recursive: true})
    // In the registry's order; a folder named after a 業務 with a suffix after a dot counts, another prefix does not.
    expect(slugs(importedAreas(imported))).toEqual(['jumin', 'kokuho'])
    expect(slugs(areasToAnalyze(imported, []))).toEqual(['jumin', 'kokuho'])
  })

  it('says what to do when there is nothing to analyse', () => {
    const workspace = newWorkspace()
    expect(importedAreas(workspace)).toEqual([])
    expect(() => areasToAnalyze(workspace, [])).toThrow(
      new InputError(
        `${workspace.root} には分析する業務がありません。\`fitgap current import ファイル --area 業務\` で現行システムの定義を取り込むか、業務を指定してください。`,
      ),
    )
    mkdirSync(workspace.currentDir, {recursive: true})
    expect(() => areasToAnalyze(workspace, [])).toThrow(InputError)
  })
})

describe('runAnalysis', () => {
  it('analyses the pinned edition of each 業務 with the decisions recorded, telling progress per 業務', () => {
    const workspace = newWorkspace({areas: ['jumin'], editions: {jumin: 'test-1'}})
    addCatalog(workspace, 'test-1', sampleCatalog(), {attribution: '出典: テスト'})
    addCatalog(workspace, 'test-9', sampleCatalog())
    const decided: Decision = {key: 'jumin:fn:0010006', verdict: 'gap', policy: 'bpr', edition: 'test-1'}
    saveDecisionsTogether(workspace, [{area: 'jumin', decisions: [decided], archived: []}])
    const told: string[] = []
    const run = runAnalysis(workspace, areasToAnalyze(workspace, []), {suggest: false, onArea: (area, index) => told.push(`${index}:${area.slug}`)})
    expect(told).toEqual(['0:jumin'])
    const [report] = run.areas
    expect(report!.analysis.edition).toBe('test-1')
    expect(report!.specTitle).toBe('テスト仕様')
    expect(report!.attribution).toBe('出典: テスト')
    expect(report!.specNotes).toEqual([])
    expect(report!.sources).toEqual([])
    expect(report!.mappingFile).toBeUndefined()
    expect('dataChecks' in report!).toBe(false)
    expect(report!.analysis.functions.find((f) => f.key === 'jumin:fn:0010006')?.verdict).toBe('gap')
    // Nothing imported: no current record, so nothing inferred.
    expect(report!.analysis.summary.functionsByVerdict).toEqual({fit: 0, partial: 0, gap: 1, na: 0, undecided: 5})
  })

  it('says a fictional edition is fictional, and leaves out what the catalogue does not have', () => {
    const workspace = newWorkspace({editions: {jumin: 'test-2'}})
    addCatalog(workspace, 'test-2', sampleCatalog(), {fictional: true})
    const [report] = runAnalysis(workspace, areasToAnalyze(workspace, ['jumin']), {suggest: false}).areas
    expect(report!.specNotes).toEqual(['架空の改定版 (動作確認用。公式の仕様ではありません)'])
    expect('attribution' in report!).toBe(false)
  })

  it('carries decisions from an earlier edition through the diff, and holds for review those it cannot verify', () => {
    const workspace = newWorkspace({editions: {jumin: 'test-1'}})
    const old = sampleCatalog()
    old.functions[0] = {...old.functions[0]!, text: '住民データを管理できること (旧)。'}
    addCatalog(workspace, 'test-0', old)
    addCatalog(workspace, 'test-1')
    const decisions: Decision[] = [
      {key: 'jumin:fn:0010001', verdict: 'fit', policy: 'as-standard', edition: 'test-0'},
      {key: 'jumin:fn:0010002', verdict: 'gap', policy: 'bpr', edition: 'test-0'},
      {key: 'jumin:fn:0010006', verdict: 'fit', policy: 'as-standard', edition: 'gone-1'},
    ]
    saveDecisionsTogether(workspace, [{area: 'jumin', decisions, archived: []}])
    const [report] = runAnalysis(workspace, areasToAnalyze(workspace, ['jumin']), {suggest: false}).areas
    const carried = report!.analysis.carryOver.map((row) => [row.key, row.outcome])
    expect(carried).toEqual([
      ['jumin:fn:0010001', 'review'],
      ['jumin:fn:0010002', 'carried'],
      ['jumin:fn:0010006', 'review'],
    ])
    const verdicts = Object.fromEntries(report!.analysis.functions.map((f) => [f.key, f.verdict]))
    expect([verdicts['jumin:fn:0010001'], verdicts['jumin:fn:0010002'], verdicts['jumin:fn:0010006']]).toEqual(['undecided', 'gap', 'undecided'])
  })

  it('holds for review, and does not fail on, decisions of an edition whose catalogue is broken', () => {
    const workspace = newWorkspace({editions: {jumin: 'test-1'}})
    addCatalog(workspace, 'test-1')
    writeFileSync(path.join(workspace.specsDir, 'jumin', 'test-0.yaml'), 'area: jumin\nedition: test-0\nfunctions: [\n')
    saveDecisionsTogether(workspace, [{area: 'jumin', decisions: [{key: 'jumin:fn:0010001', verdict: 'fit', edition: 'test-0'}], archived: []}])
    const [report] = runAnalysis(workspace, areasToAnalyze(workspace, ['jumin']), {suggest: false}).areas
    expect(report!.analysis.carryOver.map((row) => [row.key, row.outcome])).toEqual([['jumin:fn:0010001', 'review']])
  })
})

describe('when each 業務\'s inputs are read', () => {
  /** jumin with its sample catalogue (and, when asked, current fields); kokuho with a broken catalogue. */
  function twoAreas(withCurrent: boolean): Workspace {
    const workspace = newWorkspace({areas: ['jumin', 'kokuho'], editions: {jumin: 'test-1', kokuho: 'test-1'}})
    addCatalog(workspace, 'test-1')
    if (withCurrent) saveCurrentSystem(workspace, sampleCurrent())
    mkdirSync(path.join(workspace.specsDir, 'kokuho'), {recursive: true})
    writeFileSync(path.join(workspace.specsDir, 'kokuho', 'test-1.yaml'), 'area: kokuho\nedition: test-1\nfunctions: [\n')
    return workspace
  }
  const runTelling = (workspace: Workspace, suggest: boolean, told: string[]) => () =>
    runAnalysis(workspace, areasToAnalyze(workspace, []), {
      suggest,
      onRead: (area, index) => told.push(`read ${index}:${area.slug}`),
      onArea: (area, index) => told.push(`${index}:${area.slug}`),
    })

  it('reads every 業務 first when the first one needs the matcher; an error is still raised when its 業務 is reached', () => {
    const workspace = twoAreas(true)
    const told: string[] = []
    // jumin is analysed (its progress told) before kokuho's broken catalogue, read before it, stops the run.
    expect(runTelling(workspace, true, told)).toThrow(/kokuho/)
    expect(told).toEqual(['read 0:jumin', 'read 1:kokuho', '0:jumin', '1:kokuho'])

    // A 業務 whose own decisions are broken fails first.
    mkdirSync(workspace.decisionsDir, {recursive: true})
    writeFileSync(path.join(workspace.decisionsDir, 'jumin.yaml'), 'decisions: [\n')
    told.length = 0
    expect(runTelling(workspace, true, told)).toThrow(/jumin\.yaml/)
    expect(told).toEqual(['read 0:jumin', 'read 1:kokuho', '0:jumin'])
  })

  it('reads each 業務 when reached when no matching is needed (holding them all would only cost memory)', () => {
    for (const [withCurrent, suggest] of [
      [false, true],
      [true, false],
    ]) {
      const told: string[] = []
      expect(runTelling(twoAreas(withCurrent!), suggest!, told)).toThrow(/kokuho/)
      expect(told).toEqual(['read 0:jumin', '0:jumin', '1:kokuho', 'read 1:kokuho'])
    }
  })
})

describe('the report frame', () => {
  it('names the workspace by its id, or by its name in hex for workspaces made before ids', () => {
    expect(workspaceId(newWorkspace({id: 'ws-abc-123'}))).toBe('ws-abc-123')
    expect(workspaceId(newWorkspace({name: 'AB'}))).toBe('name-4142')
    expect(workspaceId(newWorkspace({name: 'あいうえおかきく'}))).toBe(`name-${Buffer.from('あいうえおかきく').toString('hex').slice(0, 40)}`)
    expect(workspaceId(newWorkspace({name: 'あいうえおかきく'}))).toHaveLength(45)
  })

  it('titles the report after the workspace and includes the previous snapshot only when there is one', () => {
    const workspace = newWorkspace({id: 'ws-abc-123'})
    const report = buildReport(workspace, {areas: []}, {name: 'fitgap', version: '1.2.3'}, '2026-01-02 03:04')
    expect(report).toEqual({
      title: 'テスト市 Fit&Gap 分析',
      workspace: {name: 'テスト市', id: 'ws-abc-123', root: workspace.root},
      tool: {name: 'fitgap', version: '1.2.3'},
      generatedAt: '2026-01-02 03:04',
      areas: [],
    })
    expect('previous' in report).toBe(false)
    const previous = {at: '2026-01-01 00:00', areas: []} as unknown as Parameters<typeof buildReport>[4]
    expect(buildReport(workspace, {areas: []}, {name: 'fitgap', version: '1'}, undefined, previous).previous).toBe(previous)
  })
})
