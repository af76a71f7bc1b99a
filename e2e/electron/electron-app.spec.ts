import { createRequire } from 'node:module'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const require = createRequire(__filename)
const { findElectronBinary } = require('../../scripts/electron-binary.cjs') as {
  findElectronBinary(): { path: string } | { reason: string }
}
const binary = findElectronBinary()
const ROOT = join(__dirname, '../..')

test.describe('the real Electron app', () => {
  test.skip(!('path' in binary), `No Electron binary: ${'reason' in binary ? binary.reason : ''}`)

  test('opens a CSV from the command line, fits the normal and shows the chart', async () => {
    const app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [join(ROOT, 'out/main/index.js'), join(__dirname, '../data/faithful.csv')],
    })
    try {
      const page = await app.firstWindow()
      // The page has no Node and sees only the typed bridge, never ipcRenderer.
      const exposed = await page.evaluate(() => ({
        node: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { mleStudio: object }).mleStudio).sort(),
      }))
      expect(exposed).toEqual({
        node: 'undefined',
        process: 'undefined',
        bridge: ['call', 'mode', 'onEvent', 'openFile', 'openWithDialog', 'savePng', 'saveText'],
      })
      await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
      await page
        .getByTestId('column-list')
        .getByRole('option', { name: /eruptions/ })
        .click()
      await page.getByTestId('dist-select').selectOption('normal')
      await page.getByRole('button', { name: 'Fit', exact: true }).click()
      await expect(page.getByTestId('param-mu')).toContainText('3.48778')
      await expect(page.getByTestId('density-chart').locator('canvas')).toBeVisible()
      await page.screenshot({ path: 'test-results/electron-fit.png' })
    } finally {
      await app.close()
    }
  })
})
