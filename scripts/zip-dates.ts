/**
 * A zip (an .xlsx) stamps every entry with the time it was written, so writing the same workbook twice gives
 * different bytes and a different SHA-256. `fixZipDates` sets every entry's date to one given moment, in the local
 * headers and the central directory (the date is not part of the checksum), so a rebuild with no change writes
 * identical bytes.
 */

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50

/** MS-DOS date and time (2-second resolution) of a moment, in UTC so the bytes do not depend on the machine's zone. */
function dosDateTime(moment: Date): {date: number; time: number} {
  const date = ((moment.getUTCFullYear() - 1980) << 9) | ((moment.getUTCMonth() + 1) << 5) | moment.getUTCDate()
  const time = (moment.getUTCHours() << 11) | (moment.getUTCMinutes() << 5) | Math.floor(moment.getUTCSeconds() / 2)
  return {date, time}
}

/** A copy of the zip whose entries all carry `moment` as their modification date. */
export function fixZipDates(zip: Uint8Array, moment: Date): Buffer {
  const out = Buffer.from(zip)
  const {date, time} = dosDateTime(moment)
  // The end record sits in the last 22 bytes, plus a comment of at most 64 KiB.
  let end = -1
  for (let at = out.length - 22; at >= Math.max(0, out.length - 22 - 0xffff); at--)
    if (out.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at
      break
    }
  if (end < 0) throw new Error('not a zip file: no end of central directory record')
  const entries = out.readUInt16LE(end + 10)
  let at = out.readUInt32LE(end + 16)
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`not a zip file: no central directory header at ${at}`)
    out.writeUInt16LE(time, at + 12)
    out.writeUInt16LE(date, at + 14)
    const local = out.readUInt32LE(at + 42)
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`not a zip file: no local header at ${local}`)
    out.writeUInt16LE(time, local + 10)
    out.writeUInt16LE(date, local + 12)
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32)
  }
  return out
}
