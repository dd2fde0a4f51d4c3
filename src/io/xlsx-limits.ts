/**
 * Size limit for .xlsx files, checked from the zip's central directory before anything is inflated: exceljs
 * reads a whole workbook into memory, so a 1 MB zip that inflates to gigabytes (or to millions of identical
 * rows) must be refused up front, with a message, not by running out of memory.
 */
import {InputError} from '../errors.js'

/** exceljs holds several times the XML size in memory; 256 MB of XML is far more than any definition export. */
export const DEFAULT_MAX_XLSX_MB = 256

let maxBytes = DEFAULT_MAX_XLSX_MB * 1024 * 1024

/** Raises (or lowers) the limit for this run: the --max-xlsx-mb flag. */
export function setMaxXlsxMegabytes(mb: number): void {
  maxBytes = mb * 1024 * 1024
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50

/** The uncompressed size of every entry together; undefined when the directory cannot be read (exceljs will say). */
function uncompressedTotal(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const min = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= min; i--)
    if (view.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  if (eocd === -1) return undefined
  const entries = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL) return undefined
    const size = view.getUint32(offset + 24, true)
    // 0xFFFFFFFF: the real size is in a ZIP64 field, and is 4 GB or more anyway.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
  }
  return total
}

/** Throws InputError (exit 2) when the workbook would inflate past the limit. */
export function checkXlsxSize(bytes: Uint8Array, shownPath: string): void {
  const total = uncompressedTotal(bytes)
  if (total === undefined || total <= maxBytes) return
  const mb = (n: number) => Math.ceil(n / 1024 / 1024)
  throw new InputError(
    `${shownPath}: 展開すると ${total >= Number.MAX_SAFE_INTEGER / 4 ? '4096 MB 以上' : `${mb(total)} MB`} になるブックです (上限 ${mb(maxBytes)} MB)。` +
      `読み込むとメモリが足りなくなるため、読んでいません。本当にこの大きさの定義なら --max-xlsx-mb で上限を上げてください (例: --max-xlsx-mb ${Math.min(4096, mb(total) + 64)})。`,
  )
}
