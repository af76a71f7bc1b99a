import { PAGE_HEADER } from '../../../src-shared/calls'
import type { DatasetInfo } from '../../../src-shared/contract'
import { StudioError } from '../../../src-shared/errors'
import {
  serverGoneMessage,
  UPLOAD_FORM_MIN_BYTES,
  unreadableUploadMessage,
  uploadUrl,
} from '../../../src-shared/upload-parts'
import { unwrap } from './unwrap'
import { postFileForm } from './upload-form'

/** Who sends an upload: the run's token and this tab's page id (its Cancel stops the import). */
export interface UploadSender {
  token: string
  page: string
}

/**
 * Sends a chosen file to browser mode's server and answers its import. A small file goes as one request;
 * a larger one in the upload form (`upload-form.ts` says why), beside one request that answers the
 * import. The server imports while the file arrives.
 */
export async function upload(file: File, base: string, sender: UploadSender): Promise<DatasetInfo> {
  const headers = {
    'Content-Type': 'application/octet-stream',
    'x-mle-token': sender.token,
    [PAGE_HEADER]: sender.page,
  }
  if (file.size < UPLOAD_FORM_MIN_BYTES) {
    const url = uploadUrl(base, { name: file.name })
    const res = await fetch(url, { method: 'POST', headers, body: file }).catch(async (e: unknown) => {
      throw await notSent(file, base, e)
    })
    return unwrap(res)
  }
  const query = { name: file.name, id: crypto.randomUUID(), size: file.size, form: true as const }
  // The browser could not send the file (changed, moved or removed since it was chosen): the server is
  // told, so the import answers at once rather than waiting for bytes that will not come.
  const unreadable = () => {
    const told = fetch(uploadUrl(base, { ...query, unreadable: true }), { method: 'POST', headers })
    told.catch(() => undefined)
  }
  // The form first: a frame's navigation reaches the server ~30 ms after it is asked for (a fetch within a
  // few), and the server starts the import on whichever request comes first. A form sets no header: the
  // token and the page ride in its query.
  const sent = new URLSearchParams({ token: sender.token, page: sender.page })
  const action = `${uploadUrl(base, { ...query, part: 0 })}&${sent.toString()}`
  const posted = postFileForm(file, action, unreadable)
  const answer = fetch(uploadUrl(base, query), { method: 'POST', headers }).then(
    (r) => unwrap<DatasetInfo>(r),
    async (e: unknown) => {
      throw await notSent(file, base, e)
    },
  )
  // Once the import has answered, or failed (a bad file, a cancel, the upload cut off), the post ends.
  return answer.finally(() => posted.stop())
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
