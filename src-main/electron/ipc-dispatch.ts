import { STUDIO_CALL_NAMES, type Envelope } from '../../src-shared/contract'
import { toErrorInfo } from '../../src-shared/errors'
import type { StudioCore } from '../core/studio-core'
import { isTrustedSenderUrl } from './security'

// No runtime Electron import: the sender and payload checks are unit-tested in plain Node.

/** What an IPC handler needs to know about who sent a message (from Electron's IpcMainInvokeEvent). */
export interface IpcSender {
  senderFrame?: { url: string; parent: unknown } | null
}

/** A handler behind the gate: gets the validated event and the raw payload. */
export type IpcWork<E extends IpcSender> = (event: E, payload: unknown) => Promise<unknown>

/**
 * Wraps a handler so it runs only for the app's own top-level page (not a subframe, not another origin),
 * and always answers an Envelope: errors keep their name and message, nothing throws across IPC.
 */
export function gateIpc<E extends IpcSender>(
  work: IpcWork<E>,
  appUrl: () => string,
): (event: E, payload: unknown) => Promise<Envelope<unknown>> {
  return async (event, payload) => {
    try {
      const frame = event.senderFrame
      if (!frame || frame.parent || !isTrustedSenderUrl(frame.url, appUrl())) {
        throw Object.assign(new Error('IPC from an untrusted page was refused.'), { name: 'SecurityError' })
      }
      return { ok: true, value: await work(event, payload) }
    } catch (e) {
      return { ok: false, error: toErrorInfo(e) }
    }
  }
}

/** One handler per StudioCall: the core's, which validates the payload against the call's schema. */
export function studioCallWork(core: StudioCore): Map<string, (payload: unknown) => Promise<unknown>> {
  const work = new Map<string, (payload: unknown) => Promise<unknown>>()
  for (const name of STUDIO_CALL_NAMES) {
    work.set(name, core.handlers[name] as (payload: unknown) => Promise<unknown>)
  }
  return work
}
