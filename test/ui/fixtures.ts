/** A small hand-made review input (no file system, no matcher) for the reducer and layout tests. */
import type {MappingFile} from '../../src/mapping/model.js'
import type {FieldInfo} from '../../src/ui/review/search.js'
import type {MatchCandidate, ReviewFilter, ReviewInput, ReviewItem} from '../../src/ui/review/state.js'

export const ITEMS: ReviewItem[] = [
  {id: '001001001', name: '宛名番号', group: '個人基本', type: '文字', length: 15, required: true, description: '住民を一意に識別する番号。'},
  {
    id: '001001002',
    name: '氏名',
    group: '個人基本',
    type: '文字',
    length: 100,
    required: true,
    description: '住民票に記載された氏名。',
    readings: ['simei'], // as the matcher's analyzer gives it (load.ts)
  },
  {id: '001001003', name: '氏名フリガナ', group: '個人基本', type: '文字', length: 100, required: false},
  {id: '001001012', name: '生年月日', group: '個人基本', type: '日付', required: true, readings: ['seinengappi']},
  {id: '001002005', name: '方書', group: '住所', type: '文字', length: 100, required: false, description: 'アパート名・部屋番号など。'},
  {id: '001003009', name: '住所を定めた年月日', group: '住所', type: '日付', required: false},
]

export const FIELDS: FieldInfo[] = [
  {ref: 'JUMIN.ATENA_NO', table: 'JUMIN', column: 'ATENA_NO', label: '宛名番号', type: '文字', length: 15, required: true},
  {ref: 'JUMIN.SHIMEI', table: 'JUMIN', column: 'SHIMEI', label: '氏名', type: '文字', length: 100},
  {ref: 'JUMIN.SHIMEI_KANA', table: 'JUMIN', column: 'SHIMEI_KANA', label: 'ｼﾒｲｶﾅ', type: '文字', length: 100},
  {ref: 'JUMIN.SEINENGAPPI', table: 'JUMIN', column: 'SEINENGAPPI', label: '', type: '日付'},
  {ref: 'JUMIN.KATAGAKI', table: 'JUMIN', column: 'KATAGAKI', label: '方書', type: '文字', length: 60},
  {ref: 'JUMIN.UPD_USER', table: 'JUMIN', column: 'UPD_USER', label: '更新者', type: '文字', length: 10},
]

const m = (ref: string, score: number, reason: string): MatchCandidate => ({ref, score, signals: {name: score, type: 1}, reason})

export const MATCHES = new Map<string, MatchCandidate[]>([
  ['001001002', [m('JUMIN.SHIMEI', 0.94, '名称が一致'), m('JUMIN.SHIMEI_KANA', 0.7, '読みが一致・ただし区分が異なる')]],
  ['001001003', [m('JUMIN.SHIMEI_KANA', 0.9, '読みが一致'), m('JUMIN.SHIMEI', 0.69, '名称が一致・ただし区分が異なる')]],
  ['001001012', [m('JUMIN.SEINENGAPPI', 0.55, '読みが一致 (seinengappi)')]],
  ['001002005', [m('JUMIN.KATAGAKI', 0.4, '名称が一致・桁が短い')]],
])

/** 宛名番号 already confirmed; 氏名 has a suggestion in the file; 生年月日 a rejected one. */
export const MAPPING: MappingFile = {
  version: 1,
  area: 'jumin',
  edition: 'rep-1',
  items: [
    {item: '001001001', name: '宛名番号', entries: [{refs: ['JUMIN.ATENA_NO'], status: 'confirmed', score: 0.95, by: '山田', at: '2025-05-01'}]},
    {
      item: '001001002',
      name: '氏名',
      entries: [{refs: ['JUMIN.SHIMEI'], status: 'suggested', score: 0.94, signals: {name: 1, reading: 1, type: 1}, reason: '名称が一致・読みが一致 (simei)'}],
    },
    {item: '001001012', name: '生年月日', entries: [{refs: ['JUMIN.UPD_USER'], status: 'rejected', score: 0.31, by: '山田', note: '更新者は別物'}]},
  ],
  currentOnly: [{ref: 'JUMIN.UPD_USER', by: '山田', note: '監査項目'}],
}

export function reviewInput(filter: ReviewFilter = 'unmapped', mapping: MappingFile = MAPPING): ReviewInput {
  return {
    areaSlug: 'jumin',
    areaName: '住民基本台帳',
    items: ITEMS,
    fields: FIELDS,
    matches: MATCHES,
    mapping,
    filter,
    threshold: 0.6,
    by: 'テスト 太郎',
    today: '2026-01-15',
  }
}
