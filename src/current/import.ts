/**
 * `fitgap current import`: reads each export with the reader for its format, streams the records into the
 * workspace store, and commits only when every file was read without error (else nothing is written).
 */
import {createHash} from 'node:crypto'
import {closeSync, openSync, readFileSync, readSync, statSync} from 'node:fs'
import path from 'node:path'

import type {Progress} from '../cli/progress.js'
import {InputError} from '../errors.js'
import type {SourceFile} from '../model/current.js'
import {displayPath} from '../paths.js'
import {resolveArea} from '../specs/registry.js'
import type {Workspace} from '../workspace/workspace.js'
import {type ImportProfile, loadAliases, loadProfile} from './aliases.js'
import {binaryKind, bomOf, decodeAll, type EncodingChoice, ENCODING_LABELS, type TextEncoding, xmlDeclaredEncoding} from './encoding.js'
import {IMPORT_KINDS, type ImportKind} from './headers.js'
import {readDelimited} from './read-csv.js'
import {parseJsonDefinitions} from './read-json.js'
import {parseXmlDefinitions} from './read-xml.js'
import type {ReaderOptions, ReadResult} from './reader.js'
import {DuplicateWatch, type RecordSink} from './records.js'
import {CurrentImport, loadCurrentSystem} from './store.js'

export interface ImportRequest {
  readonly files: readonly string[]
  readonly area: string
  readonly kind?: ImportKind
  readonly encoding: EncodingChoice
  readonly profile?: string
  readonly workspace: Workspace
  /** Drop every definition imported before for this 業務 (not only those of the files given). */
  readonly replace?: boolean
  /** Shows how far each file is (a terminal progress line). */
  readonly progress?: Progress
}

export interface ImportedFile {
  /** The file as recorded in provenance. */
  readonly file: string
  readonly format: SourceFile['format']
  readonly encoding?: string
  readonly sha256: string
  readonly records: Partial<Record<ImportKind, number>>
  readonly notes: readonly string[]
  readonly warnings: readonly string[]
}

export interface ImportReport {
  readonly area: string
  readonly files: readonly ImportedFile[]
  readonly totals: Record<ImportKind, number>
}

/** Provenance key: the path inside the workspace (POSIX), or the file name for a file outside it. */
export function provenanceKey(workspace: Workspace, file: string): string {
  const relative = path.relative(workspace.root, file)
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/')
  return path.basename(file)
}

type Format = 'delimited' | 'xlsx' | 'xml' | 'json'

function headBytes(file: string, n = 4096): Buffer {
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(n)
    const read = readSync(fd, buffer, 0, n, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

function formatOf(file: string, display: string): Format {
  const ext = path.extname(file).toLowerCase()
  if (['.csv', '.tsv', '.txt', '.tab'].includes(ext)) return 'delimited'
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx'
  if (ext === '.xml') return 'xml'
  if (ext === '.json') return 'json'
  if (ext === '.xls') throw new InputError(`${display}: Excel 97-2003 形式 (.xls) は読めません。Excel で .xlsx として保存し直してください。`)
  const head = headBytes(file, 64)
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx'
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart()
  if (text.startsWith('<')) return 'xml'
  if (text.startsWith('{')) return 'json'
  return 'delimited'
}

function decodeStrict(bytes: Buffer, encoding: TextEncoding, display: string): string {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    try {
      return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    } catch {
      throw new InputError(`${display}: UTF-8 として読めないバイトがあります (文字化け)。文字コードを確かめてください (XML なら encoding 宣言、または --encoding)。`)
    }
  }
  const text = decodeAll(bytes, encoding)
  const bad = text.indexOf('\uFFFD')
  if (bad !== -1)
    throw new InputError(`${display} ${text.slice(0, bad).split('\n').length}行目: ${ENCODING_LABELS[encoding]} として読めないバイトがあります (文字化け)。`)
  return text
}

function readText(options: ReaderOptions, kind: 'xml' | 'json'): {text: string; sha256: string; encoding: TextEncoding} {
  const bytes = readFileSync(options.path)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  if (bytes.length === 0) throw new InputError(`${options.display}: ファイルが空です (0 バイト)。`)
  const binary = binaryKind(bytes.subarray(0, 8192))
  if (binary) throw new InputError(`${options.display}: ${kind.toUpperCase()} (テキスト) ではありません。中身は ${binary} のようです。`)
  const bom = bomOf(bytes)
  let encoding: TextEncoding = bom ?? 'utf-8'
  if (kind === 'xml' && !bom) {
    const declared = xmlDeclaredEncoding(bytes)
    if (declared === 'unsupported') throw new InputError(`${options.display}: XML 宣言の encoding は UTF-8・Shift_JIS (CP932)・UTF-16 のどれかにしてください。`)
    if (declared) encoding = declared
  }
  const forced = [options.encoding, options.profile?.encoding].find((e) => e !== undefined && e !== 'auto')
  if (forced && !bom) encoding = forced as TextEncoding
  return {text: decodeStrict(bytes, encoding, options.display), sha256, encoding}
}

const areaMatcher = (slug: string) => (value: string) => {
  try {
    return resolveArea(value).slug === slug
  } catch {
    return false
  }
}

async function readOne(format: Format, options: ReaderOptions, sink: RecordSink): Promise<ReadResult> {
  const watch = new DuplicateWatch()
  const result = await readFormat(format, options, watch.wrap(sink))
  const duplicates = watch.warnings(options.display)
  return duplicates.length > 0 ? {...result, warnings: [...result.warnings, ...duplicates]} : result
}

async function readFormat(format: Format, options: ReaderOptions, sink: RecordSink): Promise<ReadResult> {
  if (format === 'delimited') return readDelimited(options, sink)
  // exceljs is loaded only for a workbook.
  if (format === 'xlsx') return (await import('./read-xlsx.js')).readXlsx(options, sink)
  const {text, sha256, encoding} = readText(options, format)
  const context = {display: options.display, fileKey: options.fileKey, kinds: options.kinds, areaMatches: areaMatcher(options.area)}
  const {counts, skipped} = format === 'xml' ? parseXmlDefinitions(text, context, sink) : parseJsonDefinitions(text, context, sink)
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  if (total === 0) throw new InputError(`${options.display}: ${options.kinds ? `--kind ${options.kinds.join(',')} の` : ''}定義が1件もありません。`)
  return {
    format,
    ...(format === 'xml' ? {encoding} : {}),
    sha256,
    counts,
    notes: skipped > 0 ? [`--kind に当たらない定義 ${skipped} 件を読み飛ばしました`] : [],
    warnings: [],
  }
}

/** A sink that reports how many records went through (formats read without a byte count). */
function counted(sink: RecordSink, progress: Progress): RecordSink {
  let records = 0
  const tick = () => progress.update(++records)
  return {
    field: (record) => (sink.field(record), tick()),
    form: (record) => (sink.form(record), tick()),
    function: (record) => (sink.function(record), tick()),
  }
}

export async function importCurrent(request: ImportRequest): Promise<ImportReport> {
  const {workspace, area} = request
  let profile: ImportProfile | undefined
  if (request.profile) profile = loadProfile(request.profile)
  const aliases = loadAliases(workspace, profile && request.profile ? {file: path.resolve(request.profile), profile} : undefined)
  const kind = request.kind ?? profile?.kind
  const kinds = kind ? [kind] : undefined

  const resolved = request.files.map((file) => {
    const absolute = path.resolve(file)
    const display = displayPath(absolute)
    let stat
    try {
      stat = statSync(absolute)
    } catch {
      throw new InputError(`${display}: ファイルが見つかりません。`)
    }
    if (!stat.isFile()) throw new InputError(`${display}: ファイルではありません (フォルダなど)。`)
    return {absolute, display, key: provenanceKey(workspace, absolute)}
  })
  const seen = new Map<string, string>()
  for (const file of resolved) {
    const other = seen.get(file.key)
    if (other !== undefined)
      throw new InputError(`${other} と ${file.display} は取込元として同じ名前「${file.key}」になります。どちらかのファイル名を変えてください。`)
    seen.set(file.key, file.display)
  }

  // The same export under another name would be counted twice: say so (the user may want --replace).
  const earlier = request.replace ? [] : (loadCurrentSystem(workspace, area)?.sources ?? [])
  const importedAs = (sha256: string, key: string) => earlier.find((s) => s.sha256 === sha256 && s.file !== key)?.file

  const transaction = new CurrentImport(workspace, area)
  const files: ImportedFile[] = []
  const sources: SourceFile[] = []
  try {
    const progress = request.progress
    for (const [index, file] of resolved.entries()) {
      const format = formatOf(file.absolute, file.display)
      const label = `${path.basename(file.absolute)} を読み込んでいます${resolved.length > 1 ? ` (${index + 1}/${resolved.length})` : ''}`
      if (format === 'delimited') progress?.step(label, statSync(file.absolute).size, 'bytes')
      else progress?.step(label)
      const options: ReaderOptions = {
        path: file.absolute,
        display: file.display,
        fileKey: file.key,
        kinds,
        encoding: request.encoding,
        profile,
        aliases,
        area,
        onBytes: progress && ((done) => progress.update(done)),
      }
      const result = await readOne(format, options, progress && format !== 'delimited' ? counted(transaction.sink(file.key), progress) : transaction.sink(file.key))
      const encoding = result.encoding as TextEncoding | undefined
      for (const k of IMPORT_KINDS) {
        const records = result.counts[k]
        if (!records) continue
        const source: SourceFile = {file: file.key, sha256: result.sha256, format: result.format, kind: k, records}
        if (encoding) source.encoding = encoding
        sources.push(source)
      }
      files.push({
        file: file.key,
        format: result.format,
        ...(encoding ? {encoding} : {}),
        sha256: result.sha256,
        records: result.counts,
        notes: result.notes,
        warnings: importedAs(result.sha256, file.key)
          ? [...result.warnings, `同じ内容のファイル「${importedAs(result.sha256, file.key)}」を取り込み済みです。項目が二重になります。不要なら --replace を付けて取り込み直してください。`]
          : result.warnings,
      })
    }
    progress?.step('取り込んだ定義を保存しています')
    transaction.commit(sources, request.replace ?? false)
  } catch (error) {
    transaction.abort()
    throw error
  } finally {
    request.progress?.done()
  }
  const totals: Record<ImportKind, number> = {fields: 0, forms: 0, functions: 0}
  for (const source of sources) totals[source.kind] += source.records
  return {area, files, totals}
}
