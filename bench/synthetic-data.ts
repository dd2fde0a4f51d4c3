/** Seeded synthetic standard items and vendor-style current fields for the benchmarks. */
import {toRomaji} from 'wanakana'

import type {FieldInput, StandardItem} from '../src/matching/engine.js'
import {rng} from '../scripts/seeded-random.js'

const WORDS: [string, string][] = [
  ['住所', 'ジュウショ'], ['氏名', 'シメイ'], ['生年月日', 'セイネンガッピ'], ['性別', 'セイベツ'], ['世帯', 'セタイ'],
  ['続柄', 'ツヅキガラ'], ['番号', 'バンゴウ'], ['コード', 'コード'], ['区分', 'クブン'], ['年月日', 'ネンガッピ'],
  ['転入', 'テンニュウ'], ['転出', 'テンシュツ'], ['転居', 'テンキョ'], ['異動', 'イドウ'], ['事由', 'ジユウ'],
  ['届出', 'トドケデ'], ['本籍', 'ホンセキ'], ['筆頭者', 'ヒットウシャ'], ['郵便', 'ユウビン'], ['電話', 'デンワ'],
  ['課税', 'カゼイ'], ['所得', 'ショトク'], ['控除', 'コウジョ'], ['税額', 'ゼイガク'], ['年度', 'ネンド'],
  ['被保険者', 'ヒホケンシャ'], ['資格', 'シカク'], ['取得', 'シュトク'], ['喪失', 'ソウシツ'], ['保険料', 'ホケンリョウ'],
  ['給付', 'キュウフ'], ['申請', 'シンセイ'], ['決定', 'ケッテイ'], ['通知', 'ツウチ'], ['交付', 'コウフ'],
  ['受給', 'ジュキュウ'], ['認定', 'ニンテイ'], ['期間', 'キカン'], ['開始', 'カイシ'], ['終了', 'シュウリョウ'],
  ['金額', 'キンガク'], ['口座', 'コウザ'], ['金融機関', 'キンユウキカン'], ['支店', 'シテン'], ['名義', 'メイギ'],
  ['児童', 'ジドウ'], ['保護者', 'ホゴシャ'], ['学校', 'ガッコウ'], ['学年', 'ガクネン'], ['入学', 'ニュウガク'],
  ['健診', 'ケンシン'], ['接種', 'セッシュ'], ['予防', 'ヨボウ'], ['医療', 'イリョウ'], ['機関', 'キカン'],
  ['障害', 'ショウガイ'], ['等級', 'トウキュウ'], ['手帳', 'テチョウ'], ['介護', 'カイゴ'], ['要介護', 'ヨウカイゴ'],
  ['年金', 'ネンキン'], ['免除', 'メンジョ'], ['納付', 'ノウフ'], ['滞納', 'タイノウ'], ['督促', 'トクソク'],
  ['土地', 'トチ'], ['家屋', 'カオク'], ['評価', 'ヒョウカ'], ['地番', 'チバン'], ['地目', 'チモク'],
  ['車両', 'シャリョウ'], ['登録', 'トウロク'], ['廃車', 'ハイシャ'], ['印鑑', 'インカン'], ['選挙', 'センキョ'],
  ['投票', 'トウヒョウ'], ['名簿', 'メイボ'], ['外国人', 'ガイコクジン'], ['在留', 'ザイリュウ'], ['国籍', 'コクセキ'],
  ['通称', 'ツウショウ'], ['旧氏', 'キュウウジ'], ['方書', 'カタガキ'], ['宛名', 'アテナ'], ['送付先', 'ソウフサキ'],
  ['代理人', 'ダイリニン'], ['担当', 'タントウ'], ['備考', 'ビコウ'], ['状態', 'ジョウタイ'], ['履歴', 'リレキ'],
  ['連番', 'レンバン'], ['件数', 'ケンスウ'], ['合計', 'ゴウケイ'], ['前回', 'ゼンカイ'], ['今回', 'コンカイ'],
  ['予定', 'ヨテイ'], ['実績', 'ジッセキ'], ['理由', 'リユウ'], ['種別', 'シュベツ'], ['対象', 'タイショウ'],
  ['支給', 'シキュウ'], ['停止', 'テイシ'], ['再開', 'サイカイ'], ['変更', 'ヘンコウ'], ['削除', 'サクジョ'],
  ['発行', 'ハッコウ'], ['証明', 'ショウメイ'], ['世帯主', 'セタイヌシ'], ['配偶者', 'ハイグウシャ'], ['扶養', 'フヨウ'],
  ['勤務先', 'キンムサキ'], ['収入', 'シュウニュウ'], ['資産', 'シサン'], ['負債', 'フサイ'], ['保育', 'ホイク'],
  ['施設', 'シセツ'], ['利用', 'リヨウ'], ['料金', 'リョウキン'], ['減免', 'ゲンメン'], ['還付', 'カンプ'],
  ['充当', 'ジュウトウ'], ['分割', 'ブンカツ'], ['期別', 'キベツ'], ['調定', 'チョウテイ'], ['収納', 'シュウノウ'],
  ['差押', 'サシオサエ'], ['執行', 'シッコウ'], ['猶予', 'ユウヨ'], ['事業所', 'ジギョウショ'], ['法人', 'ホウジン'],
  ['代表者', 'ダイヒョウシャ'], ['所在地', 'ショザイチ'], ['資本金', 'シホンキン'], ['従業員', 'ジュウギョウイン'], ['決算', 'ケッサン'],
]
const GROUPS = ['個人基本', '世帯', '住所', '異動', '課税', '資格', '給付', '口座', '申請', '履歴', '施設', '事業所']

const vendorRomaji = (kana: string) => toRomaji(kana).toUpperCase().replace(/OU/g, 'O').replace(/UU/g, 'U')

export function syntheticData(standardCount: number, currentCount: number, seed = 7): {items: StandardItem[]; fields: FieldInput[]} {
  const random = rng(seed)
  const pickIndex = (n: number) => Math.floor(random() * n)
  const items: StandardItem[] = []
  const used = new Set<string>()
  const parts: number[][] = []
  while (items.length < standardCount) {
    const n = 2 + pickIndex(3)
    const words = Array.from({length: n}, () => pickIndex(WORDS.length))
    const name = words.map((w) => WORDS[w]![0]).join('')
    if (used.has(name)) continue
    used.add(name)
    parts.push(words)
    const id = String(items.length + 1).padStart(9, '0')
    items.push({id, group: GROUPS[pickIndex(GROUPS.length)]!, name, type: random() < 0.3 ? 'date' : 'text', length: 10 + pickIndex(90)})
  }
  const fields: FieldInput[] = []
  for (let i = 0; i < currentCount; i++) {
    const table = `T_${String(pickIndex(400)).padStart(3, '0')}`
    const k = pickIndex(items.length)
    const words = parts[k]!
    const style = random()
    let column: string
    let label = ''
    if (style < 0.4) column = words.map((w) => vendorRomaji(WORDS[w]![1])).join('_')
    else if (style < 0.6) {
      column = `C${i}`
      label = words.map((w) => WORDS[w]![0]).join('')
    } else if (style < 0.75) {
      column = `K${i}`
      label = words.map((w) => WORDS[w]![1]).join('')
    } else {
      // Noise: vendor-only fields built from the same words in other orders.
      const noise = Array.from({length: 2 + pickIndex(2)}, () => pickIndex(WORDS.length))
      column = `${noise.map((w) => vendorRomaji(WORDS[w]![1])).join('_')}_${i}`
    }
    fields.push({table, column, label, type: random() < 0.5 ? 'text' : undefined, length: 10 + pickIndex(90)})
  }
  return {items, fields}
}
