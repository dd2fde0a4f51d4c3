/** Characters XML 1.0 cannot hold (a sheet with them is not well-formed), lone surrogates included. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
export const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Unicode private-use characters: 外字 from CP932 (0xF040…) land here and mean nothing elsewhere. */
export const PRIVATE_USE = /[\uE000-\uF8FF]/

export const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
