import stringWidth from 'string-width'

/** Characters that make a spreadsheet treat text as a formula (OWASP CSV/formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** Text from an input file, made safe to put in a cell: formula-like text gets a leading apostrophe. */
export function safeText(value: string | undefined): string {
  if (value === undefined) return ''
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** Reverses safeText when reading a cell back. */
export function unescapeText(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

/** A string literal inside an Excel formula. */
export function formulaString(value: string): string {
  return `"${value.replace(/"/g, '""')}"`
}

/** Column width in Excel units from the widest sample (full-width characters count double). */
export function fitWidth(header: string, samples: Iterable<string>, min = 6, max = 60): number {
  let widest = stringWidth(header) + 2
  let seen = 0
  for (const sample of samples) {
    const longestLine = Math.max(...sample.split('\n').map((line) => stringWidth(line)))
    widest = Math.max(widest, longestLine + 2)
    if (++seen >= 500) break
  }
  return Math.min(max, Math.max(min, widest))
}

