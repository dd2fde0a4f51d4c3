import {Args, Command, Flags, loadHelpClass} from '@oclif/core'

/** `fitgap help [COMMAND]`, described in Japanese like every other command. */
export default class HelpCommand extends Command {
  static override summary = 'コマンドの使い方を表示します'
  static override examples = ['<%= config.bin %> help', '<%= config.bin %> help analyze', '<%= config.bin %> help report import']
  static override args = {command: Args.string({description: '使い方を見るコマンド', required: false})}
  static override flags = {
    'nested-commands': Flags.boolean({char: 'n', description: 'トピックの下のコマンドもすべて表示します'}),
  }
  static override strict = false

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(HelpCommand)
    const Help = await loadHelpClass(this.config)
    await new Help(this.config, {all: flags['nested-commands']}).showHelp(argv as string[])
  }
}
