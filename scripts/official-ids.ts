/**
 * Renumbers the bundled catalogues (specs/<slug>/*.yaml) to the official ID scheme (src/specs/official-ids.ts):
 * 機能ID・帳票ID = 業務コード + 4桁, データ項目ID = 業務コード + 5桁. Only `id:` and `dataItem:` values change; comments and
 * layout stay. Running it again changes nothing.
 *
 *   npx tsx scripts/official-ids.ts           # rewrites the bundled catalogues
 *   npx tsx scripts/official-ids.ts --check   # exits 1 if a catalogue still has an old-style ID
 */
import {readFileSync, writeFileSync} from 'node:fs'

import {listCatalogFiles} from '../src/specs/catalog-store.js'
import {officialDataItemId, officialRequirementId} from '../src/specs/official-ids.js'
import {loadRegistry} from '../src/specs/registry.js'

const check = process.argv.includes('--check')
let stale = 0
for (const area of loadRegistry().areas) {
  for (const file of listCatalogFiles(area.slug)) {
    const before = readFileSync(file.file, 'utf8')
    const after = before.replace(/\b(id|dataItem): '(\d+)'/g, (_, key: string, id: string) => {
      const next = id.length === 9 ? officialDataItemId(area, id) : officialRequirementId(area, id)
      return `${key}: '${next}'`
    })
    if (after === before) continue
    stale += 1
    if (check) console.error(`${file.file}: 公式の形でない ID があります`)
    else writeFileSync(file.file, after)
  }
}
if (check && stale > 0) process.exit(1)
console.log(check ? 'OK' : `${stale} ファイルを書き換えました`)
