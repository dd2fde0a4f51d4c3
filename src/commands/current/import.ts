import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {createProgress} from '../../cli/progress.js'
import {importCurrent} from '../../current/import.js'
import {IMPORT_KINDS} from '../../current/headers.js'
import {renderImportReport, renderImportWarnings} from '../../current/render.js'
import {resolveArea} from '../../specs/registry.js'
import {DEFAULT_MAX_XLSX_MB, setMaxXlsxMegabytes} from '../../io/xlsx-limits.js'
import {withWorkspaceLock} from '../../workspace/lock.js'
import {requireWorkspace} from '../../workspace/workspace.js'

export default class CurrentImportCommand extends BaseCommand {
  static override summary = '現行システムの定義 (項目定義・帳票・機能一覧) を取り込みます'
  static override description = `業者が出力したファイルをそのまま読みます: CSV/TSV (UTF-8・BOM付き UTF-8・CP932 を自動判別)、XLSX (複数シート、表題の下の見出し行を自動検出、結合セル・数式の値)、XML (docs/current-import.md の形式)、JSON (fitgap の形式)。
見出しは mappings/header-aliases.yaml の別名 (項目名・論理名・物理名・データ型・桁数・必須 …) で判別します。業者独自の形式は --profile で指定できます。
取り込んだ定義はワークスペースの current/<業務>/ に、行ごとの出典 (ファイル・シート・行・ファイルの SHA-256) とともに保存します。
同じファイルを取り込み直すとそのファイルの分を置き換え、別のファイルは追加します。誤りがあれば終了コード 2 で、何も書き込みません。`
  static override examples = [
    '<%= config.bin %> current import 項目定義書.xlsx --area jumin',
    '<%= config.bin %> current import fields.csv forms.csv functions.tsv --area 住民基本台帳',
    '<%= config.bin %> current import export.csv --area 1 --encoding cp932 --kind fields',
    '<%= config.bin %> current import vendor.xlsx --area jumin --profile vendor-profile.yaml --json',
  ]
  static override strict = false
  static override args = {
    file: Args.string({description: '取り込むファイル (複数可): .csv .tsv .txt .xlsx .xml .json', required: true}),
  }
  static override flags = {
    area: Flags.string({description: '業務 (slug・名称・番号のいずれか。例: jumin / 住民基本台帳 / 1)', required: true}),
    kind: Flags.string({description: '定義の種別 (省略時は見出しから判別): fields=項目定義 / forms=帳票 / functions=機能一覧', options: [...IMPORT_KINDS]}),
    encoding: Flags.string({description: 'CSV/TSV/XML の文字コード (auto は自動判別)', options: ['auto', 'utf-8', 'cp932'], default: 'auto'}),
    profile: Flags.string({description: '取込プロファイル (YAML): 見出しの別名・見出し行・シートなど (docs/current-import.md)'}),
    workspace: Flags.string({description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    'max-xlsx-mb': Flags.integer({description: `.xlsx を展開した大きさの上限 (MB、既定 ${DEFAULT_MAX_XLSX_MB})。ZIP 爆弾でメモリを使い果たさないための上限です`, min: 1, max: 4096}),
    replace: Flags.boolean({description: 'この業務に取り込み済みの定義をすべて捨ててから取り込みます (既定では、同じファイルの分だけを置き換え、ほかは残します)', default: false}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(CurrentImportCommand)
    setMaxXlsxMegabytes(flags['max-xlsx-mb'] ?? DEFAULT_MAX_XLSX_MB)
    const area = resolveArea(flags.area)
    const workspace = requireWorkspace(flags.workspace)
    const report = await withWorkspaceLock(workspace.root, 'current import', () => importCurrent({
      files: argv as string[],
      area: area.slug,
      kind: flags.kind as (typeof IMPORT_KINDS)[number] | undefined,
      encoding: flags.encoding as 'auto' | 'utf-8' | 'cp932',
      profile: flags.profile,
      workspace,
      replace: flags.replace,
      progress: createProgress({enabled: !flags.json}),
    }))
    if (flags.json) this.printJson(report)
    else {
      process.stdout.write(renderImportReport(area, report))
      process.stderr.write(renderImportWarnings(report))
    }
  }
}
