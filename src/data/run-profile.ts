/** `fitgap data profile`: profiles exported data files column by column against the standard items they map to. */
import {statSync} from 'node:fs'
import path from 'node:path'

import type {FieldLink} from '../analyzers/inputs.js'
import type {Progress} from '../cli/progress.js'
import {provenanceKey} from '../current/import.js'
import {loadCurrentSystem} from '../current/store.js'
import type {EncodingChoice} from '../current/encoding.js'
import {InputError} from '../errors.js'
import type {Area} from '../model/area.js'
import type {DataItem, SpecCatalog} from '../model/catalog.js'
import {type CurrentField, fieldRef} from '../model/current.js'
import {LOCAL_CODE_LIST_ID} from '../model/vocabulary.js'
import {displayPath} from '../paths.js'
import {loadCatalog} from '../specs/catalog-store.js'
import {loadFieldLinks} from '../workspace/field-links.js'
import {specsDirsOf, type Workspace} from '../workspace/workspace.js'
import {ColumnProfiler, type ColumnTarget} from './profile.js'
import {readDataFile} from './read-data.js'
import {type DataChecks, type ProfiledFile, saveDataChecks} from './store.js'

export interface ProfileRequest {
  readonly workspace: Workspace
  readonly area: Area
  readonly files: readonly string[]
  readonly encoding: EncodingChoice
  /** The current table the files hold (default: the table whose columns the header matches best). */
  readonly table?: string
  /** Shows how far each file is read (a terminal progress line). */
  readonly progress?: Progress
}

export interface ProfileResult {
  readonly area: string
  readonly edition: string
  readonly files: readonly ProfiledFile[]
  /** Where the results were stored, as shown. */
  readonly stored: string
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase()

/** The standard code values of an item, when its catalogue has its コード一覧 (not 999: each city defines those). */
function standardCodes(catalog: SpecCatalog, item: DataItem): ReadonlySet<string> | undefined {
  if (item.codeList === undefined || item.codeList === LOCAL_CODE_LIST_ID) return undefined
  const list = catalog.codeLists?.find((l) => l.id === item.codeList)
  return list ? new Set(list.values.map((v) => v.code.normalize('NFKC').trim())) : undefined
}

/** Which current table a header belongs to: the named one, else the one most header cells name. */
function chooseTable(header: readonly string[], fields: readonly CurrentField[], display: string, named?: string): string {
  const tables = [...new Set(fields.map((f) => f.table))]
  if (named !== undefined) {
    const table = tables.find((t) => norm(t) === norm(named))
    if (!table) throw new InputError(`--table ${named}: 取り込んだ現行定義にないテーブルです (ある: ${tables.slice(0, 20).join('、')})。`)
    return table
  }
  const cells = new Set(header.map(norm))
  const scored = tables
    .map((table) => ({table, hits: fields.filter((f) => f.table === table && (cells.has(norm(f.column)) || cells.has(norm(f.label)) || cells.has(norm(fieldRef(f))))).length}))
    .sort((a, b) => b.hits - a.hits || (a.table < b.table ? -1 : 1))
  if (scored.length === 0 || scored[0]!.hits === 0)
    throw new InputError(`${display}: 見出しの列名が取り込んだ現行定義の項目と1つも合いません。見出し行 (1行目) に項目名 (物理名か論理名) があるか確かめてください。`, [
      `見出し: ${header.slice(0, 15).join(', ')}${header.length > 15 ? ' …' : ''}`,
    ])
  if (scored[1] && scored[1].hits === scored[0]!.hits)
    throw new InputError(`${display}: 見出しがテーブル ${scored[0]!.table} と ${scored[1].table} のどちらにも同じだけ合います。--table で指定してください。`)
  return scored[0]!.table
}

export async function runProfile(request: ProfileRequest): Promise<ProfileResult> {
  const {workspace, area} = request
  const catalog = loadCatalog(area, workspace.config.editions[area.slug], specsDirsOf(workspace))
  const current = loadCurrentSystem(workspace, area.slug)
  if (!current || current.fields.length === 0)
    throw new InputError(`${area.name} の現行の項目定義が取り込まれていません。先に \`fitgap current import 項目定義 --area ${area.slug}\` を実行してください。`)
  const links = loadFieldLinks(workspace, area.slug, catalog, current, {suggest: false}).links
  if (links.length === 0)
    throw new InputError(`${area.name} の対応付けがありません。先に \`fitgap map suggest ${area.slug}\` と \`fitgap map review ${area.slug}\` で現行項目と標準データ項目を対応付けてください。`)
  // confirmed links first: a field profiled against the item a person chose
  const linkOf = new Map<string, FieldLink>()
  for (const link of [...links].sort((a, b) => (a.status === b.status ? 0 : a.status === 'confirmed' ? -1 : 1)))
    if (!linkOf.has(link.fieldRef)) linkOf.set(link.fieldRef, link)
  const items = new Map(catalog.dataItems.map((item) => [item.id, item]))

  const resolved = request.files.map((file) => {
    const absolute = path.resolve(file)
    const display = displayPath(absolute)
    let isFile = false
    try {
      isFile = statSync(absolute).isFile()
    } catch {
      throw new InputError(`${display}: ファイルが見つかりません。`)
    }
    if (!isFile) throw new InputError(`${display}: ファイルではありません (フォルダなど)。`)
    return {path: absolute, display, key: provenanceKey(workspace, absolute)}
  })

  const profiled: ProfiledFile[] = []
  for (const file of resolved) {
    let width = 0
    let rows = 0
    let ragged = 0
    let table = ''
    const skipped: string[] = []
    let columns: {index: number; profiler: ColumnProfiler}[] = []
    request.progress?.step(`${path.basename(file.path)} を検査しています`, statSync(file.path).size, 'bytes')
    const info = await readDataFile(file, request.encoding, {
      header(cells) {
        width = cells.length
        table = chooseTable(cells, current.fields, file.display, request.table)
        const byName = new Map<string, CurrentField>()
        for (const f of current.fields.filter((f) => f.table === table))
          for (const name of [fieldRef(f), f.column, f.label]) if (name && !byName.has(norm(name))) byName.set(norm(name), f)
        columns = cells.flatMap((cell, index) => {
          const field = byName.get(norm(cell))
          const link = field ? linkOf.get(fieldRef(field)) : undefined
          const item = link ? items.get(link.itemId) : undefined
          if (!field || !item) {
            if (cell.trim() !== '') skipped.push(cell)
            return []
          }
          const target: ColumnTarget = {
            column: cell,
            ref: fieldRef(field),
            itemId: item.id,
            itemName: item.name,
            itemType: item.type,
            length: item.length,
            codes: standardCodes(catalog, item),
            codeTable: item.codeTable ?? catalog.codeLists?.find((l) => l.id === item.codeList)?.name,
          }
          return [{index, profiler: new ColumnProfiler(target)}]
        })
        if (columns.length === 0)
          throw new InputError(`${file.display}: テーブル ${table} の列のうち、標準データ項目に対応付けた列がありません。\`fitgap map review ${area.slug}\` で対応付けてください。`)
      },
      row(cells) {
        rows++
        if (cells.length !== width) ragged++
        for (const {index, profiler} of columns) profiler.add(cells[index] ?? '')
      },
    }, request.progress && ((done) => request.progress!.update(done)))
    profiled.push({
      file: file.key,
      sha256: info.sha256,
      size: info.size,
      encoding: info.encoding,
      table,
      rows,
      ragged,
      skippedColumns: skipped,
      columns: columns.map((c) => c.profiler.result()),
    })
  }
  const saved: DataChecks = saveDataChecks(workspace, area.slug, catalog.edition, profiled)
  return {area: area.slug, edition: saved.edition, files: profiled, stored: displayPath(path.join(workspace.root, 'data-checks', `${area.slug}.json`))}
}
