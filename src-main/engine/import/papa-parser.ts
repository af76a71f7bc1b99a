import Papa from 'papaparse'

/** Line breaks papaparse accepts. */
export type Newline = '\n' | '\r\n' | '\r'

/** What papaparse's low-level Parser returns for one string chunk. */
export interface ChunkResult {
  data: string[][]
  errors: { code: string; message: string; row?: number; index?: number }[]
  /** Characters of the input consumed; the rest is an incomplete last row to prepend to the next chunk. */
  meta: { cursor: number }
}

/** Papaparse's chunk parser with fixed delimiter and line ending, typed (its typings say `any`). */
export interface ChunkParser {
  /** Parses `input`; when `more` is true the last (possibly incomplete) row is left unparsed. */
  parse(input: string, more: boolean): ChunkResult
}

/**
 * Papaparse's `Parser` (the RFC 4180 state machine its streamers drive), used directly so this module
 * controls chunking, decoding and the carried-over partial row. Quote `"`, escaped as `""`.
 */
export function createChunkParser(delimiter: string, newline: Newline, preview = 0): ChunkParser {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', preview })
  return {
    parse(input, more) {
      return parser.parse(input, 0, more) as ChunkResult
    },
  }
}
