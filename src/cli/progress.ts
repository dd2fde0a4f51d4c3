/**
 * Progress on long work (imports of large files, matching, analysis, workbook writing), on stderr and only on a
 * terminal: a pipe, a CI log or `--json` get nothing, so scripted output stays clean. One line, redrawn in place:
 * what is being done, how far (count or percent) and, once there is enough to go on, the time left.
 */

/** The part of a stream progress needs (process.stderr, or a fake in tests). */
export interface ProgressStream {
  readonly isTTY?: boolean
  readonly columns?: number
  write(text: string): unknown
}

export interface ProgressOptions {
  /** Where to draw (default process.stderr). */
  readonly stream?: ProgressStream
  /** false: draw nothing (e.g. with --json). */
  readonly enabled?: boolean
  /** Milliseconds clock (tests pass a fake). */
  readonly now?: () => number
  /** Minimum milliseconds between redraws (default 100). */
  readonly interval?: number
}

export interface Progress {
  /** True when something is drawn (a terminal, not --json). */
  readonly active: boolean
  /** Starts a step: its label and, when known, how many units it has (rows, items, bytes with `unit: 'bytes'`). */
  step(label: string, total?: number, unit?: ProgressUnit): void
  /** The current step has reached `done` of its total; `detail` (e.g. the 業務 at hand) follows the label. */
  update(done: number, detail?: string): void
  /** Clears the line (call before printing results). */
  done(): void
}

export type ProgressUnit = 'count' | 'bytes'

const SILENT: Progress = {active: false, step() {}, update() {}, done() {}}

/** Seconds as 「12秒」/「3分05秒」. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}秒`
  const m = Math.floor(s / 60)
  return `${m}分${String(s % 60).padStart(2, '0')}秒`
}

function formatAmount(value: number, unit: ProgressUnit): string {
  if (unit === 'bytes') return `${(value / 1024 / 1024).toFixed(value < 10 * 1024 * 1024 ? 1 : 0)} MB`
  return value.toLocaleString('en-US')
}

/** The text of one progress line (pure: what is drawn, without the escape codes). */
export function progressLine(label: string, done: number, total: number | undefined, unit: ProgressUnit, elapsedMs: number): string {
  if (total === undefined || total <= 0) return `${label}… ${done > 0 ? formatAmount(done, unit) : ''}`.trimEnd()
  const ratio = Math.min(1, Math.max(0, done / total))
  const width = 20
  const filled = Math.round(ratio * width)
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
  const amounts = unit === 'bytes' ? `${formatAmount(done, unit)} / ${formatAmount(total, unit)}` : `${formatAmount(done, unit)}/${formatAmount(total, unit)}`
  // An estimate from the first percent or the first second would only jump around.
  const estimate = ratio >= 0.02 && ratio < 1 && elapsedMs >= 1000 ? ` 残り約 ${formatDuration(((elapsedMs / ratio) * (1 - ratio)) / 1000)}` : ''
  return `${label} ${bar} ${amounts} (${Math.floor(ratio * 100)}%)${estimate}`
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr
  if (options.enabled === false || !stream.isTTY) return SILENT
  const now = options.now ?? (() => performance.now())
  const interval = options.interval ?? 100
  let label = ''
  let detail: string | undefined
  let total: number | undefined
  let unit: ProgressUnit = 'count'
  let started = 0
  let lastDraw = -Infinity
  let shown = false

  const draw = (done: number) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1)
    let line = progressLine(detail ? `${label} ${detail}` : label, done, total, unit, now() - started)
    // Japanese is two columns wide: keep the line short enough not to wrap (a wrapped line cannot be redrawn).
    while (displayWidth(line) > width) line = line.slice(0, -1)
    stream.write(`\r${line}\u001B[K`)
    shown = true
    lastDraw = now()
  }
  return {
    active: true,
    step(nextLabel, nextTotal, nextUnit = 'count') {
      label = nextLabel
      detail = undefined
      total = nextTotal
      unit = nextUnit
      started = now()
      draw(0)
    },
    update(done, nextDetail) {
      const changed = nextDetail !== undefined && nextDetail !== detail
      if (nextDetail !== undefined) detail = nextDetail
      if (!changed && now() - lastDraw < interval && !(total !== undefined && done >= total)) return
      draw(done)
    },
    done() {
      if (shown) stream.write('\r\u001B[K')
      shown = false
    },
  }
}

function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(char) ? 2 : 1
  return width
}
