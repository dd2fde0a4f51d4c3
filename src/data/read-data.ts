/**
 * Streams an exported data file (CSV / TSV, UTF-8 or CP932, detected as `current import` does) record by record:
 * the header row, then each data row. Memory stays bounded whatever the size.
 */
import {createReadStream} from 'node:fs'
import {Writable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {parse} from 'csv-parse'

import {InputError} from '../errors.js'
import {binaryKind, decodeAll, ENCODING_LABELS, type EncodingChoice, type TextEncoding} from '../current/encoding.js'
import {chooseDelimiter, chooseEncoding, DecodeStream, scan} from '../current/read-csv.js'

export interface DataFileInfo {
  readonly sha256: string
  readonly size: number
  readonly encoding: TextEncoding
  readonly format: 'csv' | 'tsv'
}

export interface DataRowSink {
  /** The header row; returns the number of columns a data row should have. */
  header(cells: readonly string[], line: number): void
  row(cells: readonly string[], line: number): void
}

export async function readDataFile(file: {path: string; display: string}, encodingChoice: EncodingChoice, sink: DataRowSink): Promise<DataFileInfo> {
  const where = file.display
  const s = await scan(file.path)
  if (s.size === 0) throw new InputError(`${where}: ファイルが空です (0 バイト)。`)
  const binary = binaryKind(s.head)
  if (binary) throw new InputError(`${where}: CSV (テキスト) ではありません。中身は ${binary} のようです。`)
  const encoding = chooseEncoding({encoding: encodingChoice, display: where}, s)
  const {delimiter, format} = chooseDelimiter({path: file.path}, decodeAll(s.head, encoding))
  let headerSeen = false
  let previousEnd = 0
  const consumer = new Writable({
    objectMode: true,
    write(chunk: {record: string[]; info: {lines: number}}, _enc, callback) {
      try {
        const line = previousEnd + 1
        previousEnd = chunk.info.lines
        if (!headerSeen) {
          if (chunk.record.every((c) => c.trim() === '')) return callback()
          headerSeen = true
          sink.header(chunk.record, line)
        } else sink.row(chunk.record, line)
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
  })
  const badBytes = (line: number): Error =>
    new InputError(
      encodingChoice === 'auto'
        ? `${where} ${line}行目: 文字コードを判別できません (UTF-8 としても CP932 としても読めないバイトがあります)。`
        : `${where} ${line}行目: ${ENCODING_LABELS[encoding]} として読めないバイトがあります (文字化け)。--encoding を確かめてください。`,
    )
  const parser = parse({delimiter, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ['\r\n', '\n', '\r'], max_record_size: 1 << 20})
  try {
    await pipeline(createReadStream(file.path, {highWaterMark: 1 << 20}), new DecodeStream(encoding, badBytes), parser, consumer)
  } catch (error) {
    if (error instanceof InputError) throw error
    const e = error as Error & {code?: string; lines?: number}
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new InputError(`${where} ${e.lines ?? previousEnd + 1}行目付近: CSV として読めません (${e.code === 'CSV_QUOTE_NOT_CLOSED' ? '引用符 (") が閉じられていません' : e.message})。`)
    throw error
  }
  if (!headerSeen) throw new InputError(`${where}: データがありません (見出し行もありません)。`)
  return {sha256: s.sha256, size: s.size, encoding, format}
}
