import {existsSync, statSync} from 'node:fs'
import path from 'node:path'

import {Args, Flags, type Interfaces} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {InputError} from '../errors.js'
import {assertRegularFile} from '../io/regular-file.js'
import {renderAnalysisSummary} from '../cli/analysis-summary.js'
import {createProgress} from '../cli/progress.js'
import {analysisJson} from '../report/analysis-json.js'
import {snapshotOf, summarize} from '../report/summary-model.js'
import {loadPreviousAnalysis, saveAnalysis} from '../workspace/analysis-history.js'
import {DEMO_WORKSPACE_DIR, displayPath} from '../paths.js'
import {type AnalysisRun, areasToAnalyze, buildReport, importedAreas, runAnalysis} from '../workspace/run-analysis.js'
import {withWorkspaceLock} from '../workspace/lock.js'
import {replaceWorkbook} from '../workspace/workbook-replace.js'
import {findWorkspace, loadWorkspace, type Workspace} from '../workspace/workspace.js'

export default class Analyze extends BaseCommand {
  static override summary = 'Fit&Gap 分析を行い、結果を Excel ブック (または JSON) に書き出します'
  static override description = `ワークスペースの標準仕様・現行システムの定義・対応付け・判定から、機能要件・帳票・データ項目ごとの適合状況と課題を求め、
サマリー (A4 横 1 枚) / 機能要件 / 帳票 / 帳票項目差分 / データ項目 / 現行独自項目 / 課題一覧 / 入力と出所 / 凡例 のシートを持つブックを
書き出します。どのシートも印刷して読めるよう用紙・印刷範囲・見出し行の繰り返しを設定しています (docs/workbook.md)。
ブックの判定・対応方針・担当課・備考の列と、課題一覧の担当課・期限・状態の列に記入し、\`fitgap report import\` で取り込めます。
ワークスペースが見つからないときは、同梱のデモ (架空の市) で実行します。`
  static override examples = [
    '<%= config.bin %> analyze',
    '<%= config.bin %> analyze jumin 個人住民税 --workspace ./kadoma --out reports/fitgap.xlsx',
    '<%= config.bin %> analyze --json > findings.json',
  ]
  static override strict = false
  static override args = {areas: Args.string({description: '分析する業務 (複数可。省略時はワークスペースの全業務)'})}
  static override flags = {
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    out: Flags.string({
      char: 'o',
      description: '書き出すブック (.xlsx)。省略時はワークスペースの reports/fitgap-report.xlsx (業務を指定したときは reports/fitgap-report-<業務>.xlsx)',
    }),
    force: Flags.boolean({description: '書き出し先のブックに取り込んでいない記入があっても上書きします', default: false}),
    suggest: Flags.boolean({description: '対応付けのないデータ項目に候補を自動で補う (--no-suggest で無効)', default: true, allowNo: true}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Analyze)
    const found = findWorkspace(flags.workspace)
    const workspace = found ?? loadWorkspace(DEMO_WORKSPACE_DIR)
    if (!found) process.stderr.write(`ワークスペースが見つからないため、同梱のデモ (${workspace.config.name}) で実行します。\n`)
    // The demo is read-only (its workbook goes to the working folder); a workspace is locked while it is analysed and written.
    if (found) await withWorkspaceLock(found.root, 'analyze', () => this.analyze(workspace, found, argv as string[], flags))
    else await this.analyze(workspace, found, argv as string[], flags)
  }

  private async analyze(workspace: Workspace, found: Workspace | undefined, argv: string[], flags: Interfaces.InferredFlags<typeof Analyze.flags>): Promise<void> {
    const areas = areasToAnalyze(workspace, argv)
    const outside = workspace.config.areas.length > 0 ? areas.filter((area) => !workspace.config.areas.includes(area.slug)) : []
    if (outside.length > 0)
      process.stderr.write(`注意: ${outside.map((a) => a.name).join('・')} は fitgap.yaml の areas にない業務です。\n`)
    if (argv.length === 0) {
      const left = importedAreas(workspace).filter((area) => !areas.some((a) => a.slug === area.slug))
      if (left.length > 0)
        process.stderr.write(
          `注意: 現行定義を取り込んだ ${left.map((a) => a.name).join('・')} は fitgap.yaml の areas にないため分析しません。分析するには areas に加えるか、業務を指定してください。\n`,
        )
    }
    const progress = createProgress({enabled: !flags.json})
    progress.step('仕様と現行システムの定義を読み込んでいます', areas.length)
    let run: AnalysisRun
    try {
      run = runAnalysis(workspace, areas, {
        suggest: flags.suggest,
        onRead: (area, index) => progress.update(index, area.name),
        onArea: (area, index) => {
          if (index === 0) progress.step('業務を分析しています', areas.length)
          progress.update(index, area.name)
        },
      })
    } finally {
      progress.done()
    }
    for (const {analysis} of run.areas)
      if (analysis.functions.length === 0)
        process.stderr.write(
          `注意: ${analysis.area.name} の版「${analysis.edition}」には機能要件がありません。機能・帳票要件のブックを \`fitgap specs import … --add\` で加えてください。\n`,
        )
    // The demo (no workspace) keeps no history: it must never write into the installed package.
    const previous = found ? loadPreviousAnalysis(workspace) : undefined
    const report = buildReport(workspace, run, {name: this.config.name, version: this.config.version}, flags.json ? undefined : new Date().toISOString(), previous)
    const out = flags.out
      ? path.resolve(flags.out)
      : flags.json
        ? undefined
        : !found
          ? path.resolve('fitgap-demo-report.xlsx')
          : // A workbook for some 業務 only gets its own name, so it never replaces the one for all of them.
            path.join(workspace.reportsDir, argv.length > 0 ? `fitgap-report-${areas.map((a) => a.slug).join('-')}.xlsx` : 'fitgap-report.xlsx')
    if (out) {
      if (!out.toLowerCase().endsWith('.xlsx') || (existsSync(out) && statSync(out).isDirectory()))
        throw new InputError(`--out には Excel ブックのファイル名 (.xlsx) を指定してください (${flags.out})。`)
      // Reuse this analysis only when it covers every 業務 the workbook may hold entries for.
      const complete = defaultAreas(workspace).every((area) => areas.some((a) => a.slug === area.slug))
      assertRegularFile(out)
      await replaceWorkbook(workspace, out, complete ? run : undefined, {force: flags.force, record: found !== undefined}, async (beforeReplace) => {
        progress.step('Excel ブックを書いています')
        try {
          // exceljs is loaded only when a workbook is written.
          const {writeWorkbook} = await import('../report/workbook.js')
          return await writeWorkbook(report, out, beforeReplace)
        } finally {
          progress.done()
        }
      })
      if (found && report.generatedAt) saveAnalysis(workspace, snapshotOf(summarize(report.areas), report.generatedAt), previous)
    }
    if (flags.json) this.printJson(analysisJson(report))
    else process.stdout.write(renderAnalysisSummary(run.areas, out ? displayPath(out) : undefined))
  }
}

/** The 業務 a plain `analyze` would cover; none when the workspace has nothing imported yet (a named 業務 is 未着手). */
function defaultAreas(workspace: Workspace) {
  try {
    return areasToAnalyze(workspace, [])
  } catch (error) {
    if (error instanceof InputError) return []
    throw error
  }
}

