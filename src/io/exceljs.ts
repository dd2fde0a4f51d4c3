/**
 * exceljs, loaded on first use: it costs about a second of CPU to load, so the commands that need it (imports
 * and workbooks) load it only once they have started their work and shown what they are doing, and every other
 * command never loads it.
 */
import {createRequire} from 'node:module'

import type ExcelJS from 'exceljs'

const require = createRequire(import.meta.url)

export function excelJs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS
}
