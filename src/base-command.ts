import {Command, Errors, Flags} from '@oclif/core'

import {japaneseParseMessage} from './cli/parse-messages.js'
import {InputError} from './errors.js'

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
    if (error instanceof Errors.CLIError && !(error instanceof Errors.ExitError)) {
      process.stderr.write(`エラー: ${japaneseParseMessage(error.message)}\n`)
      this.exit(2)
    }
    return super.catch(error)
  }
}
