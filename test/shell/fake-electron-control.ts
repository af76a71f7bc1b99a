/**
 * The test's hands inside the process under test: answers driver.ts's requests over the Node IPC channel by
 * doing what a user or the OS would (click a menu item, answer a dialog, send IPC from a page, launch a
 * second instance, kill the engine, quit) and by reporting what the real main code did.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  answerNext,
  app,
  emitPreventable,
  failingPrints,
  FakeBrowserWindow,
  FakeEvent,
  FakeMenu,
  handlers,
  recorded,
  session,
  utilityChildren,
  type FakeMenuItem,
} from './fake-electron'

export interface ControlRequest {
  id: number
  op: string
  args?: Record<string, unknown>
}

const win = () => FakeBrowserWindow.getAllWindows()[0] ?? null

/** A menu as plain data: labels, roles, accelerators, enabled state (no functions). */
function describeMenu(items: FakeMenuItem[]): unknown[] {
  return items.map((i) => ({
    label: i.label,
    role: i.role,
    type: i.type,
    accelerator: i.accelerator,
    enabled: i.enabled,
    toolTip: i.toolTip,
    submenu: i.submenu ? describeMenu(Array.isArray(i.submenu) ? i.submenu : i.submenu.items) : undefined,
  }))
}

/** Finds a menu item by its label path (labels without `&` markers), e.g. ['File', 'Open…']. */
function findItem(path: string[]): FakeMenuItem {
  let items = FakeMenu.applicationMenu?.items ?? []
  let found: FakeMenuItem | undefined
  for (const label of path) {
    found = items.find((i) => (i.label ?? i.role ?? '').replace(/&(?!&)/g, '').replace(/^\d /, '') === label)
    if (!found) throw new Error(`No menu item ${path.join(' > ')}`)
    items = found.submenu ? (Array.isArray(found.submenu) ? found.submenu : found.submenu.items) : []
  }
  return found as FakeMenuItem
}

/** A page (the app's own or another) sends an invoke message, as ipcRenderer.invoke would. */
async function invoke(args: Record<string, unknown>): Promise<unknown> {
  const handler = handlers.get(String(args['channel']))
  if (!handler) throw new Error(`No handler for ${String(args['channel'])}`)
  const w = win()
  const frame = args['frame'] as { url?: string; subframe?: boolean } | undefined
  const url = frame?.url ?? w?.webContents.getURL() ?? ''
  const event = {
    sender: w?.webContents,
    senderFrame: { url, parent: frame?.subframe ? { url } : null },
    processId: 1,
    frameId: 1,
  }
  // Payloads are structured-cloned from the page.
  return handler(event, structuredClone(args['payload'] ?? null))
}

function state(): unknown {
  return {
    ready: app.isReady(),
    windows: FakeBrowserWindow.getAllWindows().map((w) => ({
      options: w.options,
      bounds: w.bounds,
      visible: w.visible,
      maximized: w.maximized,
      url: w.webContents.getURL(),
      documentEdited: w.documentEdited,
      windowOpenHandler: w.webContents.windowOpenHandler !== null,
    })),
    menu: describeMenu(FakeMenu.applicationMenu?.items ?? []),
    channels: [...handlers.keys()].sort(),
    engines: utilityChildren.map((c) => ({ pid: c.pid, exitCode: c.exitCode, serviceName: c.serviceName })),
    permissionHandlers: session.defaultSession.permissionRequestHandler !== null,
    partitions: Object.fromEntries(
      [...session.partitions].map(([name, ses]) => [name, { deniesPermissions: ses.deniesPermissions() }]),
    ),
    ...recorded,
  }
}

const ops: Record<string, (args: Record<string, unknown>) => unknown> = {
  state,
  sent: () => win()?.webContents.sent ?? [],
  invoke,
  answer: (a) => answerNext(a['kind'] as 'open' | 'save' | 'messageBox', a['answer']),
  click: (a) => {
    const item = findItem(a['path'] as string[])
    if (!item.click) throw new Error(`Menu item ${String(a['path'])} has no click handler`)
    item.click(item, win(), {})
    return null
  },
  appEvent: (a) => {
    const event = new FakeEvent()
    app.emit(String(a['name']), event, ...((a['args'] as unknown[]) ?? []))
    return { defaultPrevented: event.defaultPrevented }
  },
  contentsEvent: (a) => {
    const w = win()
    if (!w) throw new Error('No window')
    const prevented = emitPreventable(
      w.webContents,
      String(a['name']),
      'webContents',
      ...((a['args'] as unknown[]) ?? []),
    )
    return { defaultPrevented: prevented }
  },
  windowOpen: (a) => win()?.webContents.windowOpenHandler?.({ url: String(a['url']) }) ?? null,
  permission: (a) =>
    new Promise((resolve) => {
      const handler = session.defaultSession.permissionRequestHandler as (
        c: unknown,
        p: string,
        cb: (granted: boolean) => void,
      ) => void
      handler(win()?.webContents, String(a['permission']), resolve)
    }),
  /** The next printToPDF fails with this message. */
  failNextPrint: (a) => {
    failingPrints.push(String(a['message']))
    return null
  },
  killEngine: () => {
    const live = utilityChildren.filter((c) => c.pid !== undefined)
    const target = live[0]
    if (!target) throw new Error('No live engine process')
    const pid = target.pid
    target.kill('SIGKILL')
    return pid
  },
  /** The user drags and resizes the window (and maybe maximizes it); the OS reports it as Electron does. */
  moveWindow: (a) => {
    const w = win()
    if (!w) throw new Error('No window')
    w.setBounds(a['bounds'] as { x: number; y: number; width: number; height: number })
    if (a['maximized']) w.maximize()
    return null
  },
  closeWindow: () => {
    win()?.close()
    return null
  },
  quit: () => {
    setImmediate(() => app.quit())
    return null
  },
}

/**
 * Installs the control channel when the process was started by driver.ts (it has an IPC channel), and
 * records the final state at exit (what a process that quits at once, like a second instance, did).
 */
export function installControl(): void {
  const home = process.env['FAKE_ELECTRON_HOME']
  if (home) process.on('exit', () => writeFileSync(join(home, 'exit-state.json'), JSON.stringify(state())))
  if (!process.send) return
  process.on('message', (raw) => {
    const request = raw as ControlRequest
    const reply = (body: object) => process.send?.({ id: request.id, ...body })
    Promise.resolve()
      .then(() => {
        const op = ops[request.op]
        if (!op) throw new Error(`Unknown control op ${request.op}`)
        return op(request.args ?? {})
      })
      .then(
        (value) => reply({ ok: true, value: value ?? null }),
        (e: Error) => reply({ ok: false, error: e.message }),
      )
  })
  // Stays alive for the driver only: disconnecting the driver ends the process.
  process.on('disconnect', () => process.exit(0))
}
