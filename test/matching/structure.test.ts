import {describe, expect, it} from 'vitest'

import {assignOneToOne, DEFAULT_ACCEPT_THRESHOLD, type FieldInput, type StandardItem} from '../../src/matching/engine.js'
import {flagDateConflict, systemColumnKind} from '../../src/matching/system-columns.js'
import {matcher} from './helpers.js'

const ITEMS: StandardItem[] = [
  {id: 'A01', group: '個人基本', name: '宛名番号', type: 'text', length: 15},
  {id: 'A02', group: '個人基本', name: '世帯番号', type: 'text', length: 15},
  {id: 'A03', group: '個人基本', name: '地区コード', type: 'code', length: 4},
  {id: 'A04', group: '個人基本', name: '住民票コード', type: 'text', length: 11},
  {id: 'A05', group: '個人基本', name: '氏名', type: 'text', length: 100},
  {id: 'A06', group: '個人基本', name: '氏名（アルファベット）', type: 'text', length: 100},
  {id: 'A07', group: '個人基本', name: '生年月日', type: 'date'},
  {id: 'A08', group: '個人基本', name: '氏名フリガナ確認フラグ', type: 'flag'},
  {id: 'A09', group: '個人基本', name: '振り仮名の記載年月日', type: 'date'},
  {id: 'B01', group: '証明書交付', name: '交付日時', type: 'datetime'},
  {id: 'B02', group: '証明書交付', name: '操作者ID', type: 'text', length: 20},
  {id: 'B03', group: '証明書交付', name: '操作年月日', type: 'date'},
  {id: 'B04', group: '証明書交付', name: '操作時刻', type: 'text', length: 8},
  {id: 'B05', group: '証明書交付', name: '処分フラグ', type: 'flag'},
]
const T = 'JUMIN_KIROKU'
const field = (column: string, label: string, type?: FieldInput['type'], length?: number): FieldInput => ({table: T, column, label, type, length})
const nameOf = (id: string | undefined) => ITEMS.find((i) => i.id === id)?.name
const run = (fields: FieldInput[], items = ITEMS) => matcher().match(items, fields, {topK: 5, minScore: 0})

describe('vendor abbreviations', () => {
  it('takes SETAI_CD (世帯コード) to 世帯番号: CD ≈ コード ≈ 番号 for identifiers', () => {
    const result = run([field('SETAI_CD', '世帯コード', 'text', 15), field('SETAI_CD2', '', 'text', 15)])
    for (const ref of [`${T}.SETAI_CD`, `${T}.SETAI_CD2`]) {
      const top = result.byField.get(ref)![0]!
      expect(nameOf(top.itemId)).toBe('世帯番号')
      expect(top.score).toBeGreaterThanOrEqual(DEFAULT_ACCEPT_THRESHOLD)
    }
  })

  it('finds a synonym even when a large catalogue has many items sharing its words', () => {
    const filler: StandardItem[] = Array.from({length: 40}, (_, i) => ({id: `Z${i}`, group: '世帯', name: `世帯${['区分', '構成', '人数', '種別', '状態'][i % 5]}${i}`, type: 'code'}))
    const result = run([field('SETAI_CD', '世帯コード', 'text', 15)], [...ITEMS, ...filler])
    expect(nameOf(result.byField.get(`${T}.SETAI_CD`)![0]!.itemId)).toBe('世帯番号')
  })
})

describe('system (audit) columns', () => {
  it('recognises them by label or physical name, and leaves business columns alone', () => {
    expect(systemColumnKind('更新者', 'UPD_USER')).toBe('operator')
    expect(systemColumnKind('', 'UPD_TIMESTAMP')).toBe('timestamp')
    expect(systemColumnKind('作成日時', 'X1')).toBe('timestamp')
    expect(systemColumnKind('', 'DEL_FLG')).toBe('deleted')
    expect(systemColumnKind('バージョン', 'VERSION_NO')).toBe('version')
    expect(systemColumnKind('交付日時', 'KOFU_YMDHMS')).toBeUndefined()
    expect(systemColumnKind('メモ登録日時', 'MEMO_TOROKU_YMDHMS')).toBeUndefined()
  })

  it('go to the 操作 items when the catalogue has them, never to a business date', () => {
    const result = run([field('UPD_USER', '更新者', 'text', 20), field('UPD_TIMESTAMP', '更新日時', 'datetime'), field('INS_YMDHMS', '作成日時', 'datetime')])
    expect(nameOf(result.byField.get(`${T}.UPD_USER`)![0]!.itemId)).toBe('操作者ID')
    const updated = result.byField.get(`${T}.UPD_TIMESTAMP`)!.map((c) => nameOf(c.itemId))
    expect(updated.slice(0, 2).sort()).toEqual(['操作年月日', '操作時刻'])
    expect(updated).not.toContain('交付日時')
    expect(result.byField.get(`${T}.UPD_TIMESTAMP`)![0]!.reason).toContain('システム管理用の列')
    expect(result.byItem.get('B01')?.map((c) => c.ref) ?? []).not.toContain(`${T}.INS_YMDHMS`)
  })

  it('have no candidate at all when the catalogue has no 操作 items, and are reported as system columns', () => {
    const business = ITEMS.filter((i) => !i.name.startsWith('操作'))
    const fields = [field('UPD_USER', '更新者', 'text', 20), field('UPD_TIMESTAMP', '更新日時', 'datetime'), field('DEL_FLG', '削除フラグ', 'flag', 1), field('VERSION', 'バージョン', 'number', 5)]
    const result = run(fields, business)
    for (const f of fields) {
      expect(result.byField.get(`${T}.${f.column}`) ?? []).toEqual([])
      expect(result.systemColumns.has(`${T}.${f.column}`)).toBe(true)
    }
  })
})

describe('types as evidence', () => {
  it('never matches a flag with a date, whatever the names share', () => {
    expect(flagDateConflict({name: '振り仮名の記載年月日', type: 'date'}, {label: '振り仮名記載フラグ', column: 'X', type: 'flag'})).toBe(true)
    expect(flagDateConflict({name: '処分フラグ', type: 'flag'}, {label: '', column: 'SHOBUN_YMD'})).toBe(true)
    const result = run([field('FURIGANA_KISAI_FLG', '振り仮名記載フラグ', 'flag', 1), field('KOFU_FLG', '交付フラグ', 'flag', 1)])
    const furigana = result.byField.get(`${T}.FURIGANA_KISAI_FLG`)!.map((c) => nameOf(c.itemId))
    expect(furigana).not.toContain('振り仮名の記載年月日')
    expect(result.byField.get(`${T}.KOFU_FLG`)!.map((c) => nameOf(c.itemId))).not.toContain('交付日時')
  })

  it('keeps 氏名（漢字） below the threshold for 氏名（アルファベット）', () => {
    const result = run([field('SHIMEI_KJ', '氏名（漢字）', 'text', 100)])
    const alphabet = result.byItem.get('A06')?.[0]
    expect(alphabet === undefined || alphabet.score < DEFAULT_ACCEPT_THRESHOLD).toBe(true)
    expect(nameOf(result.byField.get(`${T}.SHIMEI_KJ`)![0]!.itemId)).toBe('氏名')
  })
})

describe('one-to-one within a table', () => {
  it('gives a column to one item only, the best-scored pair first', () => {
    const result = run([field('SETAI_CD', '世帯コード', 'text', 15)])
    const assigned = assignOneToOne(result, 0.3)
    const users = [...assigned.values()].filter((c) => c.ref === `${T}.SETAI_CD`)
    expect(users.map((c) => nameOf(c.itemId))).toEqual(['世帯番号'])
  })
})

describe('English compounds and breadcrumbs', () => {
  const items: StandardItem[] = [
    {id: 'C01', group: '申請', name: '開始年月日', type: 'date'},
    {id: 'C02', group: '申請', name: '終了年月日', type: 'date'},
    {id: 'C03', group: '申請', name: '発行年月日', type: 'date'},
    {id: 'C04', group: '申請', name: '郵便番号', type: 'text', length: 7},
    {id: 'C05', group: '申請', name: '詳細', type: 'text'},
    {id: 'C06', group: '申請', name: '住所', type: 'text'},
    {id: 'C07', group: '申請', name: '申請者住所', type: 'text'},
    {id: 'C08', group: '申請', name: 'その他', type: 'text'},
  ]
  const top = (f: FieldInput) => items.find((i) => i.id === matcher().match(items, [f], {topK: 3, minScore: 0}).byField.get(`${f.table}.${f.column}`)?.[0]?.itemId)?.name

  it('splits run-together, snake and spaced English names', () => {
    expect(top({table: 'app', column: 'startdate', label: ''})).toBe('開始年月日')
    expect(top({table: 'app', column: 'enddate', label: ''})).toBe('終了年月日')
    expect(top({table: 'app', column: 'CFT_issue_date', label: ''})).toBe('発行年月日')
  })

  it('judges a breadcrumb label mainly by its last segment', () => {
    expect(top({table: 'form', column: 'F1', label: '申請者住所>郵便番号'})).toBe('郵便番号')
    expect(top({table: 'form', column: 'F2', label: 'その他>詳細'})).toBe('詳細')
  })
})
