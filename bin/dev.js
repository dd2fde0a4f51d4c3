#!/usr/bin/env -S node --import tsx
import {fileURLToPath} from 'node:url'

import {execute} from '@oclif/core'

import {dropStaleManifest} from '../scripts/stale-manifest.ts'

dropStaleManifest(fileURLToPath(new globalThis.URL('..', import.meta.url)))
await execute({development: true, dir: import.meta.url})
