import type ExcelJS from 'exceljs'

import {VERDICT_LABELS} from '../model/decision.js'
import {SEVERITY_LABELS} from '../model/finding.js'
import {BODY_FONT_SIZE} from './print-layout.js'

/** Colours and fonts of the Fit&Gap workbook; 凡例 explains every one of them from these same constants. */
export const FONT = {name: 'Meiryo UI', size: BODY_FONT_SIZE}
export const HEADER_ARGB = 'FF1F4E79'
export const EDIT_HEADER_ARGB = 'FFC65911'
export const HEADER_FONT = {...FONT, bold: true, color: {argb: 'FFFFFFFF'}}

export const solid = (argb: string): ExcelJS.Fill => ({type: 'pattern', pattern: 'solid', fgColor: {argb}})
export const HEADER_FILL = solid(HEADER_ARGB)
export const EDIT_HEADER_FILL = solid(EDIT_HEADER_ARGB)

/** Fill colours by the leading mark of a 判定 label. */
export const VERDICT_COLOURS: readonly (readonly [mark: string, argb: string, label: string])[] = [
  ['○', 'FFC6EFCE', VERDICT_LABELS.fit],
  ['△', 'FFFFEB9C', VERDICT_LABELS.partial],
  ['×', 'FFFFC7CE', VERDICT_LABELS.gap],
  ['−', 'FFE7E6E6', VERDICT_LABELS.na],
]
/** Fill colours by severity label. */
export const SEVERITY_COLOURS: readonly (readonly [label: string, argb: string])[] = [
  [SEVERITY_LABELS.error, 'FFFFC7CE'],
  [SEVERITY_LABELS.warning, 'FFFFEB9C'],
  [SEVERITY_LABELS.info, 'FFDDEBF7'],
]
/** サマリー: 業務 status fills. */
export const STATUS_COLOURS = {'not-started': 'FFE7E6E6', 'in-progress': 'FFFFEB9C', done: 'FFC6EFCE'} as const
/** サマリー: data bars (判定済み, 担当課の進捗). */
export const DATA_BAR_ARGB = 'FF5B9BD5'
