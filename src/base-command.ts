import path from 'node:path'

import {Command, Errors, Flags} from '@oclif/core'

import {japaneseParseMessage} from './cli/parse-messages.js'
import {InputError} from './errors.js'
import {displayPath} from './paths.js'

/** Shared behaviour: --json, Japanese error output, exit 2 for bad input. */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    json: Flags.boolean({description: '結果を JSON で出力します (スクリプト向け・順序は安定)', default: false}),
  }

  protected printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof InputError) {
      process.stderr.write(`エラー: ${error.message}\n`)
      this.exit(2)
    }
    const fsMessage = fileSystemMessage(error)
    if (fsMessage) {
      process.stderr.write(`エラー: ${fsMessage}\n`)
      this.exit(2)
    }
    if (error instanceof Errors.CLIError && !(error instanceof Errors.ExitError)) {
      process.stderr.write(`エラー: ${japaneseParseMessage(error.message)}\n`)
      this.exit(2)
    }
    return super.catch(error)
  }
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'ファイルまたはフォルダがありません',
  EISDIR: 'フォルダです (ファイル名を指定してください)',
  ENOTDIR: 'フォルダではないものがパスの途中にあります',
  EACCES: '権限がありません',
  EPERM: '操作が許可されていません',
  EBUSY: 'ほかのプログラム (Excel など) が使用中です。閉じてからやり直してください',
  ENOSPC: 'ディスクの空きが足りません',
  EROFS: '読み取り専用の場所です',
}

/** The user's file behind one of our temp files (`.fitgap-tmp-<name>.<pid>.<random>`, see io/atomic-write.ts). */
function userFileOf(file: string): string {
  const match = /^\.fitgap-tmp-(.+)\.\d+\.[0-9a-f]{8}$/.exec(path.basename(file))
  return match ? path.join(path.dirname(file), match[1]!) : file
}

/** A file-system failure (a workbook open in Excel, a folder given as --out …) as a Japanese message naming the path. */
export function fileSystemMessage(error: Error & {code?: unknown; path?: unknown; dest?: unknown}): string | undefined {
  const reason = typeof error.code === 'string' ? FS_REASONS[error.code] : undefined
  if (!reason) return undefined
  const raw = typeof error.dest === 'string' ? error.dest : typeof error.path === 'string' ? error.path : undefined
  const target = raw === undefined ? undefined : userFileOf(raw)
  return `${target ? `${displayPath(target)}: ` : ''}${reason} (${error.code})。`
}
