/**
 * Normalises a header cell (or a sheet name) for comparison with aliases; used by both importers
 * (current-system exports and official spec workbooks).
 *
 * NFKC (full-width → half-width, ｶﾅ → カナ), lower-case ASCII, no white space or line breaks, no 【】「」『』〔〕
 * brackets, no trailing note mark (`※1`, `*1`), and none of `_ - ‐ ・ : * ※ . 。 、 ,`. Parentheses are kept:
 * `項目名（英語）` → `項目名(英語)`.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[【】「」『』〔〕]/g, '')
    .replace(/[※*]\d*$/u, '')
    .replace(/[_\-‐‑–—―−・･:*※.。、,]/g, '')
    .toLowerCase()
}
