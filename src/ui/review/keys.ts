/**
 * Keys → reducer actions, per mode. Pure (the key shape is ink's `Key`, restated so tests need no ink).
 * The key list shown in `?` help, in `map review --help` and in docs/map-review.md comes from KEY_HELP.
 */
import type {Mode, ReviewAction} from './state.js'

export interface KeyInfo {
  readonly upArrow?: boolean
  readonly downArrow?: boolean
  readonly leftArrow?: boolean
  readonly rightArrow?: boolean
  readonly pageUp?: boolean
  readonly pageDown?: boolean
  readonly return?: boolean
  readonly escape?: boolean
  readonly ctrl?: boolean
  readonly meta?: boolean
  readonly tab?: boolean
  readonly backspace?: boolean
  readonly delete?: boolean
}

/** The keys, for the help screen and the docs: [keys, what they do]. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['Enter', '選択中の候補 (最初は第1候補) で確定 (confirmed)'],
  ['1〜5', 'その番号の候補で確定'],
  ['↑ ↓ (k j)', '候補を選ぶ'],
  ['r', '選択中の候補を却下 (rejected)'],
  ['/', '現行項目を名前で検索 (↑↓ で選び Enter で確定、Esc で戻る)'],
  ['i または :', '標準データ項目へ移動 (ID・名称・読みで絞り込み、Enterで移動)'],
  ['g または n', '対応する現行項目なし (ギャップ, no-counterpart)'],
  ['u', '直前の判断を取り消す (何回でも)'],
  ['s または →', '判断せずに次の項目へ (← で前の項目へ)'],
  ['?', 'このヘルプを表示・閉じる'],
  ['q (Ctrl-C)', '終了 (判断はそのつど保存済み)'],
]

/** One short line for the bottom of the screen (fits 80 columns). */
export const STATUS_HELP: Record<Mode, string> = {
  browse: 'Enter確定 1-5番号 r却下 /検索 i移動 g対応なし u取消 s次 ?ヘルプ q終了',
  search: '文字入力で絞り込み  ↑↓選択  Enter確定  Esc戻る  Ctrl-U消去',
  jump: 'ID・名称・読みで絞り込み  ↑↓選択  Enter移動  Esc戻る  Ctrl-U消去',
  help: '? / Esc / q でヘルプを閉じる',
}

export function keyToAction(mode: Mode, input: string, key: KeyInfo): ReviewAction | undefined {
  if (key.ctrl && input === 'c') return {type: 'quit'}
  if (mode === 'help') {
    if (input === '?' || input === 'q' || key.escape || key.return) return {type: 'close'}
    return undefined
  }
  if (mode === 'search' || mode === 'jump') return textEntryAction(mode, input, key)
  if (key.return) return {type: 'accept'}
  if (key.upArrow) return {type: 'move', delta: -1}
  if (key.downArrow) return {type: 'move', delta: 1}
  if (key.rightArrow) return {type: 'skip'}
  if (key.leftArrow) return {type: 'back'}
  if (key.escape) return {type: 'close'}
  if (key.ctrl || key.meta) return undefined
  switch (input) {
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
      return {type: 'pick', n: Number(input)}
    case 'k':
      return {type: 'move', delta: -1}
    case 'j':
      return {type: 'move', delta: 1}
    case 'r':
      return {type: 'reject'}
    case '/':
      return {type: 'searchStart'}
    case 'i':
    case ':':
      return {type: 'jumpStart'}
    case 'g':
    case 'n':
      return {type: 'gap'}
    case 'u':
      return {type: 'undo'}
    case 's':
      return {type: 'skip'}
    case '?':
      return {type: 'help'}
    case 'q':
      return {type: 'quit'}
    default:
      return undefined
  }
}

/** Keys while typing a query: the current-field search (`/`) and the jump to an item (`i` / `:`) work alike. */
function textEntryAction(mode: 'search' | 'jump', input: string, key: KeyInfo): ReviewAction | undefined {
  const search = mode === 'search'
  if (key.escape) return {type: 'close'}
  if (key.return) return {type: search ? 'searchConfirm' : 'jumpConfirm'}
  const move = (delta: number): ReviewAction => ({type: search ? 'searchMove' : 'jumpMove', delta})
  if (key.upArrow) return move(-1)
  if (key.downArrow) return move(1)
  if (key.pageUp) return move(-8)
  if (key.pageDown) return move(8)
  // Most terminals send DEL (0x7f) for Backspace, which ink reports as `delete`.
  if (key.backspace || key.delete) return {type: search ? 'searchBackspace' : 'jumpBackspace'}
  if (key.ctrl && input === 'u') return {type: search ? 'searchClear' : 'jumpClear'}
  if (key.ctrl || key.meta || key.tab || key.leftArrow || key.rightArrow) return undefined
  if (input !== '') return {type: search ? 'searchInput' : 'jumpInput', text: input}
  return undefined
}

/**
 * Ink passes a burst of plain characters (typing fast, a paste, tmux send-keys, "s\r") as one input string and
 * splits only escape sequences. This splits such a burst into one key per character, so "ss" skips twice and
 * "ab\x7f" types a, b and erases one; arrows and other escape sequences pass through unchanged.
 */
export function splitInput(input: string, key: KeyInfo): {input: string; key: KeyInfo}[] {
  const chars = [...input]
  const special = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.escape || key.meta
  if (chars.length <= 1 || special) return [{input, key}]
  return chars.map((ch) => {
    const code = ch.codePointAt(0)!
    if (ch === '\r' || ch === '\n') return {input: '', key: {return: true}}
    if (code === 0x7f) return {input: '', key: {delete: true}}
    if (ch === '\b') return {input: '', key: {backspace: true}}
    if (ch === '\t') return {input: '', key: {tab: true}}
    if (code < 0x20) return {input: String.fromCharCode(code + 0x60), key: {ctrl: true}}
    return {input: ch, key: {}}
  })
}
