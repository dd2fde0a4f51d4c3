/**
 * Fixed-width text for terminal views: widths in terminal columns (full-width Japanese = 2), via string-width.
 * Pure. Views build whole lines with these so that columns line up with and without colour.
 */
import {stringWidth} from '../io/text-width.js'

export const width = (text: string): number => stringWidth(text)

/** Cuts text to at most `max` columns, ending in ".." when something was cut (ASCII: "…" is ambiguous-width). */
export function truncate(text: string, max: number): string {
  if (max <= 0) return ''
  if (stringWidth(text) <= max) return text
  let out = ''
  let used = 0
  for (const ch of text) {
    const w = stringWidth(ch)
    if (used + w > max - 2) break
    out += ch
    used += w
  }
  return max < 2 ? '.'.repeat(max) : `${out}..`
}

/** Text cut or padded with spaces to exactly `columns` columns. */
export function fit(text: string, columns: number): string {
  const cut = truncate(text, columns)
  return cut + ' '.repeat(Math.max(0, columns - stringWidth(cut)))
}

/** Right-aligned in `columns` columns. */
export function fitRight(text: string, columns: number): string {
  const cut = truncate(text, columns)
  return ' '.repeat(Math.max(0, columns - stringWidth(cut))) + cut
}

/** Splits text into lines of at most `columns` columns (by character; Japanese has no spaces to break at). */
export function wrap(text: string, columns: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = []
  let line = ''
  let used = 0
  for (const ch of text.replace(/\s+/g, ' ')) {
    const w = stringWidth(ch)
    if (used + w > columns) {
      lines.push(line)
      line = ''
      used = 0
      if (ch === ' ') continue
    }
    line += ch
    used += w
  }
  if (line !== '' || lines.length === 0) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]}${lines[maxLines] ?? ''}`, columns)
  return kept
}

/** A rule of dashes with an optional title: "-- 候補 (3) -------". ASCII only (box-drawing characters are ambiguous-width). */
export function rule(title: string, columns: number): string {
  const head = title === '' ? '' : `-- ${title} `
  return truncate(head, columns) + '-'.repeat(Math.max(0, columns - stringWidth(truncate(head, columns))))
}
