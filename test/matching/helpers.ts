import {createMatcher, loadMatchResources, type MatchResources} from '../../src/matching/dictionary-loader.js'
import type {Matcher, StandardItem} from '../../src/matching/engine.js'

let resources: MatchResources | undefined

/** The real dictionaries and analyser, loaded once per test file. */
export function matcher(): Matcher {
  resources ??= loadMatchResources()
  return createMatcher(resources)
}

export const ITEMS: StandardItem[] = [
  {id: '001001001', group: '個人基本', name: '宛名番号', nameEn: 'atena_no', type: 'text', length: 15},
  {id: '001001002', group: '個人基本', name: '氏名', type: 'text', length: 100},
  {id: '001001003', group: '個人基本', name: '氏名カナ', type: 'text', length: 100},
  {id: '001001004', group: '個人基本', name: '生年月日', nameEn: 'birth_date', type: 'date'},
  {id: '001001005', group: '個人基本', name: '性別', nameEn: 'sex', type: 'code', length: 1},
  {id: '001002001', group: '住所', name: '住所コード', type: 'code', length: 10},
  {id: '001002002', group: '住所', name: '方書', type: 'text', length: 60},
  {id: '001002003', group: '住所', name: '郵便番号', type: 'text', length: 7},
  {id: '001003001', group: '世帯', name: '続柄', type: 'code', length: 2},
  {id: '001003002', group: '世帯', name: '世帯主氏名', type: 'text', length: 100},
  {id: '001004001', group: '異動', name: '異動年月日', description: '住民票の記載事項に異動があった日', type: 'date'},
  {id: '001004002', group: '異動', name: '公告年月日', type: 'date'},
]
