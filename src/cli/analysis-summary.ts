import chalk from 'chalk'
import stringWidth from 'string-width'

import {AREA_STATUS_LABELS} from '../analyzers/analyze-area.js'
import {isOpen} from '../model/finding.js'
import type {AreaReport} from '../report/report-model.js'

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - stringWidth(text)))
const percent = (n: number) => `${(n * 100).toFixed(1)}%`

/** The coloured terminal summary of an analysis; plain text when colour is off (NO_COLOR, pipes). */
export function renderAnalysisSummary(areas: readonly AreaReport[], output?: string): string {
  const nameWidth = Math.max(8, ...areas.map((a) => stringWidth(a.analysis.area.name)))
  const lines: string[] = [chalk.bold('Fit&Gap 分析の結果'), '']
  lines.push(
    chalk.dim(`${pad('業務', nameWidth)}  適合率   判定済  ${pad('○適合', 6)} ${pad('△部分', 6)} ${pad('×不適合', 7)} ${pad('−対象外', 7)} ${pad('未判定', 6)}  項目確定  重大  注意  状態`),
  )
  for (const {analysis} of areas) {
    const s = analysis.summary
    const v = s.functionsByVerdict
    const rate = s.fitRate === null ? '−' : percent(s.fitRate)
    const rateColoured = s.fitRate === null ? rate : s.fitRate >= 0.8 ? chalk.green(rate) : s.fitRate >= 0.5 ? chalk.yellow(rate) : chalk.red(rate)
    lines.push(
      `${pad(analysis.area.name, nameWidth)}  ${pad(rateColoured, 7 + rateColoured.length - rate.length)}  ${pad(percent(s.decidedRate), 6)}  ${pad(String(v.fit), 6)} ${pad(String(v.partial), 6)} ${pad(String(v.gap), 7)} ${pad(String(v.na), 7)} ${pad(String(v.undecided), 6)}  ${pad(percent(s.mappedRate), 8)}  ${s.findingsBySeverity.error > 0 ? chalk.red(pad(String(s.findingsBySeverity.error), 4)) : pad('0', 4)}  ${pad(String(s.findingsBySeverity.warning), 4)}  ${s.status === 'not-started' ? chalk.yellow(AREA_STATUS_LABELS[s.status]) : AREA_STATUS_LABELS[s.status]}`,
    )
  }
  const notStarted = areas.filter((a) => a.analysis.summary.status === 'not-started').map((a) => a.analysis.area.name)
  if (notStarted.length > 0)
    lines.push('', chalk.yellow(`未着手 (現行の定義が未取込・自動判定なし): ${notStarted.join('、')}。\`fitgap current import ファイル --area 業務\` で取り込む`))
  const settled = areas.reduce((n, a) => n + a.analysis.summary.settledFindings, 0)
  const errors = areas.flatMap((a) => a.analysis.findings.filter((f) => f.severity === 'error' && isOpen(f)).map((f) => `${a.analysis.area.name}: ${f.message}`))
  if (errors.length > 0) {
    lines.push('', chalk.red.bold(`未対応の重大な課題 ${errors.length} 件${errors.length > 5 ? ' (先頭 5 件)' : ''}:`))
    for (const message of errors.slice(0, 5)) lines.push(`  ${chalk.red('●')} ${message}`)
  }
  if (settled > 0) lines.push('', chalk.dim(`判定の記録で対応済みになった課題: ${settled} 件 (重大・注意の件数に含めない)`))
  lines.push('', chalk.dim('適合率 = (○ + △×0.5) ÷ (○ + △ + ×)。判定済 = 未判定以外の機能の割合。重大・注意 = 未対応の課題。'))
  if (output) lines.push('', `${chalk.green('✔')} ブックを書き出しました: ${output}`)
  return `${lines.join('\n')}\n`
}
