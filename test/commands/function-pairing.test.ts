import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import ExcelJS from 'exceljs'
import {beforeAll, describe, expect, it} from 'vitest'

import {SHEET_NAMES} from '../../src/report/sheets.js'
import {fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'
import {editWorkbook} from '../helpers/edit-workbook.js'

interface Finding {
  key: string
  kind: string
  severity: string
  currentRef?: string
  standardRef?: string
  settledBy?: {key: string; summary: string}
}
interface Pair {
  id: string
  state: string
  currents?: {id: string; via: string}[]
  candidate?: {id: string; score: number}
}
interface AreaJson {
  slug: string
  summary: {status: string; decidedRate: number; findingsBySeverity: Record<string, number>; settledFindings: number; functionsByVerdict: Record<string, number>}
  pairs: {functions: Pair[]; forms: Pair[]}
  findings: Finding[]
}

const VENDOR_LIST = path.join(ROOT, 'test', 'fixtures', 'vendor', 'jumin-kinou-ichiran.csv')

/** The vendor's 対応表, by the standard functions' names (IDs are taken from the catalogue in use). */
const TAIOUHYOU: Record<string, string[]> = {
  'JK-0101': ['転入者情報の入力', '特例転入', '国外からの転入'],
  'JK-0102': ['転出証明書の自動出力'],
  'JK-0103': ['転居'],
  'JK-0104': ['世帯分離・合併・変更・世帯主変更', '世帯変更と住所変更の同時処理'],
  'JK-0105': ['職権による記載・消除・修正'],
  'JK-0106': ['出生', '死亡'],
  'JK-0107': ['記載事項の修正', '軽微な修正', '誤記修正'],
  'JK-0108': ['異動の取消し'],
  'JK-0201': ['発行対象と様式の選択'],
  'JK-0202': ['発行対象と様式の選択'],
  'JK-0203': ['除票の写し等の交付'],
  'JK-0204': ['広域交付住民票の交付'],
  'JK-0301': ['支援措置データベースの管理', '支援措置期間の自動設定と延長'],
  'JK-0302': ['処理別・単位別の抑止設定'],
  'JK-0303': ['閲覧用写しの作成'],
  'JK-0401': ['CSへの自動送信', 'CSからの受信データの取込'],
  'JK-0402': ['転入通知の受理'],
  'JK-0501': ['住民票コードの付番', '個人番号の指定・変更・修正'],
  'JK-0601': ['人口・世帯数の定期集計'],
  'JK-0602': ['異動者一覧の作成'],
  'JK-0701': ['外字入力の支援'],
  'JK-0702': ['操作ログの取得'],
  'JK-0801': [],
}

async function newWorkspace(): Promise<string> {
  const dir = path.join(tempDir(), 'ws')
  const init = await fitgap(['init', dir, '--name', 'テスト市'])
  expect(init.exitCode, init.stderr).toBe(0)
  return dir
}

/** A private copy of a prepared workspace: a test that imports or analyses writes only into its own. */
function ownCopy(workspace: string): string {
  const dir = path.join(tempDir(), 'ws')
  cpSync(workspace, dir, {recursive: true})
  return dir
}

async function analyzeJson(workspace: string, extra: string[] = []): Promise<{area: AreaJson; stdout: string}> {
  const result = await fitgap(['analyze', 'jumin', '--workspace', workspace, '--json', ...extra])
  expect(result.exitCode, result.stderr).toBe(0)
  return {area: fitgapJson<{areas: AreaJson[]}>(result).areas[0]!, stdout: result.stdout}
}

async function catalogueIds(): Promise<Map<string, {id: string; kind: string}>> {
  const shown = await fitgap(['specs', 'show', 'jumin', '--json'])
  const catalog = fitgapJson<{functions: {id: string; name: string; kind: string}[]}>(shown)
  return new Map(catalog.functions.map((f) => [f.name, {id: f.id, kind: f.kind}]))
}

async function sheetRows(file: string, name: string): Promise<Record<string, string>[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.getWorksheet(name)!
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
  const rows: Record<string, string>[] = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    const out: Record<string, string> = {}
    headers.forEach((h, i) => {
      if (h === '') return
      const v = row.getCell(i).value as unknown
      const cell = v && typeof v === 'object' ? ((v as {text?: unknown; result?: unknown}).text ?? (v as {result?: unknown}).result) : v
      out[h] = cell === null || cell === undefined ? '' : String(cell)
    })
    rows.push(out)
  })
  return rows
}

async function summaryText(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const lines: string[] = []
  workbook.getWorksheet(SHEET_NAMES.summary)!.eachRow((row) => lines.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).map(String).join(' ')))
  return lines.join('\n')
}

describe('function pairing: a vendor list without 対応表', () => {
  let area: AreaJson

  beforeAll(async () => {
    const workspace = await newWorkspace()
    const imported = await fitgap(['current', 'import', VENDOR_LIST, '--area', 'jumin', '--workspace', workspace])
    expect(imported.exitCode, imported.stderr).toBe(0)
    ;({area} = await analyzeJson(workspace))
  })

  it('raises no 重大/注意 finding and no 現行独自 verdict from an unconfirmed pair', () => {
    const fromPairs = area.findings.filter((f) => f.key.startsWith('jumin:fn:') || f.key.startsWith('jumin:cur-fn:'))
    expect(fromPairs.filter((f) => f.severity !== 'info')).toEqual([])
    expect(area.findings.some((f) => f.kind === 'prohibited-in-use' || f.kind === 'extra-function')).toBe(false)
    expect(area.pairs.functions.some((p) => p.state === 'confirmed')).toBe(false)
  })

  it('shows name-based pairs as 候補 (要確認) with candidate and score', () => {
    const candidates = area.pairs.functions.filter((p) => p.state === 'candidate')
    expect(candidates.length).toBeGreaterThan(0)
    for (const p of candidates) expect(p.candidate?.score).toBeGreaterThan(0)
    const householdChange = candidates.find((p) => p.candidate?.id === 'JK-0104')
    expect(householdChange, '世帯変更処理 is a candidate of some standard function').toBeDefined()
    expect(area.findings.find((f) => f.key === `jumin:fn:${householdChange!.id}`)).toMatchObject({kind: 'pair-candidate', severity: 'info'})
    expect(area.summary.findingsBySeverity.error).toBe(0)
  })
})

describe('function pairing: a vendor list with a 対応表 column, and decisions that settle findings', () => {
  let prepared: string
  let ids: Map<string, {id: string; kind: string}>
  let first: AreaJson

  beforeAll(async () => {
    const workspace = await newWorkspace()
    prepared = workspace
    ids = await catalogueIds()
    const lines = readFileSync(VENDOR_LIST, 'utf8').trimEnd().split('\n')
    const withTable = [
      `${lines[0]},標準機能ID`,
      ...lines.slice(1).map((line) => {
        const vendorId = line.split(',')[0]!
        return `${line},${TAIOUHYOU[vendorId]!.map((name) => ids.get(name)!.id).join('、')}`
      }),
    ]
    const csv = path.join(workspace, 'jumin-kinou-taiouhyou.csv')
    writeFileSync(csv, `${withTable.join('\n')}\n`)
    const imported = await fitgap(['current', 'import', csv, '--area', 'jumin', '--workspace', workspace])
    expect(imported.exitCode, imported.stderr).toBe(0)
    ;({area: first} = await analyzeJson(workspace))
  })

  it('takes the pairs exactly from the 対応表, one-to-many both ways, and guesses nothing', () => {
    const pairOf = (name: string) => first.pairs.functions.find((p) => p.id === ids.get(name)!.id)!
    for (const name of TAIOUHYOU['JK-0101']!) expect(pairOf(name).currents).toEqual([{id: 'JK-0101', via: 'vendor-table'}])
    expect(pairOf('発行対象と様式の選択').currents?.map((c) => c.id)).toEqual(['JK-0201', 'JK-0202'])
    expect(first.pairs.functions.filter((p) => p.state === 'candidate')).toEqual([])
    const confirmed = first.pairs.functions.filter((p) => p.state === 'confirmed')
    expect(confirmed).toHaveLength(new Set(Object.values(TAIOUHYOU).flat()).size)
  })

  it('raises 重大 for a 実装不可 function the 対応表 says is in use, and 現行独自 only for the row without a standard ID', () => {
    const prohibited = ids.get('世帯変更と住所変更の同時処理')!
    expect(prohibited.kind).toBe('prohibited')
    const errors = first.findings.filter((f) => f.severity === 'error')
    expect(errors.map((f) => f.key)).toEqual([`jumin:fn:${prohibited.id}`])
    expect(errors[0]).toMatchObject({kind: 'prohibited-in-use', currentRef: 'JK-0104'})
    expect(first.findings.filter((f) => f.kind === 'extra-function').map((f) => f.currentRef)).toEqual(['JK-0801'])
  })

  it('checks 対応方針 against 実装区分 on import, naming sheet!cell and the allowed values, and applies nothing', async () => {
    const workspace = ownCopy(prepared)
    const mandatoryKey = `jumin:fn:${ids.get('転居')!.id}`
    const prohibitedKey = `jumin:fn:${ids.get('世帯変更と住所変更の同時処理')!.id}`
    const report = path.join(workspace, 'reports', 'policy.xlsx')
    expect((await fitgap(['analyze', 'jumin', '--workspace', workspace, '--out', report])).exitCode).toBe(0)
    const edited = path.join(workspace, 'policy-edited.xlsx')
    await editWorkbook(report, edited, [
      {sheet: SHEET_NAMES.functions, key: mandatoryKey, values: {判定: '○ 適合', 対応方針: '標準オプションを採用'}},
      {sheet: SHEET_NAMES.functions, key: prohibitedKey, values: {対応方針: 'パラメータ設定'}},
    ])
    const result = await fitgap(['report', 'import', edited, '--workspace', workspace])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(new RegExp(`${SHEET_NAMES.functions}![A-Z]+\\d+ \\(${mandatoryKey}\\)`))
    expect(result.stderr).toContain('対応方針「標準オプションを採用」は実装必須の要件には使えません')
    expect(result.stderr).toContain('運用で対応 (BPR)')
    expect(result.stderr).toContain('対応方針「パラメータ設定」は実装不可の要件には使えません')
    const after = await analyzeJson(workspace)
    expect(after.area.summary.settledFindings).toBe(first.summary.settledFindings)

    const fine = path.join(workspace, 'policy-fine.xlsx')
    await editWorkbook(report, fine, [{sheet: SHEET_NAMES.functions, key: mandatoryKey, values: {判定: '○ 適合', 対応方針: 'EUC'}}])
    const accepted = await fitgap(['report', 'import', fine, '--workspace', workspace, '--dry-run'])
    expect(accepted.exitCode, accepted.stderr).toBe(0)
  })

  it('settles findings by decisions imported from the workbook, except カスタマイズ and × without 対応方針', async () => {
    const workspace = ownCopy(prepared)
    const prohibitedKey = `jumin:fn:${ids.get('世帯変更と住所変更の同時処理')!.id}`
    const ownKey = 'jumin:cur-fn:JK-0801'
    const report = path.join(workspace, 'reports', 'r1.xlsx')
    expect((await fitgap(['analyze', 'jumin', '--workspace', workspace, '--out', report])).exitCode).toBe(0)
    const edited = path.join(workspace, 'edited1.xlsx')
    await editWorkbook(report, edited, [
      {sheet: SHEET_NAMES.functions, key: prohibitedKey, values: {判定: '× 不適合'}},
      {sheet: SHEET_NAMES.currentOnly, key: ownKey, values: {判定: '× 不適合', 対応方針: 'カスタマイズ', 備考: '敬老事業は来年度まで継続するため'}},
    ])
    const imported = await fitgap(['report', 'import', edited, '--workspace', workspace])
    expect(imported.exitCode, imported.stderr).toBe(0)

    const second = await analyzeJson(workspace)
    const open = (a: AreaJson) => a.findings.filter((f) => f.severity !== 'info' && !f.settledBy).map((f) => f.key)
    expect(open(second.area)).toEqual(expect.arrayContaining([prohibitedKey, ownKey]))
    expect(second.area.summary.findingsBySeverity.error).toBe(1)

    const report2 = path.join(workspace, 'reports', 'r2.xlsx')
    expect((await fitgap(['analyze', 'jumin', '--workspace', workspace, '--out', report2])).exitCode).toBe(0)
    const edited2 = path.join(workspace, 'edited2.xlsx')
    await editWorkbook(report2, edited2, [
      {sheet: SHEET_NAMES.functions, key: prohibitedKey, values: {判定: '− 対象外', 対応方針: '廃止', 備考: '住所変更と世帯変更は別々に処理する'}},
      {sheet: SHEET_NAMES.currentOnly, key: ownKey, values: {判定: '− 対象外', 対応方針: '独自施策システム (疎結合)'}},
    ])
    const imported2 = await fitgap(['report', 'import', edited2, '--workspace', workspace])
    expect(imported2.exitCode, imported2.stderr).toBe(0)

    const third = await analyzeJson(workspace)
    expect(open(third.area)).not.toContain(prohibitedKey)
    expect(open(third.area)).not.toContain(ownKey)
    expect(third.area.summary.findingsBySeverity.error).toBe(0)
    expect(third.area.summary.settledFindings).toBeGreaterThanOrEqual(2)
    expect(third.area.findings.find((f) => f.key === prohibitedKey)?.settledBy).toEqual({key: prohibitedKey, summary: '− 対象外 / 廃止'})

    const final = path.join(workspace, 'reports', 'r3.xlsx')
    const cli = await fitgap(['analyze', 'jumin', '--workspace', workspace, '--out', final])
    expect(cli.exitCode, cli.stderr).toBe(0)
    expect(cli.stdout).not.toContain('重大な課題')
    expect(cli.stdout).toContain('対応済み')
    const summary = await summaryText(final)
    expect(summary).toContain('未対応の課題 重大 0 件')
    // 課題一覧 is an issue register: a settled finding shows 完了 with the decision that settled it.
    const issues = await sheetRows(final, SHEET_NAMES.issues)
    const issueKey = (key: string) => key.replace(/^jumin:/, 'jumin:issue:')
    const settledRow = issues.find((r) => r['キー'] === issueKey(prohibitedKey))
    expect(settledRow).toMatchObject({状態: '完了', 判定: '− 対象外', 対応方針: '廃止'})
    expect(issues.find((r) => r['キー'] === issueKey(ownKey))).toMatchObject({状態: '完了'})
    expect(issues.filter((r) => r['状態'] === '未着手').map((r) => r['キー'])).not.toContain(issueKey(prohibitedKey))
  })
})

describe('業務 status', () => {
  it('reports an area with nothing imported as 未着手 with 判定済み 0 and no automatic verdict', async () => {
    const workspace = await newWorkspace()
    const {area} = await analyzeJson(workspace)
    expect(area.summary.status).toBe('not-started')
    expect(area.summary.decidedRate).toBe(0)
    expect(area.summary.functionsByVerdict.na).toBe(0)
    expect(area.summary.findingsBySeverity.warning).toBe(0)
    const cli = await fitgap(['analyze', 'jumin', '--workspace', workspace, '--out', path.join(workspace, 'r.xlsx')])
    expect(cli.exitCode, cli.stderr).toBe(0)
    expect(cli.stdout).toContain('未着手')
    expect(await summaryText(path.join(workspace, 'r.xlsx'))).toContain('未着手')
  })
})

describe('map check on function pairs', () => {
  it('reports a 対応表 ID the catalogue lacks as an error and a paired 実装不可 function as a warning, with pair counts', async () => {
    const workspace = await newWorkspace()
    const ids = await catalogueIds()
    const csv = path.join(workspace, 'kinou.csv')
    writeFileSync(
      csv,
      [
        '機能番号,機能名称,標準機能ID',
        `A1,転居処理,${ids.get('転居')!.id}`,
        `A2,世帯変更処理,${ids.get('世帯分離・合併・変更・世帯主変更')!.id}、${ids.get('世帯変更と住所変更の同時処理')!.id}`,
        'A3,旧システム独自の照会,9999999',
        '',
      ].join('\n'),
    )
    expect((await fitgap(['current', 'import', csv, '--area', 'jumin', '--workspace', workspace])).exitCode).toBe(0)
    expect((await fitgap(['map', 'suggest', 'jumin', '--workspace', workspace])).exitCode).toBe(0)
    const checked = await fitgap(['map', 'check', 'jumin', '--workspace', workspace, '--json'])
    expect(checked.exitCode).toBe(1)
    const json = fitgapJson<{pairs: {functions: Record<string, number>}; findings: {kind: string; severity: string; item?: string; ref?: string}[]}>(checked)
    expect(json.findings).toContainEqual(expect.objectContaining({kind: 'vendor-unknown-id', severity: 'error', item: '9999999', ref: 'A3'}))
    expect(json.findings).toContainEqual(
      expect.objectContaining({kind: 'prohibited-paired', severity: 'warning', item: ids.get('世帯変更と住所変更の同時処理')!.id, ref: 'A2'}),
    )
    expect(json.pairs.functions.confirmed).toBe(3)
    expect(json.pairs.functions.candidate).toBe(0)
  })
})
