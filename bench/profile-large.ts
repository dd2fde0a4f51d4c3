/**
 * Benchmark: `fitgap data profile` of a large CP932 data export (1 GB by default; BENCH_MB to change it).
 * Makes a workspace and the file under BENCH_DIR (default: a new temp folder; the file never goes into git), then runs
 * the built CLI under /usr/bin/time -v when it exists, and prints rows, time and peak RSS.
 * Run: `npm run bench:profile` (BENCH_MB=100 for a quick run, BENCH_KEEP=1 to keep the folder).
 */
import {spawnSync} from 'node:child_process'
import {closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import iconv from 'iconv-lite'

import {saveCurrentSystem} from '../src/current/store.js'
import {saveMappingFile} from '../src/mapping/file.js'
import {emptyMappingFile} from '../src/mapping/model.js'
import type {CurrentField} from '../src/model/current.js'
import {loadCatalog} from '../src/specs/catalog-store.js'
import {resolveArea} from '../src/specs/registry.js'
import {loadWorkspace, specsDirsOf} from '../src/workspace/workspace.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const FIELDS: [column: string, label: string, typeRaw: string, length: number, item: string][] = [
  ['ATENA_NO', '宛名番号', 'CHAR', 15, '宛名番号'],
  ['SHIMEI', '氏名', 'NVARCHAR', 120, '氏名'],
  ['SHIMEI_KANA', 'ｼﾒｲｶﾅ', 'NVARCHAR', 100, '氏名フリガナ'],
  ['SEINENGAPPI', '生年月日', 'CHAR', 7, '生年月日'],
  ['ZOKUGARA_CD', '続柄', 'CHAR', 3, '続柄'],
  ['YUBIN_NO', '郵便番号', 'CHAR', 8, '郵便番号'],
  ['JUSHO', '住所', 'NVARCHAR', 200, '住所'],
  ['UPD_USER', '更新者', 'CHAR', 10, ''],
]

function setUpWorkspace(root: string): void {
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'init', root, '--name', 'bench', '--area', 'jumin'], {stdio: 'inherit'})
  const workspace = loadWorkspace(root)
  const fields: CurrentField[] = FIELDS.map(([column, label, typeRaw, length], i) => ({table: 'JUMIN', column, label, type: 'text', typeRaw, length, source: {file: 'fields.csv', row: i + 2}}))
  saveCurrentSystem(workspace, {area: 'jumin', sources: [{file: 'fields.csv', sha256: '0'.repeat(64), format: 'csv', kind: 'fields', records: fields.length}], fields, forms: [], functions: []})
  const catalog = loadCatalog(resolveArea('jumin'), workspace.config.editions.jumin, specsDirsOf(workspace))
  const ids = new Map(catalog.dataItems.map((item) => [item.name, item.id]))
  saveMappingFile(path.join(root, 'mappings', 'jumin.yaml'), {
    ...emptyMappingFile('jumin'),
    items: FIELDS.filter(([, , , , item]) => ids.has(item)).map(([column, , , , item]) => ({item: ids.get(item)!, name: item, entries: [{refs: [`JUMIN.${column}`], status: 'confirmed' as const}]})),
  })
}

const SURNAMES = ['山田', '佐藤', '髙橋', '鈴木', '渡邊', '齋藤', '森', '長谷川']
const KANA = ['ﾔﾏﾀﾞ', 'ｻﾄｳ', 'ﾀｶﾊｼ', 'ｽｽﾞｷ', 'ﾜﾀﾅﾍﾞ', 'ｻｲﾄｳ', 'ﾓﾘ', 'ﾊｾｶﾞﾜ']
const GAIJI = Buffer.from([0xf0, 0x40])

function generate(file: string, megabytes: number): number {
  const fd = openSync(file, 'w')
  writeSync(fd, iconv.encode(`${FIELDS.map(([column]) => column).join(',')}\r\n`, 'cp932'))
  const target = megabytes * 1024 * 1024
  let size = 0
  let rows = 0
  while (size < target) {
    const parts: Buffer[] = []
    for (let i = 0; i < 5000; i++, rows++) {
      const n = rows % SURNAMES.length
      const era = ['3', '4', '5', 'S', 'H'][rows % 5]!
      const line = `${String(rows).padStart(15, '0')},${SURNAMES[n]}太郎${rows % 1000 === 0 ? '' : '花子'},${KANA[n]} ﾀﾛｳ,${era}${String(10 + (rows % 50)).padStart(2, '0')}${String(1 + (rows % 12)).padStart(2, '0')}${String(1 + (rows % 28)).padStart(2, '0')},${String(rows % 20).padStart(2, '0')},${String(1000000 + (rows % 8999999)).replace(/^(\d{3})/, '$1-')},みどり市中央町${rows % 9}丁目${rows % 30}番${rows % 20}号,user${rows % 7}\r\n`
      parts.push(iconv.encode(line, 'cp932'))
      // one name in a thousand holds a user-defined character (外字)
      if (rows % 1000 === 0) {
        const last = parts.pop()!
        const cut = last.indexOf(0x2c, 16)
        parts.push(last.subarray(0, cut), GAIJI, last.subarray(cut))
      }
    }
    const chunk = Buffer.concat(parts)
    writeSync(fd, chunk)
    size += chunk.length
  }
  closeSync(fd)
  return rows
}

function main(): void {
  const megabytes = Number(process.env.BENCH_MB ?? 1024)
  const dir = process.env.BENCH_DIR ?? mkdtempSync(path.join(tmpdir(), 'fitgap-profile-bench-'))
  const root = path.join(dir, 'ws')
  const file = path.join(dir, 'jumin-export.csv')
  try {
    setUpWorkspace(root)
    const t0 = performance.now()
    const rows = existsSync(file) && process.env.BENCH_DIR ? Number.NaN : generate(file, megabytes)
    console.log(`data file: ${(statSync(file).size / 1024 / 1024).toFixed(0)} MB CP932, ${Number.isNaN(rows) ? 'reused' : `${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`)
    const cli = [path.join(ROOT, 'bin', 'run.js'), 'data', 'profile', 'jumin', file, '--json', '--workspace', root]
    const timed = existsSync('/usr/bin/time')
    const t1 = performance.now()
    const run = timed
      ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...cli], {encoding: 'utf8', maxBuffer: 1 << 26})
      : spawnSync(process.execPath, cli, {encoding: 'utf8', maxBuffer: 1 << 26})
    const seconds = (performance.now() - t1) / 1000
    if (run.status !== 0) throw new Error(`data profile failed (${run.status}): ${run.stderr}`)
    const result = JSON.parse(run.stdout) as {files: {rows: number; columns: {column: string; chars: Record<string, {count: number}>}[]}[]}
    const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]
    const cpu = ['User', 'System'].map((what) => Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(run.stderr)?.[1] ?? Number.NaN))
    console.log(`profiled ${result.files[0]!.rows} rows, ${result.files[0]!.columns.length} columns in ${seconds.toFixed(1)} s (${(statSync(file).size / 1024 / 1024 / seconds).toFixed(1)} MB/s)`)
    console.log(`peak RSS: ${peak ? `${(Number(peak) / 1024).toFixed(0)} MB (/usr/bin/time -v)` : 'unknown (no /usr/bin/time)'}`)
    if (timed) console.log(`CPU time: user ${cpu[0]} s + system ${cpu[1]} s (the elapsed time above depends on the machine's load)`)
    console.log(`外字 found in 氏名: ${result.files[0]!.columns.find((c) => c.column === 'SHIMEI')?.chars.pua?.count ?? 0}`)
  } finally {
    if (!process.env.BENCH_KEEP && !process.env.BENCH_DIR) rmSync(dir, {recursive: true, force: true})
  }
}

main()
