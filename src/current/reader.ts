import type {SourceFile} from '../model/current.js'
import type {EncodingChoice} from './encoding.js'
import type {CompiledAliases, ImportKind} from './headers.js'
import type {ImportProfile} from './aliases.js'
import type {RecordSink} from './records.js'

export interface ReaderOptions {
  /** Absolute path of the file. */
  readonly path: string
  /** The path as shown in messages. */
  readonly display: string
  /** The file as recorded in provenance. */
  readonly fileKey: string
  readonly kinds?: readonly ImportKind[]
  readonly encoding: EncodingChoice
  readonly profile?: ImportProfile
  readonly aliases: CompiledAliases
  /** Told how many bytes of the file are done (CSV only: it is read twice, each pass counts half). */
  readonly onBytes?: (done: number, total: number) => void
  /** The 業務 slug being imported into (XML/JSON may name one). */
  readonly area: string
}

export interface ReadResult {
  readonly format: SourceFile['format']
  readonly encoding?: string
  readonly sha256: string
  readonly counts: Partial<Record<ImportKind, number>>
  /** What was read from where (sheets, header rows, skipped rows). */
  readonly notes: string[]
  /** Suspicious but not fatal. */
  readonly warnings: string[]
}

export type Reader = (options: ReaderOptions, sink: RecordSink) => Promise<ReadResult>
