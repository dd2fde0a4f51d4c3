/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * Runs the review screen on the real terminal: alternate screen, raw keys, saving through saveMappingFile
 * (guarded against outside changes, save.ts).
 * SIGINT / SIGTERM (Ctrl-C from outside ink, `kill`) end the session cleanly; every decision is already on disk.
 */
import {render} from 'ink'

import {ReviewApp} from './ReviewApp.js'
import {guardedSaver} from './save.js'
import {progress, type ReviewState} from './state.js'

export interface ReviewOutcome {
  readonly state: ReviewState
  readonly saveError?: string
  /** The signal that ended the session, if any. */
  readonly signal?: NodeJS.Signals
}

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H'
const LEAVE_ALT_SCREEN = '\u001B[?1049l'

/** `original`: the mapping file's text when the session loaded it; `root`: the workspace (see guardedSaver). */
export async function runReview(
  initial: ReviewState,
  mappingPath: string,
  file: string,
  original: string | undefined,
  root: string,
): Promise<ReviewOutcome> {
  let final = initial
  let saveError: string | undefined
  let signal: NodeJS.Signals | undefined
  process.stdout.write(ENTER_ALT_SCREEN)
  const instance = render(
    <ReviewApp
      initial={initial}
      file={file}
      save={guardedSaver(mappingPath, file, original, root)}
      onUpdate={(state, error) => {
        final = state
        saveError = error
      }}
    />,
    {exitOnCtrlC: false, patchConsole: true},
  )
  const onSignal = (received: NodeJS.Signals) => {
    signal = received
    instance.unmount()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  process.once('SIGHUP', onSignal)
  try {
    await instance.waitUntilExit()
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    process.removeListener('SIGHUP', onSignal)
    process.stdout.write(LEAVE_ALT_SCREEN)
  }
  return {state: final, saveError, signal}
}

/** The lines printed after the screen closes (Japanese). */
export function summaryLines(outcome: ReviewOutcome, file: string): string[] {
  const {reviewed, total} = progress(outcome.state)
  const lines = [
    outcome.signal ? `中断しました (${outcome.signal})。それまでの判断は保存済みです。` : '確認を終了しました。',
    `この回の判断 ${outcome.state.decisions} 件 / 一覧 ${total} 件中 ${reviewed} 件が確定か対応なし。`,
  ]
  if (outcome.saveError) lines.push(`保存できませんでした: ${outcome.saveError}`, `${file} を確認してください。`)
  else if (outcome.state.decisions > 0) lines.push(`保存先: ${file}`, `次は \`fitgap map check ${outcome.state.areaSlug}\` で検査できます。`)
  return lines
}
