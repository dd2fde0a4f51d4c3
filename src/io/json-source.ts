/**
 * Strict JSON, parsed once, that can tell the line of any value path (for provenance and error messages).
 * Duplicate keys are refused: JSON.parse would silently keep the last one.
 */
import type {IssuePath} from './yaml-source.js'

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message)
  }
}

interface Position {
  readonly line: number
  readonly children?: Map<string, Position> | Position[]
}

export interface JsonSource {
  readonly data: unknown
  /** The line (1-based) where the value at `path` starts; the deepest existing value when the path goes further. */
  lineOf(path: IssuePath): number
}

const MAX_DEPTH = 512
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

export function parseJsonSource(text: string): JsonSource {
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  let depth = 0

  const fail = (message: string, at = index): never => {
    const before = text.slice(0, at)
    const atLine = before.split('\n').length
    throw new JsonSyntaxError(message, atLine, at - before.lastIndexOf('\n'))
  }
  const skipSpace = () => {
    for (; index < text.length; index++) {
      const ch = text[index]
      if (ch === '\n') line++
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') break
    }
  }
  const describe = () => (index >= text.length ? '途中で終わっています' : `予期しない文字「${text[index]}」があります`)
  const readString = (): string => {
    let end = index + 1
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
    if (end >= text.length) fail('文字列が閉じていません')
    let parsed: string | undefined
    try {
      // escapes and control characters are checked by JSON.parse itself, on this string only
      parsed = JSON.parse(text.slice(index, end + 1)) as string
    } catch {
      fail('文字列が正しくありません')
    }
    index = end + 1
    return parsed!
  }

  /** An object or array from its opening bracket: items separated by commas, up to `close`. */
  const container = (close: '}' | ']', item: () => void): void => {
    index++
    skipSpace()
    if (text[index] !== close)
      for (;;) {
        item()
        skipSpace()
        if (text[index] !== ',') break
        index++
      }
    if (text[index] !== close) fail(`「,」か「${close}」がありません: ${describe()}`)
    index++
    depth--
  }

  const value = (): {value: unknown; position: Position} => {
    skipSpace()
    const start = line
    const ch = text[index]
    if ((ch === '{' || ch === '[') && ++depth > MAX_DEPTH) fail('入れ子が深すぎます')
    if (ch === '{') {
      const object: Record<string, unknown> = {}
      const children = new Map<string, Position>()
      container('}', () => {
        skipSpace()
        if (text[index] !== '"') fail(`キーがありません: ${describe()}`)
        const keyAt = index
        const key = readString()
        if (children.has(key)) fail(`キー「${key}」が重複しています`, keyAt)
        skipSpace()
        if (text[index] !== ':') fail(`「:」がありません: ${describe()}`)
        index++
        const item = value()
        Object.defineProperty(object, key, {value: item.value, enumerable: true, writable: true, configurable: true})
        children.set(key, item.position)
      })
      return {value: object, position: {line: start, children}}
    }
    if (ch === '[') {
      const array: unknown[] = []
      const children: Position[] = []
      container(']', () => {
        const item = value()
        array.push(item.value)
        children.push(item.position)
      })
      return {value: array, position: {line: start, children}}
    }
    if (ch === '"') return {value: readString(), position: {line: start}}
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, index)) {
        index += word.length
        return {value: literal, position: {line: start}}
      }
    }
    NUMBER.lastIndex = index
    const number = NUMBER.exec(text)
    if (number) {
      index += number[0].length
      return {value: Number(number[0]), position: {line: start}}
    }
    return fail(`値がありません: ${describe()}`)
  }

  const root = value()
  skipSpace()
  if (index < text.length) fail(`値のあとに余分な文字があります`)
  return {
    data: root.value,
    lineOf(path) {
      let position = root.position
      for (const key of path) {
        const children = position.children
        const next = Array.isArray(children) ? children[Number(key)] : children?.get(String(key))
        if (!next) break
        position = next
      }
      return position.line
    },
  }
}
