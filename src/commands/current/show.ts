import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {renderCurrentSystem} from '../../current/render.js'
import {loadCurrentSystem} from '../../current/store.js'
import {resolveArea} from '../../specs/registry.js'
import {requireWorkspace} from '../../workspace/workspace.js'

export default class CurrentShow extends BaseCommand {
  static override summary = '取り込んだ現行システムの定義を表示します (--json で全件)'
  static override description = `取込元ファイル (形式・文字コード・件数・SHA-256)、テーブルごとの項目数、帳票数、機能数を表示します。
--json では area・sources と、配列 fields (項目定義)・forms (帳票と印字項目)・functions (機能) の全件を出力します。各レコードの source は出典 (file・sheet・row) です。`
  static override examples = ['<%= config.bin %> current show jumin', '<%= config.bin %> current show 住民基本台帳 --json']
  static override args = {
    area: Args.string({description: '業務 (slug・名称・番号のいずれか)', required: true}),
  }
  static override flags = {
    workspace: Flags.string({description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(CurrentShow)
    const area = resolveArea(args.area)
    const workspace = requireWorkspace(flags.workspace)
    const system = loadCurrentSystem(workspace, area.slug)
    if (flags.json) this.printJson(system ?? {area: area.slug, sources: [], fields: [], forms: [], functions: []})
    else process.stdout.write(renderCurrentSystem(area, system))
  }
}
