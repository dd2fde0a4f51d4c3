import {ENCODING_LABELS, type TextEncoding} from '../current/encoding.js'
import type {Area} from '../model/area.js'
import {columnProblems, DATA_CHECK_LABELS} from './problems.js'
import type {ProfileResult} from './run-profile.js'

export function renderProfile(area: Area, result: ProfileResult): string {
  const lines: string[] = [`${area.name} (${area.slug}) のデータを検査しました (標準仕様 ${result.edition})。`, '']
  for (const file of result.files) {
    lines.push(`${file.file}  [${ENCODING_LABELS[file.encoding as TextEncoding] ?? file.encoding}]  テーブル ${file.table}  ${file.rows.toLocaleString('ja-JP')} 行`)
    if (file.ragged > 0) lines.push(`  注意: 列の数が見出しと違う行が ${file.ragged} 行あります。`)
    for (const col of file.columns) {
      const problems = columnProblems(col)
      lines.push(
        `  ${col.column} → ${col.itemId} ${col.itemName}: 空 ${col.empty} / 最大 ${col.maxChars} 文字 (${col.maxBytes} バイト)${col.length !== undefined ? ` / 標準 ${col.length} 桁` : ''}${problems.length === 0 ? ' — 問題なし' : ''}`,
      )
      for (const p of problems) lines.push(`    ${p.attention ? '!' : '-'} ${DATA_CHECK_LABELS[p.kind]} ${p.count} 件: ${p.detail}`)
    }
    if (file.skippedColumns.length > 0) lines.push(`  対応付けのない列 (検査せず): ${file.skippedColumns.join(', ')}`)
    lines.push('')
  }
  lines.push(`結果 (件数と伏せ字の例のみ。値そのものは保存しません): ${result.stored}`, `ブックの「データ検査」シートに載ります: fitgap analyze`)
  return `${lines.join('\n')}\n`
}
