import { stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Envelope, StudioEvent } from '../../src-shared/contract'
import { IpcChannel } from '../../src-shared/ipc-channels'
import { decodePngDataUrl, writeFileAtomic } from '../core/png-file'
import { STUDIO_CALL_NAMES } from '../../src-shared/contract'
import {
  FilePathSchema,
  PngExportSchema,
  TextExportSchema,
  parseCallPayload,
  parsePayload,
} from '../core/payload-schemas'
import type { StudioCore } from '../core/studio-core'
import { isTrustedSenderUrl } from './security'

/** The CSV file types offered by the open dialog. */
const CSV_FILTERS = [
  { name: 'CSV and text files', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
]

/** Opens a CSV through the native dialog; null when the user cancels. */
export async function openWithDialog(core: StudioCore, win: BrowserWindow | null) {
  const options = { title: 'Open CSV', properties: ['openFile' as const], filters: CSV_FILTERS }
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  if (chosen.canceled || chosen.filePaths.length === 0) return null
  return core.open(chosen.filePaths[0])
}

/** A path from the renderer must be absolute and name an existing regular file. */
async function checkedFilePath(value: unknown): Promise<string> {
  const path = parsePayload(FilePathSchema, value, 'file path')
  if (!isAbsolute(path)) throw new Error(`Not an absolute path: ${path}`)
  const s = await stat(path).catch(() => null)
  if (!s?.isFile()) throw new Error(`Not a readable file: ${path}`)
  return path
}

/**
 * Registers every invoke handler. Each one checks that the message comes from the app's own page, validates
 * its payload, calls the core and answers an Envelope. This is the only file that touches ipcMain.
 */
export function registerIpc(core: StudioCore, appUrl: () => string): void {
  const handle = (channel: string, fn: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) => {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      try {
        if (!isTrustedSenderUrl(event.senderFrame?.url, appUrl())) {
          throw Object.assign(new Error('IPC from an untrusted page was refused.'), { name: 'SecurityError' })
        }
        return { ok: true, value: await fn(event, payload) }
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e))
        return { ok: false, error: { name: err.name, message: err.message } }
      }
    })
  }

  for (const name of STUDIO_CALL_NAMES) {
    const run = core.handlers[name] as (payload: unknown) => Promise<unknown>
    handle(name, (_e, payload) => run(parseCallPayload(name, payload)))
  }
  handle(IpcChannel.openWithDialog, (event) =>
    openWithDialog(core, BrowserWindow.fromWebContents(event.sender)),
  )
  handle(IpcChannel.openPath, async (_e, payload) => core.open(await checkedFilePath(payload)))
  handle(IpcChannel.savePng, async (event, payload) => {
    const png = parsePayload(PngExportSchema, payload, 'PNG export')
    return saveWithDialog(event, png.suggestedName, 'PNG image', decodePngDataUrl(png.dataUrl))
  })
  handle(IpcChannel.saveText, (event, payload) => {
    const file = parsePayload(TextExportSchema, payload, 'results export')
    const kind =
      file.mimeType === 'application/json' ? 'JSON' : file.mimeType === 'text/csv' ? 'CSV' : 'Markdown'
    return saveWithDialog(event, file.suggestedName, kind, Buffer.from(file.text, 'utf8'))
  })
}

/** Asks where to save, then writes atomically; null when the user cancels. */
async function saveWithDialog(event: IpcMainInvokeEvent, suggestedName: string, kind: string, bytes: Buffer) {
  const win = BrowserWindow.fromWebContents(event.sender)
  const extension = suggestedName.split('.').pop() ?? '*'
  const options = {
    title: `Export ${kind}`,
    defaultPath: suggestedName.replace(/[\\/:*?"<>|]/g, '_'),
    filters: [{ name: kind, extensions: [extension] }],
  }
  const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
  if (chosen.canceled || !chosen.filePath) return null
  await writeFileAtomic(chosen.filePath, bytes)
  return chosen.filePath
}

/** Pushes an event to every window's page. */
export function broadcast(event: StudioEvent): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(IpcChannel.event, event)
  }
}
