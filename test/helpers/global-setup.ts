import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {dropStaleManifest} from '../../scripts/stale-manifest.js'

/** Tests run the sources: a manifest from an older build would list stale commands and flags. */
export default function setup(): void {
  dropStaleManifest(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'))
}
