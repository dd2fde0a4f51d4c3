/**
 * Replacing the analysis workbook (analyze --out): the file may hold the team's entries that were never imported,
 * and may be saved (in Excel) while the new one is written. It is replaced only when nothing would be lost, checked
 * before writing and again right before the rename.
 */
import {existsSync, statSync} from 'node:fs'

import {InputError} from '../errors.js'
import {displayPath} from '../paths.js'
import {ForeignWorkbookError, importReport} from '../report/import-report.js'
import type {AnalysisRun} from './run-analysis.js'
import type {Workspace} from './workspace.js'

/**
 * `write` writes the new workbook and calls `beforeReplace` right before renaming it over `out` (writeWorkbook
 * does). Unless `force`, exit 2 (nothing replaced) when `out` holds entries not imported, is not this workspace's,
 * or cannot be read. `run` lets the check reuse this analysis when it covers every 業務 the workbook may hold.
 */
export async function replaceWorkbook(
  workspace: Workspace,
  out: string,
  run: AnalysisRun | undefined,
  options: {force: boolean},
  write: (beforeReplace: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const guard = () => refuseToLoseEdits(workspace, out, run)
  let checked = options.force ? undefined : await guard()
  await write(async () => {
    if (checked !== undefined && fileStamp(out) !== checked) checked = await guard()
  })
}

/**
 * The workbook about to be replaced may hold the team's entries that were never imported: refuse to overwrite
 * it (exit 2) unless they are all recorded, the file is not ours, or the user says --force.
 */
async function refuseToLoseEdits(workspace: Workspace, out: string, run: AnalysisRun | undefined): Promise<string> {
  const stamp = fileStamp(out)
  if (!existsSync(out)) return stamp
  const shown = displayPath(out)
  let pending: number
  try {
    const {plan, invalid, misplaced} = await importReport(workspace, out, {dryRun: true, skipInvalid: true}, run)
    // What cannot be read or was typed in the wrong column is someone's entry too.
    pending = plan.added.length + plan.changed.length + plan.conflicts.length + invalid.length + misplaced.length
  } catch (error) {
    if (error instanceof ForeignWorkbookError)
      throw new InputError(`${shown} は fitgap がこのワークスペース用に書いたブックではないため、上書きしません。--out で別のファイルを指定するか、--force で上書きしてください。`)
    if (!(error instanceof InputError)) throw error
    throw new InputError(
      `${shown} の記入を読み切れないため、上書きしませんでした (読めない記入は、取り込んでいない記入として扱います)。\n` +
        `  ブックを直して \`fitgap report import ${shown}\` で取り込むか、--out で別のファイルに書くか、--force で上書きしてください。\n` +
        `  読めなかった理由: ${error.message}`,
    )
  }
  if (pending > 0)
    throw new InputError(
      `${shown} に、まだ取り込んでいない記入が ${pending} 行あります。上書きすると失われるため、書き出しませんでした。\n` +
        `  先に \`fitgap report import ${shown}\` で取り込むか、--out で別のファイルに書くか、--force で上書きしてください。`,
    )
  return stamp
}

/** Size, modification time and inode: a save (even Excel's write-and-rename) changes at least one. */
function fileStamp(file: string): string {
  const stat = statSync(file, {throwIfNoEntry: false})
  return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : 'absent'
}
