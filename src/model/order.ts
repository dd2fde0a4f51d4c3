/** Orders text by code point: the same on every machine and locale, so written files and --json stay stable. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
