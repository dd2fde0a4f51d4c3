import {Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {withWorkspaceLock} from '../workspace/lock.js'
import {type MigrationReport, migrateWorkspaceIds} from '../workspace/migrate-ids.js'
import {requireWorkspace} from '../workspace/workspace.js'

export default class Migrate extends BaseCommand {
  static override summary = 'ワークスペースの標準仕様のIDを公式の形 (機能・帳票 7桁 / データ項目 8桁) に移行します'
  static override description = `fitgap 0.1 で作ったワークスペースは、データ項目IDを9桁 (業務3桁 + グループ3桁 + 連番3桁)、公式の業務コードが
不明だった業務の機能ID・帳票IDを仮の接頭辞 (9 + 業務番号) で持っています。同梱カタログは公式の形 (業務コード3桁 + 機能・帳票4桁 /
項目5桁) に変わったので、mappings/ の対応付けと decisions/ の判定のキーを同じ規則で書き換えます。
人が決めた内容 (確定・却下・判定・対応方針・備考) は変えません。元のファイルは .fitgap-backup/ids/ に残します。
何度実行しても同じ結果になり、移行済みのワークスペースでは何もしません。`
  static override examples = ['<%= config.bin %> migrate --dry-run', '<%= config.bin %> migrate', '<%= config.bin %> migrate -w examples/demo --json']
  static override flags = {
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    'dry-run': Flags.boolean({description: '書き換える件数だけを表示し、書き込みません', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Migrate)
    const workspace = requireWorkspace(flags.workspace)
    const migrate = () => migrateWorkspaceIds(workspace, {dryRun: flags['dry-run']})
    const report = flags['dry-run'] ? migrate() : await withWorkspaceLock(workspace.root, 'migrate', migrate)
    if (flags.json) this.printJson(report)
    else process.stdout.write(renderMigration(report, flags['dry-run']))
  }
}

function renderMigration(report: MigrationReport, dryRun: boolean): string {
  if (report.files.length === 0) return '移行するIDはありません (公式の形になっています)。\n'
  const lines = report.files.map((f) => {
    const sample = f.examples.map((e) => `${e.from}→${e.to}`).join(', ')
    const stamps = f.refingerprinted > 0 ? ` (帳票の判定 ${f.refingerprinted} 件は同じ帳票として引き継ぎ)` : ''
    return `  ${f.file}: ${f.changed} 件${stamps}${sample ? `  例: ${sample}` : ''}`
  })
  const head = dryRun ? '確認のみ (--dry-run)。次のIDを書き換えます:' : 'IDを公式の形に書き換えました:'
  const tail = report.backupDir ? [`元のファイル: ${report.backupDir}`] : []
  return `${[head, ...lines, ...tail].join('\n')}\n`
}
