/**
 * CSV / TSV reader: streams the file twice (1: SHA-256, binary and encoding check; 2: decode and parse),
 * so memory stays bounded whatever the size.
 */
import {createHash} from 'node:crypto'
import {createReadStream, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {Transform, Writable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {parse} from 'csv-parse'

import {InputError} from '../errors.js'
import {binaryKind, bomOf, createDecoder, decodeAll, ENCODING_LABELS, type TextEncoding, Utf8Check} from './encoding.js'
import {detectHeader, type HeaderMatch} from './headers.js'
import type {ReaderOptions, ReadResult} from './reader.js'
import {Messages, type RecordSink, TableReader} from './records.js'
import {duplicateHeaderProblems, HEADER_HINT, HEADER_SEARCH_ROWS, headerNotFoundProblems, kindLabel, titleBlockTable} from './table-import.js'

const CHUNK = 1 << 20

export interface Scan {
  sha256: string
  size: number
  head: Buffer
  utf8Valid: boolean
  nonAscii: boolean
}

export async function scan(file: string, onBytes?: (done: number) => void): Promise<Scan> {
  const hash = createHash('sha256')
  const check = new Utf8Check()
  const headParts: Buffer[] = []
  let headLength = 0
  let size = 0
  for await (const chunk of createReadStream(file, {highWaterMark: CHUNK})) {
    const buffer = chunk as Buffer
    hash.update(buffer)
    check.update(buffer)
    size += buffer.length
    onBytes?.(size)
    if (headLength < 65536) {
      headParts.push(buffer.subarray(0, 65536 - headLength))
      headLength += Math.min(buffer.length, 65536 - headLength)
    }
  }
  check.finish()
  return {sha256: hash.digest('hex'), size, head: Buffer.concat(headParts), utf8Valid: check.valid, nonAscii: check.nonAscii}
}

class Abort extends Error {}

export function chooseEncoding(options: Pick<ReaderOptions, 'encoding' | 'profile' | 'display'>, s: Scan): TextEncoding {
  const bom = bomOf(s.head)
  if (bom === 'utf-16le' || bom === 'utf-16be') return bom
  const forced = options.encoding !== 'auto' ? options.encoding : options.profile?.encoding
  if (forced === 'cp932') {
    if (bom === 'utf-8-bom' || (s.utf8Valid && s.nonAscii))
      throw new InputError(
        `${options.display}: --encoding cp932 が指定されましたが、このファイルは UTF-8 で書かれています。CP932 として読むと文字化けします。--encoding utf-8 か --encoding auto で取り込んでください。`,
      )
    return 'cp932'
  }
  if (forced === 'utf-8') return bom ?? 'utf-8'
  if (bom) return bom
  return s.utf8Valid ? 'utf-8' : 'cp932'
}

export function chooseDelimiter(options: Pick<ReaderOptions, 'profile' | 'path'>, head: string): {delimiter: string; format: 'csv' | 'tsv'} {
  const fixed = options.profile?.delimiter
  if (fixed === 'tab') return {delimiter: '\t', format: 'tsv'}
  if (fixed === 'comma') return {delimiter: ',', format: 'csv'}
  if (fixed === 'semicolon') return {delimiter: ';', format: 'csv'}
  const ext = path.extname(options.path).toLowerCase()
  if (ext === '.tsv' || ext === '.tab') return {delimiter: '\t', format: 'tsv'}
  const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20)
  let tabs = 0
  let commas = 0
  for (const line of lines) {
    tabs += line.split('\t').length - 1
    commas += line.split(',').length - 1
  }
  return tabs > commas ? {delimiter: '\t', format: 'tsv'} : {delimiter: ',', format: 'csv'}
}

/** Decodes bytes to text, failing on U+FFFD (bytes the encoding cannot read: mojibake). */
export class DecodeStream extends Transform {
  private readonly decoder
  private lines = 1
  constructor(
    private readonly encoding: TextEncoding,
    private readonly onBadBytes: (line: number) => Error,
  ) {
    super({readableObjectMode: false, decodeStrings: true})
    this.decoder = createDecoder(encoding)
    this.setEncoding('utf8')
  }

  private check(text: string): void {
    const bad = text.indexOf('\uFFFD')
    if (bad !== -1) {
      let line = this.lines
      for (let i = text.indexOf('\n'); i !== -1 && i < bad; i = text.indexOf('\n', i + 1)) line++
      throw this.onBadBytes(line)
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines++
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: string) => void): void {
    try {
      const text = this.decoder.write(chunk)
      this.check(text)
      callback(null, text)
    } catch (error) {
      callback(error as Error)
    }
  }

  override _flush(callback: (error?: Error | null, data?: string) => void): void {
    try {
      const text = this.decoder.end()
      this.check(text)
      callback(null, text)
    } catch (error) {
      callback(error as Error)
    }
  }
}

/**
 * A file that is UTF-8 in part: the line where UTF-8 stops being valid is where the other encoding starts (the
 * decode error itself points at the first line, which CP932 cannot read either). Only on this error path.
 */
function mixedEncodingMessage(where: string, file: string): string | undefined {
  const bytes = readFileSync(file)
  const decoder = new TextDecoder('utf-8', {fatal: true})
  let line = 1
  let start = 0
  let utf8Lines = 0
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start)
    const stop = end === -1 ? bytes.length : end
    try {
      decoder.decode(bytes.subarray(start, stop))
      if (bytes.subarray(start, stop).some((b) => b >= 0x80)) utf8Lines++
    } catch {
      return utf8Lines > 0
        ? `${where} ${line}行目: この行から文字コードが変わっています (前の行は UTF-8、この行は UTF-8 として読めません。CP932 が混ざっているようです)。1つの文字コードで保存し直してください。`
        : undefined
    }
    line++
    start = stop + 1
  }
  return undefined
}

export async function readDelimited(options: ReaderOptions, sink: RecordSink): Promise<ReadResult> {
  const total = options.onBytes ? statSync(options.path).size : 0
  const s = await scan(options.path, options.onBytes && ((done) => options.onBytes!(done / 2, total)))
  const where = options.display
  if (s.size === 0) throw new InputError(`${where}: ファイルが空です (0 バイト)。`)
  const binary = binaryKind(s.head)
  if (binary) throw new InputError(`${where}: CSV (テキスト) ではありません。中身は ${binary} のようです。`)
  const encoding = chooseEncoding(options, s)
  const {delimiter, format} = chooseDelimiter(options, decodeAll(s.head, encoding))
  const forced = options.encoding !== 'auto' || options.profile?.encoding !== undefined

  const problems = new Messages()
  const warnings = new Messages(10)
  const notes: string[] = []
  const profile = options.profile
  const searchRows = profile?.headerRow ?? HEADER_SEARCH_ROWS
  const buffered: {row: number; line: number; cells: string[]}[] = []
  let header: HeaderMatch | undefined
  let headerRow = 0
  let width = 0
  let reader: TableReader | undefined
  let previousEnd = 0
  let recordNo = 0

  const start = (): void => {
    const rows = buffered.map((b) => b.cells)
    header = detectHeader(options.aliases, rows, {
      kinds: options.kinds,
      headerIndex: profile?.headerRow === undefined ? undefined : profile.headerRow - 1,
    })
    if (!header) {
      throw new InputError(`${where}: 見出し行が見つかりません。${HEADER_HINT}`, [
        ...headerNotFoundProblems(
          options.aliases,
          buffered.map((b) => ({row: b.row, cells: b.cells})),
          options.kinds,
        ),
      ])
    }
    const found = buffered[header.index]!
    headerRow = found.row
    const duplicates = duplicateHeaderProblems(header, where, found.line)
    if (duplicates.length > 0) throw new InputError(`${where}: 見出しに同じ名前の列があります。`, duplicates)
    width = found.cells.length
    expectWidth(width)
    const table =
      profile?.table ??
      titleBlockTable(options.aliases, rows.slice(0, header.index)) ??
      path.basename(options.path, path.extname(options.path))
    reader = new TableReader(
      options.aliases,
      header,
      {file: options.fileKey, defaultTable: table, locate: (row, _column, line) => `${where} ${line ?? row}行目`},
      sink,
      problems,
      warnings,
    )
    notes.push(`${kindLabel(header.kind)} (見出し ${found.line}行目)`)
    for (const b of buffered.slice(header.index + 1)) consume(b.cells, b.row, b.line)
    buffered.length = 0
  }

  const consume = (cells: string[], row: number, line: number): void => {
    const blank = cells.every((c) => c.trim() === '')
    if (!blank && cells.length !== width) {
      const extra = cells.slice(width)
      if (cells.length < width || extra.some((c) => c.trim() !== ''))
        problems.add(`${where} ${line}行目: 列の数が見出しと違います (見出し ${width} 列、この行 ${cells.length} 列)。区切り文字や引用符 (") の閉じ忘れを確かめてください。`)
    }
    if (!problems.full) reader!.push(cells, row, line)
    if (problems.full) throw new Abort()
  }

  const consumer = new Writable({
    objectMode: true,
    write(chunk: {record: string[]; info: {lines: number}}, _enc, callback) {
      try {
        recordNo++
        const line = previousEnd + 1
        previousEnd = chunk.info.lines
        if (reader) consume(chunk.record, recordNo, line)
        else {
          buffered.push({row: recordNo, line, cells: chunk.record})
          if (buffered.length >= searchRows) start()
        }
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
    final(callback) {
      try {
        if (!reader) {
          if (buffered.every((b) => b.cells.every((c) => c.trim() === ''))) throw new InputError(`${where}: ファイルが空です (データがありません)。`)
          start()
        }
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
  })

  const badBytes = (line: number): Error =>
    new InputError(
      forced
        ? `${where} ${line}行目: ${ENCODING_LABELS[encoding]} として読めないバイトがあります (文字化け)。${encoding === 'cp932' ? '--encoding utf-8' : '--encoding cp932'} か --encoding auto で取り込んでください。`
        : mixedEncodingMessage(where, options.path) ?? `${where} ${line}行目: 文字コードを判別できません (UTF-8 としても CP932 としても読めないバイトがあります)。`,
    )

  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    info: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: 1 << 20,
    // A quote inside an unquoted value (an inch mark: サイズ 5") is part of the value.
    relax_quotes: true,
  })
  // csv-parse compares every record with the first one's length and, even with relax_column_count,
  // builds an error object (with a stack) for each that differs: with title rows above the header that
  // is every data row, and most of the time. We check the width ourselves, so tell it the header's.
  function expectWidth(n: number): void {
    const state = (parser as unknown as {state?: {expectedRecordLength?: number}}).state
    if (state && typeof state.expectedRecordLength === 'number') state.expectedRecordLength = n
  }
  try {
    const input = createReadStream(options.path, {highWaterMark: CHUNK})
    const onBytes = options.onBytes
    if (onBytes) {
      let read = 0
      input.on('data', (chunk) => onBytes((s.size + (read += chunk.length)) / 2, s.size))
    }
    await pipeline(input, new DecodeStream(encoding, badBytes), parser, consumer)
  } catch (error) {
    if (error instanceof InputError) throw error
    if (!(error instanceof Abort)) {
      const e = error as Error & {code?: string; lines?: number}
      if (typeof e.code === 'string' && /^(CSV_)?[A-Z_]+$/.test(e.code)) {
        const line = e.lines ?? previousEnd + 1
        const reason =
          e.code === 'CSV_QUOTE_NOT_CLOSED'
            ? '引用符 (") が閉じられていません'
            : e.code === 'CSV_MAX_RECORD_SIZE'
              ? '1行が長すぎます (1 MB 超)。引用符の閉じ忘れかもしれません'
              : `CSV の書式の誤りです (${e.code})`
        throw new InputError(`${where} ${line}行目付近: CSV として読めません: ${reason}。`)
      }
      throw error
    }
  }
  if (problems.total > 0) throw new InputError(`${where} に誤りがあります (${problems.total} 件)。ファイルは取り込んでいません。`, problems.list())
  const stats = reader!.finish()
  if (stats.records === 0) throw new InputError(`${where}: 見出し行 (${headerRow}行目) の下に${kindLabel(header!.kind)}の行がありません。`)
  if (stats.skipped > 0) notes.push(`定義でない行 ${stats.skipped} 行を読み飛ばしました (注記・見出しの繰り返しなど)`)
  return {
    format,
    encoding: encoding,
    sha256: s.sha256,
    counts: {[header!.kind]: stats.records},
    notes,
    warnings: warnings.list(),
  }
}
