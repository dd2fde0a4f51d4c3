/**
 * A streaming CSV splitter for large data exports (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes,
 * CRLF / LF / CR). Text in, rows out, nothing kept but the row being read. Several times faster than csv-parse on
 * gigabyte files because it never goes back from text to bytes. Pure.
 */
const QUOTE = 34
const LF = 10
const CR = 13

const enum Mode {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}

export class CsvSplitter {
  private mode = Mode.FieldStart
  private row: string[] = []
  private field = ''
  private skipLf = false
  /** The last character read inside quotes was CR: a LF right after it ends the same line. */
  private crInQuotes = false
  private line = 1
  private rowLine = 1

  constructor(
    private readonly delimiter: number,
    private readonly onRow: (cells: string[], line: number) => void,
    private readonly maxField = 1 << 20,
  ) {}

  write(text: string): void {
    let start = 0
    const n = text.length
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (this.skipLf) {
        this.skipLf = false
        if (c === LF) {
          start = i + 1
          continue
        }
      }
      switch (this.mode) {
        case Mode.FieldStart:
          if (c === QUOTE) {
            this.mode = Mode.Quoted
            start = i + 1
            continue
          }
          this.mode = Mode.Unquoted
          start = i
        // falls through
        case Mode.Unquoted:
          if (c === this.delimiter) {
            this.endField(text.slice(start, i))
            start = i + 1
          } else if (c === LF || c === CR) {
            this.endField(text.slice(start, i))
            this.endRow()
            this.newLine(c)
            start = i + 1
          }
          break
        case Mode.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(start, i)
            this.mode = Mode.QuoteInQuoted
            start = i + 1
          } else if (c === CR || (c === LF && !this.crInQuotes)) this.line++
          this.crInQuotes = c === CR
          break
        case Mode.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"'
            this.mode = Mode.Quoted
            start = i + 1
          } else if (c === this.delimiter) {
            this.endField('')
            start = i + 1
          } else if (c === LF || c === CR) {
            this.endField('')
            this.endRow()
            this.newLine(c)
            start = i + 1
          } else throw new CsvSyntaxError(this.line, '引用符 (") の後に余分な文字があります')
          break
      }
    }
    if (this.mode === Mode.Unquoted || this.mode === Mode.Quoted) {
      this.field += text.slice(start)
      if (this.field.length > this.maxField) throw new CsvSyntaxError(this.rowLine, '1つの値が長すぎます (100万文字超)。引用符の閉じ忘れかもしれません')
    }
  }

  end(): void {
    if (this.mode === Mode.Quoted) throw new CsvSyntaxError(this.rowLine, '引用符 (") が閉じられていません')
    if (this.mode !== Mode.FieldStart || this.row.length > 0) {
      this.endField('')
      this.endRow()
    }
  }

  private newLine(c: number): void {
    this.line++
    this.rowLine = this.line
    if (c === CR) this.skipLf = true
  }

  private endField(piece: string): void {
    this.row.push(this.field + piece)
    this.field = ''
    this.mode = Mode.FieldStart
  }

  private endRow(): void {
    const row = this.row
    this.row = []
    if (row.length === 1 && row[0] === '') return // a blank line
    this.onRow(row, this.rowLine)
  }
}
