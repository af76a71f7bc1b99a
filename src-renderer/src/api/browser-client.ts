import { PAGE_HEADER } from '../../../src-shared/calls'
import type { RendererApi, StudioEvent } from '../../../src-shared/contract'
import { jsonBody } from './json-body'
import { pageId } from './page-id'
import { unwrap } from './unwrap'
import { upload } from './upload'

/**
 * RendererApi over browser mode's loopback HTTP server: POST per call (token and this tab's page id in
 * headers: several tabs share one server, and each one's Cancel stops its own work), events over Server-Sent
 * Events (token in the query, as EventSource cannot set headers).
 */
export function createBrowserClient(token: string, base = '', page = pageId()): RendererApi {
  const sender = { 'x-mle-token': token, [PAGE_HEADER]: page }
  async function call<T>(name: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...sender },
      body: jsonBody(body),
    })
    return unwrap<T>(res)
  }

  const listeners = new Set<(event: StudioEvent) => void>()
  let source: EventSource | null = null
  // The browser's own "leave site?" question stands in for the desktop app's unsaved-changes prompt.
  const warnOnLeave = (e: BeforeUnloadEvent) => e.preventDefault()

  return {
    mode: 'browser',
    page,
    call: (name, payload) => call(encodeURIComponent(name), payload),
    openWithDialog: () => Promise.resolve(null),
    openFile: (file) => upload(file, base, { token, page }),
    savePng(png) {
      download(png.dataUrl, png.suggestedName)
      return Promise.resolve(png.suggestedName)
    },
    saveText(file) {
      downloadText(file.text, file.mimeType, file.suggestedName)
      return Promise.resolve(file.suggestedName)
    },
    saveReport(report) {
      downloadText(report.html, 'text/html', report.suggestedName)
      return Promise.resolve(report.suggestedName)
    },
    setUnsaved(unsaved) {
      window.removeEventListener('beforeunload', warnOnLeave)
      if (unsaved) window.addEventListener('beforeunload', warnOnLeave)
      return Promise.resolve()
    },
    onEvent(listener) {
      listeners.add(listener)
      if (!source) {
        source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`)
        source.onmessage = (m: MessageEvent<string>) => {
          const event = JSON.parse(m.data) as StudioEvent
          for (const l of listeners) l(event)
        }
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) {
          source?.close()
          source = null
        }
      }
    },
  }
}

/** Saves text as a file through the browser's download mechanism. */
function downloadText(text: string, mimeType: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }))
  download(url, fileName)
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves through the browser's download mechanism. */
function download(href: string, fileName: string): void {
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
}
