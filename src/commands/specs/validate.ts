import path from 'node:path'
import {existsSync, readdirSync, statSync} from 'node:fs'

import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {InputError} from '../../errors.js'
import {displayPath} from '../../paths.js'
import {type CatalogFile, checkCatalogFile, listAllCatalogFiles} from '../../specs/catalog-store.js'
import {countCatalog} from '../../specs/summary.js'

interface FileResult {
  file: string
  valid: boolean
  problems: string[]
  counts?: ReturnType<typeof countCatalog>
}

export default class SpecsValidate extends BaseCommand {
  static override summary = 'カタログファイルを検証します (誤りがあれば終了コード 2)'
  static override description = `同梱のカタログ、または指定したファイル・フォルダの YAML を検証します。
誤りは「ファイル:行 パス: 内容」の形で表示します。フォルダを指定すると、その下の *.yaml (areas.yaml を除く) をすべて検証します。`
  static override examples = [
    '<%= config.bin %> specs validate',
    '<%= config.bin %> specs validate specs/jumin/rep-1.yaml',
    '<%= config.bin %> specs validate my-specs/ --json',
  ]
  static override strict = false
  static override args = {
    paths: Args.string({description: 'カタログファイルまたはフォルダ (省略時は同梱の全カタログ)'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(SpecsValidate)
    const files = argv.length === 0 ? listAllCatalogFiles().map((f: CatalogFile) => f.file) : expand(argv as string[])
    const results: FileResult[] = files.map((file) => {
      const check = checkCatalogFile(file)
      return check.catalog
        ? {file: displayPath(file), valid: true, problems: [], counts: countCatalog(check.catalog)}
        : {file: displayPath(file), valid: false, problems: check.problems}
    })
    const invalid = results.filter((r) => !r.valid)
    if (flags.json) this.printJson({valid: invalid.length === 0, files: results})
    else {
      for (const r of results) {
        if (r.valid && r.counts)
          process.stdout.write(`OK  ${r.file} (機能 ${r.counts.functions} / 帳票 ${r.counts.forms} / データ項目 ${r.counts.dataItems})\n`)
        else process.stderr.write(`NG  ${r.file}\n${r.problems.map((p) => `    ${p}`).join('\n')}\n`)
      }
      process.stdout.write(`${results.length} ファイル中 ${results.length - invalid.length} 件が正常、${invalid.length} 件に誤りがあります。\n`)
    }
    if (invalid.length > 0) this.exit(2)
  }
}

function expand(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p)) throw new InputError(`${p} が見つかりません。`)
    if (!statSync(p).isDirectory()) return [path.resolve(p)]
    return listYamlUnder(path.resolve(p))
  })
}

function listYamlUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .map((name) => path.join(dir, name))
    .filter((f) => f.endsWith('.yaml') && path.basename(f) !== 'areas.yaml')
    .sort()
}
