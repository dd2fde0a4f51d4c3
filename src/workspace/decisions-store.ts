import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {stringify} from 'yaml'
import * as z from 'zod'

import {InputError} from '../errors.js'
import {readTextIfExists, tempPathFor, writeFileAtomic} from '../io/atomic-write.js'
import {parseYamlSource, validateYaml} from '../io/yaml-source.js'
import {type Decision, decisionSchema} from '../model/decision.js'
import {displayPath} from '../paths.js'
import type {Workspace} from './workspace.js'

const decisionsFileSchema = z.strictObject({
  area: z.string(),
  decisions: z.array(decisionSchema),
  /** Decisions on requirements that a later edition removed: kept, never deleted. */
  archived: z.array(decisionSchema).default([]),
})

export type DecisionsFile = z.output<typeof decisionsFileSchema>

export const decisionsPath = (workspace: Workspace, area: string) => path.join(workspace.decisionsDir, `${area}.yaml`)

export function loadDecisions(workspace: Workspace, area: string): DecisionsFile {
  return readDecisions(workspace, area).file
}

/**
 * A 業務's decisions and the text they were read from (undefined: no file yet), which saveDecisionsTogether
 * checks the file still holds before replacing it.
 */
export function readDecisions(workspace: Workspace, area: string): {file: DecisionsFile; text: string | undefined} {
  const file = decisionsPath(workspace, area)
  const text = readTextIfExists(file)
  if (text === undefined) return {file: {area, decisions: [], archived: []}, text}
  return {file: parseDecisions(text, displayPath(file)), text}
}

function parseDecisions(text: string, shownPath: string): DecisionsFile {
  const source = parseYamlSource(text, shownPath)
  const result = validateYaml(source, decisionsFileSchema)
  if (!result.value) throw new InputError(`判定ファイル ${source.displayPath} に誤りがあります。`, result.problems)
  // A key twice (both sides kept by a git merge) would silently lose one of them on the next write.
  const firstLine = new Map<string, number>()
  const repeated: string[] = []
  result.value.decisions.forEach((decision, i) => {
    const line = source.lineOf(['decisions', i, 'key'])
    const first = firstLine.get(decision.key)
    if (first === undefined) firstLine.set(decision.key, line)
    else repeated.push(`${source.displayPath}:${line} キー ${decision.key} は ${first} 行目にもあります`)
  })
  if (repeated.length > 0)
    throw new InputError(
      `判定ファイル ${source.displayPath} に同じキーの判定が2つ以上あります。どちらを残すか決めて、1つにしてください (git のマージで両方が残ったときなど)。`,
      repeated.slice(0, 20),
    )
  return result.value
}

const byKey = (a: Decision, b: Decision) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

const ORDER = ['key', 'verdict', 'policy', 'department', 'note', 'due', 'state', 'by', 'at', 'edition', 'fingerprint'] as const

/** Sorted by key with a fixed field order, so the file diffs cleanly in git. */
export function stringifyDecisions(file: DecisionsFile): string {
  const tidy = (d: Decision) => Object.fromEntries(ORDER.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]))
  const body = {
    area: file.area,
    decisions: [...file.decisions].sort(byKey).map(tidy),
    ...(file.archived.length > 0 ? {archived: [...file.archived].sort(byKey).map(tidy)} : {}),
  }
  return `# fitgap の判定記録 (report import が書きます。手で直しても構いません)\n${stringify(body, {lineWidth: 0})}`
}

export function saveDecisions(workspace: Workspace, file: DecisionsFile): void {
  writeFileAtomic(decisionsPath(workspace, file.area), stringifyDecisions(file))
}

/**
 * Saves several 業務' decisions together: every file is written to a temp file first, and only when all are
 * written are they renamed into place, so a failure while writing leaves every decisions file as it was.
 */
export function saveDecisionsTogether(
  workspace: Workspace,
  files: readonly DecisionsFile[],
  /** Each file's text when it was read (undefined: absent); a file changed since is not replaced, nothing is. */
  readAs?: ReadonlyMap<string, string | undefined>,
): void {
  mkdirSync(workspace.decisionsDir, {recursive: true})
  const staged: {temp: string; target: string}[] = []
  try {
    for (const file of files) {
      const target = decisionsPath(workspace, file.area)
      const temp = tempPathFor(target)
      staged.push({temp, target})
      writeFileSync(temp, stringifyDecisions(file))
    }
  } catch (error) {
    for (const {temp} of staged) rmSync(temp, {force: true})
    throw error
  }
  try {
    const changed = readAs ? staged.filter(({target}, i) => readTextIfExists(target) !== readAs.get(files[i]!.area)) : []
    if (changed.length > 0)
      throw new InputError(
        `${changed.map(({target}) => displayPath(target)).join('、')} が取り込みの途中で (fitgap 以外から) 変更されました。` +
          'その変更を消さないよう、何も書き込んでいません。もう一度実行してください。',
      )
    for (const {temp, target} of staged) renameSync(temp, target)
  } finally {
    for (const {temp} of staged) rmSync(temp, {force: true})
  }
}

export const decisionMap = (file: DecisionsFile): Map<string, Decision> => new Map(file.decisions.map((d) => [d.key, d]))
