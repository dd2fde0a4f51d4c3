import path from 'node:path'

import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {createProgress} from '../../cli/progress.js'
import {InputError} from '../../errors.js'
import {type Decision, ISSUE_STATE_LABELS, type IssueState, type Policy, POLICY_LABELS, type Verdict, VERDICT_LABELS} from '../../model/decision.js'
import {displayPath} from '../../paths.js'
import {EDITABLE_HEADERS} from '../../report/sheets.js'
import {type ReportImportResult, importReport} from '../../report/import-report.js'
import {withWorkspaceLock} from '../../workspace/lock.js'
import {requireWorkspace} from '../../workspace/workspace.js'

const describe = (d?: Decision) =>
  d
    ? [
        d.verdict ? VERDICT_LABELS[d.verdict] : '',
        d.policy ? POLICY_LABELS[d.policy] : '',
        d.department ?? '',
        d.note ?? '',
        d.due ? `期限 ${d.due}` : '',
        d.state ? ISSUE_STATE_LABELS[d.state] : '',
      ]
        .filter((x) => x !== '')
        .join(' / ')
    : '(なし)'

const fieldLabel = (field: keyof typeof EDITABLE_HEADERS, value: string) =>
  field === 'verdict'
    ? (VERDICT_LABELS[value as Verdict] ?? value)
    : field === 'policy'
      ? (POLICY_LABELS[value as Policy] ?? value)
      : field === 'state'
        ? (ISSUE_STATE_LABELS[value as IssueState] ?? value)
        : value

function render(result: ReportImportResult, dryRun: boolean): string {
  const {plan} = result
  const lines: string[] = []
  lines.push(`${result.file} (${result.sheets.join('・')}) を${dryRun ? '確認しました (--dry-run: 何も書き込んでいません)' : '読みました'}。`)
  lines.push(`追加 ${plan.added.length} / 変更 ${plan.changed.length} / 変更なし ${plan.unchanged} / 競合 ${plan.conflicts.length} / 不明なキー ${plan.unknown.length} / 要再確認 ${plan.stale.length}`)
  for (const change of plan.added) lines.push(`  + ${change.key} (${change.sheet} ${change.row}行): ${describe(change.after)}`)
  for (const change of plan.changed) lines.push(`  ~ ${change.key} (${change.sheet} ${change.row}行): ${describe(change.before)} → ${describe(change.after)}`)
  if (plan.conflicts.length > 0) {
    lines.push('', '競合 (このファイルと、ブックを書いた後にワークスペースに記録された値が違います):')
    for (const conflict of plan.conflicts)
      for (const field of conflict.fields)
        lines.push(
          `  ! ${conflict.key} (${conflict.sheet} ${conflict.row}行) ${EDITABLE_HEADERS[field.field]}: このファイル「${fieldLabel(field.field, field.mine)}」/ 記録済み「${fieldLabel(field.field, field.theirs)}」`,
        )
    lines.push('  --prefer mine (このファイルを採る) か --prefer theirs (記録済みを採る) を指定するか、ファイルを直してください。何も取り込んでいません。')
  }
  if (plan.keptTheirs.length > 0) {
    lines.push('', '--prefer theirs により記録済みの値を残し、このファイルの値は取り込まなかった項目:')
    for (const kept of plan.keptTheirs)
      for (const field of kept.fields)
        lines.push(`  · ${kept.key} (${kept.sheet} ${kept.row}行) ${EDITABLE_HEADERS[field.field]}: このファイル「${fieldLabel(field.field, field.mine)}」/ 記録済み「${fieldLabel(field.field, field.theirs)}」`)
  }
  if (plan.unknown.length > 0) {
    lines.push('', 'キーが分からない行 (取り込んでいません):')
    for (const row of plan.unknown) lines.push(`  ? ${row.key} (${row.sheet} ${row.row}行)`)
  }
  if (plan.stale.length > 0) {
    lines.push('', 'ブックを書いた後に要件が変わった行 (取り込んでいません。新しいブックで判定し直してください):')
    for (const row of plan.stale) lines.push(`  * ${row.key} (${row.sheet} ${row.row}行)`)
  }
  if (plan.cleared.length > 0) {
    lines.push('', '記録済みの値を空欄にした行があります。空欄では記録は消えません (判定を消すには「未判定」を選んでください):')
    for (const row of plan.cleared) lines.push(`  - ${row.key} (${row.sheet} ${row.row}行): ${row.fields.map((f) => EDITABLE_HEADERS[f]).join('・')}`)
  }
  if (result.misplaced.length > 0) {
    lines.push('', '「自動判定」の列が書き換えられています。記入は「判定」の列にしてください (取り込んでいません):')
    for (const row of result.misplaced) lines.push(`  ? ${row.key} (${row.sheet} ${row.row}行): 「${row.text}」`)
  }
  if (plan.duplicates.length > 0) {
    lines.push('', '同じキーの行が2回以上あります (最初の行だけを読みました):')
    for (const row of plan.duplicates) lines.push(`  = ${row.key} (${row.sheet} ${row.row}行、最初は ${row.firstRow}行)`)
  }
  if (result.invalid.length > 0) {
    lines.push('', '使えない値のため飛ばした行 (--skip-invalid):')
    for (const p of result.invalid) lines.push(`  - ${p.sheet}!${p.cell}: ${p.message}`)
  }
  if (result.applied) lines.push('', `判定をワークスペースに記録しました (記録者: ${result.by ?? '不明'}, ${result.at})。`)
  return `${lines.join('\n')}\n`
}

export default class ReportImport extends BaseCommand {
  static override summary = 'Excel ブックに記入した判定・対応方針・担当課・備考 (課題一覧の期限・状態も) をワークスペースに取り込みます'
  static override description = `fitgap analyze が書いたブックの 機能要件 / 帳票 / データ項目 / 現行独自項目 シートから、判定・対応方針・担当課・備考の列を、
課題一覧シートから担当課・期限・状態の列を読み、ワークスペースの decisions/ に記録します。次の analyze で反映され、版が変わっても引き継がれます。
- 語彙にない値 (判定の誤字など) があると、シート・セルと使える値を示して何も取り込みません (--skip-invalid で残りを取り込み)。
- 空欄は「変更なし」です。記録済みの判定を消すことはありません。同じファイルをもう一度取り込んでも何も変わりません。
- 複数人が別々のコピーに記入した場合は、順に取り込むとまとめられます。同じ行に違う値があれば競合として示し、
  --prefer mine|theirs で選ぶまで取り込みません。
- キーが分からない行、ブックを書いた後に要件が変わった行は、一覧にして取り込みません。別のワークスペースのブックは拒否します。`
  static override examples = [
    '<%= config.bin %> report import reports/fitgap-report.xlsx --dry-run',
    '<%= config.bin %> report import 市民課の記入版.xlsx --by 市民課',
    '<%= config.bin %> report import 2人目の記入版.xlsx --prefer mine',
  ]
  static override args = {file: Args.string({description: '記入済みのブック (.xlsx)', required: true})}
  static override flags = {
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    'dry-run': Flags.boolean({description: '取り込まずに、何が変わるかだけを表示します', default: false}),
    'skip-invalid': Flags.boolean({description: '使えない値の行を飛ばして、残りを取り込みます', default: false}),
    prefer: Flags.string({description: '競合したとき: mine = このファイルの値 / theirs = 記録済みの値', options: ['mine', 'theirs']}),
    by: Flags.string({description: '記録者 (省略時はブックの最終更新者)'}),
    at: Flags.string({
      description: '記録日 YYYY-MM-DD (省略時はブックの更新日)',
      parse: async (value) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InputError(`--at は YYYY-MM-DD の形で指定してください (${value})。`)
        return value
      },
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ReportImport)
    const workspace = requireWorkspace(flags.workspace)
    const file = path.resolve(args.file)
    const progress = createProgress({enabled: !flags.json})
    const run = async () => {
      // Shown at once: reading a workbook starts with loading exceljs (about a second).
      progress.step(`${displayPath(file)} を読み込んでいます`)
      try {
        return await importReport(workspace, file, {
          dryRun: flags['dry-run'],
          skipInvalid: flags['skip-invalid'],
          prefer: flags.prefer as 'mine' | 'theirs' | undefined,
          by: flags.by,
          at: flags.at,
        })
      } finally {
        progress.done()
      }
    }
    // The lock spans read, merge and write: a second import waits and then merges onto this one's result.
    const result = flags['dry-run'] ? await run() : await withWorkspaceLock(workspace.root, 'report import', run)
    if (flags.json)
      this.printJson({
        file: result.file,
        applied: result.applied,
        dryRun: flags['dry-run'],
        by: result.by ?? null,
        at: result.at,
        counts: {
          added: result.plan.added.length,
          changed: result.plan.changed.length,
          unchanged: result.plan.unchanged,
          conflicts: result.plan.conflicts.length,
          unknown: result.plan.unknown.length,
          stale: result.plan.stale.length,
          duplicates: result.plan.duplicates.length,
          invalid: result.invalid.length,
        },
        added: result.plan.added.map((c) => ({key: c.key, sheet: c.sheet, row: c.row, after: c.after})),
        changed: result.plan.changed.map((c) => ({key: c.key, sheet: c.sheet, row: c.row, before: c.before, after: c.after})),
        conflicts: result.plan.conflicts,
        keptTheirs: result.plan.keptTheirs,
        unknown: result.plan.unknown,
        stale: result.plan.stale,
        duplicates: result.plan.duplicates,
        cleared: result.plan.cleared,
        misplaced: result.misplaced,
        invalid: result.invalid,
      })
    else process.stdout.write(render(result, flags['dry-run']))
    if (result.plan.conflicts.length > 0) this.exit(1)
  }
}
