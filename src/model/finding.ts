export const SEVERITIES = ['error', 'warning', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

export const SEVERITY_LABELS: Record<Severity, string> = {error: '重大', warning: '注意', info: '情報'}

export const FINDING_KINDS = [
  'fit',
  'partial',
  'gap',
  'na',
  'undecided',
  'option-undecided',
  'prohibited-in-use',
  'form-missing',
  'form-field-missing',
  'form-field-extra',
  'form-field-renamed',
  'form-field-reordered',
  'item-unmapped',
  'type',
  'length',
  'required',
  'code',
  'format',
  'width',
  'identity',
  'combine',
  'extra-function',
  'extra-form',
  'extra-field',
  'needs-review',
  'archived-decision',
  'pair-candidate',
  'unplaced-current',
  'unknown-standard-id',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  fit: '適合',
  partial: '部分適合',
  gap: '不適合',
  na: '対象外',
  undecided: '未判定',
  'option-undecided': '標準オプション採否未決定',
  'prohibited-in-use': '実装不可機能を現行で使用',
  'form-missing': '標準帳票に対応する現行帳票なし',
  'form-field-missing': '帳票項目の不足',
  'form-field-extra': '帳票の現行独自項目',
  'form-field-renamed': '帳票項目の名称差異',
  'form-field-reordered': '帳票項目の順序差異',
  'item-unmapped': 'データ項目の対応なし',
  type: '型の変換',
  length: '切り捨てのおそれ',
  required: '必須の差異',
  code: 'コード変換',
  format: '形式の変換',
  width: '文字幅の変換',
  identity: '文字同定',
  combine: '結合・分割',
  'extra-function': '現行独自機能',
  'extra-form': '現行独自帳票',
  'extra-field': '現行独自項目',
  'needs-review': '要再確認 (版の変更)',
  'archived-decision': '削除された要件の判定 (保管)',
  'pair-candidate': '対応候補 (要確認)',
  'unplaced-current': '標準との対応が未確認',
  'unknown-standard-id': '対応表のIDが標準にない',
}

/** Where a finding comes from, for tracing a report row back to its inputs. */
export interface FindingSource {
  /** e.g. "specs/jumin/rep-1.yaml functions[3]" or "current/jumin: 住民.csv 12行". */
  readonly standard?: string
  readonly current?: string
}

export interface Finding {
  /** Stable across runs: the row key the workbook and decisions use. */
  readonly key: string
  readonly area: string
  readonly kind: FindingKind
  readonly severity: Severity
  readonly standardRef?: string
  readonly currentRef?: string
  readonly message: string
  readonly source?: FindingSource
  /** Set when a recorded decision settles the finding (it leaves the open lists and shows as 対応済み). */
  readonly settledBy?: SettledBy
}

export interface SettledBy {
  /** The decision's row key (the finding's own row, or the form / data item it belongs to). */
  readonly key: string
  /** What was decided, as shown to people: "○ 適合 / パラメータ設定". */
  readonly summary: string
}

export const isOpen = (finding: Finding): boolean => finding.settledBy === undefined
