/**
 * Loads the header-alias dictionaries (bundled, the workspace's own, a vendor profile) and import profiles.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {InputError} from '../errors.js'
import {loadSettingsYaml} from '../io/yaml-source.js'
import {BUNDLED_MAPPINGS_DIR, displayPath} from '../paths.js'
import type {Workspace} from '../workspace/workspace.js'
import {type AliasDictionary, AliasError, type CompiledAliases, compileAliases, IMPORT_KINDS, type ImportKind, ROLES} from './headers.js'

export const ALIASES_FILE = 'header-aliases.yaml'

const aliasList = z.array(z.string().min(1))
const rolesSchema = (kind: ImportKind) =>
  z.strictObject(Object.fromEntries(ROLES[kind].map((role) => [role, aliasList.optional()])) as Record<string, z.ZodOptional<typeof aliasList>>)

export const aliasDictionarySchema = z.strictObject({
  version: z.literal(1).optional(),
  fields: rolesSchema('fields').optional(),
  forms: rolesSchema('forms').optional(),
  functions: rolesSchema('functions').optional(),
})

export const profileSchema = z.strictObject({
  version: z.literal(1).optional(),
  /** 種別を固定 (fields / forms / functions)。 */
  kind: z.enum(IMPORT_KINDS).optional(),
  /** 見出し行 (1始まり)。自動検出しない。 */
  headerRow: z.number().int().positive().optional(),
  /** 読むシート (XLSX)。 */
  sheets: z.array(z.string()).optional(),
  /** テーブル列がないときのテーブル名。 */
  table: z.string().min(1).optional(),
  encoding: z.enum(['auto', 'utf-8', 'cp932']).optional(),
  delimiter: z.enum(['comma', 'tab', 'semicolon']).optional(),
  /** header-aliases.yaml と同じ形。同梱の辞書より優先。 */
  aliases: aliasDictionarySchema.omit({version: true}).optional(),
})

export type ImportProfile = z.output<typeof profileSchema>

export function loadProfile(file: string): ImportProfile {
  return loadSettingsYaml(path.resolve(file), profileSchema, '取込プロファイル')
}

export const bundledAliasesPath = (): string => path.join(BUNDLED_MAPPINGS_DIR, ALIASES_FILE)

/**
 * The aliases in force: the profile's first, then the workspace's `mappings/header-aliases.yaml`,
 * then the bundled dictionary.
 */
export function loadAliases(workspace?: Workspace, profile?: {file: string; profile: ImportProfile}): CompiledAliases {
  const layers: {name: string; dictionary: AliasDictionary}[] = []
  if (profile?.profile.aliases) layers.push({name: displayPath(profile.file), dictionary: profile.profile.aliases as AliasDictionary})
  if (workspace) {
    const own = path.join(workspace.mappingsDir, ALIASES_FILE)
    if (existsSync(own)) layers.push({name: displayPath(own), dictionary: loadSettingsYaml(own, aliasDictionarySchema, '見出しの別名辞書') as AliasDictionary})
  }
  const bundled = bundledAliasesPath()
  layers.push({name: displayPath(bundled), dictionary: loadSettingsYaml(bundled, aliasDictionarySchema, '見出しの別名辞書') as AliasDictionary})
  try {
    return compileAliases(layers)
  } catch (error) {
    if (error instanceof AliasError) throw new InputError(`見出しの別名辞書に誤りがあります。`, [error.message])
    throw error
  }
}
