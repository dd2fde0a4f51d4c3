import {readFileSync, statSync, type Stats} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {InputError} from '../errors.js'
import {parseYamlSource, validateYaml} from '../io/yaml-source.js'
import {BUNDLED_SPECS_DIR, displayPath} from '../paths.js'

export const WORKSPACE_FILE = 'fitgap.yaml'

export const workspaceConfigSchema = z.strictObject({
  version: z.literal(1, {error: 'version は 1 です'}),
  name: z.string().trim().min(1),
  /** Identifies the workspace in the workbooks it writes, so a report is never imported into another one. */
  id: z.string().regex(/^[A-Za-z0-9-]{6,64}$/, 'id は英数字とハイフンです').optional(),
  /** The 業務 in scope (slugs); analysis runs on these by default. */
  areas: z.array(z.string()).default([]),
  /** Spec edition pinned per 業務 slug; the latest bundled edition otherwise. */
  editions: z.record(z.string(), z.string()).default({}),
})

export type WorkspaceConfig = z.output<typeof workspaceConfigSchema>

export interface Workspace {
  readonly root: string
  readonly config: WorkspaceConfig
  readonly currentDir: string
  readonly mappingsDir: string
  readonly decisionsDir: string
  readonly reportsDir: string
  /** Catalogues the team imported (official workbooks); they take precedence over the bundled ones. */
  readonly specsDir: string
}

export function workspaceAt(root: string, config: WorkspaceConfig): Workspace {
  return {
    root,
    config,
    currentDir: path.join(root, 'current'),
    mappingsDir: path.join(root, 'mappings'),
    decisionsDir: path.join(root, 'decisions'),
    reportsDir: path.join(root, 'reports'),
    specsDir: path.join(root, 'specs'),
  }
}

/**
 * What is at `target`: its stats, or undefined when nothing is there. A folder that cannot be read throws, so a
 * workspace that exists but is unreadable is never taken for "no workspace" (and the bundled demo run instead).
 */
function probe(target: string, shown: string): Stats | undefined {
  try {
    return statSync(target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    if (code === 'EACCES' || code === 'EPERM')
      throw new InputError(`${shown} を読めません (権限がありません)。ワークスペースを読めないため、何もせずに終了しました。フォルダの権限を確かめてください。`)
    throw error
  }
}

export function loadWorkspace(root: string): Workspace {
  const folder = probe(root, displayPath(root))
  if (!folder)
    throw new InputError(`ワークスペースのフォルダ ${displayPath(root)} がありません。指定を確かめるか、\`fitgap init ${displayPath(root)}\` で作成してください。`)
  if (!folder.isDirectory()) throw new InputError(`${displayPath(root)} はフォルダではありません。ワークスペースのフォルダ (${WORKSPACE_FILE} を含むフォルダ) を指定してください。`)
  const file = path.join(root, WORKSPACE_FILE)
  if (!probe(file, displayPath(file)))
    throw new InputError(`${displayPath(root)} はワークスペースではありません (${WORKSPACE_FILE} がありません)。\`fitgap init ${displayPath(root)}\` で作成できます。`)
  const source = parseYamlSource(readFileSync(file, 'utf8'), displayPath(file))
  const result = validateYaml(source, workspaceConfigSchema)
  if (!result.value) throw new InputError(`ワークスペース設定 ${source.displayPath} に誤りがあります。`, result.problems)
  return workspaceAt(path.resolve(root), result.value)
}

/** The workspace in the given folder, or the nearest one at or above the working directory. */
export function findWorkspace(dirFlag?: string, from = process.cwd()): Workspace | undefined {
  if (dirFlag !== undefined) return loadWorkspace(path.resolve(dirFlag))
  let dir = path.resolve(from)
  for (;;) {
    if (probe(path.join(dir, WORKSPACE_FILE), displayPath(dir))) return loadWorkspace(dir)
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

export function requireWorkspace(dirFlag?: string): Workspace {
  const workspace = findWorkspace(dirFlag)
  if (!workspace)
    throw new InputError(
      `ワークスペースが見つかりません。--workspace で指定するか、\`fitgap init\` で作成してください (${WORKSPACE_FILE} を含むフォルダ)。`,
    )
  return workspace
}

/** Where catalogues are looked up: the workspace's imported ones first (when there is a workspace), then the bundled. */
export const specsDirsOf = (workspace: Workspace | undefined): string[] =>
  workspace ? [workspace.specsDir, BUNDLED_SPECS_DIR] : [BUNDLED_SPECS_DIR]
