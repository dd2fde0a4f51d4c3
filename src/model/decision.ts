import * as z from 'zod'

/** 判定: how the current work relates to a standard requirement. */
export const VERDICTS = ['fit', 'partial', 'gap', 'na', 'undecided'] as const
export type Verdict = (typeof VERDICTS)[number]

export const VERDICT_LABELS: Record<Verdict, string> = {
  fit: '○ 適合',
  partial: '△ 部分適合',
  gap: '× 不適合',
  na: '− 対象外',
  undecided: '未判定',
}

/** 対応方針: how a gap is closed. Customisation is the exception and needs a written reason. */
export const POLICIES = [
  'as-standard',
  'bpr',
  'operation',
  'adopt-option',
  'decline-option',
  'parameter',
  'alternative',
  'euc',
  'loose-coupling',
  'request-revision',
  'retire',
  'customize',
] as const
export type Policy = (typeof POLICIES)[number]

export const POLICY_LABELS: Record<Policy, string> = {
  'as-standard': '標準どおり',
  bpr: '業務運用の見直し',
  'adopt-option': '標準オプションを採用',
  'decline-option': '標準オプションを採用しない',
  operation: '運用で対応 (BPR)',
  parameter: 'パラメータ設定',
  alternative: '代替機能',
  euc: 'EUC',
  'loose-coupling': '独自施策システム (疎結合)',
  'request-revision': '仕様改定を要望',
  retire: '廃止',
  customize: 'カスタマイズ (理由必須)',
}

/** 状態 of an entry in the issue register (課題一覧). */
export const ISSUE_STATES = ['todo', 'doing', 'done'] as const
export type IssueState = (typeof ISSUE_STATES)[number]

export const ISSUE_STATE_LABELS: Record<IssueState, string> = {todo: '未着手', doing: '対応中', done: '完了'}

/** Marks typed in many ways (〇 from kana input, ◯, ー or － for −) and spacing are read as one. */
const foldLabel = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[〇◯]/g, '○')
    .replace(/^[-ー－―‐]/, '−')
    .replace(/\s+/g, ' ')
    .replace(/^([○△×−])\s*/, '$1 ')
    .trim()

const labelLookup = <K extends string>(labels: Record<K, string>) => {
  const entries = Object.entries(labels) as [K, string][]
  return (raw: string): K | undefined => {
    const text = foldLabel(raw)
    if (text === '') return undefined
    for (const [key, label] of entries) {
      const bare = label.normalize('NFKC').replace(/^[○△×−-]\s*/, '').replace(/\s*\(.*\)$/, '')
      if (text === key || text === label.normalize('NFKC') || text === bare || text === label.normalize('NFKC').split(' ')[0]) return key
    }
    return undefined
  }
}

/** Accepts the label as shown in the workbook (○ 適合), its bare word (適合), its mark (○) or the English key. */
export const parseVerdict = labelLookup(VERDICT_LABELS)
const policyLookup = labelLookup(POLICY_LABELS)
/** Labels of earlier versions, still read from older workbooks. */
const OLD_POLICY_LABELS: Record<string, Policy> = {疎結合の別システム: 'loose-coupling', 疎結合: 'loose-coupling', 代替: 'alternative'}
export const parsePolicy = (raw: string): Policy | undefined => policyLookup(raw) ?? OLD_POLICY_LABELS[raw.normalize('NFKC').trim()]

/** Which 対応方針 fit which requirement: 標準オプション採否 only on options, 廃止 only where something is in use. */
export type PolicyTarget = 'mandatory' | 'optional' | 'prohibited' | 'data-item' | 'current-only'

const COMMON: readonly Policy[] = ['bpr', 'operation', 'alternative', 'euc', 'loose-coupling', 'request-revision']
export const ALLOWED_POLICIES: Record<PolicyTarget, readonly Policy[]> = {
  mandatory: ['as-standard', ...COMMON, 'parameter', 'customize'],
  optional: ['as-standard', 'adopt-option', 'decline-option', ...COMMON, 'parameter', 'retire', 'customize'],
  prohibited: [...COMMON, 'retire'],
  'data-item': ['as-standard', ...COMMON, 'parameter', 'customize'],
  'current-only': [...COMMON, 'retire', 'customize'],
}

export const parseIssueState = labelLookup(ISSUE_STATE_LABELS)

/**
 * A 期限 as written in a cell: a date, or text like 2027-03-31, 2027/3/31, 2027年3月31日. Returns YYYY-MM-DD, or
 * undefined when it is not a real calendar date.
 */
export function parseDueDate(raw: string | Date): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10)
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw.normalize('NFKC').trim())
  if (!match) return undefined
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined
  return date.toISOString().slice(0, 10)
}

export const decisionSchema = z.strictObject({
  key: z.string(),
  verdict: z.enum(VERDICTS).optional(),
  policy: z.enum(POLICIES).optional(),
  department: z.string().optional(),
  note: z.string().optional(),
  /** 期限 (YYYY-MM-DD) and 状態 of an issue-register entry (課題一覧). */
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '期限は YYYY-MM-DD で書いてください').optional(),
  state: z.enum(ISSUE_STATES).optional(),
  by: z.string().optional(),
  at: z.string().optional(),
  /** The spec edition the decision was made against. */
  edition: z.string().optional(),
  /** Fingerprint of the requirement as it was when decided, to detect later changes. */
  fingerprint: z.string().optional(),
})

export type Decision = z.output<typeof decisionSchema>
