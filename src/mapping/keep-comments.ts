/**
 * Comments a person wrote in a mapping file (`# 山田: 目視で確認`) carried over to its rewritten text: the new
 * canonical text is parsed as a YAML document and each node takes the comments of the node at the same place in
 * the old one. List entries are matched by what they are about (`item`, or `refs`), not by position, so a
 * comment stays with its entry when entries are added or reordered. Pure: text in, text out.
 */
import {isMap, isPair, isScalar, isSeq, type Node, parseDocument, type Document} from 'yaml'

type Commented = {commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean}

/** What a list element is about: its item id, its refs, else its position. */
function identity(node: unknown, index: number): string {
  if (isMap(node)) {
    const item = node.get('item')
    if (item !== undefined) return `item:${String(item)}`
    const refs = node.get('refs', true)
    if (isSeq(refs)) return `refs:${refs.items.map((r) => (isScalar(r) ? String(r.value) : '')).join('+')}`
  }
  return `#${index}`
}

function copy(from: Commented, to: Commented): void {
  if (from.commentBefore) to.commentBefore = from.commentBefore
  if (from.comment) to.comment = from.comment
}

function carry(from: unknown, to: unknown): void {
  if (!from || !to || typeof from !== 'object' || typeof to !== 'object') return
  // A comment above a list's first element belongs to that element (the parser hangs it on the list).
  if (isSeq(from) && isSeq(to) && from.commentBefore && from.items.length > 0) {
    const first = identity(from.items[0], 0)
    const target = to.items.find((node, i) => identity(node, i) === first) as Commented | undefined
    if (target) target.commentBefore = from.commentBefore
    copy({comment: from.comment}, to as Commented)
  } else copy(from as Commented, to as Commented)
  if (isMap(from) && isMap(to))
    for (const pair of to.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue
      const old = from.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === (pair.key as {value: unknown}).value)
      if (!old) continue
      copy(old.key as Commented, pair.key as Commented)
      carry(old.value, pair.value)
    }
  else if (isSeq(from) && isSeq(to)) {
    const olds = new Map(from.items.map((node, i) => [identity(node, i), node]))
    to.items.forEach((node, i) => carry(olds.get(identity(node, i)), node))
  }
}

function hasComments(doc: Document): boolean {
  let found = false
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return
    const c = node as Commented
    if (c.comment || c.commentBefore) found = true
    if (isPair(node)) {
      walk(node.key)
      walk(node.value)
    } else if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) walk(item)
  }
  walk(doc.contents)
  return found
}

/** `fresh` (canonical text) with the comments of `previous`; `fresh` itself when previous had none of its own. */
export function keepComments(previous: string | undefined, fresh: string, options: {lineWidth: number; flowCollectionPadding: boolean}): string {
  if (previous === undefined) return fresh
  const old = parseDocument(previous)
  if (old.errors.length > 0 || !hasComments(old)) return fresh
  const next = parseDocument(fresh)
  const header = next.commentBefore
  carry(old.contents as Node, next.contents as Node)
  next.commentBefore = header
  return next.toString(options)
}
