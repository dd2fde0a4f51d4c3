/** @jsxRuntime automatic */
/** @jsxImportSource react */
/** Runs the pair review screen on the real terminal, saving through the guarded saver of map review. */
import {render} from 'ink'

import {guardedSaver} from '../review/save.js'
import type {PairReviewSession} from './load.js'
import {PairReviewApp} from './PairReviewApp.js'
import type {PairReviewState} from './state.js'

export async function runPairReview(session: PairReviewSession): Promise<{state: PairReviewState; saveError?: string}> {
  let final = session.state
  let saveError: string | undefined
  const instance = render(
    <PairReviewApp
      initial={session.state}
      file={session.file}
      save={guardedSaver(session.context.mappingPath, session.file, session.original, session.context.workspace.root)}
      onUpdate={(state, error) => {
        final = state
        saveError = error
      }}
    />,
    {exitOnCtrlC: false},
  )
  await instance.waitUntilExit()
  return {state: final, saveError}
}
