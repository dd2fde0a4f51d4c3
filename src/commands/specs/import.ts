import path from 'node:path'

import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {InputError} from '../../errors.js'
import {createProgress} from '../../cli/progress.js'
import {renderTable} from '../../cli/render.js'
import {KIND_LABELS} from '../../model/vocabulary.js'
import {displayPath} from '../../paths.js'
import {loadProfile} from '../../specs/import/profile.js'
import {type ImportReport, runImport} from '../../specs/import/run-import.js'
import {FIELD_LABELS, SHEET_KIND_LABELS} from '../../specs/import/types.js'
import {resolveArea} from '../../specs/registry.js'
import {DEFAULT_MAX_XLSX_MB, setMaxXlsxMegabytes} from '../../io/xlsx-limits.js'
import {withWorkspaceLock} from '../../workspace/lock.js'
import {requireWorkspace} from '../../workspace/workspace.js'

export default class SpecsImport extends BaseCommand {
  static override summary = '公式様式の Excel (機能・帳票要件 / 帳票詳細要件 / 基本データリスト) をカタログに取り込みます'
  static override description = `機能要件・機能・帳票要件・帳票要件・帳票詳細要件・基本データリストのシートを読み、カタログ YAML を
ワークスペースの specs/<業務>/<版>.yaml (--out を付けたときは <DIR>/<業務>/<版>.yaml) に書き込みます。
見出し行はタイトル行の下から自動で探し、2段の見出し・結合セル・改行入りの見出しも読みます。見出し名は同梱の別名辞書
(mappings/spec-header-aliases.yaml) で照合し、--profile の YAML でシートの種別・見出し行・列を明示できます。
実装区分は新旧どちらの語 (実装必須機能 / 【実装すべき機能】 …) でも読みます。分類の見出し行 (1.1 住民データ) は大/中/小分類にします。
デジタル庁の基本データリストは、そのまま (グループ別のシート・2セルに分かれたデータ項目ID・コード一覧) 読みます。7桁でない機能ID・帳票IDは警告のうえ取り込みます。
見出しが見つからない・実装区分が読めない・IDが重複するときは、シート名と行を示して終了コード 2 で止まり、何も書きません。
読み飛ばした行はすべて理由とともに表示します。詳しくは docs/spec-import.md を見てください。`
  static override examples = [
    '<%= config.bin %> specs import 001_住民記録_機能・帳票要件【第4.0版】.xlsx --area jumin --edition 4.0',
    '<%= config.bin %> specs import kino.xlsx --area 住民基本台帳 --edition 4.0 --profile my-profile.yaml --dry-run',
    '<%= config.bin %> specs import kino.xlsx --area 1 --edition 4.0 --out specs --json',
    '<%= config.bin %> specs import 001_住民基本台帳_基本データリスト【第2.1版】.xlsx --area jumin --edition 4.0 --add --attribution "出典：デジタル庁『基本データリスト』を加工して作成"',
  ]
  static override args = {
    file: Args.string({description: '取り込む Excel ブック (.xlsx)', required: true}),
  }
  static override flags = {
    area: Flags.string({description: '業務 (slug・名称・番号)', required: true}),
    edition: Flags.string({description: '版の名前 (ファイル名になります。例: 4.0)', required: true}),
    profile: Flags.string({description: 'シートの種別・見出し行・列名を明示する YAML (docs/spec-import.md)'}),
    out: Flags.string({description: '書き込む specs フォルダ (省略時はワークスペースの specs/)'}),
    workspace: Flags.string({description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    title: Flags.string({description: 'カタログの表題 (省略時は「仕様書名 版」)'}),
    'published-at': Flags.string({description: '仕様書の公表日 (YYYY-MM-DD)'}),
    force: Flags.boolean({description: '同じ版のカタログがあれば上書きします', default: false, exclusive: ['add']}),
    add: Flags.boolean({description: '同じ版に、別のブック (基本データリスト・帳票要件など) の内容を加えます', default: false}),
    'max-xlsx-mb': Flags.integer({description: `.xlsx を展開した大きさの上限 (MB、既定 ${DEFAULT_MAX_XLSX_MB})。ZIP 爆弾でメモリを使い果たさないための上限です`, min: 1, max: 4096}),
    'dry-run': Flags.boolean({description: '読み取り結果だけを表示し、書き込みません', default: false}),
    attribution: Flags.string({
      description: '出典の表示 (公共データ利用規約などが求める一文。specs show と Fit&Gap ブックに出ます。省略時は「出典：『表題』(ファイル名) を加工して作成」)',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(SpecsImport)
    setMaxXlsxMegabytes(flags['max-xlsx-mb'] ?? DEFAULT_MAX_XLSX_MB)
    const area = resolveArea(flags.area)
    const workspace = flags.out === undefined ? requireWorkspace(flags.workspace) : undefined
    const specsDir = workspace ? workspace.specsDir : path.resolve(flags.out!)
    if (flags['published-at'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags['published-at']))
      throw new InputError('--published-at は YYYY-MM-DD で指定してください。')
    const progress = createProgress({enabled: !flags.json})
    const importing = () => runImport({
      progress,
      file: path.resolve(args.file),
      area,
      edition: flags.edition,
      specsDir,
      ...(flags.title !== undefined ? {title: flags.title} : {}),
      ...(flags['published-at'] !== undefined ? {publishedAt: flags['published-at']} : {}),
      ...(flags.profile !== undefined ? {profile: loadProfile(path.resolve(flags.profile))} : {}),
      overwrite: flags.force,
      add: flags.add,
      dryRun: flags['dry-run'],
      ...(flags.attribution !== undefined ? {attribution: flags.attribution} : {}),
    }).finally(() => progress.done())
    const report = workspace && !flags['dry-run'] ? await withWorkspaceLock(workspace.root, 'specs import', importing) : await importing()
    if (flags.json) this.printJson({...report, target: displayPath(report.target)})
    else process.stdout.write(renderImportReport(report))
  }
}

export function renderImportReport(report: ImportReport): string {
  const lines: string[] = []
  lines.push(
    report.written
      ? `取り込みました: ${displayPath(report.target)}`
      : `確認のみ (--dry-run): ${displayPath(report.target)} には書き込んでいません`,
  )
  lines.push(`出典: ${report.source} (sha256 ${report.sha256.slice(0, 16)}…)`, '')
  lines.push('シート:')
  lines.push(
    renderTable(
      ['シート', '種別', '見出し', '件数', '列'],
      report.sheets.map((sheet) => [
        sheet.sheet,
        sheet.kind ? SHEET_KIND_LABELS[sheet.kind] : '対象外',
        sheet.headerRows ? `${sheet.headerRows.join('・')}行目` : '-',
        sheet.entries !== undefined ? String(sheet.entries) : '-',
        sheet.ignored ??
          Object.entries(sheet.columns ?? {})
            .map(([field, cols]) => `${FIELD_LABELS[field] ?? field}=${cols.map((c) => c.column).join('+')}`)
            .join(' '),
      ]),
    ).trimEnd(),
  )
  const c = report.counts
  lines.push(
    '',
    `件数: 機能 ${c.functions} (${(['mandatory', 'optional', 'prohibited'] as const).map((k) => `${KIND_LABELS[k]} ${c.functionsByKind[k]}`).join(' / ')})`,
    `      帳票 ${c.forms} (印字項目 ${c.formFields})  データ項目 ${c.dataItems}  コード一覧 ${c.codeLists}`,
  )
  if (report.warnings.length > 0) {
    lines.push('', `警告 (${report.warnings.length} 件):`)
    for (const w of report.warnings) lines.push(`  ${w.sheet}${w.row !== undefined ? ` ${w.row}行目` : ''}: ${w.message}`)
  }
  if (report.skipped.length > 0) {
    lines.push('', `読み飛ばした行 (${report.skipped.length} 行):`)
    for (const s of report.skipped) lines.push(`  ${s.sheet} ${s.row}行目: ${s.reason}${s.preview !== '' ? ` — ${s.preview}` : ''}`)
  }
  if (report.written) lines.push('', `確認: fitgap specs validate ${displayPath(report.target)}`)
  return `${lines.join('\n')}\n`
}
