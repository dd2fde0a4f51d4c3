import {randomUUID} from 'node:crypto'
import {existsSync, mkdirSync} from 'node:fs'
import path from 'node:path'

import {Args, Flags} from '@oclif/core'
import {stringify} from 'yaml'

import {BaseCommand} from '../base-command.js'
import {InputError} from '../errors.js'
import {writeFileAtomic} from '../io/atomic-write.js'
import {displayPath} from '../paths.js'
import {resolveArea} from '../specs/registry.js'
import {WORKSPACE_FILE, workspaceAt} from '../workspace/workspace.js'

export default class Init extends BaseCommand {
  static override summary = 'Fit&Gap のワークスペースを作成します'
  static override description = `フォルダに ${WORKSPACE_FILE} と current/ (現行システム定義)・mappings/ (対応付け)・decisions/ (判定)・reports/ (帳票出力)・specs/ (取り込んだ公式仕様) を作ります。
既存のワークスペースは上書きしません。`
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init kadoma-fitgap --name 門真市 --area jumin --area 個人住民税',
  ]
  static override args = {dir: Args.string({description: '作成するフォルダ (省略時は現在のフォルダ)', default: '.'})}
  static override flags = {
    name: Flags.string({description: '団体名・プロジェクト名', default: 'Fit&Gap'}),
    area: Flags.string({description: '対象業務 (複数指定可。slug・名称・番号)', multiple: true}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Init)
    const root = path.resolve(args.dir)
    const configFile = path.join(root, WORKSPACE_FILE)
    if (existsSync(configFile)) throw new InputError(`${displayPath(configFile)} は既にあります。上書きしません。`)
    const areas = [...new Set((flags.area ?? []).map((a) => resolveArea(a).slug))]
    const config = {version: 1 as const, name: flags.name, id: randomUUID(), areas, editions: {}}
    const workspace = workspaceAt(root, config)
    for (const dir of [workspace.currentDir, workspace.mappingsDir, workspace.decisionsDir, workspace.reportsDir, workspace.specsDir])
      mkdirSync(dir, {recursive: true})
    writeFileAtomic(configFile, `# fitgap ワークスペース設定\n${stringify(config)}`)
    if (flags.json) this.printJson({root, config})
    else process.stdout.write(`ワークスペースを作成しました: ${displayPath(root)}\n次は \`fitgap current import ファイル --area 業務\` で現行システムの定義を取り込みます。\n`)
  }
}
