import {describe, expect, it} from 'vitest'

import {parseMappingFile, stringifyMappingFile} from '../../src/mapping/file.js'
import {type MappingFile, mappingFileSchema} from '../../src/mapping/model.js'
import {confirm, noCounterpart, reject} from '../../src/ui/review/decisions.js'
import {
  candidatesFor,
  createReviewState,
  currentItemId,
  progress,
  type ReviewAction,
  reviewReducer,
  type ReviewState,
} from '../../src/ui/review/state.js'
import {MAPPING, reviewInput} from './fixtures.js'

const run = (state: ReviewState, ...actions: ReviewAction[]): ReviewState => actions.reduce(reviewReducer, state)
const entries = (mapping: MappingFile, id: string) => mapping.items.find((i) => i.item === id)?.entries ?? []
/** The mapping must stay a valid file that writes and reads back unchanged. */
function expectValidFile(mapping: MappingFile): void {
  expect(() => mappingFileSchema.parse(mapping)).not.toThrow()
  const text = stringifyMappingFile(mapping)
  expect(stringifyMappingFile(parseMappingFile(text, 'test.yaml'))).toBe(text)
}
const at = (state: ReviewState, id: string): ReviewState => ({...state, position: state.queue.indexOf(id), selected: 0})

describe('review queue and filters', () => {
  it('unmapped: items without confirmed / no-counterpart, lowest confidence first', () => {
    const state = createReviewState(reviewInput('unmapped'))
    // 住所を定めた年月日 (no candidate) < 方書 0.4 < 生年月日 0.55 (its rejected pair does not count) < フリガナ 0.9 < 氏名 0.94
    expect(state.queue).toEqual(['001003009', '001002005', '001001012', '001001003', '001001002'])
    expect(progress(state)).toEqual({reviewed: 0, total: 5})
  })

  it('low: open items whose best candidate is below the threshold (or that have none)', () => {
    expect(createReviewState(reviewInput('low')).queue).toEqual(['001003009', '001002005', '001001012'])
  })

  it('all: every catalogue item, settled ones last', () => {
    const state = createReviewState(reviewInput('all'))
    expect(state.queue).toEqual(['001003009', '001002005', '001001012', '001001003', '001001002', '001001001'])
    expect(progress(state)).toEqual({reviewed: 1, total: 6})
  })

  it('says so when nothing needs review', () => {
    const settled = ITEMS_SETTLED()
    const state = createReviewState(reviewInput('unmapped', settled))
    expect(state.queue).toEqual([])
    expect(state.message?.text).toContain('確認が必要な項目はありません')
    expect(reviewReducer(state, {type: 'accept'})).toBe(state)
  })
})

function ITEMS_SETTLED(): MappingFile {
  let mapping = MAPPING
  for (const id of ['001001002', '001001003', '001001012', '001002005', '001003009']) mapping = noCounterpart(mapping, id, undefined, {at: '2026-01-01'})
  return mapping
}

describe('candidates', () => {
  it('merges the mapping file entries with the matcher candidates: confirmed first, by score, rejected last', () => {
    const state = createReviewState(reviewInput('all'))
    expect(candidatesFor(state, '001001002').map((c) => [c.key, c.source, c.score])).toEqual([
      ['JUMIN.SHIMEI', 'suggested', 0.94],
      ['JUMIN.SHIMEI_KANA', 'match', 0.7],
    ])
    expect(candidatesFor(state, '001001012').map((c) => [c.key, c.source])).toEqual([
      ['JUMIN.SEINENGAPPI', 'match'],
      ['JUMIN.UPD_USER', 'rejected'],
    ])
    expect(candidatesFor(state, '001001001')[0]).toMatchObject({key: 'JUMIN.ATENA_NO', source: 'confirmed', by: '山田'})
  })
})

describe('review actions', () => {
  const start = createReviewState(reviewInput('unmapped'))

  it('accept (Enter) confirms the selected candidate, keeps score / signals / reason, stamps by / at, moves on', () => {
    const s = run(start, {type: 'skip'}, {type: 'accept'})
    expect(entries(s.mapping, '001002005')).toEqual([
      {refs: ['JUMIN.KATAGAKI'], status: 'confirmed', score: 0.4, signals: {name: 0.4, type: 1}, reason: '名称が一致・桁が短い', by: 'テスト 太郎', at: '2026-01-15'},
    ])
    expect(currentItemId(s)).toBe('001001012')
    expect(progress(s)).toEqual({reviewed: 1, total: 5})
    expect(s.decisions).toBe(1)
    expect(s.message?.text).toBe('確定: 方書 = JUMIN.KATAGAKI')
    expect(s.mapping.items.find((i) => i.item === '001002005')?.name).toBe('方書')
    expectValidFile(s.mapping)
  })

  it('accept without candidates warns and changes nothing', () => {
    const s = run(start, {type: 'accept'})
    expect(s.mapping).toBe(start.mapping)
    expect(s.message).toMatchObject({kind: 'warn'})
    expect(s.message?.text).toContain('/ で現行項目を検索')
  })

  it('accept drops the item’s other machine suggestions (a settled item gets none, as in map suggest)', () => {
    const s = run(at(start, '001001002'), {type: 'move', delta: 1}, {type: 'accept'})
    expect(entries(s.mapping, '001001002')).toEqual([
      {refs: ['JUMIN.SHIMEI_KANA'], status: 'confirmed', score: 0.7, signals: {name: 0.7, type: 1}, reason: '読みが一致・ただし区分が異なる', by: 'テスト 太郎', at: '2026-01-15'},
    ])
    expectValidFile(s.mapping)
  })

  it('pick 1–5 confirms that candidate directly', () => {
    const s = run(at(start, '001001003'), {type: 'pick', n: 2})
    expect(entries(s.mapping, '001001003')).toMatchObject([{refs: ['JUMIN.SHIMEI'], status: 'confirmed', score: 0.69}])
    const none = run(at(start, '001001003'), {type: 'pick', n: 4})
    expect(none.mapping).toBe(start.mapping)
    expect(none.message?.text).toBe('候補 4 はありません (候補は 2 件)')
  })

  it('reject (r) marks the selected candidate rejected, stays on the item and selects the next candidate', () => {
    const s = run(at(start, '001001002'), {type: 'reject'})
    expect(entries(s.mapping, '001001002')).toEqual([
      {refs: ['JUMIN.SHIMEI'], status: 'rejected', score: 0.94, signals: {name: 1, reading: 1, type: 1}, reason: '名称が一致・読みが一致 (simei)', by: 'テスト 太郎', at: '2026-01-15'},
    ])
    expect(currentItemId(s)).toBe('001001002')
    expect(candidatesFor(s, '001001002')[s.selected]?.key).toBe('JUMIN.SHIMEI_KANA')
    expect(progress(s).reviewed).toBe(0)
    const again = run(s, {type: 'move', delta: 1}, {type: 'reject'})
    expect(again.message?.text).toContain('すでに却下')
    expectValidFile(s.mapping)
  })

  it('a rejected candidate can still be confirmed', () => {
    const s = run(at(start, '001001012'), {type: 'pick', n: 2})
    expect(entries(s.mapping, '001001012')).toEqual([
      {refs: ['JUMIN.UPD_USER'], status: 'confirmed', score: 0.31, note: '更新者は別物', by: 'テスト 太郎', at: '2026-01-15'},
    ])
  })

  it('gap (g / n) records no-counterpart, keeps rejections, drops suggestions, moves on', () => {
    const s = run(at(start, '001001012'), {type: 'gap'})
    expect(entries(s.mapping, '001001012')).toEqual([
      {refs: [], status: 'no-counterpart', by: 'テスト 太郎', at: '2026-01-15'},
      {refs: ['JUMIN.UPD_USER'], status: 'rejected', score: 0.31, by: '山田', note: '更新者は別物'},
    ])
    expect(currentItemId(s)).toBe('001001003')
    expect(run(at(s, '001001012'), {type: 'gap'}).message?.text).toContain('すでに「対応なし」')
    const gapOnSuggested = run(at(start, '001001002'), {type: 'gap'})
    expect(entries(gapOnSuggested.mapping, '001001002')).toEqual([{refs: [], status: 'no-counterpart', by: 'テスト 太郎', at: '2026-01-15'}])
    expectValidFile(s.mapping)
  })

  it('gap on a confirmed item turns the confirmation into a rejection; confirming again removes the gap', () => {
    const all = createReviewState(reviewInput('all'))
    const gap = run(at(all, '001001001'), {type: 'gap'})
    expect(entries(gap.mapping, '001001001')).toEqual([
      {refs: [], status: 'no-counterpart', by: 'テスト 太郎', at: '2026-01-15'},
      {refs: ['JUMIN.ATENA_NO'], status: 'rejected', score: 0.95, by: 'テスト 太郎', at: '2026-01-15'},
    ])
    const back = run(at(gap, '001001001'), {type: 'accept'})
    expect(entries(back.mapping, '001001001')).toEqual([{refs: ['JUMIN.ATENA_NO'], status: 'confirmed', score: 0.95, by: 'テスト 太郎', at: '2026-01-15'}])
  })

  it('accept on an already confirmed candidate changes nothing and moves on', () => {
    const all = createReviewState(reviewInput('all'))
    const s = run(at(all, '001001001'), {type: 'accept'})
    expect(s.mapping).toBe(all.mapping)
    expect(s.undo).toHaveLength(0)
    expect(s.message?.text).toContain('すでに確定')
    expect(currentItemId(s)).toBe('001003009')
  })

  it('undo (u) restores the mapping, the position and the selection, step by step', () => {
    const one = run(start, {type: 'skip'}, {type: 'accept'})
    const two = run(one, {type: 'gap'})
    expect(progress(two).reviewed).toBe(2)
    const undone = run(two, {type: 'undo'})
    expect(undone.mapping).toBe(one.mapping)
    expect(currentItemId(undone)).toBe('001001012')
    expect(undone.decisions).toBe(1)
    expect(undone.message?.text).toBe('取り消しました: 対応なし (ギャップ): 生年月日')
    const both = run(undone, {type: 'undo'})
    expect(both.mapping).toBe(start.mapping)
    expect(currentItemId(both)).toBe('001002005')
    expect(progress(both).reviewed).toBe(0)
    const nothing = run(both, {type: 'undo'})
    expect(nothing.message).toEqual({kind: 'warn', text: '取り消す操作はありません'})
    // Undoing a rejection puts the selection back where it was.
    const rejected = run(at(start, '001001002'), {type: 'move', delta: 1}, {type: 'reject'})
    const restored = run(rejected, {type: 'undo'})
    expect(restored.selected).toBe(1)
    expect(restored.mapping).toBe(start.mapping)
  })

  it('skip (s / →) and back (←) move through the queue and wrap; move clamps the selection', () => {
    expect(currentItemId(run(start, {type: 'skip'}))).toBe('001002005')
    expect(currentItemId(run(start, {type: 'back'}))).toBe('001001002')
    expect(currentItemId(run(start, ...Array<ReviewAction>(5).fill({type: 'skip'})))).toBe('001003009')
    const s = at(start, '001001002')
    expect(run(s, {type: 'move', delta: 5}).selected).toBe(1)
    expect(run(s, {type: 'move', delta: -5}).selected).toBe(0)
    expect(run(start, {type: 'move', delta: 1})).toBe(start)
  })

  it('moves to the next open item after a decision, skipping decided ones, and says when all are done', () => {
    let s = start
    for (let i = 0; i < 5; i++) s = run(s, {type: 'gap'})
    expect(progress(s)).toEqual({reviewed: 5, total: 5})
    expect(s.message?.text).toContain('すべて判断済み')
    const onDecided = run(s, {type: 'undo'}, {type: 'skip'}, {type: 'skip'})
    expect(run(onDecided, {type: 'gap'}).message?.text).toContain('すでに')
  })

  it('search (/) filters the current fields incrementally with the project’s normalisation', () => {
    const s = run(at(start, '001003009'), {type: 'searchStart'})
    expect(s.mode).toBe('search')
    expect(s.search.results).toHaveLength(6)
    const kana = run(s, {type: 'searchInput', text: 'しめい'})
    // ｼﾒｲｶﾅ (half-width kana label) first, then SHIMEI by reading (simei)
    expect(kana.search.results.map((f) => f.ref)).toEqual(['JUMIN.SHIMEI_KANA', 'JUMIN.SHIMEI'])
    const roman = run(s, {type: 'searchInput', text: 'SHIME'}, {type: 'searchInput', text: 'i'})
    expect(roman.search.results.map((f) => f.ref)).toEqual(['JUMIN.SHIMEI', 'JUMIN.SHIMEI_KANA'])
    const label = run(s, {type: 'searchInput', text: '方書'})
    expect(label.search.results.map((f) => f.ref)).toEqual(['JUMIN.KATAGAKI'])
    const erased = run(label, {type: 'searchBackspace'})
    expect(erased.search.query).toBe('方')
    expect(run(label, {type: 'searchClear'}).search.results).toHaveLength(6)
    const none = run(s, {type: 'searchInput', text: 'zzz'}, {type: 'searchConfirm'})
    expect(none.mapping).toBe(start.mapping)
    expect(none.message?.kind).toBe('warn')
    expect(run(none, {type: 'close'}).mode).toBe('browse')
  })

  it('search + Enter confirms the found field (with the matcher’s score when it had the pair)', () => {
    const plain = run(at(start, '001003009'), {type: 'searchStart'}, {type: 'searchInput', text: 'seinen'}, {type: 'searchConfirm'})
    expect(entries(plain.mapping, '001003009')).toEqual([{refs: ['JUMIN.SEINENGAPPI'], status: 'confirmed', by: 'テスト 太郎', at: '2026-01-15'}])
    expect(plain.mode).toBe('browse')
    expect(currentItemId(plain)).toBe('001002005')
    const known = run(at(start, '001001002'), {type: 'searchStart'}, {type: 'searchInput', text: 'ｼﾒｲｶﾅ'}, {type: 'searchConfirm'})
    expect(entries(known.mapping, '001001002')).toMatchObject([{refs: ['JUMIN.SHIMEI_KANA'], status: 'confirmed', score: 0.7}])
    const moved = run(at(start, '001003009'), {type: 'searchStart'}, {type: 'searchMove', delta: 1}, {type: 'searchConfirm'})
    expect(entries(moved.mapping, '001003009')[0]?.refs).toEqual(['JUMIN.KATAGAKI'])
    expectValidFile(moved.mapping)
  })

  it('jump (i / :) lists the queue, the current item selected; Enter without typing stays, Esc cancels', () => {
    const here = run(start, {type: 'skip'}, {type: 'skip'})
    const opened = run(here, {type: 'jumpStart'})
    expect(opened.mode).toBe('jump')
    expect(opened.jump).toEqual({query: '', results: start.queue, selected: 2})
    expect(currentItemId(run(opened, {type: 'jumpConfirm'}))).toBe('001001012')
    const cancelled = run(opened, {type: 'jumpInput', text: '氏名'}, {type: 'close'})
    expect(cancelled.mode).toBe('browse')
    expect(cancelled.position).toBe(here.position)
    expect(cancelled.mapping).toBe(start.mapping)
  })

  it('jump filters the queue by ID or name incrementally and Enter moves there without a decision', () => {
    const s = run(start, {type: 'jumpStart'})
    const byName = run(s, {type: 'jumpInput', text: '氏'}, {type: 'jumpInput', text: '名'})
    expect(byName.jump.query).toBe('氏名')
    // name equal, then starts with
    expect(byName.jump.results).toEqual(['001001002', '001001003'])
    const moved = run(byName, {type: 'jumpConfirm'})
    expect(moved.mode).toBe('browse')
    expect(currentItemId(moved)).toBe('001001002')
    expect(moved.selected).toBe(0)
    expect(moved.message).toEqual({kind: 'info', text: '移動: 001001002 氏名 (5/5)'})
    expect(moved.mapping).toBe(start.mapping)
    expect(moved.undo).toBe(start.undo)
    expect(moved.decisions).toBe(0)
    // ↓ picks the second hit; the selection clamps
    expect(currentItemId(run(byName, {type: 'jumpMove', delta: 9}, {type: 'jumpConfirm'}))).toBe('001001003')
    expect(run(byName, {type: 'jumpMove', delta: -9}).jump.selected).toBe(0)
    // by ID: prefix (in ID order) or any part, full-width digits folded
    expect(run(s, {type: 'jumpInput', text: '001001'}).jump.results).toEqual(['001001002', '001001003', '001001012'])
    expect(run(s, {type: 'jumpInput', text: '００１００２００５'}).jump.results).toEqual(['001002005'])
    expect(run(s, {type: 'jumpInput', text: '3009'}).jump.results).toEqual(['001003009'])
    // name: anywhere in it, half-width kana folded
    expect(run(s, {type: 'jumpInput', text: 'ﾌﾘｶﾞﾅ'}).jump.results).toEqual(['001001003'])
    expect(run(s, {type: 'jumpInput', text: '年月日'}).jump.results).toEqual(['001001012', '001003009'])
    // the input state is untouched (pure)
    expect(start.mode).toBe('browse')
    expect(start.jump.query).toBe('')
  })

  it('jump finds items by reading: kana or romaji (Hepburn / Kunrei)', () => {
    const find = (text: string) => run(start, {type: 'jumpStart'}, {type: 'jumpInput', text}).jump.results
    expect(find('しめい')).toEqual(['001001002'])
    expect(find('ｼﾒｲ')).toEqual(['001001002'])
    expect(find('shimei')).toEqual(['001001002'])
    expect(find('SIMEI')).toEqual(['001001002'])
    expect(find('せいねん')).toEqual(['001001012'])
    expect(find('seinengappi')).toEqual(['001001012'])
  })

  it('jump: erase, clear, nothing found, and items outside the queue', () => {
    const s = run(start, {type: 'jumpStart'}, {type: 'jumpInput', text: '方書'})
    expect(s.jump.results).toEqual(['001002005'])
    expect(run(s, {type: 'jumpBackspace'}).jump.query).toBe('方')
    expect(run(s, {type: 'jumpClear'}).jump.results).toEqual(start.queue)
    const none = run(s, {type: 'jumpInput', text: 'zzz'}, {type: 'jumpConfirm'})
    expect(none.jump.results).toEqual([])
    expect(none.mode).toBe('jump')
    expect(none.position).toBe(start.position)
    expect(none.message?.kind).toBe('warn')
    expect(run(none, {type: 'jumpMove', delta: 1})).toBe(none)
    // 宛名番号 is confirmed, so not in the unmapped queue; --filter all has it.
    expect(run(start, {type: 'jumpStart'}, {type: 'jumpInput', text: '宛名'}).jump.results).toEqual([])
    const all = createReviewState(reviewInput('all'))
    const found = run(all, {type: 'jumpStart'}, {type: 'jumpInput', text: '宛名'}, {type: 'jumpConfirm'})
    expect(currentItemId(found)).toBe('001001001')
    // control characters are not typed into the query
    expect(run(start, {type: 'jumpStart'}, {type: 'jumpInput', text: 'a\x1b'}).jump.query).toBe('a')
    // an empty queue has nothing to jump to
    const empty = createReviewState(reviewInput('unmapped', ITEMS_SETTLED()))
    expect(run(empty, {type: 'jumpStart'})).toBe(empty)
  })

  it('help (?) toggles, quit (q) ends; neither touches the mapping', () => {
    const help = run(start, {type: 'help'})
    expect(help.mode).toBe('help')
    expect(run(help, {type: 'help'}).mode).toBe('browse')
    const quit = run(start, {type: 'quit'})
    expect(quit.quit).toBe(true)
    expect(quit.mapping).toBe(start.mapping)
  })

  it('keeps the parts of the file the screen does not touch (currentOnly, other items, edition)', () => {
    const s = run(start, {type: 'gap'}, {type: 'accept'}, {type: 'gap'})
    expect(s.mapping.currentOnly).toEqual(MAPPING.currentOnly)
    expect(s.mapping.edition).toBe('rep-1')
    expect(entries(s.mapping, '001001001')).toEqual(entries(MAPPING, '001001001'))
    expectValidFile(s.mapping)
  })
})

describe('decision functions', () => {
  const stamp = {at: '2026-01-15'}
  it('leave by out when nobody is known and sort like map suggest does', () => {
    const a = confirm(MAPPING, '001001002', '氏名', {refs: ['JUMIN.SEI', 'JUMIN.MEI']}, stamp)
    expect(entries(a, '001001002')).toEqual([{refs: ['JUMIN.MEI', 'JUMIN.SEI'], status: 'confirmed', at: '2026-01-15'}])
    const b = reject(a, '001001002', '氏名', {refs: ['JUMIN.MEI', 'JUMIN.SEI']}, stamp)
    expect(entries(b, '001001002')).toEqual([{refs: ['JUMIN.MEI', 'JUMIN.SEI'], status: 'rejected', at: '2026-01-15'}])
    expect(b.items.map((i) => i.item)).toEqual(['001001001', '001001002', '001001012'])
  })
})

describe('field search', () => {
  it('finds columns by reading: kana or other romaji spellings of the physical name', () => {
    const start = createReviewState(reviewInput('unmapped'))
    const search = (text: string) => run(start, {type: 'searchStart'}, {type: 'searchInput', text}).search.results.map((f) => f.ref)
    expect(search('せいねんがっぴ')).toEqual(['JUMIN.SEINENGAPPI'])
    expect(search('カタガキ')).toEqual(['JUMIN.KATAGAKI'])
    expect(search('simei')).toEqual(['JUMIN.SHIMEI', 'JUMIN.SHIMEI_KANA'])
    expect(search('宛名')).toEqual(['JUMIN.ATENA_NO'])
  })
})
