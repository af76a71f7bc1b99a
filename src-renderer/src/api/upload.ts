import type { DatasetInfo } from '../../../src-shared/contract'
import { StudioError } from '../../../src-shared/errors'
import {
  serverGoneMessage,
  UPLOAD_PARTS_AT_ONCE,
  unreadableUploadMessage,
  uploadParts,
  uploadUrl,
  type UploadPart,
  type UploadQuery,
} from '../../../src-shared/upload-parts'
import { unwrap } from './unwrap'

/**
 * Sends a chosen file to browser mode's server and answers its import. A file of one part goes as one
 * request; a larger one as its parts (`upload-parts.ts` says why), a few at a time and in order, beside
 * one request that answers the import. The server imports while the parts arrive. `sender`: the headers
 * that say who sends it (token, page).
 */
export async function upload(file: File, base: string, sender: Record<string, string>): Promise<DatasetInfo> {
  const headers = { 'Content-Type': 'application/octet-stream', ...sender }
  const parts = uploadParts(file.size)
  if (parts.length === 1) {
    const url = uploadUrl(base, { name: file.name })
    const res = await fetch(url, { method: 'POST', headers, body: file }).catch(async (e: unknown) => {
      throw await notSent(file, base, e)
    })
    return unwrap(res)
  }
  const query = { name: file.name, id: crypto.randomUUID(), size: file.size }
  const answer = fetch(uploadUrl(base, query), { method: 'POST', headers }).then((r) =>
    unwrap<DatasetInfo>(r),
  )
  // Once the import has failed (a bad file, a cancel, a part cut off) the parts on their way are stopped
  // and the rest are not sent.
  const stop = new AbortController()
  answer.catch(() => stop.abort())
  const [result] = await Promise.all([answer, sendParts(file, parts, base, query, headers, stop.signal)])
  return result
}

/**
 * Why a request carrying `file` failed without an answer, in words the user can act on: the browser's own
 * error ("Failed to fetch") says neither. The file is unreadable when reading it fails now too (Chromium
 * refuses a chosen file changed, moved or removed since); else the server is gone when it does not answer a
 * request for the page either; else the browser's error, with the file named.
 */
async function notSent(file: File, base: string, e: unknown): Promise<Error> {
  const readable = await file
    .slice(0, 1)
    .arrayBuffer()
    .then(
      () => true,
      () => false,
    )
  if (!readable) return new StudioError('RequestError', unreadableUploadMessage(file.name))
  const answers = await fetch(`${base}/`, { method: 'HEAD', cache: 'no-store' }).then(
    () => true,
    () => false,
  )
  if (!answers) return new StudioError('RequestError', serverGoneMessage(file.name))
  return new StudioError('RequestError', `${file.name} could not be sent: ${(e as Error).message}`)
}

/** Sends the file's parts, UPLOAD_PARTS_AT_ONCE at a time, in order, until all are sent or `stop`. */
async function sendParts(
  file: File,
  parts: UploadPart[],
  base: string,
  query: UploadQuery,
  headers: Record<string, string>,
  stop: AbortSignal,
): Promise<void> {
  let next = 0
  const sender = async () => {
    while (!stop.aborted && next < parts.length) {
      const part = next++
      const { offset, bytes } = parts[part]
      const body = file.slice(offset, offset + bytes)
      const url = uploadUrl(base, { ...query, part })
      const res = await fetch(url, { method: 'POST', headers, body, signal: stop }).catch((e: unknown) => {
        // Not stopped by us: the browser could not read the part (the file changed since it was chosen) or
        // the server is gone. The server is told, so the import answers at once rather than stalling.
        if (!stop.aborted) {
          const told = fetch(uploadUrl(base, { ...query, unreadable: true }), { method: 'POST', headers })
          told.catch(() => undefined)
        }
        throw e
      })
      // A part's own failure fails the import too, whose answer says why: that one is reported.
      const stored = await res.json().then(
        (e: { ok: boolean }) => e.ok,
        () => false,
      )
      if (!stored) return
    }
  }
  const senders = Array.from({ length: UPLOAD_PARTS_AT_ONCE }, () => sender().catch(() => undefined))
  await Promise.all(senders)
}
