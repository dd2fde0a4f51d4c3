/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The review screen (ink). Thin: keys → actions (keys.ts) → reducer (state.ts) → lines (layout.ts).
 * A decision is saved synchronously, before the next key is handled, through the injected `save`
 * (the command passes saveMappingFile: temp file + rename), so quitting or Ctrl-C never loses one.
 */
import {Box, Text, useApp, useInput, useStdout} from 'ink'
import {useCallback, useRef, useState} from 'react'

import type {MappingFile} from '../../mapping/model.js'
import {keyToAction, splitInput} from './keys.js'
import {layoutReview, type Line, type Tone} from './layout.js'
import {type ReviewAction, reviewReducer, type ReviewState} from './state.js'

export interface ReviewAppProps {
  readonly initial: ReviewState
  /** Writes the mapping file (atomically). Throws on failure. */
  readonly save: (mapping: MappingFile) => void
  /** The mapping file as shown to the user. */
  readonly file: string
  /** Columns to lay out for (default: the terminal's, between 60 and 120). */
  readonly width?: number
  /** Called after every change with the new state and the last save's error (none when it worked). */
  readonly onUpdate?: (state: ReviewState, saveError: string | undefined) => void
}

const TONE_PROPS: Record<Tone, {color?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean}> = {
  title: {inverse: true},
  selected: {bold: true, color: 'cyan'},
  confirmed: {color: 'green'},
  rejected: {color: 'red'},
  suggested: {color: 'yellow'},
  dim: {dimColor: true},
  warn: {color: 'yellow', bold: true},
  plain: {},
}

const LineView = ({line}: {line: Line}) => <Text {...TONE_PROPS[line.tone]}>{line.text}</Text>

export function ReviewApp({initial, save, file, width, onUpdate}: ReviewAppProps) {
  const {exit} = useApp()
  const {stdout} = useStdout()
  const [state, setState] = useState(initial)
  const [saveError, setSaveError] = useState<string | undefined>(undefined)
  const current = useRef(initial)
  const lastError = useRef<string | undefined>(undefined)

  const dispatch = useCallback(
    (action: ReviewAction) => {
      const previous = current.current
      const next = reviewReducer(previous, action)
      if (next === previous) return
      if (next.mapping !== previous.mapping) {
        try {
          save(next.mapping)
          lastError.current = undefined
        } catch (error) {
          lastError.current = (error as Error).message.split('\n')[0]
        }
        setSaveError(lastError.current)
      }
      current.current = next
      setState(next)
      onUpdate?.(next, lastError.current)
      if (next.quit) exit()
    },
    [save, exit, onUpdate],
  )

  useInput((input, key) => {
    for (const one of splitInput(input, key)) {
      if (current.current.quit) break
      const action = keyToAction(current.current.mode, one.input, one.key)
      if (action) dispatch(action)
    }
  })

  const columns = width ?? Math.max(60, Math.min(120, (stdout.columns || 80) - 1))
  const lines = layoutReview(state, {width: columns, file, saveError})
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <LineView key={index} line={line} />
      ))}
    </Box>
  )
}
