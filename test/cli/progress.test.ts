import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {createProgress, formatDuration, progressLine} from '../../src/cli/progress.js'
import {loadPairReviewSession} from '../../src/ui/pair-review/load.js'
import {loadReviewSession} from '../../src/ui/review/load.js'
import {writeFixture} from '../fixtures/spec-import/workbooks.js'
import {analysedDemoCopy, demoCopy, fitgap, tempDir} from '../helpers/cli.js'

function fakeStream(isTTY: boolean, columns = 100) {
  const writes: string[] = []
  return {stream: {isTTY, columns, write: (text: string) => writes.push(text)}, writes}
}

function fakeClock() {
  let t = 0
  return {now: () => t, advance: (ms: number) => (t += ms)}
}

describe('progress', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const {stream, writes} = fakeStream(false)
    const progress = createProgress({stream})
    progress.step('照合', 100)
    progress.update(50)
    progress.done()
    expect(progress.active).toBe(false)
    expect(writes).toEqual([])
  })

  it('draws nothing on a terminal when disabled (--json)', () => {
    const {stream, writes} = fakeStream(true)
    const progress = createProgress({stream, enabled: false})
    progress.step('照合', 100)
    progress.update(100)
    progress.done()
    expect(writes).toEqual([])
  })

  it('redraws one line in place on a terminal, throttled, and clears it at the end', () => {
    const {stream, writes} = fakeStream(true)
    const clock = fakeClock()
    const progress = createProgress({stream, now: clock.now, interval: 100})
    progress.step('照合しています', 200)
    expect(writes.at(-1)).toBe('\r照合しています [--------------------] 0/200 (0%)\u001B[K')
    clock.advance(10)
    progress.update(10)
    expect(writes).toHaveLength(1) // too soon after the last redraw
    clock.advance(1990)
    progress.update(100)
    expect(writes.at(-1)).toBe('\r照合しています [##########----------] 100/200 (50%) 残り約 2秒\u001B[K')
    progress.update(200) // the last unit is always drawn
    expect(writes.at(-1)).toContain('200/200 (100%)')
    progress.done()
    expect(writes.at(-1)).toBe('\r\u001B[K')
  })

  it('keeps the line within the terminal width (Japanese counts two columns)', () => {
    const {stream, writes} = fakeStream(true, 30)
    const progress = createProgress({stream, now: () => 0})
    progress.step('現行システムの定義ファイルを読み込んでいます', 1000)
    const line = writes.at(-1)!.replace('\r', '').replace('\u001B[K', '')
    expect(line.length).toBeLessThan(30)
    expect(line.startsWith('現行システム')).toBe(true)
  })

  it('shows sizes in MB for byte steps and a count-only line when the total is unknown', () => {
    expect(progressLine('読込', 5 * 1024 * 1024, 20 * 1024 * 1024, 'bytes', 0)).toBe('読込 [#####---------------] 5.0 MB / 20 MB (25%)')
    expect(progressLine('辞書を読み込んでいます', 0, undefined, 'count', 0)).toBe('辞書を読み込んでいます…')
    expect(progressLine('行を読んでいます', 12_345, undefined, 'count', 0)).toBe('行を読んでいます… 12,345')
  })

  it('formats the estimate in seconds and minutes', () => {
    expect(formatDuration(4.4)).toBe('4秒')
    expect(formatDuration(185)).toBe('3分05秒')
  })
})

describe('progress details', () => {
  it('redraws at once when the detail (the 業務 at hand) changes', () => {
    const {stream, writes} = fakeStream(true)
    const progress = createProgress({stream, now: () => 0})
    progress.step('分析しています', 3)
    progress.update(0, '住民基本台帳')
    expect(writes.at(-1)).toContain('分析しています 住民基本台帳 [')
    progress.update(1, '個人住民税')
    expect(writes.at(-1)).toContain('分析しています 個人住民税 [')
    expect(writes.at(-1)).toContain('1/3 (33%)')
  })
})

describe('progress in commands', () => {
  async function withStderrTTY<T>(isTTY: boolean, run: () => Promise<T>): Promise<T> {
    const was = process.stderr.isTTY
    Object.defineProperty(process.stderr, 'isTTY', {value: isTTY, configurable: true})
    try {
      return await run()
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', {value: was, configurable: true})
    }
  }

  it('map suggest shows what it is doing on a terminal and clears the line; nothing with --json or without a terminal', async () => {
    const dir = demoCopy()
    const shown = await withStderrTTY(true, () => fitgap(['map', 'suggest', 'jumin', '--workspace', dir, '--dry-run']))
    expect(shown.exitCode, shown.stderr).toBe(0)
    expect(shown.stderr).toContain('辞書を読み込んでいます')
    expect(shown.stderr).toMatch(/照合しています \(標準データ項目 \d+ 件\) \[#+\] (\d+)\/\1 \(100%\)/)
    // The line is cleared at the end (@oclif/test strips the escape code, the carriage return stays).
    expect(shown.stderr.endsWith('(100%)\r')).toBe(true)

    const json = await withStderrTTY(true, () => fitgap(['map', 'suggest', 'jumin', '--workspace', dir, '--dry-run', '--json']))
    expect(json.exitCode).toBe(0)
    expect(json.stderr).not.toContain('照合しています')
    const piped = await withStderrTTY(false, () => fitgap(['map', 'suggest', 'jumin', '--workspace', dir, '--dry-run']))
    expect(piped.stderr).not.toContain('照合しています')
  })

  it('analyze, current import and data profile show progress on a terminal only, never with --json', async () => {
    const dir = demoCopy()
    const out = path.join(dir, 'reports', 'progress.xlsx')
    const shown = await withStderrTTY(true, () => fitgap(['analyze', '--workspace', dir, '--out', out]))
    expect(shown.exitCode, shown.stderr).toBe(0)
    expect(shown.stderr).toMatch(/仕様と現行システムの定義を読み込んでいます \S+ \[/)
    expect(shown.stderr).toMatch(/業務を分析しています \S+ \[/)
    expect(shown.stderr).toContain('Excel ブックを書いています')
    for (const quiet of [
      await withStderrTTY(true, () => fitgap(['analyze', '--workspace', dir, '--json'])),
      await withStderrTTY(false, () => fitgap(['analyze', '--workspace', dir, '--out', out])),
    ]) {
      expect(quiet.exitCode, quiet.stderr).toBe(0)
      expect(quiet.stderr).not.toContain('しています')
    }

    const csv = path.join(tempDir(), 'fields.csv')
    writeFileSync(csv, `テーブル名,項目名,データ型\n${Array.from({length: 200}, (_, i) => `JUMIN,項目${i},CHAR`).join('\n')}\n`)
    const imported = await withStderrTTY(true, () => fitgap(['current', 'import', csv, '--area', 'kokuho', '--workspace', dir]))
    expect(imported.exitCode, imported.stderr).toBe(0)
    expect(imported.stderr).toMatch(/fields\.csv を読み込んでいます \[#+\] [\d.]+ MB \/ [\d.]+ MB \(100%\)/)
    const importedJson = await withStderrTTY(true, () => fitgap(['current', 'import', csv, '--area', 'kokuho', '--workspace', dir, '--json']))
    expect(importedJson.stderr).not.toContain('読み込んでいます')

    // A data file of the demo's 住民基本台帳 table, profiled against its mapped columns.
    const data = path.join(tempDir(), 'jumin-data.csv')
    writeFileSync(data, `ATENA_NO,SHIMEI\n${Array.from({length: 500}, (_, i) => `${String(i).padStart(15, '0')},山田太郎`).join('\n')}\n`)
    const profiled = await withStderrTTY(true, () => fitgap(['data', 'profile', 'jumin', data, '--workspace', dir, '--table', 'JUMIN_KIHON']))
    expect(profiled.exitCode, profiled.stderr).toBe(0)
    expect(profiled.stderr).toMatch(/jumin-data\.csv を検査しています \[#+\] [\d.]+ MB \/ [\d.]+ MB \(100%\)/)
    const profiledJson = await withStderrTTY(true, () => fitgap(['data', 'profile', 'jumin', data, '--workspace', dir, '--table', 'JUMIN_KIHON', '--json']))
    expect(profiledJson.exitCode, profiledJson.stderr).toBe(0)
    expect(profiledJson.stderr).not.toContain('検査しています')
  })

  it('specs import, report import and specs diff --out say what they read or write on a terminal only, never with --json', async () => {
    const out = tempDir()
    const workbook = await writeFixture('legacy-style.xlsx', path.join(tempDir('fitgap-import-'), 'legacy-style.xlsx'))
    const specsArgs = ['specs', 'import', workbook, '--area', 'jumin', '--edition', 'v1', '--out', out, '--dry-run']
    const specs = await withStderrTTY(true, () => fitgap(specsArgs))
    expect(specs.exitCode, specs.stderr).toBe(0)
    expect(specs.stderr).toContain('legacy-style.xlsx を読み込んでいます')
    expect(specs.stderr).toMatch(/シートを読み取っています \[#+\] (\d+)\/\1 \(100%\)/)
    for (const quiet of [await withStderrTTY(true, () => fitgap([...specsArgs, '--json'])), await withStderrTTY(false, () => fitgap(specsArgs))]) {
      expect(quiet.exitCode, quiet.stderr).toBe(0)
      expect(quiet.stderr).not.toContain('読み込んでいます')
    }

    const dir = await analysedDemoCopy()
    const report = path.join(dir, 'reports', 'fitgap-report.xlsx')
    const imported = await withStderrTTY(true, () => fitgap(['report', 'import', report, '--workspace', dir, '--dry-run']))
    expect(imported.exitCode, imported.stderr).toBe(0)
    expect(imported.stderr).toContain('fitgap-report.xlsx を読み込んでいます')
    for (const quiet of [
      await withStderrTTY(true, () => fitgap(['report', 'import', report, '--workspace', dir, '--dry-run', '--json'])),
      await withStderrTTY(false, () => fitgap(['report', 'import', report, '--workspace', dir, '--dry-run'])),
    ]) {
      expect(quiet.exitCode, quiet.stderr).toBe(0)
      expect(quiet.stderr).not.toContain('読み込んでいます')
    }

    const diffOut = path.join(tempDir(), 'diff.xlsx')
    const diff = await withStderrTTY(true, () => fitgap(['specs', 'diff', 'jumin', '--from', 'rep-1', '--to', 'rep-2', '--out', diffOut]))
    expect(diff.exitCode, diff.stderr).toBe(0)
    expect(diff.stderr).toContain('Excel ブックを書いています')
    const diffJson = await withStderrTTY(true, () => fitgap(['specs', 'diff', 'jumin', '--from', 'rep-1', '--to', 'rep-2', '--out', diffOut, '--json']))
    expect(diffJson.exitCode, diffJson.stderr).toBe(0)
    expect(diffJson.stderr).not.toContain('書いています')
  })

  it('map review shows what it loads (dictionaries, then matching with a count) while the screen is not up yet', async () => {
    const {stream, writes} = fakeStream(true)
    const dir = demoCopy()
    const session = await loadReviewSession('jumin', {workspace: dir, filter: 'all', progress: createProgress({stream})})
    expect(session.input.items.length).toBeGreaterThan(0)
    expect(writes.some((w) => w.includes('辞書を読み込んでいます'))).toBe(true)
    expect(writes.some((w) => /候補を照合しています \(標準データ項目 \d+ 件\) \[#+\] (\d+)\/\1 \(100%\)/.test(w))).toBe(true)
  })

  it('map review --target functions / forms says what it loads', () => {
    const dir = demoCopy()
    for (const section of ['functions', 'forms'] as const) {
      const {stream, writes} = fakeStream(true)
      const session = loadPairReviewSession('jumin', section, {workspace: dir, progress: createProgress({stream})})
      expect(session.state).toBeDefined()
      expect(writes.some((w) => w.includes(`${section === 'functions' ? '機能' : '帳票'}の対応の候補を読み込んでいます`))).toBe(true)
    }
  })
})
