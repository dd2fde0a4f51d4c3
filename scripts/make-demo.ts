/**
 * Rebuilds the demo workspace examples/demo (the fictional みどり市) from scratch, the way a project team would:
 * write the vendor's exports, `fitgap init`, `current import` each export, `map suggest`, then record a partial
 * review (some suggestions confirmed or rejected, one gap) and a few decisions. Deterministic: running it twice
 * gives the same files.   Run: npm run demo:rebuild
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import iconv from 'iconv-lite'

import {loadMappingFile, mappingFilePath, saveMappingFile} from '../src/mapping/file.js'
import type {MappingFile} from '../src/mapping/model.js'
import type {Decision} from '../src/model/decision.js'
import {saveDecisions} from '../src/workspace/decisions-store.js'
import {loadWorkspace} from '../src/workspace/workspace.js'
import {loadCatalog} from '../src/specs/catalog-store.js'
import {resolveArea} from '../src/specs/registry.js'
import {
  type FieldRow,
  type FunctionRow,
  JUMIN_FIELDS,
  JUMIN_FORMS_XML,
  JUMIN_FUNCTIONS,
  KOJIN_FUNCTIONS,
  KOKUHO_FIELDS,
  KOKUHO_FUNCTIONS,
} from './demo-data.js'
import {demoDataExport} from './demo-data-export.js'
import {writeKojinWorkbook} from './demo-kojin-workbook.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DEMO = path.join(ROOT, 'examples', 'demo')
const EXPORTS = path.join(DEMO, 'exports')
const REVIEWER = '市民課 山田'
const REVIEW_DAY = '2026-10-15'

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
const csv = (rows: string[][]) => rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'

function fitgap(...args: string[]): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin', 'dev.js'), ...args], {cwd: DEMO, stdio: ['ignore', 'ignore', 'inherit']})
}

function writeCp932(file: string, text: string): void {
  writeFileSync(file, iconv.encode(text, 'cp932'))
}

function functionListCsv(rows: FunctionRow[]): string {
  return csv([['機能ID', '機能名称', '機能概要', '使用有無'], ...rows])
}

function review(area: string, actions: {confirm?: string[]; reject?: string[]; gap?: string[]}): void {
  const workspace = loadWorkspace(DEMO)
  const file = mappingFilePath(workspace.mappingsDir, area)
  const mapping = loadMappingFile(file) as MappingFile
  const decided = {by: REVIEWER, at: REVIEW_DAY}
  const items = mapping.items.map((item) => {
    if (actions.gap?.includes(item.item))
      return {...item, entries: [{refs: [], status: 'no-counterpart' as const, ...decided, note: '現行システムに該当項目なし'}]}
    const [first, ...rest] = item.entries
    if (!first || first.status !== 'suggested') return item
    if (actions.confirm?.includes(item.item)) return {...item, entries: [{...first, status: 'confirmed' as const, ...decided}, ...rest]}
    if (actions.reject?.includes(item.item)) return {...item, entries: [{...first, status: 'rejected' as const, ...decided, note: '意味が違う'}, ...rest]}
    return item
  })
  saveMappingFile(file, {...mapping, items})
}

/** A person's review of function / form pair candidates: the listed current IDs confirmed, others left as 候補. */
function reviewPairs(area: string, section: 'functions' | 'forms', confirm: string[]): void {
  const workspace = loadWorkspace(DEMO)
  const file = mappingFilePath(workspace.mappingsDir, area)
  const mapping = loadMappingFile(file) as MappingFile
  const pairs = (mapping[section] ?? []).map((pair) => ({
    ...pair,
    entries: pair.entries.map((e) => (e.status === 'suggested' && confirm.includes(e.refs[0]!) ? {...e, status: 'confirmed' as const, by: REVIEWER, at: REVIEW_DAY} : e)),
  }))
  saveMappingFile(file, {...mapping, [section]: pairs})
}

function decide(area: string, decisions: Decision[]): void {
  saveDecisions(loadWorkspace(DEMO), {area, decisions, archived: []})
}

async function main(): Promise<void> {
  rmSync(DEMO, {recursive: true, force: true})
  mkdirSync(DEMO, {recursive: true})
  fitgap('init', '.', '--name', 'みどり市 (架空のデモ)', '--area', 'jumin', '--area', 'kojin', '--area', 'kokuho')
  // A fixed id keeps the demo workbook importable across rebuilds. The team decided on 住民基本台帳 rep-1 and
  // analyses rep-2 now, so the demo shows decisions carried over, held for review and archived (版差分).
  const config = path.join(DEMO, 'fitgap.yaml')
  writeFileSync(config, `# fitgap ワークスペース設定\nversion: 1\nname: みどり市 (架空のデモ)\nid: demo-midori-0001\nareas:\n  - jumin\n  - kojin\n  - kokuho\neditions:\n  jumin: rep-2\n`)

  for (const area of ['jumin', 'kojin', 'kokuho']) mkdirSync(path.join(EXPORTS, area), {recursive: true})
  const header = ['テーブル名', 'テーブル論理名', '項目名(物理)', '項目名', 'データ型', '桁数', 'NULL許可', 'コード表', '備考']
  writeCp932(path.join(EXPORTS, 'jumin', '住記_項目定義.csv'), csv([header, ...JUMIN_FIELDS.map((row: FieldRow) => [...row])]))
  // The 住民基本台帳 vendor hands over its 対応表 in the function list: 標準機能ID column (several IDs with 「、」).
  const juminCatalog = loadCatalog(resolveArea('jumin'), 'rep-2')
  const idOf = (name: string) => {
    const fn = juminCatalog.functions.find((f) => f.name === name)
    if (!fn) throw new Error(`demo: no standard function named ${name}`)
    return fn.id
  }
  writeCp932(
    path.join(EXPORTS, 'jumin', '住記_機能一覧.csv'),
    csv([['機能ID', '機能名称', '機能概要', '使用有無', '標準機能ID'], ...JUMIN_FUNCTIONS.map(([id, name, description, inUse, standard]) => [id, name, description, inUse, standard.map(idOf).join('、')])]),
  )
  writeFileSync(path.join(EXPORTS, 'jumin', '住記_帳票定義.xml'), JUMIN_FORMS_XML)
  await writeKojinWorkbook(path.join(EXPORTS, 'kojin', '税務_項目定義書.xlsx'))
  writeFileSync(path.join(EXPORTS, 'kojin', '税務_機能一覧.csv'), `\uFEFF${functionListCsv(KOJIN_FUNCTIONS)}`)
  writeFileSync(path.join(EXPORTS, 'kokuho', '国保_項目定義.json'), `${JSON.stringify({area: 'kokuho', fields: KOKUHO_FIELDS}, null, 2)}\n`)
  writeCp932(path.join(EXPORTS, 'kokuho', '国保_機能一覧.csv'), functionListCsv(KOKUHO_FUNCTIONS))

  fitgap('current', 'import', 'exports/jumin/住記_項目定義.csv', 'exports/jumin/住記_機能一覧.csv', 'exports/jumin/住記_帳票定義.xml', '--area', 'jumin')
  fitgap('current', 'import', 'exports/kojin/税務_項目定義書.xlsx', 'exports/kojin/税務_機能一覧.csv', '--area', 'kojin')
  fitgap('current', 'import', 'exports/kokuho/国保_項目定義.json', 'exports/kokuho/国保_機能一覧.csv', '--area', 'kokuho')
  for (const area of ['jumin', 'kojin', 'kokuho']) fitgap('map', 'suggest', area)

  review('jumin', {
    confirm: ['00101001', '00101002', '00101003', '00101012', '00101014', '00101015', '00101016', '00101023', '00102001', '00102004', '00103001', '00103002', '00103003', '00103004', '00103008', '00104001', '00105002', '00121001'],
    reject: ['00101009'],
    gap: ['00101011', '00101019'],
  })
  // 住民基本台帳 forms and 国民健康保険 functions: the team confirmed some name-based candidates; the rest wait in map review.
  reviewPairs('jumin', 'forms', ['R001', 'R002'])
  reviewPairs('kokuho', 'functions', ['H002', 'H003', 'H008', 'H009'])
  review('kojin', {confirm: ['01001001', '01001004', '01001006', '01002001', '01002002', '01003001', '01011009'], gap: ['01013006']})
  review('kokuho', {confirm: ['02401001', '02403002', '02403005'], gap: ['02404005']})

  const who = {by: REVIEWER, at: REVIEW_DAY, edition: 'rep-1'}
  decide('jumin', [
    {key: 'jumin:fn:0010019', verdict: 'gap', policy: 'retire', department: '市民課', note: '和暦・西暦の併記表示は廃止し、職員の運用で対応する', ...who},
    {key: 'jumin:fn:0010058', verdict: 'fit', policy: 'adopt-option', department: '市民課', note: 'CSV出力は統計担当が使うため採用', ...who},
    {key: 'jumin:fn:0010181', verdict: 'na', policy: 'decline-option', department: '市民課', note: '郵送請求は件数が少なく採用しない', ...who},
    {key: 'jumin:fn:0010011', verdict: 'fit', policy: 'as-standard', department: '市民課', note: '除票の一括検索は現行どおり', ...who},
    {key: 'jumin:fn:0010029', verdict: 'fit', policy: 'as-standard', department: '市民課', note: '郵便番号は住所ごとに保持している', ...who},
    {key: 'jumin:fn:0010115', verdict: 'partial', policy: 'parameter', department: '市民課', note: '転出証明書の余白欄の印字はパラメータで合わせる', ...who},
    {key: 'jumin:fn:0010022', verdict: 'gap', policy: 'bpr', department: '市民課', note: '定めのない続柄は使わない運用にする', ...who},
    {key: 'jumin:cur-fn:F0901', policy: 'loose-coupling', department: '高齢福祉課', note: '敬老祝金の対象者抽出は EUC で代替する', ...who},
  ])
  // 移行準備: a data export checked against the standard items (only counts and masked examples are kept)
  writeFileSync(path.join(EXPORTS, 'jumin', '住記_データ抽出.csv'), demoDataExport())
  fitgap('data', 'profile', 'jumin', 'exports/jumin/住記_データ抽出.csv')

  decide('kojin', [{key: 'kojin:fn:0100054', verdict: 'gap', policy: 'bpr', department: '市民税課', note: '事業所向け通知書は標準様式に切り替える', ...who}])
}

await main()
process.stdout.write(`デモのワークスペースを作り直しました: ${path.relative(process.cwd(), DEMO) || '.'}\n`)
