/**
 * The current-system definitions of a workspace, per 業務:
 *
 *   current/<slug>/index.json                      {version, area, sources[]}: one entry per (file, kind)
 *   current/<slug>/<kind>.<file>.<hash>.jsonl      the records of that file, one JSON object per line
 *
 * One record per line keeps git diffs readable and lets a 100 MB export be written as a stream.
 * A record line carries its provenance without the file name (it is the file the line belongs to).
 * Re-importing a file replaces its records; importing another file adds to them.
 */
import {createHash, randomBytes} from 'node:crypto'
import {closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeSync} from 'node:fs'
import path from 'node:path'

import * as z from 'zod'

import {InputError} from '../errors.js'
import {writeFileAtomic} from '../io/atomic-write.js'
import {
  type CurrentField,
  currentFieldSchema,
  type CurrentForm,
  type CurrentFormField,
  currentFormFieldSchema,
  currentFormSchema,
  type CurrentFunction,
  currentFunctionSchema,
  type CurrentSystem,
  type RecordSource,
  recordSourceSchema,
  type SourceFile,
  sourceFileSchema,
} from '../model/current.js'
import {displayPath} from '../paths.js'
import type {Workspace} from '../workspace/workspace.js'
import type {ImportKind} from './headers.js'
import type {RecordSink} from './records.js'

export const INDEX_FILE = 'index.json'

const indexSchema = z.strictObject({
  version: z.literal(1),
  area: z.string(),
  sources: z.array(sourceFileSchema),
  /**
   * Lines and SHA-256 of each records file as the index was written: the index is renamed into place last, so a
   * run that died between renames leaves records this does not describe, and loading says so.
   */
  stored: z.record(z.string(), z.strictObject({lines: z.number().int().nonnegative(), sha256: z.string()})).optional(),
})

type StoredCheck = {lines: number; sha256: string}

type StoredIndex = z.output<typeof indexSchema>

const KIND_ORDER: readonly ImportKind[] = ['fields', 'forms', 'functions']

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const compareSources = (a: Pick<SourceFile, 'file' | 'kind'>, b: Pick<SourceFile, 'file' | 'kind'>): number =>
  compare(a.file, b.file) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)

export const areaDir = (workspace: Workspace, areaSlug: string): string => path.join(workspace.currentDir, areaSlug)

/** The records file of one (file, kind): readable, unique, stable. */
export function recordsFileName(file: string, kind: ImportKind): string {
  const base = path.posix.basename(file.replaceAll('\\', '/')) || 'unsourced'
  const readable = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60)
  const hash = createHash('sha1').update(file).digest('hex').slice(0, 8)
  return `${kind}.${readable}.${hash}.jsonl`
}

// ---- canonical records (stable key order, no file inside the stored provenance) ----

const FIELD_KEYS = Object.keys(currentFieldSchema.shape)
const FORM_KEYS = Object.keys(currentFormSchema.shape)
const ITEM_KEYS = Object.keys(currentFormFieldSchema.shape)
const FUNCTION_KEYS = Object.keys(currentFunctionSchema.shape)
const SOURCE_KEYS = Object.keys(recordSourceSchema.shape)

function ordered(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key]
  return out
}

function storedSource(source: RecordSource | undefined): Record<string, unknown> | undefined {
  if (!source) return undefined
  const out = ordered(source as unknown as Record<string, unknown>, SOURCE_KEYS)
  delete out.file
  return out
}

function storedLine(kind: ImportKind, record: CurrentField | CurrentForm | CurrentFunction): string {
  const value = record as unknown as Record<string, unknown>
  if (kind === 'fields') return JSON.stringify(ordered({...value, source: storedSource(record.source)}, FIELD_KEYS))
  if (kind === 'functions') return JSON.stringify(ordered({...value, source: storedSource(record.source)}, FUNCTION_KEYS))
  const form = record as CurrentForm
  return JSON.stringify(
    ordered(
      {
        ...value,
        fields: form.fields.map((item) => ordered({...item, source: storedSource(item.source)} as Record<string, unknown>, ITEM_KEYS)),
        source: storedSource(form.source),
      },
      FORM_KEYS,
    ),
  )
}

/** Buffered line writer on a file descriptor (sync: the CLI does one thing at a time). */
class LineWriter {
  private readonly fd: number
  private buffer: string[] = []
  private size = 0
  private readonly hash = createHash('sha256')
  count = 0

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w')
  }

  write(line: string): void {
    this.buffer.push(line)
    this.size += line.length + 1
    this.count++
    if (this.size > 1 << 20) this.flush()
  }

  private flush(): void {
    if (this.buffer.length === 0) return
    const chunk = `${this.buffer.join('\n')}\n`
    writeSync(this.fd, chunk)
    this.hash.update(chunk)
    this.buffer = []
    this.size = 0
  }

  close(): StoredCheck {
    this.flush()
    closeSync(this.fd)
    return {lines: this.count, sha256: this.hash.digest('hex')}
  }
}

// ---- reading ----

function readIndex(dir: string): StoredIndex | undefined {
  const file = path.join(dir, INDEX_FILE)
  if (!existsSync(file)) return undefined
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new InputError(`${displayPath(file)} を読めません (JSON の誤り: ${(error as Error).message})。`)
  }
  const result = indexSchema.safeParse(data)
  if (!result.success)
    throw new InputError(
      `${displayPath(file)} の形が正しくありません。`,
      result.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  return result.data
}

function readRecords<T>(
  file: string,
  schema: z.ZodType<T>,
  withFile: (value: Record<string, unknown>) => unknown,
  into: T[],
  expected: (StoredCheck & {readonly reimport: string}) | undefined,
): void {
  if (!existsSync(file)) throw new InputError(`${displayPath(file)} がありません (index.json と合っていません)。取り込み直してください。`)
  const out = into
  const text = readFileSync(file, 'utf8')
  let line = 0
  for (const raw of text.split('\n')) {
    line++
    if (raw.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (error) {
      throw new InputError(`${displayPath(file)}:${line} を読めません (JSON の誤り: ${(error as Error).message})。`)
    }
    const result = schema.safeParse(withFile(value as Record<string, unknown>))
    if (!result.success)
      throw new InputError(
        `${displayPath(file)}:${line} の形が正しくありません。`,
        result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      )
    out.push(result.data)
  }
  // After the line checks, so a hand-damaged line is named; a file that parses but is not the one indexed is caught here.
  if (expected && createHash('sha256').update(text).digest('hex') !== expected.sha256)
    throw new InputError(
      `${displayPath(file)} が ${INDEX_FILE} の記録 (${expected.lines} 行) と合いません。前回の取り込みが途中で止まったか、ファイルが手で変更されています。` +
        `\`${expected.reimport}\` で取り込み直してください。`,
    )
}

/**
 * Forms with the same id from several files (帳票一覧 + 帳票項目) are one form: name and description from
 * the first record that has them, printed items in file order, each item keeping its own provenance.
 */
export function mergeForms(forms: readonly CurrentForm[]): CurrentForm[] {
  const byId = new Map<string, CurrentForm>()
  for (const form of forms) {
    const existing = byId.get(form.id)
    if (!existing) {
      byId.set(form.id, {...form, fields: form.fields.map((item) => ({...item, source: item.source ?? form.source}))})
      continue
    }
    if (existing.name === '' && form.name !== '') {
      existing.name = form.name
      existing.source = form.source
    }
    if (existing.description === undefined && form.description !== undefined) existing.description = form.description
    if (form.standardIds !== undefined) existing.standardIds = [...new Set([...(existing.standardIds ?? []), ...form.standardIds])]
    for (const item of form.fields) existing.fields.push({...item, source: item.source ?? form.source})
  }
  return [...byId.values()].map((form) => ordered(form as unknown as Record<string, unknown>, FORM_KEYS) as unknown as CurrentForm)
}

/** The 業務's current system as stored in the workspace, or undefined when nothing was imported. */
export function loadCurrentSystem(workspace: Workspace, areaSlug: string): CurrentSystem | undefined {
  const dir = areaDir(workspace, areaSlug)
  const index = readIndex(dir)
  if (!index) return undefined
  const system: CurrentSystem = {area: index.area, sources: [...index.sources].sort(compareSources), fields: [], forms: [], functions: []}
  const forms: CurrentForm[] = []
  for (const source of system.sources) {
    const file = path.join(dir, recordsFileName(source.file, source.kind))
    const attach = (value: Record<string, unknown>): Record<string, unknown> => {
      const withSource = (v: Record<string, unknown>) =>
        v.source && typeof v.source === 'object' ? {...v, source: {file: source.file, ...(v.source as object)}} : v
      const out = withSource(value)
      if (source.kind === 'forms' && Array.isArray(out.fields)) out.fields = (out.fields as Record<string, unknown>[]).map(withSource)
      return out
    }
    // Appended one by one: spreading 100,000+ records into push() overflows the call stack.
    const check = index.stored?.[recordsFileName(source.file, source.kind)]
    const expected = check && {...check, reimport: `fitgap current import ${source.file.includes(' ') ? `"${source.file}"` : source.file} --area ${areaSlug}`}
    if (source.kind === 'fields') readRecords(file, currentFieldSchema, attach, system.fields, expected)
    else if (source.kind === 'forms') readRecords(file, currentFormSchema, attach, forms, expected)
    else readRecords(file, currentFunctionSchema, attach, system.functions, expected)
  }
  system.forms = mergeForms(forms)
  return system
}

// ---- writing ----

const STAGING_PREFIX = '.fitgap-tmp-import-'

/**
 * Staging folders of imports that died (disk full, killed). Every writer holds the workspace lock, so a staging
 * folder that is there when an import starts belongs to no running import.
 */
function removeStaleStaging(currentDir: string): void {
  if (!existsSync(currentDir)) return
  for (const name of readdirSync(currentDir))
    if (name.startsWith(STAGING_PREFIX)) rmSync(path.join(currentDir, name), {recursive: true, force: true})
}

function writeIndex(dir: string, index: StoredIndex): void {
  const sources = [...index.sources].sort(compareSources)
  const names = new Set(sources.map((s) => recordsFileName(s.file, s.kind)))
  const stored = Object.entries(index.stored ?? {})
    .filter(([name]) => names.has(name))
    .sort(([a], [b]) => compare(a, b))
  const sorted: StoredIndex = {
    version: 1,
    area: index.area,
    sources: sources.map((s) => ordered(s as unknown as Record<string, unknown>, Object.keys(sourceFileSchema.shape)) as unknown as SourceFile),
    ...(stored.length > 0 ? {stored: Object.fromEntries(stored)} : {}),
  }
  writeFileAtomic(path.join(dir, INDEX_FILE), `${JSON.stringify(sorted, null, 2)}\n`)
}

/** Removes records files no source refers to any more. */
function removeStale(dir: string, sources: readonly SourceFile[]): void {
  const keep = new Set(sources.map((s) => recordsFileName(s.file, s.kind)))
  for (const name of readdirSync(dir)) if (name.endsWith('.jsonl') && !keep.has(name)) rmSync(path.join(dir, name), {force: true})
}

function guessFormat(file: string): SourceFile['format'] {
  const ext = path.extname(file).toLowerCase().slice(1)
  return ext === 'tsv' || ext === 'xlsx' || ext === 'xml' || ext === 'csv' ? ext : 'json'
}

/**
 * Writes a whole current system (replacing what is stored for its 業務): records grouped by their source
 * file, sources in file order, records in their given order. Forms whose items come from several files are
 * split back per file (see {@link mergeForms}). Each file is written atomically; stale files are removed.
 */
export function saveCurrentSystem(workspace: Workspace, system: CurrentSystem): void {
  const dir = areaDir(workspace, system.area)
  mkdirSync(dir, {recursive: true})
  const groups = new Map<string, {file: string; kind: ImportKind; lines: string[]}>()
  const group = (file: string, kind: ImportKind) => {
    const key = `${kind}\u0000${file}`
    let entry = groups.get(key)
    if (!entry) groups.set(key, (entry = {file, kind, lines: []}))
    return entry
  }
  for (const field of system.fields) group(field.source?.file ?? '', 'fields').lines.push(storedLine('fields', field))
  for (const fn of system.functions) group(fn.source?.file ?? '', 'functions').lines.push(storedLine('functions', fn))
  for (const form of system.forms) {
    const own = form.source?.file ?? ''
    const parts = new Map<string, CurrentFormField[]>([[own, []]])
    for (const item of form.fields) {
      const file = item.source?.file ?? own
      parts.set(file, [...(parts.get(file) ?? []), item])
    }
    for (const [file, items] of parts) {
      // a part from another file starts where that file first mentions the form
      const first = items.map((item) => item.source).reduce<RecordSource | undefined>((a, b) => (!a || (b && b.row < a.row) ? b : a), undefined)
      const part: CurrentForm = file === own ? {...form, fields: items} : {id: form.id, name: '', fields: items, ...(first ? {source: first} : {})}
      group(file, 'forms').lines.push(storedLine('forms', part))
    }
  }
  const known = new Map(system.sources.map((s) => [`${s.kind}\u0000${s.file}`, s]))
  const sources: SourceFile[] = []
  const stored: Record<string, StoredCheck> = {}
  for (const [key, entry] of groups) {
    const base = known.get(key) ?? {file: entry.file, sha256: '', format: guessFormat(entry.file), kind: entry.kind, records: 0}
    sources.push({...base, records: entry.lines.length})
    const text = entry.lines.length > 0 ? `${entry.lines.join('\n')}\n` : ''
    const name = recordsFileName(entry.file, entry.kind)
    stored[name] = {lines: entry.lines.length, sha256: createHash('sha256').update(text).digest('hex')}
    writeFileAtomic(path.join(dir, name), text)
  }
  writeIndex(dir, {version: 1, area: system.area, sources, stored})
  removeStale(dir, sources)
}

/**
 * An import in progress: records stream into temporary files under current/; {@link commit} moves them
 * into place and updates the index, {@link abort} leaves the workspace as it was.
 */
export class CurrentImport {
  private readonly dir: string
  private readonly staging: string
  private readonly createdCurrentDir: boolean
  private readonly writers = new Map<string, {file: string; kind: ImportKind; writer: LineWriter}>()
  private readonly imported = new Set<string>()
  private closed = false

  constructor(
    private readonly workspace: Workspace,
    private readonly area: string,
  ) {
    this.dir = areaDir(workspace, area)
    this.createdCurrentDir = !existsSync(workspace.currentDir)
    this.staging = path.join(workspace.currentDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`)
    removeStaleStaging(workspace.currentDir)
  }

  /** A sink for the records of one file (its provenance key). */
  sink(file: string): RecordSink {
    this.imported.add(file)
    const writer = (kind: ImportKind) => {
      const key = `${kind}\u0000${file}`
      let entry = this.writers.get(key)
      if (!entry) {
        mkdirSync(this.staging, {recursive: true})
        entry = {file, kind, writer: new LineWriter(path.join(this.staging, recordsFileName(file, kind)))}
        this.writers.set(key, entry)
      }
      return entry.writer
    }
    return {
      field: (record) => writer('fields').write(storedLine('fields', record)),
      form: (record) => writer('forms').write(storedLine('forms', record)),
      function: (record) => writer('functions').write(storedLine('functions', record)),
    }
  }

  /**
   * Moves the new records into place; `sources` describe the files imported (one entry per kind).
   * With `replaceAll`, what was imported before from other files is dropped too.
   */
  commit(sources: readonly SourceFile[], replaceAll = false): void {
    const checks = new Map<string, StoredCheck>()
    for (const {writer} of this.writers.values()) checks.set(path.basename(writer.file), writer.close())
    this.closed = true
    const previous = readIndex(this.dir)
    if (previous && previous.area !== this.area)
      throw new InputError(`${displayPath(path.join(this.dir, INDEX_FILE))} の業務 (${previous.area}) がフォルダ名 (${this.area}) と合いません。`)
    mkdirSync(this.dir, {recursive: true})
    for (const {file, kind, writer} of this.writers.values()) renameSync(writer.file, path.join(this.dir, recordsFileName(file, kind)))
    const kept = replaceAll ? [] : (previous?.sources ?? []).filter((s) => !this.imported.has(s.file))
    const next = [...kept, ...sources]
    writeIndex(this.dir, {version: 1, area: this.area, sources: next, stored: {...previous?.stored, ...Object.fromEntries(checks)}})
    removeStale(this.dir, next)
    rmSync(this.staging, {recursive: true, force: true})
  }

  abort(): void {
    if (!this.closed) for (const {writer} of this.writers.values()) writer.close()
    this.closed = true
    rmSync(this.staging, {recursive: true, force: true})
    if (this.createdCurrentDir)
      try {
        rmdirSync(this.workspace.currentDir)
      } catch {
        // not empty: someone else wrote there meanwhile
      }
  }
}
