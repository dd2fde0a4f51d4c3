/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The screen for function / form pair candidates (ink). y / Enter 確定, n 却下, x 対応なし (the standard function has no
 * current counterpart), → / s 次へ, ← / b 前へ, q 終了. Every decision is saved before the next key is handled.
 */
import {Box, Text, useApp, useInput} from 'ink'
import {useCallback, useRef, useState} from 'react'

import type {MappingFile} from '../../mapping/model.js'
import {PAIR_DECISION_LABELS, type PairReviewAction, pairReviewReducer, type PairReviewState} from './state.js'

export interface PairReviewAppProps {
  readonly initial: PairReviewState
  readonly save: (mapping: MappingFile) => void
  readonly file: string
  readonly onUpdate?: (state: PairReviewState, saveError: string | undefined) => void
}

const SECTION_LABELS = {functions: '機能', forms: '帳票'} as const

export const PAIR_KEY_HELP: readonly [string, string][] = [
  ['y / Enter', '確定 (この現行と対応する)'],
  ['n', '却下 (この候補は違う)'],
  ['x', '対応なし (現行に相当するものがない)'],
  ['→ / s', '次へ (決めずに進む)'],
  ['← / b', '前へ'],
  ['q', '終了 (判断は保存済み)'],
]

export function PairReviewApp({initial, save, file, onUpdate}: PairReviewAppProps) {
  const {exit} = useApp()
  const [state, setState] = useState(initial)
  const [saveError, setSaveError] = useState<string | undefined>(undefined)
  const current = useRef(initial)

  const dispatch = useCallback(
    (action: PairReviewAction) => {
      const previous = current.current
      const next = pairReviewReducer(previous, action)
      if (next === previous) return
      let error: string | undefined
      if (next.mapping !== previous.mapping) {
        try {
          save(next.mapping)
        } catch (failure) {
          error = (failure as Error).message.split('\n')[0]
        }
        setSaveError(error)
      }
      current.current = next
      setState(next)
      onUpdate?.(next, error)
      if (next.quit) exit()
    },
    [save, exit, onUpdate],
  )

  useInput((input, key) => {
    if (current.current.quit) return
    if (input === 'q' || (key.ctrl && input === 'c')) dispatch({type: 'quit'})
    else if (input === 'y' || key.return) dispatch({type: 'decide', decision: 'confirmed'})
    else if (input === 'n') dispatch({type: 'decide', decision: 'rejected'})
    else if (input === 'x') dispatch({type: 'decide', decision: 'no-counterpart'})
    else if (input === 's' || key.rightArrow) dispatch({type: 'next'})
    else if (input === 'b' || key.leftArrow) dispatch({type: 'previous'})
  })

  const what = SECTION_LABELS[state.section]
  const c = state.queue[state.index]
  const decided = state.done.get(state.index)
  return (
    <Box flexDirection="column">
      <Text inverse>{` ${state.areaSlug} ${what}の対応の確認  ${state.index + 1}/${state.queue.length}  判断 ${state.decisions} 件 `}</Text>
      {c ? (
        <>
          <Text bold>{`標準${what} ${c.standardId} ${c.standardName} (${c.kindLabel})`}</Text>
          {c.text ? <Text dimColor>{c.text}</Text> : null}
          <Text color="yellow">{`候補 (要確認): ${c.ref} ${c.currentName}  一致度 ${c.score.toFixed(2)}`}</Text>
          {c.currentDetail ? <Text dimColor>{`  ${c.currentDetail}`}</Text> : null}
          <Text dimColor>{`  理由: ${c.reason}`}</Text>
          {decided ? <Text color="green">{`この候補は「${PAIR_DECISION_LABELS[decided]}」にしました`}</Text> : null}
        </>
      ) : (
        <Text>{`確認する${what}の候補はありません。`}</Text>
      )}
      <Text dimColor>{PAIR_KEY_HELP.map(([k, v]) => `${k} ${v}`).join('  ')}</Text>
      <Text dimColor>{`保存先: ${file}`}</Text>
      {saveError ? <Text color="red">{`保存できません: ${saveError}`}</Text> : null}
    </Box>
  )
}
