import type {Hook} from '@oclif/core'
import {distance} from 'fastest-levenshtein'

/** An unknown command: say so in Japanese, suggest the closest ones, exit 2. */
const hook: Hook<'command_not_found'> = async function (options) {
  const typed = options.id.replaceAll(':', ' ')
  const known = options.config.commands.filter((c) => !c.hidden).map((c) => c.id.replaceAll(':', ' '))
  const close = known
    .map((id) => ({id, d: distance(id, typed)}))
    .sort((a, b) => a.d - b.d)
    .filter((c) => c.d <= Math.max(3, typed.length / 2))
    .slice(0, 3)
  const hint = close.length > 0 ? `近いコマンド: ${close.map((c) => `fitgap ${c.id}`).join(' / ')}` : '`fitgap --help` でコマンドの一覧を表示できます。'
  process.stderr.write(`エラー: コマンド「fitgap ${typed}」はありません。${hint}\n`)
  this.exit(2)
}

export default hook
