/** Why a flag has the limit it has (said with the limit when a value is out of range). */
const LIMIT_REASONS: Readonly<Record<string, string>> = {
  top: '候補は点数の高い順に並ぶため、下位の候補はほとんど当たらず、対応付けファイルを読みにくくします。全候補の点数は --json --by-field で確認できます',
}
const limitReason = (flag: string) => (LIMIT_REASONS[flag] ? ` ${LIMIT_REASONS[flag]}` : '')

/** oclif's own parse errors, said in Japanese. */
const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Nonexistent flags?: (.+)$/m, (m) => `不明なオプションです: ${m[1]}`],
  [/^Missing (\d+) required args?:\n(\S+)/m, (m) => `必要な引数 ${m[2]!.toUpperCase()} がありません`],
  [/^Unexpected arguments?: (.+)$/m, (m) => `余分な引数があります: ${m[1]}`],
  [/^Expected --(\S+)=(.*) to be one of: (.+)$/m, (m) => `--${m[1]} に「${m[2]}」は使えません (使える値: ${m[3]})`],
  [/^Flag --(\S+) expects a value$/m, (m) => `--${m[1]} には値が必要です`],
  [/^Parsing --(\S+)\s+Expected an integer less than or equal to (-?\d+) but received: (.+)$/m, (m) => `--${m[1]} は ${m[2]} 以下の整数です (受け取った値: ${m[3]})。${limitReason(m[1]!)}`],
  [/^Parsing --(\S+)\s+Expected an integer greater than or equal to (-?\d+) but received: (.+)$/m, (m) => `--${m[1]} は ${m[2]} 以上の整数です (受け取った値: ${m[3]})`],
  [/^Parsing --(\S+)\s+Expected an integer but received: (.+)$/m, (m) => `--${m[1]} には整数を指定してください (受け取った値: ${m[2]})`],
  [/Missing required flags?:?\s+(?:--)?(\S+)/, (m) => `必須のオプション --${m[1]} がありません`],
]

export function japaneseParseMessage(message: string): string {
  for (const [pattern, say] of RULES) {
    const match = message.match(pattern)
    if (match) return `${say(match)}。\`--help\` で使い方を表示できます。`
  }
  return message
}
