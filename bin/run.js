#!/usr/bin/env node
// oclif and the commands as built by `npm run build` (scripts/build.js): one bundle, oclif included.
import {execute} from '../dist/oclif.js'

await execute({dir: import.meta.url})
