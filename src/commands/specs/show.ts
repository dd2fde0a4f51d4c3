import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {renderCatalogSummary} from '../../cli/render.js'
import {loadCatalog} from '../../specs/catalog-store.js'
import {resolveArea} from '../../specs/registry.js'
import {countCatalog, summarizeArea} from '../../specs/summary.js'
import {findWorkspace, specsDirsOf} from '../../workspace/workspace.js'

export default class SpecsShow extends BaseCommand {
  static override summary = '業務の標準仕様カタログの概要を表示します (--json で全件)'
  static override description = `実装区分ごとの機能数・帳票数・データ項目数と機能の分類を表示します。
--json では機能 (functions)・帳票 (forms)・データ項目 (dataItems) の全件を出力します。実装区分は kind: "mandatory" | "optional" | "prohibited" です。`
  static override examples = [
    '<%= config.bin %> specs show jumin',
    '<%= config.bin %> specs show 住民基本台帳',
    '<%= config.bin %> specs show 1 --edition rep-1 --json',
  ]
  static override args = {
    area: Args.string({description: '業務 (slug・名称・番号のいずれか。例: jumin / 住民基本台帳 / 1)', required: true}),
  }
  static override flags = {
    edition: Flags.string({description: '版 (省略時はワークスペースで指定した版、なければ最新の版)'}),
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します。取り込んだ公式の版も使います)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(SpecsShow)
    const area = resolveArea(args.area)
    const workspace = findWorkspace(flags.workspace)
    const dirs = specsDirsOf(workspace)
    const catalog = loadCatalog(area, flags.edition ?? workspace?.config.editions[area.slug], dirs)
    if (flags.json) this.printJson(catalog)
    else process.stdout.write(renderCatalogSummary(summarizeArea(area, dirs), catalog, countCatalog(catalog)))
  }
}
