/**
 * Key flows on the ink screen (ink-testing-library) against a copy of the demo workspace: the real catalogue,
 * current fields, mapping file and matcher. Decisions are saved with saveMappingFile, as the command does.
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {render} from 'ink-testing-library'
import {createElement} from 'react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'

import {loadMappingFile, stringifyMappingFile} from '../../src/mapping/file.js'
import type {MappingEntry, MappingFile} from '../../src/mapping/model.js'
import {loadReviewSession, type ReviewSession} from '../../src/ui/review/load.js'
import {ReviewApp} from '../../src/ui/review/ReviewApp.js'
import {summaryLines} from '../../src/ui/review/run.js'
import {guardedSaver} from '../../src/ui/review/save.js'
import {createReviewState, type ReviewState} from '../../src/ui/review/state.js'
import {fitgap, fitgapJson, ROOT, tempDir} from '../helpers/cli.js'

const DEMO = path.join(ROOT, 'examples', 'demo')
const ENTER = '\r'
const BACKSPACE = '\x7f'
const ESC = '\x1b'
const CTRL_C = '\x03'
const DOWN = '\x1b[B'
const STAMP = {by: 'テスト 太郎', at: '2026-01-15'}

/** A fresh copy of the demo workspace in a temp dir (examples/ is never written). */
function demoCopy(): {dir: string; file: string} {
  const dir = tempDir('fitgap-review-')
  cpSync(DEMO, dir, {recursive: true})
  return {dir, file: path.join(dir, 'mappings', 'jumin.yaml')}
}

async function waitFor(check: () => boolean, what: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting; screen:\n${what()}`)
}

const unmounts: (() => void)[] = []
afterEach(() => {
  for (const unmount of unmounts.splice(0)) unmount()
})

let session: ReviewSession

beforeAll(async () => {
  session = await loadReviewSession('jumin', {workspace: demoCopy().dir, filter: 'unmapped', by: STAMP.by, today: STAMP.at})
})

/** Opens the screen on the given items (in queue order: lowest confidence first); 'all': every catalogue item. */
async function openScreen(itemIds: readonly string[] | 'all', file: string) {
  const input =
    itemIds === 'all'
      ? {...session.input, filter: 'all' as const}
      : {...session.input, items: session.input.items.filter((item) => itemIds.includes(item.id))}
  const initial = createReviewState(input)
  let state: ReviewState = initial
  let saves = 0
  // As the command does: saveMappingFile, refusing to overwrite a file changed outside the screen.
  const saver = guardedSaver(file, 'mappings/jumin.yaml', readFileSync(file, 'utf8'))
  const app = render(
    createElement(ReviewApp, {
      initial,
      file: 'mappings/jumin.yaml',
      width: 80,
      save: (mapping: MappingFile) => {
        saver(mapping)
        saves++
      },
      onUpdate: (next: ReviewState) => {
        state = next
      },
    }),
  )
  unmounts.push(app.unmount)
  const frame = () => app.lastFrame() ?? ''
  await waitFor(() => frame().includes('map review'), frame)
  await new Promise((resolve) => setTimeout(resolve, 20)) // useInput subscribes in an effect
  /** Types keys, then waits until the screen shows `expected`. */
  const press = async (keys: string, expected: string | RegExp) => {
    app.stdin.write(keys)
    await waitFor(() => (typeof expected === 'string' ? frame().includes(expected) : expected.test(frame())), frame)
  }
  return {app, frame, press, initial, state: () => state, saves: () => saves}
}

const entriesIn = (file: string, id: string): MappingEntry[] => loadMappingFile(file)!.items.find((i) => i.item === id)?.entries ?? []

describe('map review screen (ink) on the demo workspace', () => {
  it('accept: Enter confirms the first candidate, saves at once, and moves to the next item', async () => {
    const {file} = demoCopy()
    const ui = await openScreen(['00103009', '00103010'], file)
    expect(ui.frame()).toContain('(1/2) 00103009 住所を定めた年月日')
    expect(ui.frame()).toMatch(/> 1 \[提案\] 0\.98 JUMIN_JUSHO\.JUSHO_TEITEI_YMD/)
    expect(ui.frame()).toContain('確定・対応なし 0/2')
    await ui.press(ENTER, '確定: 住所を定めた年月日 = JUMIN_JUSHO.JUSHO_TEITEI_YMD')
    expect(ui.frame()).toContain('(2/2) 00103010 転入前住所')
    expect(ui.frame()).toContain('確定・対応なし 1/2')
    expect(ui.saves()).toBe(1)
    expect(entriesIn(file, '00103009')).toEqual([
      {
        refs: ['JUMIN_JUSHO.JUSHO_TEITEI_YMD'],
        status: 'confirmed',
        score: 0.985,
        signals: {name: 1, reading: 1, synonym: 1, type: 1, context: 1},
        reason: '名称が一致・読みが一致 (zyusyoteimetanengappi)・型・桁も適合・表「JUMIN_JUSHO」がグループ「住所」に対応',
        ...STAMP,
      },
    ])
  })

  it('pick alternative: 2 confirms the second candidate; ↓ + Enter does the same', async () => {
    const {file} = demoCopy()
    const ui = await openScreen(['00103010'], file)
    expect(ui.frame()).toMatch(/ {2}2 \[提案\] 0\.63 JUMIN_JUSHO\.JUSHO +住所/)
    await ui.press('2', '確定: 転入前住所 = JUMIN_JUSHO.JUSHO')
    expect(entriesIn(file, '00103010')).toMatchObject([{refs: ['JUMIN_JUSHO.JUSHO'], status: 'confirmed', score: 0.628, ...STAMP}])
    expect(ui.frame()).toContain('[確定済み]')

    const other = demoCopy()
    const ui2 = await openScreen(['00103010'], other.file)
    await ui2.press(DOWN, /> 2 \[提案\] 0\.63 JUMIN_JUSHO\.JUSHO/)
    expect(ui2.frame()).toContain('選択中: 2 JUMIN_JUSHO.JUSHO')
    await ui2.press(ENTER, '確定: 転入前住所 = JUMIN_JUSHO.JUSHO')
    expect(readFileSync(other.file, 'utf8')).toBe(readFileSync(file, 'utf8'))
  })

  it('search: / and typing filters the current fields incrementally; Enter confirms the found field', async () => {
    const {file} = demoCopy()
    const ui = await openScreen(['00106010'], file)
    expect(ui.frame()).toContain('候補はありません')
    await ui.press('/', '-- 検索: _')
    await ui.press('tennyu', /検索: tennyu_ +\(1 件/)
    expect(ui.frame()).toMatch(/> JUMIN_JUSHO\.TENNYUMAE_JUSHO +転入前住所/)
    await ui.press(BACKSPACE.repeat(6), /検索: _ +\(50 件/)
    await ui.press('転入', /検索: 転入_ +\(1 件/)
    await ui.press(ESC, 'Enter確定 1-5番号')
    expect(ui.saves()).toBe(0)
    await ui.press('/', '-- 検索: _')
    await ui.press('ざざ', /検索: ざざ_ +\(0 件/)
    expect(ui.frame()).toContain('該当する現行項目はありません')
    await ui.press(BACKSPACE.repeat(2) + 'じゅうしょ', /検索: じゅうしょ_ +\(\d+ 件/) // by reading: JUSHO columns
    expect(ui.frame()).toMatch(/> JUMIN_JUSHO\.JUSHO +住所/)
    await ui.press('\x15tennyumae', /検索: tennyumae_ +\(1 件/) // Ctrl-U clears
    await ui.press(ENTER, '確定: 転入通知受理年月日 = JUMIN_JUSHO.TENNYUMAE_JUSHO')
    expect(entriesIn(file, '00106010')).toEqual([{refs: ['JUMIN_JUSHO.TENNYUMAE_JUSHO'], status: 'confirmed', ...STAMP}])
  })

  it('jump: i and a reading finds 氏名 among all items, Enter goes there; : with an ID; Esc cancels', async () => {
    const {file} = demoCopy()
    const original = readFileSync(file, 'utf8')
    const ui = await openScreen('all', file)
    const total = ui.state().queue.length
    const place = (id: string) => `(${ui.state().queue.indexOf(id) + 1}/${total})`
    expect(ui.state().queue.indexOf('00101002')).toBeGreaterThan(100) // the reported 110 presses of s
    expect(ui.frame()).toContain(`(1/${total}) `)
    await ui.press('i', `-- 項目へ移動: _  (${total} 件 / 一覧 ${total} 件)`)
    expect(ui.frame()).toContain('ID・名称・読みで絞り込み')
    await ui.press('しめい', /項目へ移動: しめい_ +\(\d+ 件/) // as an IME commits it: one burst
    expect(ui.frame()).toMatch(/> 00101002 氏名 +個人基本 +\[確定済み\]/)
    await ui.press(ENTER, `移動: 00101002 氏名 ${place('00101002')}`)
    expect(ui.frame()).toContain(`${place('00101002')} 00101002 氏名`)
    expect(ui.frame()).toContain('Enter確定 1-5番号')
    expect(ui.state().position).toBe(ui.state().queue.indexOf('00101002'))

    // Esc: back where it was, nothing changed
    await ui.press('i', '-- 項目へ移動: _')
    await ui.press('転入前', /項目へ移動: 転入前_ +\(3 件/)
    await ui.press(ESC, 'Enter確定 1-5番号')
    expect(ui.frame()).toContain(`${place('00101002')} 00101002 氏名`)

    // : and an ID (full-width digits too), ↓ to the next hit, Backspace
    await ui.press(':', '-- 項目へ移動: _')
    await ui.press('００１０３０１', /項目へ移動: ００１０３０１_ +\(\d+ 件/)
    expect(ui.frame()).toMatch(/> 00103010 転入前住所/)
    await ui.press(BACKSPACE, /項目へ移動: ００１０３０_ +\(\d+ 件/)
    await ui.press('10', /> 00103010 転入前住所/)
    await ui.press(ENTER, `移動: 00103010 転入前住所 ${place('00103010')}`)
    expect(ui.saves()).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(original)
    // and decide there as usual
    await ui.press('2', '確定: 転入前住所 = JUMIN_JUSHO.JUSHO')
    expect(entriesIn(file, '00103010')).toMatchObject([{refs: ['JUMIN_JUSHO.JUSHO'], status: 'confirmed', ...STAMP}])
  })

  it('undo: u takes decisions back one by one and the file returns byte for byte', async () => {
    const {file} = demoCopy()
    const original = readFileSync(file, 'utf8')
    const ui = await openScreen(['00103009', '00103010', '00106010'], file)
    const first = ui.state().queue[0]!
    await ui.press('g', '対応なし (ギャップ)')
    await ui.press('r', '却下:')
    expect(readFileSync(file, 'utf8')).not.toBe(original)
    await ui.press('u', '取り消しました: 却下:')
    await ui.press('u', '取り消しました: 対応なし (ギャップ)')
    expect(ui.state().queue[ui.state().position]).toBe(first)
    expect(ui.frame()).toContain('確定・対応なし 0/3')
    expect(readFileSync(file, 'utf8')).toBe(original)
    await ui.press('u', '[注意] 取り消す操作はありません')
  })

  it('save: after q the file is what map check and analyze read', async () => {
    const untouched = demoCopy()
    const {dir, file} = demoCopy()
    const ui = await openScreen(['00103009', '00103010', '00106010', '00106011'], file)
    const queue = ui.state().queue
    // Walk the queue: one decision of each kind.
    const decide = async (key: string, message: string) => ui.press(key, message)
    const byId = new Map<string, string>()
    for (const id of queue) {
      const name = session.input.items.find((i) => i.id === id)!.name
      byId.set(id, name)
    }
    await decide('g', `対応なし (ギャップ): ${byId.get(queue[0]!)}`)
    await decide('s', `(3/4) ${queue[2]}`)
    await decide(ENTER, '確定:')
    await decide('r', '却下:')
    await decide('?', 'キー操作')
    await decide('?', 'Enter確定')
    await decide('q', '')
    await waitFor(() => ui.state().quit, ui.frame)
    const final = ui.state()
    expect(final.decisions).toBe(3)

    // The file on disk is the session's last state, valid and canonical.
    const saved = loadMappingFile(file)!
    expect(stringifyMappingFile(saved)).toBe(stringifyMappingFile(final.mapping))
    expect(readFileSync(file, 'utf8')).toBe(stringifyMappingFile(saved))
    expect(saved.items.find((i) => i.item === queue[0])?.entries[0]).toEqual({refs: [], status: 'no-counterpart', ...STAMP})
    expect(saved.items.find((i) => i.item === queue[2])?.entries.filter((e) => e.status === 'confirmed')).toHaveLength(1)

    const lines = summaryLines({state: final}, 'mappings/jumin.yaml')
    expect(lines.join('\n')).toContain('この回の判断 3 件')
    expect(lines.join('\n')).toContain('fitgap map check jumin')

    // map check reads it (no input error; exit 0/1 is about the demo's findings).
    const check = await fitgap(['map', 'check', 'jumin', '--workspace', dir, '--json'])
    expect(check.exitCode).not.toBe(2)
    const json = fitgapJson<{findings: {kind: string; item?: string}[]}>(check)
    expect(json.findings.filter((f) => f.kind === 'duplicate' || f.kind === 'unknown-item')).toEqual([])

    // analyze reads it: one more confirmed item and one more no-counterpart than the untouched demo.
    type AnalyzeJson = {areas: {summary: {dataItemsByState: Record<string, number>}}[]}
    const before = fitgapJson<AnalyzeJson>(await fitgap(['analyze', 'jumin', '--workspace', untouched.dir, '--json', '--no-suggest']))
    const after = await fitgap(['analyze', 'jumin', '--workspace', dir, '--json', '--no-suggest'])
    expect(after.exitCode).toBe(0)
    const a = fitgapJson<AnalyzeJson>(after).areas[0]!.summary.dataItemsByState
    const b = before.areas[0]!.summary.dataItemsByState
    expect(a.confirmed).toBe(b.confirmed! + 1)
    expect(a['no-counterpart']).toBe(b['no-counterpart']! + 1)
  })

  it('Ctrl-C quits; decisions made before it are already on disk', async () => {
    const {file} = demoCopy()
    const ui = await openScreen(['00103009', '00103010'], file)
    await ui.press(ENTER, '確定:')
    ui.app.stdin.write(CTRL_C)
    await waitFor(() => ui.state().quit, ui.frame)
    expect(entriesIn(file, '00103009')).toMatchObject([{status: 'confirmed', ...STAMP}])
  })

  it('does not overwrite a file changed outside the screen; says so and keeps the decision in memory', async () => {
    const {file} = demoCopy()
    const ui = await openScreen(['00103009', '00103010'], file)
    const outside = readFileSync(file, 'utf8').replace('name: 住所を定めた年月日', 'name: 住所を定めた年月日 (手で編集)')
    writeFileSync(file, outside)
    await ui.press(ENTER, '[保存できません] mappings/jumin.yaml が画面の外で変更されたため上書きしません')
    expect(readFileSync(file, 'utf8')).toBe(outside)
    expect(ui.frame()).toContain('確定・対応なし 1/2')
    expect(ui.saves()).toBe(0)
  })

  it('shows a failed save on the screen and keeps the decision in memory', async () => {
    const input = {...session.input, items: session.input.items.filter((item) => item.id === '00103009')}
    const app = render(
      createElement(ReviewApp, {
        initial: createReviewState(input),
        file: 'mappings/jumin.yaml',
        width: 80,
        save: () => {
          throw new Error('EACCES: permission denied, open mappings/jumin.yaml')
        },
      }),
    )
    unmounts.push(app.unmount)
    const frame = () => app.lastFrame() ?? ''
    await waitFor(() => frame().includes('map review'), frame)
    await new Promise((resolve) => setTimeout(resolve, 20))
    app.stdin.write(ENTER)
    await waitFor(() => frame().includes('[保存できません] EACCES'), frame)
    expect(frame()).toContain('確定・対応なし 1/1')
  })
})
