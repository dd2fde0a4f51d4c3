import {readFileSync} from 'node:fs'
import path from 'node:path'

import {distance} from 'fastest-levenshtein'

import {InputError} from '../errors.js'
import {parseAndValidateYaml} from '../io/yaml-source.js'
import {type Area, type Registry, registrySchema} from '../model/area.js'
import {BUNDLED_SPECS_DIR, displayPath} from '../paths.js'

let cached: Registry | undefined

export function loadRegistry(file = path.join(BUNDLED_SPECS_DIR, 'areas.yaml')): Registry {
  if (cached && file === path.join(BUNDLED_SPECS_DIR, 'areas.yaml')) return cached
  const shown = displayPath(file)
  const result = parseAndValidateYaml(readFileSync(file, 'utf8'), shown, registrySchema)
  if (!result.value) throw new InputError(`業務の登録簿 ${shown} が正しくありません。`, result.problems)
  cached = result.value
  return result.value
}

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s・･]/g, '')

/** Finds an 業務 by slug, Japanese name (or alias) or number; unknown → InputError with the closest names. */
export function resolveArea(query: string, registry: Registry = loadRegistry()): Area {
  const key = fold(query)
  const byNumber = /^\d+$/.test(key) ? registry.areas.find((area) => area.no === Number(key)) : undefined
  const found =
    byNumber ??
    registry.areas.find((area) => [area.slug, area.name, ...area.aliases].some((name) => fold(name) === key))
  if (found) return found
  const scored = registry.areas
    .map((area) => {
      const names = [area.slug, area.name, ...area.aliases].map(fold)
      const best = Math.min(
        ...names.map((name) => (name.includes(key) || key.includes(name) ? 0 : distance(name, key) / Math.max(name.length, key.length))),
      )
      return {area, best}
    })
    .sort((a, b) => a.best - b.best || a.area.no - b.area.no)
    .filter((entry) => entry.best < 0.75)
    .slice(0, 3)
  const hint =
    scored.length > 0
      ? `近い業務: ${scored.map(({area}) => `${area.name} (${area.slug}, ${area.no})`).join(' / ')}`
      : '`fitgap areas` で業務の一覧を表示できます。'
  throw new InputError(`業務「${query}」が見つかりません。${hint}`)
}
