import type { IncomingMessage } from 'node:http'
import { timingSafeEqual } from 'node:crypto'

/** Why a request was refused, as an HTTP status and a one-line reason; null when it may pass. */
export interface Refusal {
  status: 401 | 403
  reason: string
}

/**
 * DNS-rebinding and cross-site protection: the Host header must be exactly the loopback address and port
 * the server listens on, and a browser-sent Origin must be that same origin.
 */
export function checkOrigin(req: IncomingMessage, host: string, port: number): Refusal | null {
  const expected = `${host}:${port}`
  if (req.headers.host !== expected) return { status: 403, reason: `Host must be ${expected}` }
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${expected}`) {
    return { status: 403, reason: 'Cross-origin requests are refused' }
  }
  // Browsers label requests another site triggered (a link, an image, a form); none of those are ours.
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    return { status: 403, reason: 'Cross-site requests are refused' }
  }
  return null
}

/**
 * API requests carry the per-run token in the `x-mle-token` header; the `token` query parameter counts only
 * where `allowQuery` (the EventSource stream, which cannot set headers). 401 when missing, 403 when wrong.
 */
export function checkToken(
  req: IncomingMessage,
  url: URL,
  token: string,
  allowQuery = false,
): Refusal | null {
  const header = req.headers['x-mle-token']
  const given =
    (typeof header === 'string' ? header : undefined) ?? (allowQuery ? url.searchParams.get('token') : null)
  if (!given) return { status: 401, reason: 'Missing token' }
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { status: 403, reason: 'Wrong token' }
  return null
}
