/**
 * The exports of the fictional みどり市's current systems (vendor: ミドリ情報システム), as a vendor would hand
 * them over. Hand-written so the demo shows every kind of finding: renamed, longer, retyped and extra fields,
 * a 実装不可機能 still in use, unused functions, forms with missing, extra, renamed and moved items.
 */

/** [table, table label, column, label, type, length, nullable (Y/N), code table, note] */
export type FieldRow = [string, string, string, string, string, string, string, string, string]

export const JUMIN_FIELDS: FieldRow[] = [
  ['JUMIN_KIHON', '住民基本', 'ATENA_NO', '宛名番号', 'CHAR', '15', 'N', '', '個人を識別する番号'],
  ['JUMIN_KIHON', '住民基本', 'SHIMEI', '氏名', 'NVARCHAR', '120', 'N', '', '外字を含む'],
  ['JUMIN_KIHON', '住民基本', 'SHIMEI_KANA', 'ｼﾒｲｶﾅ', 'NVARCHAR', '100', 'Y', '', ''],
  ['JUMIN_KIHON', '住民基本', 'SHIMEI_EIJI', '氏名（英字）', 'VARCHAR', '100', 'Y', '', '外国人住民のアルファベット氏名'],
  ['JUMIN_KIHON', '住民基本', 'KYUUJI', '旧氏', 'NVARCHAR', '50', 'Y', '', ''],
  ['JUMIN_KIHON', '住民基本', 'TSUSHO', '通称', 'NVARCHAR', '100', 'Y', '', ''],
  ['JUMIN_KIHON', '住民基本', 'SEINENGAPPI', '生年月日', 'CHAR', '7', 'N', '', '和暦 GYYMMDD (元号1桁: 1明治〜5令和)'],
  ['JUMIN_KIHON', '住民基本', 'SEIBETSU_CD', '性別ｺｰﾄﾞ', 'CHAR', '1', 'Y', '性別区分', ''],
  ['JUMIN_KIHON', '住民基本', 'KOJIN_NO', '個人番号', 'CHAR', '12', 'Y', '', ''],
  ['JUMIN_KIHON', '住民基本', 'JUMINHYO_CD', '住民票コード', 'CHAR', '11', 'Y', '', ''],
  ['JUMIN_KIHON', '住民基本', 'JUMIN_SBT', '住民種別', 'CHAR', '1', 'N', '住民種別コード', '日本人・外国人'],
  ['JUMIN_KIHON', '住民基本', 'JUMIN_JOTAI', '住民状態', 'CHAR', '2', 'N', '住民状態コード', ''],
  ['JUMIN_KIHON', '住民基本', 'TEL_NO', '電話番号', 'VARCHAR', '20', 'Y', '', 'ハイフン付き'],
  ['JUMIN_KIHON', '住民基本', 'KOKEN_FLG', '成年被後見人ﾌﾗｸﾞ', 'CHAR', '1', 'Y', '', ''],
  ['JUMIN_KIHON', '住民基本', 'MEMO', 'メモ', 'NVARCHAR', '2000', 'Y', '', '窓口での引継ぎ事項'],
  ['JUMIN_KIHON', '住民基本', 'KEIRO_TAISHO_FLG', '敬老祝金対象フラグ', 'CHAR', '1', 'Y', '', '市独自の敬老祝金事業'],
  ['JUMIN_KIHON', '住民基本', 'JICHIKAI_CD', '自治会コード', 'CHAR', '4', 'Y', '自治会', '市独自'],
  ['SETAI', '世帯', 'SETAI_NO', '世帯番号', 'CHAR', '15', 'N', '', ''],
  ['SETAI', '世帯', 'SETAINUSHI_SHIMEI', '世帯主氏名', 'NVARCHAR', '100', 'Y', '', ''],
  ['SETAI', '世帯', 'ZOKUGARA_CD', '続柄コード', 'CHAR', '3', 'Y', '続柄コード', '市独自の3桁コード'],
  ['SETAI', '世帯', 'NARABI_JUN', '世帯員の並び順', 'NUMBER(3)', '', 'Y', '', ''],
  ['JUMIN_JUSHO', '住所', 'JUSHO', '住所', 'NVARCHAR', '200', 'Y', '', ''],
  ['JUMIN_JUSHO', '住所', 'KATAGAKI', '方書', 'NVARCHAR', '100', 'Y', '', 'マンション名・部屋番号'],
  ['JUMIN_JUSHO', '住所', 'JUSHO_CD', '住所コード', 'CHAR', '13', 'Y', '住所コード', ''],
  ['JUMIN_JUSHO', '住所', 'YUBIN_NO', '郵便番号', 'CHAR', '8', 'Y', '', 'ハイフン付き (123-4567)'],
  ['JUMIN_JUSHO', '住所', 'GYOSEIKU_CD', '行政区ｺｰﾄﾞ', 'CHAR', '3', 'Y', '行政区コード', ''],
  ['JUMIN_JUSHO', '住所', 'JUMIN_YMD', '住民となった年月日', 'DATE', '', 'N', '', ''],
  ['JUMIN_JUSHO', '住所', 'JUSHO_TEITEI_YMD', '住所を定めた年月日', 'DATE', '', 'Y', '', ''],
  ['JUMIN_JUSHO', '住所', 'TENNYUMAE_JUSHO', '転入前住所', 'NVARCHAR', '200', 'Y', '', ''],
  ['HONSEKI', '本籍', 'HONSEKI', '本籍', 'NVARCHAR', '200', 'Y', '', ''],
  ['HONSEKI', '本籍', 'HITTOSHA', '筆頭者', 'NVARCHAR', '100', 'Y', '', ''],
  ['JUMIN_IDO', '異動履歴', 'RIREKI_NO', '履歴番号', 'NUMBER(5)', '', 'N', '', ''],
  ['JUMIN_IDO', '異動履歴', 'IDO_JIYU_CD', '異動事由コード', 'CHAR', '2', 'N', '異動事由', ''],
  ['JUMIN_IDO', '異動履歴', 'IDO_YMD', '異動年月日', 'DATE', '', 'N', '', ''],
  ['JUMIN_IDO', '異動履歴', 'TODOKEDE_YMD', '届出年月日', 'DATE', '', 'Y', '', ''],
  ['JUMIN_IDO', '異動履歴', 'SHORI_YMD', '処理日', 'DATE', '', 'N', '', ''],
  ['JUMIN_IDO', '異動履歴', 'TODOKEDENIN_SHIMEI', '届出人氏名', 'NVARCHAR', '100', 'Y', '', ''],
  ['JUMIN_IDO', '異動履歴', 'BIKO', '備考', 'NVARCHAR', '500', 'Y', '', ''],
  ['JOHYO', '除票', 'SHOJO_JIYU_CD', '消除事由', 'CHAR', '2', 'Y', '消除事由コード', ''],
  ['JOHYO', '除票', 'SHOJO_YMD', '消除年月日', 'DATE', '', 'Y', '', ''],
  ['JOHYO', '除票', 'TENSHUTSU_YOTEI_JUSHO', '転出先住所(予定)', 'NVARCHAR', '200', 'Y', '', ''],
  ['JOHYO', '除票', 'TENSHUTSU_YOTEI_YMD', '転出予定日', 'DATE', '', 'Y', '', ''],
  ['GAIKOKU', '外国人', 'KOKUSEKI_CD', '国籍コード', 'CHAR', '3', 'Y', '国籍・地域コード', ''],
  ['GAIKOKU', '外国人', 'ZAIRYU_SHIKAKU_CD', '在留資格', 'CHAR', '2', 'Y', '在留資格コード', ''],
  ['GAIKOKU', '外国人', 'ZAIRYU_KIKAN', '在留期間', 'NVARCHAR', '20', 'Y', '', ''],
  ['GAIKOKU', '外国人', 'ZAIRYU_MANRYO_YMD', '在留期間満了日', 'DATE', '', 'Y', '', ''],
  ['GAIKOKU', '外国人', 'ZAIRYU_CARD_NO', '在留カード番号', 'CHAR', '12', 'Y', '', ''],
  ['SHIKAKU', '他業務資格', 'SENKYO_TOROKU_FLG', '選挙人名簿登録有無', 'CHAR', '1', 'Y', '', ''],
  ['SHIKAKU', '他業務資格', 'KOKUHO_FLG', '国保資格', 'CHAR', '1', 'Y', '', ''],
  ['SHIKAKU', '他業務資格', 'KISO_NENKIN_NO', '基礎年金番号', 'CHAR', '10', 'Y', '', ''],
]

/** [id, name, description, in use ○/×] */
export type FunctionRow = [string, string, string, string]

/**
 * The vendor's 機能一覧 for 住民基本台帳, in its own words, with a 対応表 column: the standard functions each row
 * covers, by the standard's function name (make-demo.ts turns them into the catalogue's IDs). Empty: none.
 */
export const JUMIN_FUNCTIONS: (readonly [id: string, name: string, description: string, inUse: string, standard: readonly string[]])[] = [
  ['F0101', '住民記録 記載事項登録（日本人）', '住民票の記載事項を登録・修正する', '○', ['日本人住民の記載事項の管理']],
  ['F0102', '住民記録 記載事項登録（外国人）', '在留資格などを含めて管理する', '○', ['外国人住民の記載事項の管理']],
  ['F0103', '除票管理', '消除した住民票を除票として保存する', '○', ['除票の作成と長期保存']],
  ['F0110', '生年月日 和暦西暦併記表示', '画面で生年月日を和暦と西暦で並べて表示する', '○', ['和暦・西暦の併記表示']],
  ['F0120', '異動事由マスタ保守', '', '○', ['異動事由の区分管理']],
  ['F0121', '市独自異動事由の登録', '市独自の異動事由 (職権消除予告など) を追加している', '○', ['標準にない異動事由区分の追加']],
  ['F0130', '住所辞書保守（住居表示・地番）', '', '○', ['住居表示・地番のマスタ管理', '住所辞書の更新と引用']],
  ['F0201', '履歴検索（旧氏名・旧住所）', '', '○', ['過去の氏名・住所を含む検索']],
  ['F0202', '検索結果一覧のCSV出力', '', '○', ['検索結果のCSV出力']],
  ['F0301', '支援措置 期限アラート', '', '○', ['支援措置期間の警告と終了通知']],
  ['F0401', '転入処理（通常・特例）', '', '○', ['転入者情報の入力', '特例転入']],
  ['F0402', '国外転入処理', '', '○', ['国外からの転入']],
  ['F0403', '転出処理（転出証明書発行）', '', '○', ['転出証明書の自動出力']],
  ['F0404', '世帯異動処理「分離・合併・世帯主変更」', '', '○', ['世帯分離・合併・変更・世帯主変更']],
  ['F0405', '誤記訂正', '', '○', ['誤記修正']],
  ['F0406', '異動取消', '', '○', ['異動の取消し']],
  ['F0501', '証明書 認証文・公印印字', '', '○', ['認証文・電子公印・発行番号の印字']],
  ['F0502', '住民票写し 市独自様式出力', '住民票の写しを市独自の様式で出力する', '○', ['標準様式以外の独自レイアウト']],
  ['F0503', '除票写し交付', '', '○', ['除票の写し等の交付']],
  ['F0601', '住基年報作成', '', '○', ['住民基本台帳関係年報の集計']],
  ['F0602', '年齢別人口統計表', '', '○', ['年齢別人口の集計']],
  ['F0603', '異動者リスト出力', '', '○', ['異動者一覧の作成']],
  ['F0701', 'CS送信結果照会・再送', '', '○', ['CS送信情報の照会と再送信']],
  ['F0702', '統一文字変換', '', '○', ['住基ネット統一文字との変換']],
  ['F0801', '操作履歴ログ', '', '○', ['操作ログの取得']],
  ['F0802', '排他ロック制御', '', '○', ['同一住民の排他制御']],
  ['F0803', '帳票印刷・プレビュー', '', '○', ['印刷の指定とプレビュー']],
  ['F0901', '敬老祝金対象者抽出', '市独自の敬老祝金事業の対象者を抽出する', '○', []],
  ['F0902', '自治会加入世帯一覧', '平成末から使っていない', '×', []],
  ['F0903', '郵送請求管理', '導入したが運用していない', '×', ['郵送請求の管理']],
]

/** Forms as XML in fitgap's schema (docs/current-import.md). */
export const JUMIN_FORMS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<!-- みどり市 住民記録システム 帳票定義 (ミドリ情報システム 帳票設計ツールから出力) -->
<currentSystem area="jumin">
  <form id="R001" name="住民票写し（個人）">
    <description>窓口で交付する住民票の写し</description>
    <item name="氏名" type="文字" length="120" source="JUMIN_KIHON.SHIMEI"/>
    <item name="旧氏" source="JUMIN_KIHON.KYUUJI"/>
    <item name="生年月日" source="JUMIN_KIHON.SEINENGAPPI"/>
    <item name="性別" source="JUMIN_KIHON.SEIBETSU_CD"/>
    <item name="続柄" source="SETAI.ZOKUGARA_CD"/>
    <item name="世帯主" source="SETAI.SETAINUSHI_SHIMEI"/>
    <item name="住所" source="JUMIN_JUSHO.JUSHO"/>
    <item name="方書" source="JUMIN_JUSHO.KATAGAKI"/>
    <item name="住民となった年月日" source="JUMIN_JUSHO.JUMIN_YMD"/>
    <item name="住所を定めた年月日" source="JUMIN_JUSHO.JUSHO_TEITEI_YMD"/>
    <item name="本籍" source="HONSEKI.HONSEKI"/>
    <item name="筆頭者" source="HONSEKI.HITTOSHA"/>
    <item name="個人番号" source="JUMIN_KIHON.KOJIN_NO"/>
    <item name="住民票コード" source="JUMIN_KIHON.JUMINHYO_CD"/>
    <item name="発行番号"/>
    <item name="発行年月日" type="日付"/>
    <item name="認証文"/>
    <item name="敬老会のご案内" type="文字" length="200"/>
  </form>
  <form id="R002" name="転出証明書（窓口交付用）">
    <item name="氏名" source="JUMIN_KIHON.SHIMEI"/>
    <item name="フリガナ" source="JUMIN_KIHON.SHIMEI_KANA"/>
    <item name="生年月日" source="JUMIN_KIHON.SEINENGAPPI"/>
    <item name="性別" source="JUMIN_KIHON.SEIBETSU_CD"/>
    <item name="世帯主氏名" source="SETAI.SETAINUSHI_SHIMEI"/>
    <item name="続柄" source="SETAI.ZOKUGARA_CD"/>
    <item name="住所" source="JUMIN_JUSHO.JUSHO"/>
    <item name="方書" source="JUMIN_JUSHO.KATAGAKI"/>
    <item name="本籍" source="HONSEKI.HONSEKI"/>
    <item name="筆頭者" source="HONSEKI.HITTOSHA"/>
    <item name="転出先住所(予定)" source="JOHYO.TENSHUTSU_YOTEI_JUSHO"/>
    <item name="転出予定年月日" source="JOHYO.TENSHUTSU_YOTEI_YMD"/>
    <item name="住民票コード" source="JUMIN_KIHON.JUMINHYO_CD"/>
    <item name="国民健康保険資格" source="SHIKAKU.KOKUHO_FLG"/>
    <item name="発行年月日" type="日付"/>
    <item name="市区町村長職氏名"/>
  </form>
  <form id="R003" name="記載事項証明書">
    <item name="氏名"/>
    <item name="生年月日"/>
    <item name="性別"/>
    <item name="住所"/>
    <item name="方書"/>
    <item name="世帯主氏名"/>
    <item name="続柄"/>
    <item name="住民となった年月日"/>
    <item name="住所を定めた年月日"/>
    <item name="証明事項"/>
    <item name="発行番号"/>
    <item name="発行年月日"/>
    <item name="認証文"/>
    <item name="市区町村長職氏名"/>
  </form>
  <form id="R009" name="敬老会招待者名簿" standardId="">
    <item name="行政区" source="JUMIN_JUSHO.GYOSEIKU_CD"/>
    <item name="氏名" source="JUMIN_KIHON.SHIMEI"/>
    <item name="生年月日" source="JUMIN_KIHON.SEINENGAPPI"/>
    <item name="住所" source="JUMIN_JUSHO.JUSHO"/>
    <item name="自治会" source="JUMIN_KIHON.JICHIKAI_CD"/>
  </form>
</currentSystem>
`

/** 個人住民税: an Excel 項目定義書 (title block, one sheet per table, multi-line headers). [column, label, type, length, required, code] */
export const KOJIN_TABLES: {sheet: string; title: string; rows: [string, string, string, string, string, string][]}[] = [
  {
    sheet: 'ZEI_KOJIN',
    title: '個人住民税 納税義務者',
    rows: [
      ['ATENA_NO', '宛名番号', 'X', '15', '○', ''],
      ['NOZEISHA_NO', '納税者番号', 'X', '15', '○', ''],
      ['SHIMEI_KANJI', '氏名（漢字）', 'N', '100', '○', ''],
      ['SHIMEI_KANA', '氏名（カナ）', 'N', '100', '', ''],
      ['SEINENGAPPI', '生年月日', 'DATE', '', '○', ''],
      ['SEX', '性別', 'X', '1', '', '性別コード'],
      ['YUBIN_NO', '〒', 'X', '8', '', ''],
      ['JUSHO', '住所', 'N', '200', '', ''],
      ['KATAGAKI', '方書', 'N', '100', '', ''],
      ['TEL', '連絡先電話', 'X', '15', '', ''],
      ['SOFUSAKI_SHIMEI', '送付先氏名', 'N', '100', '', ''],
      ['SOFUSAKI_JUSHO', '送付先住所', 'N', '200', '', ''],
    ],
  },
  {
    sheet: 'ZEI_KAZEI',
    title: '個人住民税 課税情報',
    rows: [
      ['KAZEI_NENDO', '課税年度', '9', '4', '○', ''],
      ['TSUCHISHO_NO', '通知書番号', 'X', '20', '', ''],
      ['KYUYO_SHUNYU', '給与収入', '9', '12', '', ''],
      ['KYUYO_SHOTOKU', '給与所得', '9', '12', '', ''],
      ['NENKIN_SHUNYU', '公的年金等収入金額', '9', '12', '', ''],
      ['SOSHOTOKU', '総所得金額', '9', '12', '', ''],
      ['GOKEI_SHOTOKU', '合計所得金額', '9', '13', '', ''],
      ['FUYO_NINZU', '扶養人数', '9', '2', '', ''],
      ['SHOTOKUWARI_SHI', '市民税所得割額', '9', '12', '', ''],
      ['KINTOWARI_SHI', '市民税均等割額', '9', '12', '', ''],
      ['SHOTOKUWARI_KEN', '県民税所得割額', '9', '12', '', ''],
      ['KINTOWARI_KEN', '県民税均等割額', '9', '12', '', ''],
      ['HIKAZEI_KBN', '非課税区分', 'X', '2', '', '非課税区分コード'],
      ['CHOSHU_KBN', '徴収区分', 'X', '1', '', '徴収方法'],
      ['TOKUCHO_GETSUGAKU', '特徴月割額', '9', '12', '', ''],
      ['KIFU_KOJO', '寄附金控除（ふるさと納税）', '9', '12', '', ''],
    ],
  },
  {
    sheet: 'ZEI_TOKUCHO',
    title: '特別徴収義務者',
    rows: [
      ['SHITEI_NO', '特別徴収義務者指定番号', 'X', '15', '○', ''],
      ['JIGYOSHO_MEI', '事業所名称', 'N', '200', '', ''],
      ['JIGYOSHO_JUSHO', '事業所所在地', 'N', '200', '', ''],
      ['HOJIN_NO', '法人番号', 'X', '13', '', ''],
      ['JUKYUSHA_SU', '受給者数', '9', '7', '', ''],
      ['SHOKAI_KAISHA_CD', '紹介会社コード', 'X', '6', '', ''],
    ],
  },
]

export const KOJIN_FUNCTIONS: FunctionRow[] = [
  ['K001', '給与支払報告書データ取込（eLTAX）', 'eLTAX 経由の給与支払報告書を取り込む', '○'],
  ['K002', '年金支払報告書取込', '', '○'],
  ['K003', '国税連携 確定申告書データ取込', '国税連携', '○'],
  ['K004', '課税資料名寄せ処理', '', '○'],
  ['K005', '市県民税申告受付・入力', '', '○'],
  ['K006', '扶養情報管理', '', '○'],
  ['K007', '所得控除計算', '', '○'],
  ['K008', '所得割額算出', '', '○'],
  ['K009', '均等割・森林環境税算出', '', '○'],
  ['K010', '特徴税額決定処理', '', '○'],
  ['K011', '特徴税額通知 電子送付', '', '×'],
  ['K012', '普徴税額決定処理', '', '○'],
  ['K013', '税額更正処理', '', '○'],
  ['K014', '所得・課税証明書発行', '', '○'],
  ['K015', '課税状況調作成', '', '○'],
  ['K016', '特徴税額通知書（事業所用）市様式出力', '事業所向け通知書を市独自様式で出力', '○'],
  ['K017', 'ふるさと納税返礼品の管理', '市独自: 返礼品の発送状況を管理する', '○'],
]

/** 国民健康保険: fields as JSON in fitgap's own model (a vendor that already exports in it). */
export const KOKUHO_FIELDS: {table: string; column: string; label: string; type: string; length?: number; required?: boolean; codeTable?: string}[] = [
  {table: 'KKH_SHIKAKU', column: 'ATENA_NO', label: '宛名番号', type: 'text', length: 15, required: true},
  {table: 'KKH_SHIKAKU', column: 'HIHO_NO', label: '被保険者番号', type: 'text', length: 10, required: true},
  {table: 'KKH_SHIKAKU', column: 'HIHO_KIGO', label: '記号', type: 'text', length: 20},
  {table: 'KKH_SHIKAKU', column: 'EDABAN', label: '枝番', type: 'text', length: 2},
  {table: 'KKH_SHIKAKU', column: 'SHUTOKU_YMD', label: '資格取得日', type: 'date'},
  {table: 'KKH_SHIKAKU', column: 'SHUTOKU_JIYU', label: '取得事由', type: 'code', length: 2, codeTable: '資格取得事由コード'},
  {table: 'KKH_SHIKAKU', column: 'SOSHITSU_YMD', label: '資格喪失日', type: 'date'},
  {table: 'KKH_SHIKAKU', column: 'SOSHITSU_JIYU', label: '喪失事由', type: 'code', length: 2, codeTable: '資格喪失事由コード'},
  {table: 'KKH_SHIKAKU', column: 'FUTAN_WARIAI', label: '一部負担金割合', type: 'code', length: 1, codeTable: '負担割合コード'},
  {table: 'KKH_SHIKAKU', column: 'GIJI_SETAINUSHI_FLG', label: '擬制世帯主フラグ', type: 'flag'},
  {table: 'KKH_SHIKAKU', column: 'TOKUREI_KBN', label: '住所地特例', type: 'code', length: 1, codeTable: '住所地特例区分コード'},
  {table: 'KKH_SHO', column: 'SHO_SHUBETSU', label: '証種別', type: 'code', length: 2, codeTable: '証区分'},
  {table: 'KKH_SHO', column: 'KOFU_YMD', label: '交付日', type: 'date'},
  {table: 'KKH_SHO', column: 'YUKO_KIGEN', label: '有効期限', type: 'date'},
  {table: 'KKH_SHO', column: 'TANKISHO_FLG', label: '短期証フラグ', type: 'flag'},
  {table: 'KKH_FUKA', column: 'NENDO', label: '賦課年度', type: 'number', length: 4, required: true},
  {table: 'KKH_FUKA', column: 'SHOTOKUWARI', label: '所得割額', type: 'number', length: 10},
  {table: 'KKH_FUKA', column: 'KINTOWARI', label: '均等割額', type: 'number', length: 10},
  {table: 'KKH_FUKA', column: 'BYODOWARI', label: '平等割額', type: 'number', length: 10},
  {table: 'KKH_FUKA', column: 'KEIGEN_KBN', label: '軽減区分', type: 'code', length: 1, codeTable: '軽減割合'},
  {table: 'KKH_FUKA', column: 'NENGAKU_HOKENRYO', label: '年税額', type: 'number', length: 12},
]

export const KOKUHO_FUNCTIONS: FunctionRow[] = [
  ['H001', '資格の取得・喪失', '', '○'],
  ['H002', '国保世帯管理', '', '○'],
  ['H003', '資格確認書発行', '', '○'],
  ['H004', '短期被保険者証の発行', '滞納世帯向けに短期証を交付している', '○'],
  ['H005', '所得割・均等割・平等割の算定', '', '○'],
  ['H006', '7・5・2割軽減判定', '', '○'],
  ['H007', '高額療養費の支給', '', '○'],
  ['H008', '出産育児一時金支給処理', '', '○'],
  ['H009', '葬祭費支給処理', '', '○'],
  ['H010', '国保連合会への資格情報送付', '', '○'],
  ['H011', '人間ドック費用助成', '市独自の助成事業', '○'],
]
