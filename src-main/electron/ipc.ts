import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import * as v from 'valibot'
import type { DatasetInfo, Envelope, ReportExport, StudioEvent } from '../../src-shared/contract'
import { IpcChannel } from '../../src-shared/ipc-channels'
import { checkedReadablePath } from '../core/file-policy'
import { decodeChartDataUrl } from '../core/png-file'
import { PngExportSchema, ReportExportSchema, TextExportSchema, parsePayload } from '../core/payload-schemas'
import type { StudioCore } from '../core/studio-core'
import { gateIpc, studioCallWork } from './ipc-dispatch'

/** What the IPC handlers ask of the desktop shell (dialogs, recent files, the close prompt). */
export interface DesktopIpcHost {
  /** Native Open dialog for data; null when cancelled. */
  openDataWithDialog(win: BrowserWindow | null): Promise<DatasetInfo | null>
  /** Imports a file the user dropped on the window (its path checked by the caller). */
  openDataPath(path: string): Promise<DatasetInfo>
  /** Native Save dialog, then an atomic write; the path written, or null when cancelled. */
  saveExport(win: BrowserWindow | null, suggestedName: string, bytes: Buffer): Promise<string | null>
  /** Native Save dialog offering PDF and HTML, then the report in the chosen format; null when cancelled. */
  saveReport(win: BrowserWindow | null, report: ReportExport): Promise<string | null>
  /** The page says whether it holds results no saved session has. */
  setUnsaved(unsaved: boolean): void
}

/**
 * Registers every invoke handler. Each one checks that the message comes from the app's own page, validates
 * its payload, then calls the core or the shell and answers an Envelope. This is the only file that
 * touches ipcMain.
 */
export function registerIpc(core: StudioCore, host: DesktopIpcHost, appUrl: () => string): void {
  const handle = (channel: string, fn: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) => {
    const gated = gateIpc(fn, appUrl)
    ipcMain.handle(channel, (event, payload: unknown): Promise<Envelope<unknown>> => gated(event, payload))
  }
  const windowOf = (event: IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender)

  for (const [name, run] of studioCallWork(core)) handle(name, (_e, payload) => run(payload))
  handle(IpcChannel.openWithDialog, (event) => host.openDataWithDialog(windowOf(event)))
  handle(IpcChannel.openPath, async (_e, payload) => host.openDataPath(await checkedReadablePath(payload)))
  handle(IpcChannel.savePng, (event, payload) => {
    const png = parsePayload(PngExportSchema, payload, 'chart export')
    return host.saveExport(windowOf(event), png.suggestedName, decodeChartDataUrl(png.dataUrl))
  })
  handle(IpcChannel.saveText, (event, payload) => {
    const file = parsePayload(TextExportSchema, payload, 'results export')
    return host.saveExport(windowOf(event), file.suggestedName, Buffer.from(file.text, 'utf8'))
  })
  handle(IpcChannel.saveReport, (event, payload) =>
    host.saveReport(windowOf(event), parsePayload(ReportExportSchema, payload, 'report')),
  )
  handle(IpcChannel.setUnsaved, (_e, payload) => {
    host.setUnsaved(parsePayload(v.boolean(), payload, 'unsaved flag'))
    return Promise.resolve(null)
  })
}

/** Pushes an event to every window's page. */
export function broadcast(event: StudioEvent): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(IpcChannel.event, event)
  }
}
