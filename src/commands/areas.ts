import {BaseCommand} from '../base-command.js'
import {listAreaSummaries} from '../specs/summary.js'
import {renderAreaTable} from '../cli/render.js'

export default class Areas extends BaseCommand {
  static override summary = '標準化対象の20業務と、同梱カタログの版・件数を表示します'
  static override description = `20業務の slug・番号・名称・所管・標準仕様書名と、利用できるカタログの版と件数 (機能・帳票・データ項目) を一覧します。
業務を指定する引数 (AREA) には、ここに出る slug・名称・番号のどれでも使えます。`
  static override examples = ['<%= config.bin %> areas', '<%= config.bin %> areas --json']

  async run(): Promise<void> {
    const {flags} = await this.parse(Areas)
    const summaries = listAreaSummaries()
    if (flags.json) this.printJson(summaries)
    else process.stdout.write(renderAreaTable(summaries))
  }
}
