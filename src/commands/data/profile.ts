import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {createProgress} from '../../cli/progress.js'
import {renderProfile} from '../../data/render.js'
import {runProfile} from '../../data/run-profile.js'
import {resolveArea} from '../../specs/registry.js'
import {requireWorkspace} from '../../workspace/workspace.js'

export default class DataProfileCommand extends BaseCommand {
  static override summary = '現行システムから出力したデータ (CSV) を、対応付けた標準データ項目に照らして検査します'
  static override description = `データファイル (CSV/TSV、UTF-8・CP932 を自動判別) を1行ずつ読み、対応付けた列ごとに、行数・空の値・最大の文字数とバイト数 (標準の桁数との比較)・標準のコード一覧にない値・日付として読めない値 (和暦を含む)・JIS X 0208/0213 外の文字と外字 (私用領域)・半角カナを数えます。
1行目は見出し (現行の項目名: 物理名か論理名) です。ファイルの大きさによらずメモリは一定です。
結果はワークスペースの data-checks/<業務>.json に保存し、fitgap analyze のブック (データ検査シート) と --json に載ります。保存するのは件数と伏せ字の例 (対象の文字以外を ○ に、日付は数字を 9 に置き換えたもの) だけで、値そのものは保存しません。`
  static override examples = [
    '<%= config.bin %> data profile jumin 住民基本_20261001.csv',
    '<%= config.bin %> data profile 住民基本台帳 jumin_kihon.csv setai.csv --encoding cp932',
    '<%= config.bin %> data profile jumin export.csv --table JUMIN_KIHON --json',
  ]
  static override strict = false
  static override args = {
    area: Args.string({description: '業務 (slug・名称・番号のいずれか)', required: true}),
    file: Args.string({description: '検査するデータファイル (複数可): .csv .tsv .txt', required: true}),
  }
  static override flags = {
    encoding: Flags.string({description: '文字コード (auto は自動判別)', options: ['auto', 'utf-8', 'cp932'], default: 'auto'}),
    table: Flags.string({description: 'ファイルが持つ現行テーブル (省略時は見出しから判別)'}),
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
  }

  async run(): Promise<void> {
    const {args, argv, flags} = await this.parse(DataProfileCommand)
    const area = resolveArea(args.area)
    const workspace = requireWorkspace(flags.workspace)
    const progress = createProgress({enabled: !flags.json})
    let result
    try {
      result = await runProfile({
        workspace,
        area,
        files: (argv as string[]).slice(1),
        encoding: flags.encoding as 'auto' | 'utf-8' | 'cp932',
        table: flags.table,
        progress,
      })
    } finally {
      progress.done()
    }
    if (flags.json) this.printJson(result)
    else process.stdout.write(renderProfile(area, result))
  }
}
