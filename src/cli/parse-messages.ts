/** oclif's own parse errors, said in Japanese. */
const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Nonexistent flags?: (.+)$/m, (m) => `不明なオプションです: ${m[1]}`],
  [/^Missing (\d+) required args?:\n(\S+)/m, (m) => `必要な引数 ${m[2]!.toUpperCase()} がありません`],
  [/^Unexpected arguments?: (.+)$/m, (m) => `余分な引数があります: ${m[1]}`],
  [/^Expected --(\S+)=(.*) to be one of: (.+)$/m, (m) => `--${m[1]} に「${m[2]}」は使えません (使える値: ${m[3]})`],
  [/^Flag --(\S+) expects a value$/m, (m) => `--${m[1]} には値が必要です`],
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
