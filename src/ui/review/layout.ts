/**
 * The review screen as lines of text. Pure: state in, at most SCREEN_LINES lines of exactly `width` columns out.
 * Alignment uses string-width (full-width Japanese = 2 columns). Everything a colour says is also said in
 * text ([確定] [却下] tags, ">" for the selection, [注意] for warnings), and structure uses ASCII only:
 * box-drawing characters and "…" are ambiguous-width and misalign on terminals that draw them wide.
 */
import {SIGNAL_LABELS, SIGNALS, type SignalName, type Signals} from '../../matching/signals.js'
import {fit, fitRight, rule, truncate, width as textWidth, wrap} from '../text.js'
import {KEY_HELP, STATUS_HELP} from './keys.js'
import type {FieldInfo} from './search.js'
import {
  type CandidateSource,
  type CandidateView,
  candidatesFor,
  confirmedElsewhere,
  currentItem,
  FILTER_LABELS,
  type ItemStatus,
  itemStatus,
  MAX_CANDIDATES,
  progress,
  type ReviewState,
} from './state.js'

/** Lines the screen uses: fits a 24-line terminal with a line to spare (ink redraws the whole screen when full). */
export const SCREEN_LINES = 22
const MIDDLE_LINES = 15

export type Tone = 'title' | 'selected' | 'confirmed' | 'rejected' | 'suggested' | 'dim' | 'warn' | 'plain'

export interface Line {
  readonly text: string
  readonly tone: Tone
}

export interface LayoutOptions {
  readonly width: number
  /** The mapping file as shown to the user. */
  readonly file: string
  /** Set when the last save failed. */
  readonly saveError?: string
}

export const SOURCE_TAGS: Record<CandidateSource, string> = {
  confirmed: '[確定]',
  suggested: '[提案]',
  match: '[照合]',
  rejected: '[却下]',
}

const SOURCE_TONES: Record<CandidateSource, Tone> = {confirmed: 'confirmed', suggested: 'suggested', match: 'plain', rejected: 'rejected'}

export const STATUS_TAGS: Record<ItemStatus, string> = {open: '[未判断]', confirmed: '[確定済み]', gap: '[対応なし]'}

/** One-character signal names for the compact breakdown (legend in the help screen). */
export const SIGNAL_SHORT: Record<SignalName, string> = {
  name: '名',
  reading: '読',
  english: '英',
  synonym: '同',
  description: '説',
  type: '型',
  context: '表',
}

export function compactSignals(signals: Signals | undefined): string {
  if (!signals) return ''
  return SIGNALS.filter((s) => signals[s] !== undefined)
    .map((s) => `${SIGNAL_SHORT[s]}${Math.round(signals[s]! * 100)}`)
    .join(' ')
}

/** Signal names in full with their values; separated more loosely when there is room. */
export function fullSignals(signals: Signals | undefined, columns = 78): string {
  if (!signals) return ''
  const present = SIGNALS.filter((s) => signals[s] !== undefined)
  const value = (s: SignalName) => String(Number(signals[s]!.toFixed(2)))
  const loose = present.map((s) => `${SIGNAL_LABELS[s]} ${value(s)}`).join(' / ')
  return textWidth(loose) <= columns ? loose : truncate(present.map((s) => `${SIGNAL_LABELS[s]}${value(s)}`).join(' '), columns)
}

const score = (value: number | undefined): string => (value === undefined ? ' -- ' : value.toFixed(2))

function fieldText(field: FieldInfo | undefined): string {
  if (!field) return ''
  return `${field.type ?? ''}${field.length !== undefined ? `(${field.length})` : ''}${field.required ? ' 必須' : ''}`
}

function line(text: string, tone: Tone, columns: number): Line {
  return {text: fit(text, columns), tone}
}

function candidateLines(state: ReviewState, candidates: readonly CandidateView[], W: number): Line[] {
  const lines: Line[] = []
  const start = state.selected < MAX_CANDIDATES ? 0 : state.selected - MAX_CANDIDATES + 1
  const shown = candidates.slice(start, start + MAX_CANDIDATES)
  shown.forEach((c, i) => {
    const n = start + i
    const selected = n === state.selected
    const fields = c.refs.map((ref) => state.fields.get(ref))
    const labels = fields.map((f, k) => f?.label || (f ? f.column : `${c.refs[k]} (現行定義になし)`)).join('+')
    const types = fields.map(fieldText).join('+')
    const head = `${selected ? '>' : ' '} ${n + 1} ${SOURCE_TAGS[c.source]} ${score(c.score)} `
    const restWidth = W - textWidth(head)
    const refWidth = Math.min(32, Math.max(16, Math.floor(restWidth * 0.48)))
    const typeWidth = Math.min(14, Math.max(8, Math.floor(restWidth * 0.19)))
    const labelWidth = Math.max(4, restWidth - refWidth - typeWidth - 2)
    const text = `${head}${fit(c.refs.join('+'), refWidth)} ${fit(labels, labelWidth)} ${fitRight(types, typeWidth)}`
    lines.push(line(text, selected ? 'selected' : SOURCE_TONES[c.source], W))
    const decided = c.source === 'confirmed' || c.source === 'rejected'
    const who = decided ? [c.by ? `判断: ${c.by}` : '', c.note ? `メモ: ${c.note}` : ''].filter((s) => s !== '').join(' ') : ''
    const detail = [compactSignals(c.signals), c.reason ?? who].filter((s) => s !== '').join('  ')
    lines.push(line(`      ${detail}`, 'dim', W))
  })
  return lines
}

function selectedDetail(state: ReviewState, candidate: CandidateView | undefined, W: number): Line[] {
  if (!candidate) return [line(rule('', W), 'dim', W), line('', 'plain', W), line('', 'plain', W), line('', 'plain', W)]
  const who = [candidate.by ? `判断: ${candidate.by}` : '', candidate.note ? `メモ: ${candidate.note}` : ''].filter((s) => s !== '').join('  ')
  const reason = wrap(`理由: ${candidate.reason ?? '(照合の理由なし)'}${who ? `  ${who}` : ''}`, W - 2, 2)
  const itemId = state.queue[state.position]!
  const shared = [...new Set(candidate.refs.flatMap((ref) => confirmedElsewhere(state, ref, itemId)))]
  const sharedText = shared.length > 0 ? ` [他の項目に確定済み: ${shared.join('・')}]` : ''
  return [
    line(rule(`選択中: ${state.selected + 1} ${candidate.refs.join('+')}${sharedText}`, W), shared.length > 0 ? 'warn' : 'dim', W),
    line(`  ${fullSignals(candidate.signals, W - 2) || '信号: なし (検索または手入力の対応)'}`, 'plain', W),
    ...reason.map((text) => line(`  ${text}`, 'plain', W)),
    ...(reason.length < 2 ? [line('', 'plain', W)] : []),
  ]
}

function browseMiddle(state: ReviewState, W: number): Line[] {
  const id = state.queue[state.position]!
  const candidates = candidatesFor(state, id)
  const more = candidates.length > MAX_CANDIDATES ? ` (↓で残り ${candidates.length - MAX_CANDIDATES} 件)` : ''
  const lines: Line[] = [line(rule(`候補 ${candidates.length} 件${more}`, W), 'dim', W)]
  if (candidates.length === 0) {
    lines.push(line('  候補はありません。/ で現行項目を検索するか、g で「対応なし」にしてください。', 'plain', W))
  } else lines.push(...candidateLines(state, candidates, W))
  while (lines.length < 1 + MAX_CANDIDATES * 2) lines.push(line('', 'plain', W))
  lines.push(...selectedDetail(state, candidates[state.selected], W))
  return lines
}

function searchMiddle(state: ReviewState, W: number): Line[] {
  const {query, results, selected} = state.search
  const rows = MIDDLE_LINES - 3
  const lines: Line[] = [line(rule(`検索: ${query}_  (${results.length} 件 / 現行項目 ${state.fields.size} 件)`, W), 'selected', W)]
  const id = state.queue[state.position]!
  const candidates = new Map(candidatesFor(state, id).map((c) => [c.key, c]))
  const start = selected < rows ? 0 : selected - rows + 1
  results.slice(start, start + rows).forEach((field, i) => {
    const n = start + i
    const known = candidates.get(field.ref)
    const tag = known ? `${SOURCE_TAGS[known.source]} ${score(known.score)}` : ''
    const text = `${n === selected ? '>' : ' '} ${fit(field.ref, 30)} ${fit(field.label, W - 2 - 31 - 14 - 12)} ${fit(fieldText(field), 13)} ${tag}`
    lines.push(line(text, n === selected ? 'selected' : 'plain', W))
  })
  if (results.length === 0) lines.push(line('  該当する現行項目はありません (Backspace で1文字消す、Ctrl-U で消去)。', 'warn', W))
  while (lines.length < MIDDLE_LINES - 2) lines.push(line('', 'plain', W))
  const chosen = results[selected]
  const item = currentItem(state)
  lines.push(line(rule('', W), 'dim', W))
  lines.push(line(chosen ? `  Enter で確定: ${item?.name ?? ''} = ${chosen.ref} ${chosen.label}` : '  入力した文字を含む現行項目 (名称・物理名) を表示します', 'plain', W))
  return lines
}

function jumpMiddle(state: ReviewState, W: number): Line[] {
  const {query, results, selected} = state.jump
  const rows = MIDDLE_LINES - 3
  const lines: Line[] = [line(rule(`項目へ移動: ${query}_  (${results.length} 件 / 一覧 ${state.queue.length} 件)`, W), 'selected', W)]
  const start = selected < rows ? 0 : selected - rows + 1
  const total = String(state.queue.length)
  results.slice(start, start + rows).forEach((id, i) => {
    const n = start + i
    const item = state.items.get(id)
    const at = `${fitRight(String(state.queue.indexOf(id) + 1), total.length)}/${total}`
    const status = STATUS_TAGS[itemStatus(state, id)]
    const head = `${n === selected ? '>' : ' '} ${id} `
    const tail = ` ${fit(item?.group ?? '', 12)} ${fit(status, 10)} ${at}${id === state.queue[state.position] ? ' *' : '  '}`
    const text = `${head}${fit(item?.name ?? '', W - textWidth(head) - textWidth(tail))}${tail}`
    lines.push(line(text, n === selected ? 'selected' : itemStatus(state, id) === 'open' ? 'plain' : 'confirmed', W))
  })
  if (results.length === 0)
    lines.push(line('  該当する項目は一覧にありません (Backspace で1文字消す、Ctrl-U で消去)。', 'warn', W))
  while (lines.length < MIDDLE_LINES - 2) lines.push(line('', 'plain', W))
  const chosen = results[selected]
  lines.push(line(rule('', W), 'dim', W))
  lines.push(
    line(
      chosen !== undefined
        ? `  Enter で移動: ${chosen} ${state.items.get(chosen)?.name ?? ''}  (* は今の項目)`
        : '  一覧の標準データ項目を ID・名称・読み (かな・ローマ字) で探します',
      'plain',
      W,
    ),
  )
  return lines
}

function helpMiddle(state: ReviewState, W: number): Line[] {
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => textWidth(k))) + 2
  const lines: Line[] = [line(rule('キー操作', W), 'selected', W)]
  for (const [keys, what] of KEY_HELP) lines.push(line(`  ${fit(keys, keyWidth)}${what}`, 'plain', W))
  lines.push(line(`  信号: ${SIGNALS.map((s) => `${SIGNAL_SHORT[s]}=${SIGNAL_LABELS[s]}`).join(' ')}`, 'dim', W))
  lines.push(line(`  [確定][提案][却下] 対応付けファイルの対応  [照合] 照合エンジンの候補`, 'dim', W))
  lines.push(line('  右上の「確定・対応なし」は確定か対応なしの項目の数 (却下だけでは数えません)', 'dim', W))
  while (lines.length < MIDDLE_LINES) lines.push(line('', 'plain', W))
  return lines.slice(0, MIDDLE_LINES)
}

function itemLines(state: ReviewState, W: number): Line[] {
  const item = currentItem(state)
  if (!item) return [line('', 'plain', W), line('', 'plain', W), line('', 'plain', W), line('', 'plain', W)]
  const status = STATUS_TAGS[itemStatus(state, item.id)]
  const head = `(${state.position + 1}/${state.queue.length}) ${item.id} ${item.name}`
  const attrs = [
    `グループ: ${item.group}`,
    `型: ${item.type}`,
    `桁: ${item.length ?? '-'}`,
    `必須: ${item.required ? 'はい' : 'いいえ'}`,
    ...(item.codeTable ? [`コード表: ${item.codeTable}`] : []),
  ].join('  ')
  const description = wrap(item.description ?? '(説明なし)', W - 8, 2)
  return [
    line(`${fit(head, W - textWidth(status) - 1)} ${status}`, itemStatus(state, item.id) === 'open' ? 'plain' : 'confirmed', W),
    line(`  ${attrs}`, 'plain', W),
    line(`  説明: ${description[0] ?? ''}`, 'plain', W),
    line(`        ${description[1] ?? ''}`, 'plain', W),
  ]
}

export function layoutReview(state: ReviewState, options: LayoutOptions): Line[] {
  const W = options.width
  const {reviewed, total} = progress(state)
  const percent = total === 0 ? 100 : Math.floor((reviewed / total) * 100)
  // Counts settled items only (confirmed or no-counterpart; a rejection alone leaves the item open): say so.
  const right = `確定・対応なし ${reviewed}/${total} (${percent}%)`
  const left = `map review  ${state.areaName} (${state.areaSlug})  ${FILTER_LABELS[state.filter]}`
  const lines: Line[] = [line(`${fit(left, W - textWidth(right) - 1)} ${right}`, 'title', W), ...itemLines(state, W)]
  if (state.queue.length === 0) {
    lines.push(line(rule('', W), 'dim', W))
    while (lines.length < 1 + 4 + MIDDLE_LINES) lines.push(line('', 'plain', W))
  } else if (state.mode === 'help') lines.push(...helpMiddle(state, W))
  else if (state.mode === 'search') lines.push(...searchMiddle(state, W))
  else if (state.mode === 'jump') lines.push(...jumpMiddle(state, W))
  else lines.push(...browseMiddle(state, W))

  const saved = options.saveError ? '' : `保存先: ${options.file}`
  if (options.saveError) lines.push(line(`[保存できません] ${options.saveError}`, 'warn', W))
  else if (state.message) {
    const text = `${state.message.kind === 'warn' ? '[注意] ' : ''}${state.message.text}`
    lines.push(line(state.message.kind === 'info' && state.decisions > 0 ? `${truncate(text, W - 12)}  (保存済み)` : text, state.message.kind === 'warn' ? 'warn' : 'plain', W))
  } else lines.push(line(saved, 'dim', W))
  lines.push(line(STATUS_HELP[state.mode], 'title', W))
  return lines.slice(0, SCREEN_LINES)
}
