#!/usr/bin/env -S node --import tsx
import {execute} from '@oclif/core'

import {dropStaleManifest} from '../scripts/stale-manifest.ts'

dropStaleManifest(new URL('..', import.meta.url).pathname)
await execute({development: true, dir: import.meta.url})
