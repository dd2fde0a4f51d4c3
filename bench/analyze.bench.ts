/**
 * `npm run bench` (second part): a generated large-city workspace — 20 業務, 20,000 data items, 5,000 functions,
 * 1,000 forms, 60,000 current fields — through `fitgap analyze` end to end (built CLI, own process), against the
 * floor: exceljs streaming-writing the same sheets, rows and columns with no analysis, measured in the same run.
 * Targets: ≤ 15 s, ≤ 1 GB peak RSS, ≤ 2× the floor; a first run (no mapping files: matching inside analyze)
 * ≤ 2.5× the floor. Seeded: the same workspace every run. `--json`: the figures as JSON (bench/run.ts uses it).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import ExcelJS from 'exceljs'
import {stringify} from 'yaml'

import {renderTable} from '../src/cli/render.js'
import {saveCurrentSystem} from '../src/current/store.js'
import {mappingFilePath, saveMappingFile} from '../src/mapping/file.js'
import {suggestionsToMappingFile} from '../src/mapping/suggest.js'
import {createMatcher, loadMatchResources, type MatchResources} from '../src/matching/dictionary-loader.js'
import type {SpecCatalog} from '../src/model/catalog.js'
import type {CurrentSystem} from '../src/model/current.js'
import {loadRegistry} from '../src/specs/registry.js'
import {workspaceAt} from '../src/workspace/workspace.js'
import {syntheticData} from './synthetic-data.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PER_AREA = {items: 1000, functions: 250, forms: 50, fields: 3000}
const KINDS = ['mandatory', 'mandatory', 'mandatory', 'optional', 'prohibited'] as const

/** The team has run `map suggest` before analysing (the steady state); `withMappings: false` is a first run. */
function buildWorkspace(dir: string, withMappings = true): void {
  const areas = loadRegistry().areas
  const config = {version: 1 as const, name: 'ベンチ市', id: 'bench-city-0001', areas: areas.map((a) => a.slug), editions: Object.fromEntries(areas.map((a) => [a.slug, 'bench-1']))}
  writeFileSync(path.join(dir, 'fitgap.yaml'), stringify(config))
  const workspace = workspaceAt(dir, config)
  for (const area of areas) {
    const data = syntheticData(PER_AREA.items, PER_AREA.fields, area.no)
    const prefix = area.code.value
    const dataItems = data.items.map((item, i) => ({
      id: `${prefix}${String(i + 1).padStart(5, '0')}`,
      group: item.group,
      name: item.name,
      type: item.type,
      length: item.type === 'date' ? undefined : item.length,
      required: i % 7 === 0,
    }))
    const functions = Array.from({length: PER_AREA.functions}, (_, i) => ({
      id: `${prefix}${String(i + 1).padStart(4, '0')}`,
      section: `${Math.floor(i / 25) + 1}.${(i % 25) + 1}`,
      category: [dataItems[i % dataItems.length]!.group],
      name: `${dataItems[(i * 3) % dataItems.length]!.name}の管理`,
      text: `${dataItems[(i * 3) % dataItems.length]!.name}を登録・修正・照会できること。`,
      kind: KINDS[i % KINDS.length]!,
    }))
    const forms = Array.from({length: PER_AREA.forms}, (_, i) => ({
      id: `${prefix}${String(i + 1).padStart(4, '0')}`,
      name: `${dataItems[(i * 11) % dataItems.length]!.name}通知書`,
      category: '通知書',
      kind: KINDS[i % KINDS.length]!,
      fields: Array.from({length: 15}, (_, j) => ({name: dataItems[(i * 15 + j) % dataItems.length]!.name, dataItem: dataItems[(i * 15 + j) % dataItems.length]!.id})),
    }))
    const catalog: SpecCatalog = {area: area.slug, edition: 'bench-1', title: 'ベンチ用', provenance: {type: 'representative', note: 'ベンチマーク用の生成データ'}, functions, forms, dataItems}
    mkdirSync(path.join(dir, 'specs', area.slug), {recursive: true})
    writeFileSync(path.join(dir, 'specs', area.slug, 'bench-1.yaml'), stringify(catalog, {lineWidth: 0}))
    const file = `exports/${area.slug}.csv`
    const current: CurrentSystem = {
      area: area.slug,
      sources: [
        {file, sha256: '0'.repeat(64), format: 'csv', encoding: 'utf-8', kind: 'fields', records: data.fields.length},
        {file: `exports/${area.slug}-fn.csv`, sha256: '1'.repeat(64), format: 'csv', encoding: 'utf-8', kind: 'functions', records: PER_AREA.functions},
        {file: `exports/${area.slug}-forms.csv`, sha256: '2'.repeat(64), format: 'csv', encoding: 'utf-8', kind: 'forms', records: PER_AREA.forms},
      ],
      fields: data.fields.map((f, i) => ({...f, source: {file, row: i + 2}})),
      functions: functions.map((fn, i) => ({id: `F${i}`, name: i % 2 === 0 ? fn.name : `独自処理${i}`, inUse: i % 9 !== 0, source: {file: `exports/${area.slug}-fn.csv`, row: i + 2}})),
      forms: forms.map((form, i) => ({
        id: `R${i}`,
        name: i % 3 === 0 ? `独自帳票${i}` : form.name,
        fields: form.fields.filter((_, j) => j % 4 !== 0).map((f) => ({name: f.name})),
        source: {file: `exports/${area.slug}-forms.csv`, row: i + 2},
      })),
    }
    saveCurrentSystem(workspace, current)
    if (withMappings) {
      const result = createMatcher(resources()).match(dataItems, current.fields, {topK: 3})
      saveMappingFile(mappingFilePath(workspace.mappingsDir, area.slug), suggestionsToMappingFile(area.slug, 'bench-1', dataItems, result))
    }
  }
}

let loaded: MatchResources | undefined
const resources = () => (loaded ??= loadMatchResources())

interface Measure {
  seconds: number
  /** User + system CPU seconds: what the run costs, less sensitive than wall time to other work on the machine. */
  cpu: number
  peakMb: number
}

function parseTime(stderrOrOut: string): Measure {
  const line = stderrOrOut.split('\n').find((l) => l.startsWith('FITGAP_TIME'))
  if (!line) throw new Error(`no timing in: ${stderrOrOut.slice(-500)}`)
  const [, seconds, kb, user, system] = line.split(' ')
  return {seconds: Number(seconds), cpu: Number(user) + Number(system), peakMb: Number(kb) / 1024}
}

function run(args: string[]): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', 'FITGAP_TIME %e %M %U %S', ...args], {encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26})
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stderr.slice(-2000)}`)
  return parseTime(result.stderr)
}

interface SheetShape {
  name: string
  rows: number
  cols: number
}

async function sheetShapes(workbookFile: string): Promise<SheetShape[]> {
  const shapes: SheetShape[] = []
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbookFile, {worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore'})
  for await (const sheet of reader) {
    let rows = 0
    let cols = 0
    for await (const row of sheet) {
      rows += 1
      cols = Math.max(cols, row.cellCount)
    }
    shapes.push({name: (sheet as unknown as {name: string}).name, rows, cols})
  }
  return shapes
}

/** The floor: the same sheets, rows and columns streamed by exceljs with nothing computed. */
async function floor(shapes: SheetShape[], outFile: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({filename: outFile, useStyles: true, useSharedStrings: false})
  for (const shape of shapes) {
    const sheet = writer.addWorksheet(shape.name)
    for (let r = 0; r < shape.rows; r++) sheet.addRow(Array.from({length: shape.cols}, (_, c) => `値${r}-${c}`)).commit()
    sheet.commit()
  }
  await writer.commit()
}

const args = process.argv.slice(2)
if (args[0] === '--make') buildWorkspace(args[1]!, args[2] !== '--no-mappings')
else if (args[0] === '--floor') await floor(JSON.parse(readFileSync(args[1]!, 'utf8')) as SheetShape[], args[2]!)
else {
  const dir = mkdtempSync(path.join(tmpdir(), 'fitgap-bench-'))
  const firstRun = mkdtempSync(path.join(tmpdir(), 'fitgap-bench-first-'))
  try {
    process.stderr.write('大規模市のワークスペースを生成中 (map suggest 済みの状態を作るため照合も実行)…\n')
    buildWorkspace(dir)
    buildWorkspace(firstRun, false)
    const out = path.join(dir, 'report.xlsx')
    const cli = [process.execPath, path.join(ROOT, 'bin', 'run.js'), 'analyze']
    process.stderr.write('fitgap analyze を実行中…\n')
    const analyze = run([...cli, '--workspace', dir, '--out', out])
    process.stderr.write('もう一度 (前回のブックを置き換える) を実行中…\n')
    const again = run([...cli, '--workspace', dir, '--out', out])
    process.stderr.write('対応付けファイルなし (初回: 照合も analyze の中で実行) を実行中…\n')
    const first = run([...cli, '--workspace', firstRun, '--out', path.join(firstRun, 'report.xlsx')])
    process.stderr.write('床 (exceljs のみ) を実行中…\n')
    const shapes = await sheetShapes(out)
    writeFileSync(path.join(dir, 'shapes.json'), JSON.stringify(shapes))
    const base = run([process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url), '--floor', path.join(dir, 'shapes.json'), path.join(dir, 'floor.xlsx')])
    const rows = shapes.reduce((sum, shape) => sum + shape.rows, 0)
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify({analyze, again, first, floor: base, rows})}\n`)
    } else {
      const scale = `20業務, データ項目 ${20 * PER_AREA.items}, 機能 ${20 * PER_AREA.functions}, 帳票 ${20 * PER_AREA.forms}, 現行項目 ${20 * PER_AREA.fields}`
      process.stdout.write(
        '\n' +
          renderTable(
            ['対象', '秒', 'ピークRSS MB'],
            [
              [`fitgap analyze (${scale}; map suggest 済み)`, analyze.seconds.toFixed(2), analyze.peakMb.toFixed(0)],
              [`fitgap analyze もう一度 (前回のブックを置き換える)`, again.seconds.toFixed(2), again.peakMb.toFixed(0)],
              [`fitgap analyze 初回 (対応付けファイルなし: 照合を含む)`, first.seconds.toFixed(2), first.peakMb.toFixed(0)],
              [`床: exceljs で同じシート・行 (${rows})・列を書くだけ`, base.seconds.toFixed(2), base.peakMb.toFixed(0)],
            ],
          ) +
          `\n目標 (map suggest 済み): ≤ 15 s ${analyze.seconds <= 15 ? 'OK' : '超過'} / ≤ 1024 MB ${analyze.peakMb <= 1024 ? 'OK' : '超過'} / 床の 2 倍以内 (${(analyze.seconds / base.seconds).toFixed(2)} 倍) ${analyze.seconds <= 2 * base.seconds ? 'OK' : '超過'}\n` +
          `目標 (初回・対応付けファイルなし): 床の 2.5 倍以内 (${(first.seconds / base.seconds).toFixed(2)} 倍) ${first.seconds <= 2.5 * base.seconds ? 'OK' : '超過'}\n` +
          '注: どれもプロセス全体 (Node の起動を含む) の経過時間と最大常駐メモリ (/usr/bin/time) です。\n',
      )
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
    rmSync(firstRun, {recursive: true, force: true})
  }
}
