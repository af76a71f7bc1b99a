import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { isStudioCallName } from '../../src-shared/calls'
import type { Envelope, RendererApi, StudioEvent } from '../../src-shared/contract'
import { fromErrorInfo, StudioError } from '../../src-shared/errors'
import { IpcChannel } from '../../src-shared/ipc-channels'

/** Invokes a channel and unwraps its Envelope, rethrowing errors with their engine name intact. */
async function invoke<T>(channel: string, payload?: unknown): Promise<T> {
  const envelope = (await ipcRenderer.invoke(channel, payload ?? null)) as Envelope<T>
  if (envelope.ok) return envelope.value
  throw fromErrorInfo(envelope.error)
}

/** The only bridge between the page and main: typed calls, never ipcRenderer itself. */
const api: RendererApi = {
  mode: 'electron',
  // Each StudioCall's name is its channel; main validates the payload. Only StudioCall names pass, so the
  // page cannot reach the other channels (e.g. open-path with a path of its choosing) through `call`.
  call: (name, payload) =>
    isStudioCallName(name)
      ? invoke(name, payload)
      : Promise.reject(new StudioError('SecurityError', `Unknown call ${String(name)}.`)),
  openWithDialog: () => invoke(IpcChannel.openWithDialog),
  openFile: (file) => invoke(IpcChannel.openPath, webUtils.getPathForFile(file)),
  savePng: (png) => invoke(IpcChannel.savePng, png),
  saveText: (file) => invoke(IpcChannel.saveText, file),
  saveReport: (report) => invoke(IpcChannel.saveReport, report),
  setUnsaved: (unsaved) => invoke(IpcChannel.setUnsaved, unsaved),
  onEvent(listener) {
    const wrapped = (_e: unknown, event: StudioEvent) => listener(event)
    ipcRenderer.on(IpcChannel.event, wrapped)
    return () => ipcRenderer.off(IpcChannel.event, wrapped)
  },
}

contextBridge.exposeInMainWorld('mleStudio', api)
