/**
 * How browser mode sends a large file: as consecutive parts of UPLOAD_PART_BYTES, UPLOAD_PARTS_AT_ONCE of them
 * in flight, in order. The page and the server both derive the parts from the file's size here, so a part's
 * place and length are never taken from the request alone.
 *
 * Why parts: Chromium moves one request body between its processes in ~16 KiB pieces, one at a time, so a
 * single 86 MB body is bound by those hand-offs' latency, not by CPU (~1 s on a 2-core machine, against
 * ~0.25 s when the processes are woken at once). Parts in flight together overlap the hand-offs. They go in
 * order, with few at once, so the start of the file, which the engine parses while the rest arrives, comes
 * first.
 */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024
export const UPLOAD_PARTS_AT_ONCE = 4

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
 * - `name`, `id`, `size`, `unreadable`: the page could not read a part of the file (changed or removed since
 *   it was chosen); the upload ends, and its import answers why.
 */
export interface UploadQuery {
  name: string
  id?: string
  size?: number
  part?: number
  unreadable?: true
}

export function uploadUrl(base: string, q: UploadQuery): string {
  const params = new URLSearchParams({ name: q.name })
  if (q.id !== undefined) params.set('id', q.id)
  if (q.size !== undefined) params.set('size', String(q.size))
  if (q.part !== undefined) params.set('part', String(q.part))
  if (q.unreadable) params.set('unreadable', '1')
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
