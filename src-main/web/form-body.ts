import { StudioError } from '../../src-shared/errors'

/** Longest start of a form body (the boundary line and the file field's headers) that is read. */
const MAX_HEAD_BYTES = 16 * 1024
/** Most bytes a form body may have besides its file: the start above, the closing boundary and slack. */
export const FORM_FRAMING_BYTES = MAX_HEAD_BYTES + 256

/**
 * The file in a `multipart/form-data` body of one file field (the page's upload form): the body is the
 * boundary line, the field's headers, a blank line, the file's `size` bytes, and the closing boundary.
 * `take(chunk)` gives the bytes of each arriving chunk that belong to the file (a view, no copy);
 * `end()` checks the body closed as a form must. Anything else is refused with a message, never stored.
 */
export interface FormFile {
  take(chunk: Buffer): Buffer | null
  end(): void
}

/** The boundary of a `multipart/form-data` Content-Type, or null when it is not one. */
export function formBoundary(contentType: string | undefined): string | null {
  const match = /^multipart\/form-data;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '')
  return match ? (match[1] ?? match[2]) : null
}

export function formFile(boundary: string, size: number): FormFile {
  const opening = Buffer.from(`--${boundary}\r\n`)
  const closing = Buffer.from(`\r\n--${boundary}--`)
  let head: Buffer | null = Buffer.alloc(0)
  let fileLeft = size
  let tail = Buffer.alloc(0)
  return {
    take(chunk) {
      let rest = chunk
      if (head) {
        head = Buffer.concat([head, chunk])
        const blank = head.indexOf('\r\n\r\n')
        if (blank < 0) {
          // Still in the headers: what came so far must be the start of a form.
          const seen = Math.min(head.length, opening.length)
          if (head.length > MAX_HEAD_BYTES || !head.subarray(0, seen).equals(opening.subarray(0, seen))) {
            throw notAForm()
          }
          return null
        }
        if (!startsWith(head, opening)) throw notAForm()
        rest = head.subarray(blank + 4)
        head = null
      }
      const file = rest.subarray(0, fileLeft)
      fileLeft -= file.length
      // The closing boundary (and a final line break) only: a few dozen bytes at most.
      if (rest.length > file.length) tail = Buffer.concat([tail, rest.subarray(file.length)])
      if (tail.length > closing.length + 4) throw notAForm()
      return file.length > 0 ? file : null
    },
    end() {
      if (startsWith(tail, closing)) return
      const inClosing = closing.subarray(0, tail.length).equals(tail)
      if (head || fileLeft > 0 || inClosing) {
        throw new StudioError('RequestError', 'The upload was cut off before it ended.')
      }
      throw notAForm()
    },
  }
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix)
}

function notAForm(): Error {
  return new StudioError('ValidationError', 'The upload form is not one file field of the declared size.')
}
