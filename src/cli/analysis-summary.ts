import chalk from 'chalk'
import {textWidth} from '../io/text-width.js'

import {SEVERITY_LABELS} from '../model/finding.js'
import type {AreaReport} from '../report/report-model.js'
import {AREA_STATUS_LABELS} from '../analyzers/analyze-area.js'
import {summarize} from '../report/summary-model.js'

/** Terminal width the summary is laid out for. */
export const SUMMARY_WIDTH = 80

/** Pads by display width (full-width = 2; text-width leaves colour codes to string-width, which ignores them) and only then colours the cell. */
const cell = (text: string, width: number, align: 'left' | 'right', colour?: (s: string) => string) => {
  const space = ' '.repeat(Math.max(0, width - textWidth(text)))
  const padded = align === 'left' ? text + space : space + text
  return colour ? colour(padded) : padded
}

/** Cuts a line to the terminal width by display width, marking the cut. */
const fit = (text: string, width: number) => {
  if (textWidth(text) <= width) return text
  let out = ''
  for (const char of text) {
    if (textWidth(out + char) > width - 1) break
    out += char
  }
  return `${out}…`
}

const percent = (n: number) => `${Math.round(n * 100)}%`

/** The coloured terminal summary of an analysis; the same layout in plain text when colour is off (NO_COLOR, pipes). */
export function renderAnalysisSummary(areas: readonly AreaReport[], output?: string): string {
  const summary = summarize(areas)
  const rows = summary.areas.map((a) => ({
    name: a.name,
    status: AREA_STATUS_LABELS[a.status],
    statusColour: a.status === 'done' ? chalk.green : a.status === 'not-started' ? chalk.dim : chalk.yellow,
    rate: a.fitRate === null ? '−' : percent(a.fitRate),
    rateColour: a.fitRate === null ? undefined : a.fitRate >= 0.8 ? chalk.green : a.fitRate >= 0.5 ? chalk.yellow : chalk.red,
    base: `(${a.judged}/${a.functionCount})`,
    decided: percent(a.decidedRate),
    error: String(a.open.error),
    warning: String(a.open.warning),
    options: String(a.optionsUndecided),
    errorColour: a.open.error > 0 ? chalk.red : undefined,
  }))
  const header = {name: '業務', status: '状況', rate: '適合率', base: '(判定済/機能)', decided: '判定済', error: '重大', warning: '注意', options: 'OP未決定'}
  const width = (pick: (r: typeof header) => string) => Math.max(textWidth(pick(header)), ...rows.map((r) => textWidth(pick(r))))
  const w = {
    name: width((r) => r.name),
    status: width((r) => r.status),
    rate: width((r) => r.rate),
    base: width((r) => r.base),
    decided: width((r) => r.decided),
    error: width((r) => r.error),
    warning: width((r) => r.warning),
    options: width((r) => r.options),
  }
  const line = (r: typeof header, colours: Partial<Record<keyof typeof header, (s: string) => string>> = {}) =>
    [
      cell(r.name, w.name, 'left', colours.name),
      cell(r.status, w.status, 'left', colours.status),
      `${cell(r.rate, w.rate, 'right', colours.rate)} ${cell(r.base, w.base, 'left', colours.base)}`,
      cell(r.decided, w.decided, 'right', colours.decided),
      cell(r.error, w.error, 'right', colours.error),
      cell(r.warning, w.warning, 'right', colours.warning),
      cell(r.options, w.options, 'right', colours.options),
    ].join('  ')
  const lines: string[] = [chalk.bold('Fit&Gap 分析の結果'), '']
  lines.push(line(header, Object.fromEntries(Object.keys(header).map((k) => [k, chalk.dim]))))
  for (const r of rows) lines.push(line(r, {status: r.statusColour, rate: r.rateColour, error: r.errorColour}))
  const t = summary.totals
  lines.push(
    '',
    fit(
      `全体: 適合率 ${t.fitRate === null ? '−' : percent(t.fitRate)} (判定済み ${t.judged} / ${t.functionCount})  判定済み ${percent(t.decidedRate)}  未対応 重大 ${t.open.error}・注意 ${t.open.warning}`,
      SUMMARY_WIDTH,
    ),
  )
  const notStarted = summary.areas.filter((a) => a.nothingImported).map((a) => a.name)
  if (notStarted.length > 0)
    lines.push(chalk.yellow(fit(`未着手: ${notStarted.join('・')} は現行定義が未取込です (fitgap current import … --area 業務)。`, SUMMARY_WIDTH)))
  const errors = summary.next.filter((n) => n.severity === 'error')
  if (errors.length > 0) {
    lines.push('', chalk.red.bold(`未対応の${SEVERITY_LABELS.error}な課題 ${t.open.error} 件${t.open.error > 5 ? ' (先頭 5 件。全件はブックの課題一覧)' : ''}:`))
    for (const next of errors.slice(0, 5)) lines.push(`  ${chalk.red('●')} ${fit(`${next.areaName} ${next.subject}: ${next.content}`, SUMMARY_WIDTH - 4)}`)
  }
  const settled = areas.reduce((n, a) => n + a.analysis.summary.settledFindings, 0)
  if (settled > 0) lines.push('', chalk.dim(fit(`判定の記録で対応済みになった課題: ${settled} 件 (重大・注意の件数に含めない)`, SUMMARY_WIDTH)))
  lines.push('', chalk.dim(fit('適合率 = (○ + △×0.5) ÷ (○ + △ + ×)。判定済 = 未判定以外の機能の割合。OP = 標準オプション。', SUMMARY_WIDTH)))
  if (output) lines.push('', `${chalk.green('✔')} ブックを書き出しました: ${output}`)
  return `${lines.join('\n')}\n`
}
