import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {createProgress} from '../../cli/progress.js'
import {InputError} from '../../errors.js'
import {resolveArea} from '../../specs/registry.js'
import {KEY_HELP} from '../../ui/review/keys.js'
import {fit} from '../../ui/text.js'
import {REVIEW_FILTERS, type ReviewFilter} from '../../ui/review/state.js'

const keyList = KEY_HELP.map(([keys, what]) => `  ${fit(keys, 12)} ${what}`).join('\n')

export default class MapReview extends BaseCommand {
  static override summary = '対応付けの候補を端末の画面で確認し、確定・却下・対応なしを記録します'
  static override description = `標準データ項目を確信度の低い順に1件ずつ表示し (名称・型・桁・必須・説明)、現行項目の候補を
スコア・信号ごとの内訳・理由とともに示します。キー1つで確定 (confirmed)・却下 (rejected)・対応なし (no-counterpart) を決められます。
判断はそのたびに mappings/<業務>.yaml (map suggest が書くのと同じファイル) へ一時ファイル + rename で保存するので、
途中で終了しても Ctrl-C でも失われません。判断には by (--by か $USER) と at (今日の日付) を付けます。
候補は対応付けファイルの entries と、map suggest と同じ照合エンジンの結果です (map suggest を先に実行しなくても使えます)。

--filter: unmapped = 確定も「対応なし」もない項目 (既定) / low = そのうち第1候補のスコアが 0.6 未満か候補のない項目 / all = すべての項目。

キー操作:
${keyList}

i (または :) で一覧の標準データ項目へ移動できます: ID (全角数字も可)・名称・読み (かな・ローマ字。例: しめい / shimei で 氏名)
で絞り込み、↑↓ で選んで Enter で移動、Esc で戻ります。移動は判断ではなく、ファイルは変わりません。
右上の進捗「確定・対応なし N/M」は、一覧 M 件のうち確定 (confirmed) か対応なし (no-counterpart) にした項目の数です
(候補を却下しただけの項目は未判断のまま数えません)。

--target functions / forms: 標準機能 ↔ 現行機能、標準帳票 ↔ 現行帳票の候補 (名称・要件・概要から、一致度の低い順) を
1件ずつ示します。y / Enter で確定、n で却下、x で対応なし (標準機能に相当する現行機能がない)、→ で次へ、← で前へ、q で終了。
確定した対応だけが分析で判定に使われます (候補のままでは「候補 (要確認)」)。業者の対応表の行は確定済みとして出てきません。

端末 (TTY) が必要です。端末がないとき (CI・パイプ) や --json のときは、代わりの手順を示して終了コード 2 で終わります:
fitgap map suggest で候補を作り、mappings/<業務>.yaml の status を書き換えて fitgap map check で検査してください。
詳しくは docs/map-review.md を参照。`
  static override examples = [
    '<%= config.bin %> map review jumin',
    '<%= config.bin %> map review 住民基本台帳 --filter low',
    '<%= config.bin %> map review jumin --filter all --by "市民課 山田"',
    '<%= config.bin %> map review jumin --workspace ./midori',
    '<%= config.bin %> map review jumin --target functions',
    '<%= config.bin %> map review 住民基本台帳 --target forms --by "市民課 山田"',
  ]
  static override args = {
    area: Args.string({description: '業務 (slug・名称・番号のいずれか)', required: true}),
  }
  static override flags = {
    workspace: Flags.string({char: 'w', description: 'ワークスペースのフォルダ (省略時は現在のフォルダから上へ探します)'}),
    edition: Flags.string({description: '標準仕様の版 (省略時はワークスペースの指定か最新)'}),
    filter: Flags.string({
      description: '確認する項目: unmapped (未判断) / low (低スコア・候補なし) / all (すべて)',
      options: [...REVIEW_FILTERS],
      default: 'unmapped',
    }),
    by: Flags.string({description: '判断した人として記録する名前 (省略時は $USER・OS のユーザー名)'}),
    target: Flags.string({
      description: '確認する対応: items (データ項目, 既定) / functions (標準機能 ↔ 現行機能) / forms (標準帳票 ↔ 現行帳票)',
      options: ['items', 'functions', 'forms'],
      default: 'items',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(MapReview)
    const area = resolveArea(args.area)
    if (flags.json || !process.stdin.isTTY || !process.stdout.isTTY) throw new InputError(notInteractiveMessage(area.slug, flags.json))

    if (flags.target === 'functions' || flags.target === 'forms') {
      const progress = createProgress()
      progress.step('対応付けファイルと現行の機能・帳票を読み込んでいます')
      let session, runPairReview
      try {
        const {loadPairReviewSession} = await import('../../ui/pair-review/load.js')
        session = loadPairReviewSession(args.area, flags.target, {workspace: flags.workspace, edition: flags.edition, by: flags.by, progress})
        progress.step('画面を準備しています')
        runPairReview = (await import('../../ui/pair-review/run.js')).runPairReview
      } finally {
        progress.done()
      }
      const outcome = await runPairReview(session)
      process.stdout.write(`確認を終了しました。この回の判断 ${outcome.state.decisions} 件 / 候補 ${outcome.state.queue.length} 件。\n`)
      if (outcome.saveError) {
        process.stdout.write(`保存できませんでした: ${outcome.saveError}\n`)
        this.exit(1)
      }
      return
    }
    const progress = createProgress()
    progress.step('対応付けファイルと現行項目を読み込んでいます')
    let session, review
    try {
      const {loadReviewSession} = await import('../../ui/review/load.js')
      session = await loadReviewSession(args.area, {
        workspace: flags.workspace,
        edition: flags.edition,
        filter: flags.filter as ReviewFilter,
        by: flags.by,
        progress,
      })
      progress.step('画面を準備しています')
      review = await import('../../ui/review/run.js')
    } finally {
      progress.done()
    }
    const {runReview, summaryLines} = review
    const {createReviewState} = await import('../../ui/review/state.js')
    const outcome = await runReview(createReviewState(session.input), session.context.mappingPath, session.file, session.original, session.context.workspace.root)
    process.stdout.write(`${summaryLines(outcome, session.file).join('\n')}\n`)
    if (outcome.saveError) this.exit(1)
    if (outcome.signal === 'SIGINT') this.exit(130)
  }
}

function notInteractiveMessage(slug: string, json: boolean): string {
  return [
    `map review は端末 (TTY) で操作する画面です。${json ? '--json には対応していません' : '端末から実行されていないため起動しません'}。`,
    '代わりに次のどちらかで進めてください:',
    `  1. 端末 (ターミナル) で実行する: fitgap map review ${slug}`,
    `  2. 画面を使わずに: fitgap map suggest ${slug} で候補を mappings/${slug}.yaml に書き、各候補の status を`,
    '     confirmed (確定) / rejected (却下) / no-counterpart (対応なし) に書き換えて (by・at・note も書けます)、',
    `     fitgap map check ${slug} で検査する。形式は docs/mapping-file.md を参照。`,
  ].join('\n')
}
