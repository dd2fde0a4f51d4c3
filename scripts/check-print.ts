/**
 * Prints a Fit&Gap workbook the way a manager would (LibreOffice headless → PDF) and reports, per sheet, the number
 * of pages and the smallest text on them: the font size (pdftohtml -xml) and the height of the smallest word box
 * (pdftotext -bbox). Exit 1 when any sheet prints text below 7 pt.
 *   Run: npm run check:print [-- FILE.xlsx]   (without FILE: the demo workbook, written afresh)
 * Needs LibreOffice (soffice) and poppler-utils; says so and exits 0 when they are missing.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import ExcelJS from 'exceljs'
import stringWidth from 'string-width'

export const MIN_PT = 7

export interface SheetPrint {
  readonly sheet: string
  readonly pages: number
  /** Smallest font size used on the sheet's pages (pt). */
  readonly smallestFontPt?: number
  /** Height of the smallest word box (pt), as pdftotext -bbox measures it. */
  readonly smallestBoxPt?: number
}

const decode = (text: string) =>
  text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()

/**
 * Which sheet each page belongs to, and its smallest font, from pdftohtml -xml -zoom 1 output: the page header
 * starts with the sheet name (the workbook's headers are `&A` on the left), so the topmost line names the sheet.
 */
export function pageSheets(xml: string, sheetNames: readonly string[]): {sheet?: string; fontPt?: number}[] {
  const names = [...sheetNames].sort((a, b) => b.length - a.length)
  const fonts = new Map<string, number>()
  return xml
    .split(/<page /)
    .slice(1)
    .map((page) => {
      for (const m of page.matchAll(/<fontspec id="(\d+)" size="([\d.]+)"/g)) fonts.set(m[1]!, Number(m[2]))
      const texts = [...page.matchAll(/<text top="(-?[\d.]+)" left="(-?[\d.]+)" width="[\d.]+" height="[\d.]+" font="(\d+)">(.*?)<\/text>/g)]
        .map((m) => ({top: Number(m[1]), left: Number(m[2]), size: fonts.get(m[3]!), text: decode(m[4]!)}))
        .filter((t) => t.text !== '')
      const sizes = texts.flatMap((t) => (t.size === undefined ? [] : [t.size]))
      const top = Math.min(...texts.map((t) => t.top))
      const firstLine = texts
        .filter((t) => Math.abs(t.top - top) <= 2)
        .sort((a, b) => a.left - b.left)
        .map((t) => t.text)
        .join('')
      return {sheet: names.find((name) => firstLine.startsWith(name)), fontPt: sizes.length > 0 ? Math.min(...sizes) : undefined}
    })
}

/** Smallest word-box height per page, from pdftotext -bbox output. */
export function pageBoxHeights(html: string): (number | undefined)[] {
  return html
    .split(/<page /)
    .slice(1)
    .map((page) => {
      let smallest: number | undefined
      for (const m of page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)<\/word>/g)) {
        if (decode(m[3]!) === '') continue
        const height = Number(m[2]) - Number(m[1])
        smallest = Math.min(smallest ?? Infinity, height)
      }
      return smallest
    })
}

export function perSheet(sheetNames: readonly string[], pages: readonly {sheet?: string; fontPt?: number}[], boxes: readonly (number | undefined)[]): SheetPrint[] {
  return sheetNames.map((sheet) => {
    const mine = pages.flatMap((p, i) => (p.sheet === sheet ? [{...p, box: boxes[i]}] : []))
    const min = (values: (number | undefined)[]) => {
      const known = values.filter((v): v is number => v !== undefined)
      return known.length === 0 ? undefined : Math.round(Math.min(...known) * 10) / 10
    }
    return {sheet, pages: mine.length, smallestFontPt: min(mine.map((p) => p.fontPt)), smallestBoxPt: min(mine.map((p) => p.box))}
  })
}

const has = (command: string, args: string[]) => {
  const result = spawnSync(command, args, {stdio: 'ignore'})
  return result.error === undefined
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - stringWidth(text)))

async function main(): Promise<number> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const missing = [
    ...(has('soffice', ['--version']) ? [] : ['LibreOffice (soffice)']),
    ...(has('pdftohtml', ['-v']) && has('pdftotext', ['-v']) ? [] : ['poppler-utils (pdftohtml / pdftotext)']),
  ]
  if (missing.length > 0) {
    process.stderr.write(
      `${missing.join(' と ')} が見つからないため、印刷の確認をしませんでした。\n` +
        '  Debian / Ubuntu: apt-get install -y libreoffice-calc poppler-utils   macOS: brew install --cask libreoffice && brew install poppler\n',
    )
    return 0
  }
  const work = mkdtempSync(path.join(tmpdir(), 'fitgap-print-'))
  let file = process.argv.slice(2).find((arg) => !arg.startsWith('--'))
  if (file === undefined) {
    file = path.join(work, 'fitgap-demo-report.xlsx')
    // Outside any workspace, analyze runs on the bundled demo.
    execFileSync(process.execPath, [path.join(root, 'bin', 'run.js'), 'analyze', '--out', file], {cwd: work, stdio: ['ignore', 'ignore', 'inherit']})
  }
  file = path.resolve(file)
  process.stderr.write(`LibreOffice で PDF に変換しています: ${file}\n`)
  // A private profile: another LibreOffice running on the machine must not take the conversion over.
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', work, file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const pdf = path.join(work, `${path.basename(file, path.extname(file))}.pdf`)
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-zoom', '1', '-stdout', pdf], {maxBuffer: 1 << 30}).toString('utf8')
  execFileSync('pdftotext', ['-bbox', pdf, path.join(work, 'bbox.html')])
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const names = workbook.worksheets.map((s) => s.name)
  const sheets = perSheet(names, pageSheets(xml, names), pageBoxHeights(readFileSync(path.join(work, 'bbox.html'), 'utf8')))
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({file, pdf, sheets}, null, 2)}\n`)
  else {
    process.stdout.write(`${pad('シート', 14)}  ページ  最小の文字 (pt)  最小の語の高さ (pt)\n`)
    for (const s of sheets)
      process.stdout.write(
        `${pad(s.sheet, 14)}  ${pad(String(s.pages), 6)}  ${pad(s.smallestFontPt === undefined ? '−' : String(s.smallestFontPt), 15)}  ${s.smallestBoxPt ?? '−'}${(s.smallestFontPt ?? MIN_PT) < MIN_PT ? '  ← 7 pt 未満' : ''}\n`,
      )
    process.stdout.write(`PDF: ${pdf}\n`)
  }
  return sheets.some((s) => (s.smallestFontPt ?? MIN_PT) < MIN_PT) ? 1 : 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main()
