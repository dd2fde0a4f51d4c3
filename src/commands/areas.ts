import {Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {listAreaSummaries} from '../specs/summary.js'
import {renderAreaTable} from '../cli/render.js'
import {findWorkspace, specsDirsOf} from '../workspace/workspace.js'

export default class Areas extends BaseCommand {
  static override summary = '標準化対象の20業務と、同梱カタログの版・件数を表示します'
  static override description = `20業務の slug・番号・名称・所管・標準仕様書名と、利用できるカタログの版と件数 (機能・帳票・データ項目) を一覧します。
業務を指定する引数 (AREA) には、ここに出る slug・名称・番号のどれでも使えます。
ワークスペースの中で実行すると、ワークスペースに取り込んだ公式の版 (specs/) も数えます。`
  static override examples = ['<%= config.bin %> areas', '<%= config.bin %> areas --json']

  static override flags = {
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Areas)
    const workspace = findWorkspace(flags.workspace)
    const summaries = listAreaSummaries(specsDirsOf(workspace), workspace?.config.editions)
    if (flags.json) this.printJson(summaries)
    else process.stdout.write(renderAreaTable(summaries))
  }
}
