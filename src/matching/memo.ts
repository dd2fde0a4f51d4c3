/** Bounded memos: names repeat a lot, so results are remembered, but a run may meet millions of names. */

/** Entries a memo holds before it is emptied (then it fills again with what is met next). */
export const MEMO_BOUND = 200_000

/** Stores `value` under `key`, first emptying the memo when it holds `bound` entries; returns `value`. */
export function remember<K, V>(memo: Map<K, V>, key: K, value: V, bound = MEMO_BOUND): V {
  if (memo.size >= bound) memo.clear()
  memo.set(key, value)
  return value
}
