/**
 * Streams an exported data file (CSV / TSV, UTF-8 or CP932, detected as `current import` does) record by record:
 * the header row, then each data row. Memory stays bounded whatever the size.
 */
import {createReadStream} from 'node:fs'
import {Writable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {InputError} from '../errors.js'
import {binaryKind, decodeAll, ENCODING_LABELS, type EncodingChoice, type TextEncoding} from '../current/encoding.js'
import {chooseDelimiter, chooseEncoding, DecodeStream, scan} from '../current/read-csv.js'
import {CsvSplitter, CsvSyntaxError} from './csv-split.js'

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

/**
 * `onBytes` hears how far the two passes over the file (the checksum and encoding scan, then the rows) have come,
 * as bytes of the file: each pass counts half.
 */
export async function readDataFile(
  file: {path: string; display: string},
  encodingChoice: EncodingChoice,
  sink: DataRowSink,
  onBytes?: (done: number) => void,
): Promise<DataFileInfo> {
  const where = file.display
  const s = await scan(file.path, onBytes && ((done) => onBytes(done / 2)))
  if (s.size === 0) throw new InputError(`${where}: ファイルが空です (0 バイト)。`)
  const binary = binaryKind(s.head)
  if (binary) throw new InputError(`${where}: CSV (テキスト) ではありません。中身は ${binary} のようです。`)
  const encoding = chooseEncoding({encoding: encodingChoice, display: where}, s)
  const {delimiter, format} = chooseDelimiter({path: file.path}, decodeAll(s.head, encoding))
  let headerSeen = false
  const splitter = new CsvSplitter(delimiter.charCodeAt(0), (cells, line) => {
    if (!headerSeen) {
      if (cells.every((c) => c.trim() === '')) return
      headerSeen = true
      sink.header(cells, line)
    } else sink.row(cells, line)
  })
  const consumer = new Writable({
    decodeStrings: false,
    write(chunk: string, _enc, callback) {
      try {
        splitter.write(chunk)
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
    final(callback) {
      try {
        splitter.end()
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
  try {
    const input = createReadStream(file.path, {highWaterMark: 1 << 20})
    if (onBytes) {
      let read = 0
      input.on('data', (chunk) => onBytes((s.size + (read += chunk.length)) / 2))
    }
    await pipeline(input, new DecodeStream(encoding, badBytes), consumer)
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError(`${where} ${error.line}行目付近: CSV として読めません: ${error.reason}。`)
    throw error
  }
  if (!headerSeen) throw new InputError(`${where}: データがありません (見出し行もありません)。`)
  return {sha256: s.sha256, size: s.size, encoding, format}
}
