import { StringDecoder } from 'node:string_decoder'
import type { Encoding } from './detect'

/** Decodes a file's bytes chunk by chunk; characters split across chunks are completed by the next one. */
export interface ChunkDecoder {
  /** Decodes `bytes`; `last` flushes a character cut at the very end. */
  decode(bytes: Uint8Array, last: boolean): string
}

/**
 * A streaming decoder without the byte-order mark (`atStart` false: decoding from the middle of a file,
 * where a U+FEFF is text and kept). UTF-8 and UTF-16 LE use Node's native StringDecoder
 * (much faster than TextDecoder's streaming mode on Node 20), Windows-1252 a Latin-1 decode plus the
 * table for 0x80-0x9F, UTF-16 BE TextDecoder (StringDecoder has no big-endian).
 */
export function createChunkDecoder(encoding: Encoding, atStart = true): ChunkDecoder {
  let first = atStart
  const stripBom = (text: string) => {
    if (!first) return text
    first = false
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }
  if (encoding === 'utf-8' || encoding === 'utf-16le') {
    const decoder = new StringDecoder(encoding === 'utf-8' ? 'utf8' : 'utf16le')
    return {
      decode(bytes, last) {
        const text = decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
        return stripBom(last ? text + decoder.end() : text)
      },
    }
  }
  if (encoding === 'windows-1252') {
    // Single bytes, so no state between chunks. Node 20's TextDecoder('windows-1252') decodes as
    // Latin-1 (0x80 becomes U+0080, not the euro sign), so map 0x80-0x9F by the WHATWG table here.
    return {
      decode(bytes) {
        const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
        return HIGH_CONTROL.test(latin1)
          ? latin1.replace(HIGH_CONTROLS, (ch) => CP1252_80_9F[ch.charCodeAt(0) - 0x80])
          : latin1
      },
    }
  }
  const decoder = new TextDecoder(encoding)
  return {
    decode: (bytes, last) => stripBom(decoder.decode(bytes, { stream: !last })),
  }
}

const HIGH_CONTROL = /[\x80-\x9f]/
const HIGH_CONTROLS = /[\x80-\x9f]/g
/** Windows-1252 bytes 0x80-0x9F as Unicode (WHATWG encoding standard; 81 8D 8F 90 9D stay C1). */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'
