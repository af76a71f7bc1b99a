import { StringDecoder } from 'node:string_decoder'
import type { Encoding } from './detect'

/** Decodes a file's bytes chunk by chunk; characters split across chunks are completed by the next one. */
export interface ChunkDecoder {
  /** Decodes `bytes`; `last` flushes a character cut at the very end. */
  decode(bytes: Uint8Array, last: boolean): string
}

/**
 * A streaming decoder without the byte-order mark. UTF-8 and UTF-16 LE use Node's native StringDecoder
 * (much faster than TextDecoder's streaming mode on Node 20); UTF-16 BE and Windows-1252 use
 * TextDecoder (StringDecoder has neither; `latin1` would misread 0x80-0x9F such as the euro sign).
 */
export function createChunkDecoder(encoding: Encoding): ChunkDecoder {
  let first = true
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
  const decoder = new TextDecoder(encoding)
  return {
    decode: (bytes, last) => stripBom(decoder.decode(bytes, { stream: !last })),
  }
}
