import type { DatasetInfo } from '../../../src-shared/contract'
import {
  UPLOAD_PARTS_AT_ONCE,
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
    return unwrap(await fetch(uploadUrl(base, { name: file.name }), { method: 'POST', headers, body: file }))
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
