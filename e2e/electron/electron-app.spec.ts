import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'

// The real Electron app, driven like the shell harness (test/shell) drives the built main process on a fake
// Electron: these flows need a machine with the Electron binary and skip themselves elsewhere.

const require = createRequire(__filename)
const { findElectronBinary } = require('../../scripts/electron-binary.cjs') as {
  findElectronBinary(): { path: string } | { reason: string }
}
const binary = findElectronBinary()
const ROOT = join(__dirname, '../..')
const MAIN = join(ROOT, 'out/main/index.js')
const FAITHFUL = join(__dirname, '../data/faithful.csv')

/** Launches the app on `args` with its own config folder (userData, autosave, desktop state). */
async function launch(args: string[], home = mkdtempSync(join(tmpdir(), 'mle-electron-'))) {
  const app = await electron.launch({
    executablePath: 'path' in binary ? binary.path : undefined,
    args: [MAIN, ...args],
    env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home },
  })
  const page = await app.firstWindow()
  return { app, page, home }
}

const banner = (page: Page) => page.getByTestId('error').or(page.getByTestId('notice'))

async function fitNormal(page: Page, column: string, mu: string) {
  await page
    .getByTestId('column-list')
    .getByRole('option', { name: new RegExp(column) })
    .click()
  await page.getByTestId('dist-select').selectOption('normal')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('param-mu')).toContainText(mu)
}

/** Clicks a menu item of the real application menu by its label path, as the user would. */
function clickMenu(app: ElectronApplication, path: string[]) {
  return app.evaluate(({ Menu, BrowserWindow }, labels) => {
    let items = Menu.getApplicationMenu()?.items ?? []
    let item: Electron.MenuItem | undefined
    for (const label of labels) {
      item = items.find((i) => (i.label || i.role || '').replace(/&/g, '') === label)
      if (!item) throw new Error(`No menu item ${labels.join(' > ')}`)
      items = item.submenu?.items ?? []
    }
    item?.click(undefined, BrowserWindow.getAllWindows()[0], undefined as never)
  }, path)
}

test.describe('the real Electron app', () => {
  test.skip(!('path' in binary), `No Electron binary: ${'reason' in binary ? binary.reason : ''}`)

  test('opens a CSV from the command line, fits the normal and shows the chart', async () => {
    const { app, page } = await launch([FAITHFUL])
    try {
      // The page has no Node and sees only the typed bridge, never ipcRenderer.
      const exposed = await page.evaluate(() => ({
        node: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { mleStudio: object }).mleStudio).sort(),
      }))
      expect(exposed).toEqual({
        node: 'undefined',
        process: 'undefined',
        bridge: [
          'call',
          'mode',
          'onEvent',
          'openFile',
          'openWithDialog',
          'savePng',
          'saveReport',
          'saveText',
          'setUnsaved',
        ],
      })
      await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
      await fitNormal(page, 'eruptions', '3.48778')
      await expect(page.getByTestId('density-chart').locator('canvas')).toBeVisible()
      await page.screenshot({ path: 'test-results/electron-fit.png' })
    } finally {
      await app.close()
    }
  })

  test('File > Open uses the dialog, the file joins Open Recent, and a killed engine comes back', async () => {
    const { app, page } = await launch([])
    try {
      await expect(page.getByTestId('file-name')).toContainText('process-measurements.csv')
      await app.evaluate(({ dialog }, file) => {
        dialog.showOpenDialog = (() => Promise.resolve({ canceled: false, filePaths: [file] })) as never
      }, FAITHFUL)
      await clickMenu(app, ['File', 'Open…'])
      await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
      const recent = await app.evaluate(({ Menu }) =>
        Menu.getApplicationMenu()
          ?.items.find((i) => i.label.replace('&', '') === 'File')
          ?.submenu?.items.find((i) => i.label === 'Open Recent')
          ?.submenu?.items.map((i) => i.label),
      )
      expect(recent?.[0]).toBe('&1 faithful.csv')
      const pid = await app.evaluate(
        ({ app: electronApp }) =>
          electronApp
            .getAppMetrics()
            .find((m) => m.type === 'Utility' && m.serviceName === 'mle-studio-engine')?.pid,
      )
      expect(pid).toBeGreaterThan(0)
      process.kill(pid as number, 'SIGKILL')
      await expect(banner(page)).toContainText(/engine stopped .*restarted/i)
      await fitNormal(page, 'waiting', '70.8971')
    } finally {
      await app.close()
    }
  })

  test('a second launch with a file opens it in the running window', async () => {
    const { app, page, home } = await launch([])
    try {
      await expect(page.getByTestId('file-name')).toContainText('process-measurements.csv')
      const second = spawnSync((binary as { path: string }).path, [MAIN, FAITHFUL], {
        env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home },
        timeout: 20_000,
      })
      expect(second.status).toBe(0)
      await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
      expect(app.windows()).toHaveLength(1)
    } finally {
      await app.close()
    }
  })

  test('Save report… saves a PDF printed by Chromium, and the print window is gone', async () => {
    const { app, page, home } = await launch([FAITHFUL])
    try {
      await fitNormal(page, 'eruptions', '3.48778')
      const target = join(home, 'eruptions-report.pdf')
      await app.evaluate(({ dialog }, file) => {
        dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath: file })) as never
      }, target)
      await page.getByTestId('save-report').click()
      await expect(page.getByTestId('notice')).toContainText(`Report saved: ${target}`)
      const bytes = readFileSync(target)
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(bytes.length).toBeGreaterThan(10_000)
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    } finally {
      await app.close()
    }
  })

  test('closing with an unsaved result asks first; a clean quit removes the autosave', async () => {
    const { app, page } = await launch([FAITHFUL])
    await fitNormal(page, 'eruptions', '3.48778')
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
    await expect.poll(() => existsSync(join(userData, 'autosave.mlestudio.json'))).toBe(true)
    await app.evaluate(({ dialog }) => {
      const asked: string[] = []
      ;(globalThis as { asked?: string[] }).asked = asked
      dialog.showMessageBox = ((_w: unknown, options: Electron.MessageBoxOptions) => {
        asked.push(options.message)
        return Promise.resolve({ response: 1, checkboxChecked: false }) // Don't Save
      }) as never
    })
    const closed = new Promise((resolve) => app.process().on('exit', resolve))
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close())
    await closed
    expect(existsSync(join(userData, 'autosave.mlestudio.json'))).toBe(false)
  })
})
