/**
 * What CSV and XLSX readers share: header search over the first rows, the header-not-found and
 * duplicate-column messages, the title block (テーブル名: … above the header).
 */
import {columnLetter} from '../io/column-letter.js'
import {type CompiledAliases, type HeaderMatch, type ImportKind, KIND_LABELS_JA, matchRole, expectedHeadersText} from './headers.js'

/** How many rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 30

/** Rows shown in the "header not found" message: the non-empty ones among those searched. */
export function describeRows(rows: readonly {row: number; cells: readonly string[]}[], limit = 8): string[] {
  const shown = rows.filter(({cells}) => cells.some((c) => c.trim() !== '')).slice(0, limit)
  if (shown.length === 0) return ['(調べた行はすべて空でした)']
  return shown.map(({row, cells}) => {
    const texts = cells
      .map((c) => c.trim().replace(/\s+/g, ' '))
      .filter((c) => c !== '')
      .slice(0, 8)
      .map((c) => `「${c.length > 20 ? `${c.slice(0, 20)}…` : c}」`)
    return `${row}行目: ${texts.join('')}`
  })
}

export function headerNotFoundProblems(
  aliases: CompiledAliases,
  looked: readonly {row: number; cells: readonly string[]}[],
  kinds: readonly ImportKind[] | undefined,
  indent = '',
): string[] {
  return [
    `${indent}先頭 ${looked.length} 行を調べました:`,
    ...describeRows(looked).map((line) => `${indent}  ${line}`),
    `${indent}見出しとして期待したもの (同じ行に2つ以上):`,
    ...expectedHeadersText(aliases, kinds).map((line) => `${indent}  ${line}`),
  ]
}

export const HEADER_HINT =
  '見出しの別名はワークスペースの mappings/header-aliases.yaml に、業者独自の形式は --profile で指定できます (docs/current-import.md)。'

/** Duplicate recognised header texts → messages (the leftmost would silently win otherwise). */
export function duplicateHeaderProblems(header: HeaderMatch, where: string, headerRow: number): string[] {
  return header.duplicates
    .filter((d) => d.role !== 'category')
    .map(
      (d) =>
        `${where} ${headerRow}行目: 見出し「${d.text}」が ${d.columns.map((c) => `${columnLetter(c)}列`).join('・')} にあり、どの列を使うか決められません。片方の見出しを変えるか、--profile で指定してください。`,
    )
}

/**
 * The table named in a title block above the header: a cell such as テーブルID / テーブル名 with its value
 * in the next non-empty cell to the right. The physical name (テーブルID) wins over the logical one.
 */
export function titleBlockTable(aliases: CompiledAliases, rowsAbove: readonly (readonly string[])[]): string | undefined {
  const found: {role: string; value: string}[] = []
  for (const cells of rowsAbove) {
    cells.forEach((text, i) => {
      const role = matchRole(aliases, 'fields', text)
      if (role !== 'table' && role !== 'tableLabel') return
      const value = cells.slice(i + 1).find((c) => c.trim() !== '')?.trim()
      if (value === undefined || matchRole(aliases, 'fields', value) !== undefined) return
      found.push({role, value})
    })
  }
  // 「テーブル名」 holds the physical name in some workbooks and the Japanese one in others:
  // an identifier-like value (JUMIN_KIHON) is the physical name whatever its label says.
  const identifier = /^[A-Za-z][\w.$#-]*$/
  return (
    found.find((f) => f.role === 'table' && identifier.test(f.value))?.value ??
    found.find((f) => identifier.test(f.value))?.value ??
    found.find((f) => f.role === 'table')?.value ??
    found[0]?.value
  )
}

export const kindLabel = (kind: ImportKind): string => KIND_LABELS_JA[kind]
