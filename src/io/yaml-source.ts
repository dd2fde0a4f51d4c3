import {readFileSync} from 'node:fs'

import jsyaml from 'js-yaml'
import {isMap, isSeq, LineCounter, parseDocument, type Node} from 'yaml'
import * as z from 'zod'
import ja from 'zod/v4/locales/ja.js'

import {InputError} from '../errors.js'
import {displayPath} from '../paths.js'

z.config(ja())

export type IssuePath = readonly PropertyKey[]

/** A parsed YAML document that can tell the line of any value path, for error messages. */
export interface YamlSource {
  readonly displayPath: string
  readonly data: unknown
  lineOf(path: IssuePath): number
}

export function parseYamlSource(text: string, displayPath: string): YamlSource {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line
      return `${displayPath}:${line} YAMLの書き方に誤りがあります: ${error.message.split('\n')[0]}`
    })
    throw new InputError(`${displayPath} を読めません。`, problems)
  }
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: 100})
  } catch (error) {
    // Alias expansion past the bound (a "billion laughs" file) is refused, not attempted.
    throw new InputError(`${displayPath} を読めません。`, [`${displayPath}: エイリアス (*) の展開が多すぎます: ${(error as Error).message.split('\n')[0]}`])
  }
  return {
    displayPath,
    data,
    lineOf(path) {
      let node: unknown = doc.contents
      let line = node && (node as Node).range ? lineCounter.linePos((node as Node).range![0]).line : 1
      for (const key of path) {
        if (!(isMap(node) || isSeq(node))) break
        const next = node.get(typeof key === 'number' && isMap(node) ? String(key) : (key as string | number), true)
        if (next === undefined) break
        node = next
        const range = (next as Node).range
        if (range) line = lineCounter.linePos(range[0]).line
      }
      return line
    },
  }
}

export function formatIssuePath(path: IssuePath): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(全体)' : out
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.includes('undefined')) return '必要な項目がありません'
  if (issue.code === 'unrecognized_keys') return `使えないキーがあります: ${issue.keys.join(', ')}`
  return issue.message
}

/** Validates YAML data with a zod schema; problems name file, line and value path. */
export function validateYaml<T extends z.ZodType>(
  source: YamlSource,
  schema: T,
): {value: z.output<T>; problems: []} | {value: undefined; problems: string[]} {
  const result = schema.safeParse(source.data)
  if (result.success) return {value: result.data, problems: []}
  const problems = result.error.issues.map(
    (issue) => `${source.displayPath}:${source.lineOf(issue.path)} ${formatIssuePath(issue.path)}: ${issueMessage(issue)}`,
  )
  return {value: undefined, problems}
}

/** Anchors and aliases (&a, *a) go the careful way: the `yaml` parser bounds alias expansion. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s]/m

/**
 * Parses and validates YAML text. Valid files take a fast path (js-yaml, core schema: no timestamps or custom
 * types); anything else — a syntax error, a schema error, anchors — is parsed again with `yaml`, whose node
 * positions give every problem its line.
 */
export function parseAndValidateYaml<T extends z.ZodType>(
  text: string,
  displayPath: string,
  schema: T,
): {value: z.output<T>; problems: []} | {value: undefined; problems: string[]} {
  if (!ANCHOR_OR_ALIAS.test(text)) {
    try {
      const result = schema.safeParse(jsyaml.load(text, {schema: jsyaml.CORE_SCHEMA}))
      if (result.success) return {value: result.data, problems: []}
    } catch {
      // Fall through to the parser that can say where the problem is.
    }
  }
  return validateYaml(parseYamlSource(text, displayPath), schema)
}

/** Parses and validates YAML text that is a settings file (`what`: 取込プロファイル …); throws an InputError listing the problems. */
export function parseSettingsYaml<T extends z.ZodType>(text: string, shownPath: string, schema: T, what: string): z.output<T> {
  const source = parseYamlSource(text, shownPath)
  const result = validateYaml(source, schema)
  if (!result.value) throw new InputError(`${what} ${source.displayPath} に誤りがあります。`, result.problems)
  return result.value
}

/** Reads a YAML settings file and validates it ({@link parseSettingsYaml}); a file that cannot be read is an InputError too. */
export function loadSettingsYaml<T extends z.ZodType>(file: string, schema: T, what: string): z.output<T> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new InputError(`${what} ${displayPath(file)} を読めません${missing ? ' (ファイルがありません)' : ''}。`)
  }
  return parseSettingsYaml(text, displayPath(file), schema, what)
}
