/**
 * The shape of browser mode's upload requests, and the parts a file may be sent in. The page sends a small
 * file as one body and a larger one in its upload form (`src-renderer/src/api/upload-form.ts`), with a
 * request that answers the import beside it. The server also takes a file as consecutive parts of
 * UPLOAD_PART_BYTES sent in any order (a client that cannot send one long body); page-side, parts were
 * the way around Chromium's slow single fetch body until the form, which Chromium reads from the file in
 * its network process, did better. Parts are derived from the file's size here, so a part's place and
 * length are never taken from the request alone.
 */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024
/** A file of this size or more goes in the page's upload form (`UploadQuery.form`). */
export const UPLOAD_FORM_MIN_BYTES = 8 * 1024 * 1024

export interface UploadPart {
  offset: number
  bytes: number
}

/** The parts of a file of `size` bytes (one part, possibly empty, when it fits in one). */
export function uploadParts(size: number, partBytes = UPLOAD_PART_BYTES): UploadPart[] {
  const parts: UploadPart[] = []
  for (let offset = 0; offset < size || parts.length === 0; offset += partBytes) {
    parts.push({ offset, bytes: Math.min(partBytes, size - offset) })
  }
  return parts
}

/**
 * The query of an upload request (`POST /api/upload?...`):
 * - `name` alone: the body is the whole file, and the answer is its import (a plain upload, e.g. curl).
 * - `name`, `id`, `size`: no body; the answer is the import of upload `id`, whose parts come in requests
 *   that add `part`.
 * - `name`, `id`, `size`, `part`: the body is that part; the answer is null once it is stored.
 * - any of the two above with `form`: upload `id` is the whole file as part 0, in a `multipart/form-data`
 *   body of one file field, and the part's request carries the token in its query (a form sets no
 *   header); its answer is empty (204), as the page's hidden frame shows nothing.
 * - `name`, `id`, `size`, `unreadable`: the page could not send (part of) the file (changed or removed since
 *   it was chosen); the upload ends unless all of it came, and its import answers why.
 */
export interface UploadQuery {
  name: string
  id?: string
  size?: number
  part?: number
  unreadable?: true
  /** The file comes whole, as part 0, in a multipart form (token in the query: a form sets no header). */
  form?: true
}

export function uploadUrl(base: string, q: UploadQuery): string {
  const params = new URLSearchParams({ name: q.name })
  if (q.id !== undefined) params.set('id', q.id)
  if (q.size !== undefined) params.set('size', String(q.size))
  if (q.part !== undefined) params.set('part', String(q.part))
  if (q.unreadable) params.set('unreadable', '1')
  if (q.form) params.set('form', '1')
  return `${base}/api/upload?${params.toString()}`
}

/**
 * What the user is told when the browser could not read the file it was sending (changed, moved or removed
 * after it was chosen): by the server for a part (`unreadable` in the query), by the page for a file sent
 * as one request (its fetch fails with the browser's own words, "Failed to fetch").
 */
export function unreadableUploadMessage(name: string): string {
  return (
    `The browser could not read ${name} while sending it (was it changed, moved or removed after it was ` +
    'chosen?): nothing was imported. Open it again.'
  )
}

/** What the user is told when browser mode's server does not answer while a file is being sent. */
export function serverGoneMessage(name: string): string {
  return (
    `${name} was not sent: the MLE Studio server does not answer (was it stopped?). Start it again, then ` +
    'reload this page.'
  )
}
