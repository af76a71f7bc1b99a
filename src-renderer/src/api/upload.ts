import type { DatasetInfo } from '../../../src-shared/contract'
import { UPLOAD_FORM_MIN_BYTES, uploadUrl } from '../../../src-shared/upload-parts'
import { unwrap } from './unwrap'
import { postFileForm } from './upload-form'

/**
 * Sends a chosen file to browser mode's server and answers its import. A small file goes as one request;
 * a larger one in the upload form (`upload-form.ts` says why), beside one request that answers the
 * import. The server imports while the file arrives.
 */
export async function upload(file: File, base: string, token: string): Promise<DatasetInfo> {
  const headers = { 'Content-Type': 'application/octet-stream', 'x-mle-token': token }
  if (file.size < UPLOAD_FORM_MIN_BYTES) {
    return unwrap(await fetch(uploadUrl(base, { name: file.name }), { method: 'POST', headers, body: file }))
  }
  const query = { name: file.name, id: crypto.randomUUID(), size: file.size, form: true as const }
  const answer = fetch(uploadUrl(base, query), { method: 'POST', headers }).then((r) =>
    unwrap<DatasetInfo>(r),
  )
  // The browser could not send the file (changed, moved or removed since it was chosen): the server is
  // told, so the import answers at once rather than waiting for bytes that will not come.
  const unreadable = () => {
    const told = fetch(uploadUrl(base, { ...query, unreadable: true }), { method: 'POST', headers })
    told.catch(() => undefined)
  }
  const action = `${uploadUrl(base, { ...query, part: 0 })}&token=${encodeURIComponent(token)}`
  const posted = postFileForm(file, action, unreadable)
  // Once the import has answered, or failed (a bad file, a cancel, the upload cut off), the post ends.
  return answer.finally(() => posted.stop())
}
