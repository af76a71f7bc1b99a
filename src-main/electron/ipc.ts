import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Envelope, StudioEvent } from '../../src-shared/contract'
import { IpcChannel } from '../../src-shared/ipc-channels'
import { writeFileAtomic } from '../core/atomic-write'
import { decodePngDataUrl } from '../core/png-file'
import { assertNotProtected, checkedReadablePath } from '../core/file-policy'
import { PngExportSchema, TextExportSchema, parsePayload } from '../core/payload-schemas'
import type { StudioCore } from '../core/studio-core'
import { gateIpc, studioCallWork } from './ipc-dispatch'

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

/**
 * Registers every invoke handler. Each one checks that the message comes from the app's own page, validates
 * its payload, calls the core and answers an Envelope. This is the only file that touches ipcMain.
 */
export function registerIpc(core: StudioCore, appUrl: () => string): void {
  const handle = (channel: string, fn: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) => {
    const gated = gateIpc(fn, appUrl)
    ipcMain.handle(channel, (event, payload: unknown): Promise<Envelope<unknown>> => gated(event, payload))
  }

  for (const [name, run] of studioCallWork(core)) handle(name, (_e, payload) => run(payload))
  handle(IpcChannel.openWithDialog, (event) =>
    openWithDialog(core, BrowserWindow.fromWebContents(event.sender)),
  )
  handle(IpcChannel.openPath, async (_e, payload) => core.open(await checkedReadablePath(payload)))
  handle(IpcChannel.savePng, async (event, payload) => {
    const png = parsePayload(PngExportSchema, payload, 'PNG export')
    return saveWithDialog(core, event, png.suggestedName, 'PNG image', decodePngDataUrl(png.dataUrl))
  })
  handle(IpcChannel.saveText, (event, payload) => {
    const file = parsePayload(TextExportSchema, payload, 'results export')
    const kind =
      file.mimeType === 'application/json' ? 'JSON' : file.mimeType === 'text/csv' ? 'CSV' : 'Markdown'
    return saveWithDialog(core, event, file.suggestedName, kind, Buffer.from(file.text, 'utf8'))
  })
}

/** Asks where to save, then writes atomically (never over the open data file); null when cancelled. */
async function saveWithDialog(
  core: StudioCore,
  event: IpcMainInvokeEvent,
  suggestedName: string,
  kind: string,
  bytes: Buffer,
) {
  const win = BrowserWindow.fromWebContents(event.sender)
  const extension = suggestedName.split('.').pop() ?? '*'
  const options = {
    title: `Export ${kind}`,
    defaultPath: suggestedName.replace(/[\\/:*?"<>|]/g, '_'),
    filters: [{ name: kind, extensions: [extension] }],
  }
  const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
  if (chosen.canceled || !chosen.filePath) return null
  await assertNotProtected(chosen.filePath, core.protectedPaths())
  await writeFileAtomic(chosen.filePath, bytes)
  return chosen.filePath
}

/** Pushes an event to every window's page. */
export function broadcast(event: StudioEvent): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(IpcChannel.event, event)
  }
}
