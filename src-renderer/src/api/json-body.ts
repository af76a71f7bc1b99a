/**
 * Request bodies for browser mode's HTTP calls, with finished results written and encoded once. A session
 * autosave sends every result of the workspace each time something changes; a gradient fit's result holds
 * its whole trace (10,000 epochs are 1.6 MB of JSON: tens of ms to write and as long again to encode for
 * the request), so sending it again at every autosave was the longest task the page ran after a fit. A
 * result's JSON is kept as a Blob: a body built of Blobs is sent from the browser's blob store, unencoded
 * and uncopied by the page.
 */

/** Objects the app never changes once made (finished results: a change makes a new object). */
const unchanging = new WeakSet<object>()
/** Their JSON, by identity, once written. */
const written = new WeakMap<object, Blob>()

/** Marks finished results as never changing (their JSON is then written once). */
export function unchangingResults(values: readonly object[]): void {
  for (const v of values) unchanging.add(v)
}

/**
 * Writes the JSON of one marked object in `values` not written yet; false when there was none. Callers
 * that can wait (the autosave, in idle time) write a body's results one task at a time, so no task writes
 * more than one trace.
 */
export function writeOneResult(values: readonly object[]): boolean {
  const next = values.find((v) => unchanging.has(v) && !written.has(v))
  if (next === undefined) return false
  write(next)
  return true
}

function write(value: object): Blob {
  const blob = new Blob([JSON.stringify(value)])
  written.set(value, blob)
  return blob
}

/**
 * A control character around a placeholder, which JSON.stringify writes as the ASCII escape `\u0001`, so
 * the placeholder is found in the text as it is; a nonce makes sure no user text poses as one.
 */
const MARK = '\u0001'
/** How MARK reads in JSON text. */
const MARK_JSON = '\\u0001'

/**
 * A call's payload as JSON: the text itself, or (when it holds marked objects) a Blob of the text around
 * their stored JSON. They are written as placeholder strings first, then the text is cut at those: JSON
 * .stringify has no way to splice in the JSON of an object.
 */
export function jsonBody(body: unknown): string | Blob {
  const stored: Blob[] = []
  const nonce = Math.random().toString(36).slice(2)
  const skeleton = JSON.stringify(body ?? null, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || !unchanging.has(value)) return value
    stored.push(written.get(value) ?? write(value))
    return `${MARK}${nonce}:${stored.length - 1}${MARK}`
  })
  if (stored.length === 0) return skeleton
  const open = `"${MARK_JSON}${nonce}:`
  const parts: (string | Blob)[] = []
  let from = 0
  for (let at = skeleton.indexOf(open); at >= 0; at = skeleton.indexOf(open, from)) {
    const end = skeleton.indexOf(`${MARK_JSON}"`, at + open.length)
    parts.push(skeleton.slice(from, at), stored[Number(skeleton.slice(at + open.length, end))])
    from = end + MARK_JSON.length + 1
  }
  parts.push(skeleton.slice(from))
  return new Blob(parts)
}
