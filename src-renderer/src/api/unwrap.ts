import type { Envelope } from '../../../src-shared/contract'
import { fromErrorInfo } from '../../../src-shared/errors'

/** A browser-mode answer's value, or its error thrown as the error it was on the server. */
export async function unwrap<T>(res: Response): Promise<T> {
  let envelope: Envelope<T>
  try {
    envelope = (await res.json()) as Envelope<T>
  } catch {
    throw new Error(`The server answered ${res.status} ${res.statusText} without a result.`)
  }
  if (envelope.ok) return envelope.value
  throw fromErrorInfo(envelope.error)
}
