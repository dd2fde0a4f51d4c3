/**
 * Text encodings of exports: UTF-8 (with or without BOM), CP932 (Shift_JIS with the Microsoft / NEC / IBM
 * extensions: ①, ㈱, ≒, 髙, 﨑 …) and UTF-16 (Excel's "Unicode テキスト"). Pure: bytes in, text out.
 */
import {createRequire} from 'node:module'

import type Iconv from 'iconv-lite'

/** iconv-lite (half a megabyte of code tables) is loaded by the first CP932 file only: UTF-8 and UTF-16 never need it. */
let iconv: typeof Iconv | undefined
const loadIconv = () => (iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv)

export type EncodingChoice = 'auto' | 'utf-8' | 'cp932'
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'cp932' | 'utf-16le' | 'utf-16be'

export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM付き)',
  cp932: 'CP932 (Shift_JIS)',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
}

export function bomOf(head: Uint8Array): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return undefined
}

const MAGIC: readonly {bytes: number[]; what: string}[] = [
  {bytes: [0x50, 0x4b, 0x03, 0x04], what: 'ZIP 形式 (XLSX・DOCX など。Excel ファイルなら拡張子を .xlsx にしてください)'},
  {bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'Excel 97-2003 (.xls) などの OLE 形式。Excel で .xlsx か CSV に保存し直してください'},
  {bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF'},
  {bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 画像'},
  {bytes: [0xff, 0xd8, 0xff], what: 'JPEG 画像'},
  {bytes: [0x1f, 0x8b], what: 'gzip 圧縮ファイル'},
]

/** When the head of a "text" file is really binary: a description of what it looks like. */
export function binaryKind(head: Uint8Array): string | undefined {
  for (const {bytes, what} of MAGIC) if (bytes.every((b, i) => head[i] === b)) return what
  const bom = bomOf(head)
  if (bom === 'utf-16le' || bom === 'utf-16be') return undefined
  let control = 0
  const n = Math.min(head.length, 8192)
  for (let i = 0; i < n; i++) {
    const b = head[i]!
    if (b === 0) return 'バイナリ (NUL バイトを含む)'
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a && b !== 0x1b)) control++
  }
  // An empty head: 0 / 0 is NaN, never above the ratio.
  return control / n > 0.1 ? 'バイナリ (制御文字が多い)' : undefined
}

/** Incremental strict UTF-8 check (also tells whether any non-ASCII byte was seen). */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', {fatal: true})
  valid = true
  nonAscii = false

  update(chunk: Uint8Array): void {
    if (!this.nonAscii) for (const b of chunk) if (b >= 0x80) {
      this.nonAscii = true
      break
    }
    if (!this.valid) return
    try {
      this.decoder.decode(chunk, {stream: true})
    } catch {
      this.valid = false
    }
  }

  finish(): void {
    if (!this.valid) return
    try {
      this.decoder.decode()
    } catch {
      this.valid = false
    }
  }
}

/** A streaming decoder; the BOM, if any, is dropped. */
export interface TextDecoderStream {
  write(chunk: Uint8Array): string
  end(): string
}

export function createDecoder(encoding: TextEncoding): TextDecoderStream {
  if (encoding === 'cp932') {
    const decoder = loadIconv().getDecoder('cp932')
    return {write: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), end: () => decoder.end() ?? ''}
  }
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding
  const decoder = new TextDecoder(label)
  return {write: (chunk) => decoder.decode(chunk, {stream: true}), end: () => decoder.decode()}
}

export function decodeAll(bytes: Uint8Array, encoding: TextEncoding): string {
  const decoder = createDecoder(encoding)
  return decoder.write(bytes) + decoder.end()
}

/** The encoding named in an XML declaration (`<?xml … encoding="Shift_JIS"?>`), mapped to ours. */
export function xmlDeclaredEncoding(head: Uint8Array): TextEncoding | 'unsupported' | undefined {
  const text = Buffer.from(head.subarray(0, 200)).toString('latin1')
  const match = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text)
  if (!match) return undefined
  const name = match[1]!.toLowerCase().replace(/[_-]/g, '')
  if (name === 'utf8') return 'utf-8'
  if (['shiftjis', 'sjis', 'cp932', 'windows31j', 'ms932', 'xsjis', 'mskanji'].includes(name)) return 'cp932'
  if (name === 'utf16') return 'utf-16le'
  return 'unsupported'
}

