import {textWidth} from '../io/text-width.js'

import {describeBorrowed, type LoadedCatalog} from '../specs/catalog-store.js'
import {KIND_LABELS} from '../model/vocabulary.js'
import type {AreaSummary, CatalogCounts} from '../specs/summary.js'

const FACT_MARK: Record<string, string> = {V: '', S: ' (二次資料)', U: ' (未確認)'}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)))
}

/** A plain-text table that aligns full-width Japanese text. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(textWidth(h), ...rows.map((row) => textWidth(row[i] ?? ''))))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n'
}

export function renderAreaTable(areas: readonly AreaSummary[]): string {
  const rows = areas.map((area) => {
    const latest = area.editions.find((e) => e.edition === area.editionInUse)
    const count = (part: 'functions' | 'forms' | 'dataItems') => {
      const from = area.borrowed[part]
      const edition = from !== undefined ? area.editions.find((e) => e.edition === from) : latest
      return edition ? `${edition.counts[part]}${from !== undefined ? ` (${from})` : ''}` : '-'
    }
    return [
      String(area.no),
      area.slug,
      area.name,
      area.ministry,
      area.editions
        .map((e) => `${e.edition}${e.fictional ? '(架空)' : ''}${e.edition === area.editionInUse && area.editions.length > 1 ? '*' : ''}`)
        .join(', ') || '(なし)',
      count('functions'),
      count('forms'),
      count('dataItems'),
    ]
  })
  return (
    renderTable(['No', 'slug', '業務', '所管', '版', '機能', '帳票', 'データ項目'], rows) +
    '\n件数は使う版 (* 印。ワークスペースで指定した版、なければ架空でない最新の版) のものです。使う版にない部分 (機能要件・帳票・データ項目) は、それを持つ最新の版から補い、件数の後に (版) を付けています。\n' +
    '(架空) の版は動作確認用の架空の改定版で、fitgap.yaml の editions や --edition で指定したときだけ使います。所管・仕様書名の確度は `fitgap areas --json` の facts (V: 公式資料 / S: 二次資料 / U: 未確認) を参照してください。\n'
  )
}

export function renderCatalogSummary(area: AreaSummary, catalog: LoadedCatalog, counts: CatalogCounts): string {
  const provenance =
    catalog.provenance.type === 'representative'
      ? `代表例 (公式の本文ではありません): ${catalog.provenance.note}`
      : `公式資料から取込: ${catalog.provenance.source} (${catalog.provenance.importedAt})`
  const lines = [
    `${area.no}. ${area.name} (${area.slug}) — ${catalog.title}`,
    `版: ${catalog.edition}${catalog.publishedAt ? ` (${catalog.publishedAt})` : ''}    所管: ${area.ministry}${FACT_MARK[area.facts.ministry] ?? ''}`,
    `出典: ${provenance}`,
    ...(catalog.attribution ? [`出典の表示: ${catalog.attribution}`] : []),
    ...(catalog.fictional ? ['この版は架空の改定版です (動作確認用)。公式の仕様ではありません。'] : []),
    ...describeBorrowed(catalog).map((line) => `注意: ${line}`),
    '',
    renderTable(
      ['区分', '機能', '帳票'],
      (['mandatory', 'optional', 'prohibited'] as const).map((kind) => [
        KIND_LABELS[kind],
        String(counts.functionsByKind[kind]),
        String(counts.formsByKind[kind]),
      ]).concat([['合計', String(counts.functions), String(counts.forms)]]),
    ),
    `帳票の印字項目: ${counts.formFields}    データ項目: ${counts.dataItems} (うち必須 ${counts.requiredDataItems})`,
    '',
    '機能の分類:',
    ...sectionCounts(catalog).map(([section, n]) => `  ${section}: ${n}`),
    '',
    `全件は --json で出力できます。`,
  ]
  return lines.join('\n') + '\n'
}

function sectionCounts(catalog: LoadedCatalog): [string, number][] {
  const counts = new Map<string, number>()
  for (const fn of catalog.functions) {
    const top = fn.category[0] ?? '(分類なし)'
    counts.set(top, (counts.get(top) ?? 0) + 1)
  }
  return [...counts.entries()]
}
