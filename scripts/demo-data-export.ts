/**
 * A small data export of the fictional みどり市 (JUMIN_KIHON, CP932), for `fitgap data profile` in the demo. Every
 * person is made up. It holds what real exports hold: a user-defined 外字 (CP932 F040), an IBM extension kanji (髙),
 * half-width kana, 和暦 dates including ones that do not exist, and codes the standard list lacks.
 */
import iconv from 'iconv-lite'

const HEADER = ['ATENA_NO', 'SHIMEI', 'SHIMEI_KANA', 'SEINENGAPPI', 'SEIBETSU_CD', 'JUMIN_SBT', 'JUMIN_JOTAI', 'TEL_NO']

/** [宛名番号, 氏名 (〓 = the 外字), ｶﾅ, 和暦 GYYMMDD, 性別, 種別, 状態, 電話] */
const ROWS: string[][] = [
  ['100000000000011', '緑川一郎', 'ﾐﾄﾞﾘｶﾜ ｲﾁﾛｳ', '3450102', '1', '1', '01', '0120-000-001'],
  ['100000000000029', '緑川花子', 'ﾐﾄﾞﾘｶﾜ ﾊﾅｺ', '3470315', '2', '1', '01', '0120-000-001'],
  ['100000000000037', '髙森〓太', 'ﾀｶﾓﾘ ｼｮｳﾀ', '4010108', '1', '1', '01', ''],
  ['100000000000045', '若葉みどり', 'ﾜｶﾊﾞ ﾐﾄﾞﾘ', '4310501', '2', '1', '01', '0120-000-002'],
  ['100000000000053', '青山次郎', 'ｱｵﾔﾏ ｼﾞﾛｳ', '5010501', '1', '1', '02', ''],
  ['100000000000061', '森野さくら', 'ﾓﾘﾉ ｻｸﾗ', '不詳', '2', '1', '01', ''],
  ['100000000000079', 'ＧＲＥＥＮ　ＡＮＮＡ', 'ｸﾞﾘｰﾝ ｱﾝﾅ', '4200229', '2', '2', '01', '0120-000-003'],
  ['100000000000087', '林〓子', 'ﾊﾔｼ ﾖｳｺ', '3640107', '9', '1', '01', ''],
  ['100000000000095', '山吹太郎', 'ﾔﾏﾌﾞｷ ﾀﾛｳ', '3640108', '1', '1', '01', ''],
  ['100000000000109', '空木健', '', '2101010', '1', '1', '03', ''],
]

const GAIJI = Buffer.from([0xf0, 0x40])

export function demoDataExport(): Buffer {
  const lines = [HEADER, ...ROWS].map((row) => `${row.join(',')}\r\n`)
  return Buffer.concat(
    lines.flatMap((line) =>
      line
        .split('〓')
        .flatMap((part, i) => (i === 0 ? [iconv.encode(part, 'cp932')] : [GAIJI, iconv.encode(part, 'cp932')])),
    ),
  )
}
