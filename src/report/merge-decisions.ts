import type {Decision} from '../model/decision.js'
import type {EditedRow} from './read-decisions.js'

export const DECISION_FIELDS = ['verdict', 'policy', 'department', 'note', 'due', 'state'] as const
type Field = (typeof DECISION_FIELDS)[number]

export type Prefer = 'mine' | 'theirs'

export interface FieldConflict {
  readonly field: Field
  /** The value in the file being imported. */
  readonly mine: string
  /** The value recorded in the workspace since the workbook was written. */
  readonly theirs: string
}

export interface RowChange {
  readonly key: string
  readonly sheet: string
  readonly row: number
  readonly before?: Decision
  readonly after: Decision
}

export interface ImportPlan {
  readonly added: RowChange[]
  readonly changed: RowChange[]
  unchanged: number
  readonly conflicts: {readonly key: string; readonly sheet: string; readonly row: number; readonly fields: FieldConflict[]}[]
  /** Conflicts settled by --prefer theirs: the file's values that were not taken. */
  readonly keptTheirs: {readonly key: string; readonly sheet: string; readonly row: number; readonly fields: FieldConflict[]}[]
  /** Keys the current analysis does not know (deleted rows, another 業務, typing in the key column). */
  readonly unknown: {readonly key: string; readonly sheet: string; readonly row: number}[]
  /** Rows whose requirement changed since the workbook was written: a person must look again. */
  readonly stale: {readonly key: string; readonly sheet: string; readonly row: number}[]
  /**
   * Rows where a person emptied a cell that showed a recorded value. Blank never erases (the recorded value stays);
   * these are listed so nobody believes the value is gone.
   */
  readonly cleared: {readonly key: string; readonly sheet: string; readonly row: number; readonly fields: (typeof DECISION_FIELDS)[number][]}[]
  /** Rows whose key appeared earlier in the file (a copied row): only the first is read. */
  readonly duplicates: {readonly key: string; readonly sheet: string; readonly row: number; readonly firstRow: number}[]
}

export interface CurrentRow {
  readonly fingerprint: string
  readonly edition: string
}

/**
 * Three-way merge of the team's edits into recorded decisions. The base is what the workbook showed when written:
 * a field the file changed is applied if the workspace still holds the base; if the workspace changed it too, to
 * something else, it is a conflict that `prefer` settles or that is left for the user. Blank cells never erase.
 */
export function planImport(
  rows: readonly EditedRow[],
  recorded: ReadonlyMap<string, Decision>,
  current: ReadonlyMap<string, CurrentRow>,
  options: {prefer?: Prefer; by?: string; at?: string},
): ImportPlan {
  const plan: ImportPlan = {added: [], changed: [], unchanged: 0, conflicts: [], keptTheirs: [], unknown: [], stale: [], duplicates: [], cleared: []}
  const seen = new Map<string, EditedRow>()
  for (const row of rows) {
    // Only what a person typed counts: values the workbook already showed (its hidden base) are not edits.
    const edited = DECISION_FIELDS.some((f) => row.values[f] !== undefined && (!row.meta || row.values[f] !== row.meta.base[f]))
    const cleared = row.meta ? DECISION_FIELDS.filter((f) => row.meta!.base[f] !== undefined && row.values[f] === undefined) : []
    const now = current.get(row.key)
    if (!now) {
      if (edited) plan.unknown.push({key: row.key, sheet: row.sheet, row: row.row})
      continue
    }
    if (row.meta && row.meta.fp !== now.fingerprint) {
      if (edited) plan.stale.push({key: row.key, sheet: row.sheet, row: row.row})
      continue
    }
    const first = seen.get(row.key)
    if (first) {
      plan.duplicates.push({key: row.key, sheet: row.sheet, row: row.row, firstRow: first.row})
      continue
    }
    seen.set(row.key, row)
    if (cleared.length > 0) plan.cleared.push({key: row.key, sheet: row.sheet, row: row.row, fields: cleared})
    if (!edited) {
      if (DECISION_FIELDS.some((f) => row.values[f] !== undefined)) plan.unchanged += 1
      continue
    }

    const before = recorded.get(row.key)
    const merged: Record<Field, string | undefined> = {
      verdict: before?.verdict,
      policy: before?.policy,
      department: before?.department,
      note: before?.note,
      due: before?.due,
      state: before?.state,
    }
    const conflicts: FieldConflict[] = []
    let touched = false
    for (const field of DECISION_FIELDS) {
      const mine = row.values[field]
      if (mine === undefined) continue
      const theirs = before?.[field]
      if (mine === theirs) continue
      // Without the hidden base (an old or hand-made workbook) any disagreement with the workspace is a conflict.
      const baseKnown = row.meta !== undefined
      const base = row.meta?.base[field]
      // A value the workbook already showed is not an edit (it may be a decision carried from another edition).
      if (baseKnown && mine === base) continue
      if (theirs === undefined || (baseKnown && theirs === base) || options.prefer === 'mine') {
        merged[field] = mine
        touched = true
      } else if (options.prefer === 'theirs') plan.keptTheirs.push({key: row.key, sheet: row.sheet, row: row.row, fields: [{field, mine, theirs}]})
      else conflicts.push({field, mine, theirs})
    }
    if (conflicts.length > 0) {
      plan.conflicts.push({key: row.key, sheet: row.sheet, row: row.row, fields: conflicts})
      continue
    }
    if (!touched) {
      plan.unchanged += 1
      continue
    }
    const after: Decision = {
      key: row.key,
      ...(merged.verdict ? {verdict: merged.verdict as Decision['verdict']} : {}),
      ...(merged.policy ? {policy: merged.policy as Decision['policy']} : {}),
      ...(merged.department ? {department: merged.department} : {}),
      ...(merged.note ? {note: merged.note} : {}),
      ...(merged.due ? {due: merged.due} : {}),
      ...(merged.state ? {state: merged.state as Decision['state']} : {}),
      ...(options.by ? {by: options.by} : before?.by ? {by: before.by} : {}),
      ...(options.at ? {at: options.at} : before?.at ? {at: before.at} : {}),
      edition: now.edition,
      fingerprint: now.fingerprint,
    }
    ;(before ? plan.changed : plan.added).push({key: row.key, sheet: row.sheet, row: row.row, before, after})
  }
  return plan
}

