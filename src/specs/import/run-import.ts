import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {Document, isMap, isPair, isScalar, isSeq, parse, visit} from 'yaml'

import type {Progress} from '../../cli/progress.js'
import {InputError} from '../../errors.js'
import {writeFileAtomic} from '../../io/atomic-write.js'
import {assertRegularFile} from '../../io/regular-file.js'
import {checkXlsxSize} from '../../io/xlsx-limits.js'
import type {Area} from '../../model/area.js'
import {displayPath} from '../../paths.js'
import {checkCatalogText} from '../catalog-store.js'
import {type CatalogDocument, type ImportCounts, importGrids} from './import-workbook.js'
import type {ImportProfile} from './profile.js'
import {readWorkbookGrids} from './sheet-grid.js'
import type {ImportWarning, SheetReport, SkippedRow} from './types.js'

export interface RunImportOptions {
  file: string
  area: Area
  edition: string
  /** The specs folder to write into (a workspace's specs/ or --out): the catalogue goes to <dir>/<slug>/<edition>.yaml. */
  specsDir: string
  title?: string
  publishedAt?: string
  profile?: ImportProfile
  /** YYYY-MM-DD; today (local time) when omitted. */
  importedAt?: string
  overwrite?: boolean
  /** Add this workbook's entries to the edition already imported (official packages come as several workbooks). */
  add?: boolean
  dryRun?: boolean
  /** Shows what is being done (a terminal progress line). */
  progress?: Progress
  /** The attribution line the source's licence asks for; a 「…を加工して作成」 line naming the file otherwise. */
  attribution?: string
}

export interface ImportReport {
  /** Where the catalogue was (or, with dryRun, would be) written. */
  target: string
  written: boolean
  area: string
  edition: string
  source: string
  sha256: string
  counts: ImportCounts
  sheets: SheetReport[]
  warnings: ImportWarning[]
  skipped: SkippedRow[]
}

/** Edition names become file names: no separators, no leading dot, no white space. */
export const EDITION_PATTERN = /^[^\s/\\.][^\s/\\]*$/

function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The catalogue as YAML, with a header saying where it came from. */
export function catalogToYaml(catalog: CatalogDocument): string {
  const header = [
    `# ${catalog.title}`,
    `# fitgap specs import で ${catalog.provenance.source} から取り込んだカタログ (${catalog.provenance.importedAt})。`,
    '# 公式資料の内容です。取り込み直すときは同じコマンドを --force 付きで実行します。',
  ].join('\n')
  const doc = new Document(catalog)
  // Like the bundled catalogues: 分類 lists and printed items on one line each.
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return
      if (['category', 'classes', 'functionIds'].includes(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true
      if (pair.key.value === 'values' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true
      if (pair.key.value === 'fields' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true
    },
  })
  return `${header}\n${doc.toString({lineWidth: 0, minContentWidth: 0})}`
}

/**
 * Reads an official-style workbook and writes its catalogue atomically, or throws InputError (exit 2) naming sheet
 * and row for every problem; nothing is written then. The written text is validated as `fitgap specs validate` would.
 */
export async function runImport(options: RunImportOptions): Promise<ImportReport> {
  const {file, area, edition} = options
  if (!EDITION_PATTERN.test(edition))
    throw new InputError(`版「${edition}」はファイル名に使えません (空白・/・\\ を含めず、先頭を . 以外にしてください)。`)
  if (!existsSync(file)) throw new InputError(`${displayPath(file)} が見つかりません。`)
  assertRegularFile(file)
  const target = path.join(options.specsDir, area.slug, `${edition}.yaml`)
  if (options.add && !existsSync(target))
    throw new InputError(`--add で追加する先の版 ${displayPath(target)} がありません。最初のブックは --add なしで取り込んでください。`)
  if (!options.dryRun && !options.overwrite && !options.add && existsSync(target))
    throw new InputError(
      `${displayPath(target)} は既にあります。同じ版の別のブック (基本データリストなど) を加えるときは --add、取り込み直すときは --force を付けてください。`,
    )
  const bytes = readFileSync(file)
  checkXlsxSize(bytes, displayPath(file))
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const progress = options.progress
  let grids
  try {
    progress?.step(`${displayPath(file)} を読み込んでいます`)
    grids = await readWorkbookGrids(file, (done, total) => {
      if (done === 0) progress?.step('シートを読み取っています', total)
      progress?.update(done)
    })
    progress?.step('要件とデータ項目を取り込んでいます')
  } catch (error) {
    throw new InputError(`${displayPath(file)} を Excel ブック (.xlsx) として読めません: ${(error as Error).message}`)
  }
  const result = importGrids(grids, {
    area: area.slug,
    edition,
    title: options.title ?? `${area.specTitle.value} ${edition}`,
    ...(options.publishedAt !== undefined ? {publishedAt: options.publishedAt} : {}),
    source: path.basename(file),
    importedAt: options.importedAt ?? today(),
    sha256,
    ...(options.profile ? {profile: options.profile} : {}),
  })
  if (!result.ok) throw new InputError(`${displayPath(file)} を取り込めません。何も書き込んでいません。`, result.problems)
  const attribution = options.attribution ?? `出典：『${options.title ?? `${area.specTitle.value} ${edition}`}』(${path.basename(file)}) を加工して作成`
  const own = {...result.catalog, attribution}
  const catalog = options.add ? addToEdition(target, own) : own
  const yaml = catalogToYaml(catalog)
  const check = checkCatalogText(yaml, target)
  if (!check.catalog)
    throw new InputError(
      `${displayPath(file)} から作ったカタログが検証に通りません${options.add ? ' (既に取り込んだ内容と ID が重なっていないか確認してください)' : ''}。何も書き込んでいません。`,
      check.problems,
    )
  if (!options.dryRun) writeFileAtomic(target, yaml)
  return {
    target,
    written: !options.dryRun,
    area: area.slug,
    edition,
    source: path.basename(file),
    sha256,
    counts: result.counts,
    sheets: result.sheets,
    warnings: result.warnings,
    skipped: result.skipped,
  }
}

/** The edition already imported plus this workbook's entries; provenance names every source file with its hash. */
function addToEdition(target: string, added: CatalogDocument): CatalogDocument {
  const existing = parse(readFileSync(target, 'utf8')) as CatalogDocument
  if (existing.provenance?.type !== 'official')
    throw new InputError(`${displayPath(target)} は公式資料から取り込んだカタログではないため、--add で追加できません。`)
  const describe = (p: CatalogDocument['provenance']) => p.note ?? `${p.source}${p.sha256 ? ` (sha256 ${p.sha256})` : ''}`
  return {
    ...existing,
    provenance: {
      type: 'official',
      source: `${existing.provenance.source} + ${added.provenance.source}`,
      importedAt: added.provenance.importedAt,
      note: `${describe(existing.provenance)} / ${describe(added.provenance)}`,
    },
    ...(existing.attribution || added.attribution
      ? {attribution: [...new Set([existing.attribution, added.attribution].filter((a): a is string => !!a))].join(' / ')}
      : {}),
    functions: [...existing.functions, ...added.functions],
    forms: [...existing.forms, ...added.forms],
    dataItems: [...existing.dataItems, ...added.dataItems],
    ...(existing.codeLists || added.codeLists ? {codeLists: [...(existing.codeLists ?? []), ...(added.codeLists ?? [])]} : {}),
  }
}
