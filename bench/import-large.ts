/**
 * Benchmark: `fitgap current import` of a 100 MB CSV (CP932 by default; BENCH_ENCODING=utf-8 for UTF-8).
 * Generates the file in a temp folder, imports it in a child process (so the peak RSS is the import's
 * alone), prints rows, time and peak RSS. Run: `npm run bench:import` (BENCH_MB=200 for a bigger file,
 * BENCH_NODE_ARGS='--max-old-space-size=256' to check that the import fits in a small heap).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, openSync, closeSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import iconv from 'iconv-lite'

const SELF = fileURLToPath(import.meta.url)

async function child(file: string, root: string): Promise<void> {
  const {importCurrent} = await import('../src/current/import.js')
  const {loadWorkspace} = await import('../src/workspace/workspace.js')
  const started = performance.now()
  const report = await importCurrent({files: [file], area: 'jumin', encoding: 'auto', workspace: loadWorkspace(root)})
  const ms = performance.now() - started
  process.stdout.write(JSON.stringify({ms, maxRssMB: process.resourceUsage().maxRSS / 1024, totals: report.totals, warnings: report.files[0]?.warnings.length ?? 0}))
}

function generate(file: string, megabytes: number, encoding: 'cp932' | 'utf-8'): number {
  const fd = openSync(file, 'w')
  const encode = (text: string) => (encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8'))
  let size = 0
  let rows = 0
  writeSync(fd, encode('住民記録システム 項目定義書 (ベンチマーク)\r\n\r\nテーブル物理名,カラム名,論理名,データ型,桁数,NOT NULL,コード表,説明\r\n'))
  const types = ['VARCHAR2(120)', 'NUMBER(10)', 'CHAR(8)', '9(8)', 'X(40)', 'NUMBER(12,2)', '文字', '日付']
  const target = megabytes * 1024 * 1024
  while (size < target) {
    const lines: string[] = []
    for (let i = 0; i < 2000; i++, rows++) {
      const table = `T${String(Math.floor(rows / 200)).padStart(5, '0')}`
      const type = types[rows % types.length]!
      const length = type === '文字' ? '40' : type === '日付' ? '8' : ''
      lines.push(
        `${table},COL_${rows},項目${rows}（氏名・住所 ①㈱髙﨑）,"${type}",${length},${rows % 3 === 0 ? 'Y' : ''},,"説明 ${rows}: 住民票の記載事項、転入・転出の届出に関する項目"`,
      )
    }
    const chunk = encode(`${lines.join('\r\n')}\r\n`)
    writeSync(fd, chunk)
    size += chunk.length
  }
  closeSync(fd)
  return rows
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]!, process.argv[4]!)
  const megabytes = Number(process.env.BENCH_MB ?? 100)
  const encoding = process.env.BENCH_ENCODING === 'utf-8' ? 'utf-8' : 'cp932'
  const dir = mkdtempSync(path.join(tmpdir(), 'fitgap-bench-'))
  try {
    const file = path.join(dir, `large-${encoding}.csv`)
    const root = path.join(dir, 'ws')
    mkdirSync(path.join(root, 'current'), {recursive: true})
    writeFileSync(path.join(root, 'fitgap.yaml'), 'version: 1\nname: bench\n')
    const t0 = performance.now()
    const rows = generate(file, megabytes, encoding)
    const bytes = statSync(file).size
    console.log(`generated ${(bytes / 1024 / 1024).toFixed(1)} MB ${encoding} CSV, ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
    const run = spawnSync(process.execPath, [...process.execArgv, ...extra, SELF, '--child', file, root], {encoding: 'utf8', maxBuffer: 1 << 24})
    if (run.status !== 0) throw new Error(`import failed (${run.status}): ${run.stderr}`)
    const result = JSON.parse(run.stdout) as {ms: number; maxRssMB: number; totals: {fields: number}; warnings: number}
    const stored = spawnSync('du', ['-sm', path.join(root, 'current')], {encoding: 'utf8'}).stdout.split('\t')[0]
    console.log(`imported ${result.totals.fields} fields in ${(result.ms / 1000).toFixed(1)} s (${(bytes / 1024 / 1024 / (result.ms / 1000)).toFixed(1)} MB/s)`)
    console.log(`peak RSS of the import process: ${result.maxRssMB.toFixed(0)} MB; stored: ${stored} MB; warnings: ${result.warnings}`)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

await main()
