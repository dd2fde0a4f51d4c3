import type {Hook} from '@oclif/core'
import {distance} from 'fastest-levenshtein'

/** An unknown command: say so in Japanese, suggest the closest ones, exit 2. */
const hook: Hook<'command_not_found'> = async function (options) {
  const words = options.id.split(':')
  const known = options.config.commands.filter((c) => !c.hidden).map((c) => c.id.split(':'))
  // Compare with as many typed words as the command has: `map sugest jumin` is a typo of `map suggest`.
  const close = known
    .map((id) => {
      const typedPart = words.slice(0, id.length).join(' ')
      return {id: id.join(' '), typedPart, d: distance(id.join(' '), typedPart)}
    })
    .sort((a, b) => a.d - b.d)
    .filter((c) => c.d <= Math.max(2, c.typedPart.length / 3))
    .slice(0, 3)
  const typed = close[0]?.typedPart ?? words.join(' ')
  const hint = close.length > 0 ? `近いコマンド: ${close.map((c) => `fitgap ${c.id}`).join(' / ')}` : '`fitgap --help` でコマンドの一覧を表示できます。'
  process.stderr.write(`エラー: コマンド「fitgap ${typed}」はありません。${hint}\n`)
  this.exit(2)
}

export default hook
