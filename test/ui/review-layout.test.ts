import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'

import {keyToAction, splitInput} from '../../src/ui/review/keys.js'
import {layoutReview, SCREEN_LINES} from '../../src/ui/review/layout.js'
import {createReviewState, type ReviewAction, reviewReducer, type ReviewState} from '../../src/ui/review/state.js'
import {fit, truncate, wrap} from '../../src/ui/text.js'
import {reviewInput} from './fixtures.js'

const run = (state: ReviewState, ...actions: ReviewAction[]): ReviewState => actions.reduce(reviewReducer, state)
const texts = (state: ReviewState, width = 80) => layoutReview(state, {width, file: 'mappings/jumin.yaml'}).map((l) => l.text)

describe('text helpers (full-width aware)', () => {
  it('fit pads or cuts to exact columns, counting Japanese as 2', () => {
    expect(fit('氏名', 6)).toBe('氏名  ')
    expect(stringWidth(fit('住所を定めた年月日', 9))).toBe(9)
    expect(truncate('住所を定めた年月日', 9)).toBe('住所を..')
    expect(truncate('abc', 3)).toBe('abc')
  })
  it('wrap breaks Japanese text by columns and marks what a line limit cuts', () => {
    expect(wrap('あいうえおかきくけこ', 8)).toEqual(['あいうえ', 'おかきく', 'けこ'])
    const two = wrap('あいうえおかきくけこ', 8, 2)
    expect(two).toHaveLength(2)
    expect(two[1]).toBe('おかき..')
  })
})

describe('review layout', () => {
  const start = createReviewState(reviewInput('all'))
  const states: [string, ReviewState][] = [
    ['no candidates', start],
    ['candidates', run(start, {type: 'skip'}, {type: 'skip'}, {type: 'skip'}, {type: 'skip'})],
    ['rejected + matcher', run(start, {type: 'skip'}, {type: 'skip'})],
    ['after a decision', run(start, {type: 'skip'}, {type: 'accept'})],
    ['search', run(start, {type: 'searchStart'}, {type: 'searchInput', text: 'しめい'})],
    ['search, nothing found', run(start, {type: 'searchStart'}, {type: 'searchInput', text: 'zzz'})],
    ['help', run(start, {type: 'help'})],
    ['jump', run(start, {type: 'jumpStart'})],
    ['jump, typed', run(start, {type: 'jumpStart'}, {type: 'jumpInput', text: 'しめい'})],
    ['jump, nothing found', run(start, {type: 'jumpStart'}, {type: 'jumpInput', text: 'zzz'})],
  ]

  it.each(states)('fits 80×24 (%s): at most 22 lines, each exactly as wide as asked', (_, state) => {
    for (const width of [80, 60, 120]) {
      const lines = texts(state, width)
      expect(lines.length).toBeLessThanOrEqual(SCREEN_LINES)
      expect(lines.length).toBeLessThan(24)
      for (const line of lines) expect(stringWidth(line)).toBe(width)
    }
    expect(texts(state)).toHaveLength(SCREEN_LINES)
  })

  it('shows the item (name, type, length, 必須, description) and the candidates with score, breakdown and reason', () => {
    const lines = texts(states[1]![1])
    const screen = lines.join('\n')
    expect(lines[0]).toContain('住民基本台帳 (jumin)')
    expect(lines[0]).toContain('確定・対応なし 1/6')
    expect(screen).toContain('001001002 氏名')
    expect(screen).toContain('型: 文字  桁: 100  必須: はい')
    expect(screen).toContain('説明: 住民票に記載された氏名。')
    expect(screen).toMatch(/> 1 \[提案\] 0\.94 JUMIN\.SHIMEI +氏名 +文字\(100\)/)
    expect(screen).toMatch(/ {2}2 \[照合\] 0\.70 JUMIN\.SHIMEI_KANA +ｼﾒｲｶﾅ/)
    expect(screen).toContain('名100 読100 型100  名称が一致・読みが一致 (simei)')
    expect(screen).toContain('名称 1 / 読み 1 / 型・桁 1')
    expect(screen).toContain('理由: 名称が一致・読みが一致 (simei)')
    expect(lines.at(-1)).toContain('Enter確定')
  })

  it('aligns columns whatever the width of the Japanese labels (string-width)', () => {
    const lines = texts(states[2]![1]).filter((l) => /^[> ] \d \[/.test(l))
    expect(lines.length).toBe(2)
    const column = (line: string, text: string) => stringWidth(line.slice(0, line.indexOf(text)))
    expect(column(lines[0]!, '日付')).toBe(column(lines[1]!, '文字(10)') + stringWidth('文字(10)') - stringWidth('日付'))
  })

  it('is readable without colour: the selection, statuses and warnings are in the text', () => {
    const lines = texts(states[2]![1])
    expect(lines.some((l) => l.startsWith('> 1 [照合]'))).toBe(true)
    expect(lines.some((l) => l.startsWith('  2 [却下]'))).toBe(true)
    expect(lines[1]).toContain('[未判断]')
    const warned = texts(run(start, {type: 'accept'}))
    expect(warned.at(-2)).toMatch(/^\[注意\] 候補がありません/)
    const decided = texts(states[3]![1])
    expect(decided.at(-2)).toContain('(保存済み)')
    expect(texts(run(start, {type: 'skip'}, {type: 'accept'}, {type: 'back'}))[1]).toContain('[確定済み]')
  })

  it('warns when the selected field is already confirmed for another item', () => {
    const s = run(start, {type: 'skip'}, {type: 'skip'}, {type: 'skip'}, {type: 'skip'}, {type: 'accept'}) // 氏名 = JUMIN.SHIMEI
    const onKana: ReviewState = {...s, position: s.queue.indexOf('001001003'), selected: 1}
    expect(texts(onKana).join('\n')).toContain('選択中: 2 JUMIN.SHIMEI [他の項目に確定済み: 氏名]')
    expect(texts({...onKana, selected: 0}).join('\n')).not.toContain('他の項目に確定済み')
  })

  it('says what the progress counts: confirmed or no-counterpart items, not rejections', () => {
    expect(texts(start)[0]).toMatch(/確定・対応なし 1\/6 \(16%\)$/)
    const rejected = run(start, {type: 'skip'}, {type: 'skip'}, {type: 'reject'})
    expect(texts(rejected)[0]).toContain('確定・対応なし 1/6')
    expect(texts(run(start, {type: 'gap'}))[0]).toContain('確定・対応なし 2/6')
    expect(texts(run(start, {type: 'help'})).join('\n')).toContain('却下だけでは数えません')
  })

  it('jump (i) lists the queue with ID, name, group, status and place; > marks the selection, * the current item', () => {
    const lines = texts(run(start, {type: 'skip'}, {type: 'jumpStart'}))
    expect(lines[5]).toMatch(/^-- 項目へ移動: _ {2}\(6 件 \/ 一覧 6 件\) -+$/)
    expect(lines[6]).toMatch(/^ {2}001003009 住所を定めた年月日 +住所 +\[未判断\] +1\/6 {2}$/)
    expect(lines[7]).toMatch(/^> 001002005 方書 +住所 +\[未判断\] +2\/6 \*$/)
    expect(lines[11]).toMatch(/^ {2}001001001 宛名番号 +個人基本 +\[確定済み\] +6\/6 {2}$/)
    expect(lines.join('\n')).toContain('Enter で移動: 001002005 方書')
    expect(lines.at(-1)).toContain('Enter移動')
    const typed = texts(run(start, {type: 'jumpStart'}, {type: 'jumpInput', text: 'しめい'}))
    expect(typed[5]).toContain('項目へ移動: しめい_  (1 件 / 一覧 6 件)')
    expect(typed[6]).toMatch(/^> 001001002 氏名 /)
    const none = texts(run(start, {type: 'jumpStart'}, {type: 'jumpInput', text: 'zzz'}))
    expect(none.join('\n')).toContain('該当する項目は一覧にありません')
  })

  it('shows a failed save instead of the message', () => {
    const lines = layoutReview(start, {width: 80, file: 'mappings/jumin.yaml', saveError: 'EACCES: permission denied'})
    expect(lines.at(-2)?.text).toContain('[保存できません] EACCES')
  })

  it('uses no ambiguous-width symbols for structure (box drawing, ellipsis)', () => {
    for (const [, state] of states) for (const line of texts(state)) expect(line).not.toMatch(/[\u2500-\u257F\u2026]/)
  })
})

describe('keys', () => {
  it('maps keys to actions per mode', () => {
    expect(keyToAction('browse', '', {return: true})).toEqual({type: 'accept'})
    expect(keyToAction('browse', '3', {})).toEqual({type: 'pick', n: 3})
    expect(keyToAction('browse', '6', {})).toBeUndefined()
    expect(keyToAction('browse', 'r', {})).toEqual({type: 'reject'})
    expect(keyToAction('browse', 'g', {})).toEqual({type: 'gap'})
    expect(keyToAction('browse', 'n', {})).toEqual({type: 'gap'})
    expect(keyToAction('browse', 'u', {})).toEqual({type: 'undo'})
    expect(keyToAction('browse', 's', {})).toEqual({type: 'skip'})
    expect(keyToAction('browse', '', {rightArrow: true})).toEqual({type: 'skip'})
    expect(keyToAction('browse', '', {leftArrow: true})).toEqual({type: 'back'})
    expect(keyToAction('browse', '', {downArrow: true})).toEqual({type: 'move', delta: 1})
    expect(keyToAction('browse', '/', {})).toEqual({type: 'searchStart'})
    expect(keyToAction('browse', '?', {})).toEqual({type: 'help'})
    expect(keyToAction('browse', 'q', {})).toEqual({type: 'quit'})
    expect(keyToAction('browse', 'c', {ctrl: true})).toEqual({type: 'quit'})
    expect(keyToAction('search', 'q', {})).toEqual({type: 'searchInput', text: 'q'})
    expect(keyToAction('search', '', {delete: true})).toEqual({type: 'searchBackspace'})
    expect(keyToAction('search', '', {escape: true, meta: true})).toEqual({type: 'close'})
    expect(keyToAction('search', 'c', {ctrl: true})).toEqual({type: 'quit'})
    expect(keyToAction('browse', 'i', {})).toEqual({type: 'jumpStart'})
    expect(keyToAction('browse', ':', {})).toEqual({type: 'jumpStart'})
    expect(keyToAction('jump', 'i', {})).toEqual({type: 'jumpInput', text: 'i'})
    expect(keyToAction('jump', '氏', {})).toEqual({type: 'jumpInput', text: '氏'})
    expect(keyToAction('jump', '', {return: true})).toEqual({type: 'jumpConfirm'})
    expect(keyToAction('jump', '', {downArrow: true})).toEqual({type: 'jumpMove', delta: 1})
    expect(keyToAction('jump', '', {pageUp: true})).toEqual({type: 'jumpMove', delta: -8})
    expect(keyToAction('jump', '', {delete: true})).toEqual({type: 'jumpBackspace'})
    expect(keyToAction('jump', 'u', {ctrl: true})).toEqual({type: 'jumpClear'})
    expect(keyToAction('jump', '', {escape: true})).toEqual({type: 'close'})
    expect(keyToAction('jump', '', {leftArrow: true})).toBeUndefined()
    expect(keyToAction('help', 'q', {})).toEqual({type: 'close'})
    expect(keyToAction('help', 'r', {})).toBeUndefined()
  })

  it('splits a burst of plain characters into one key each', () => {
    expect(splitInput('ss', {})).toEqual([
      {input: 's', key: {}},
      {input: 's', key: {}},
    ])
    expect(splitInput('a\x7f\r\x03', {})).toEqual([
      {input: 'a', key: {}},
      {input: '', key: {delete: true}},
      {input: '', key: {return: true}},
      {input: 'c', key: {ctrl: true}},
    ])
    expect(splitInput('', {upArrow: true})).toEqual([{input: '', key: {upArrow: true}}])
    expect(splitInput('氏', {})).toEqual([{input: '氏', key: {}}])
  })
})

describe('signal breakdown', () => {
  it('fits all seven signals in 78 columns', async () => {
    const {fullSignals} = await import('../../src/ui/review/layout.js')
    const all = {name: 0.4, reading: 0.25, english: 0.33, synonym: 0.64, description: 0.12, type: 0.75, context: 0.5}
    expect(stringWidth(fullSignals(all, 78))).toBeLessThanOrEqual(78)
    expect(fullSignals({name: 1, type: 0.92})).toBe('名称 1 / 型・桁 0.92')
  })
})
