import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Route } from '@playwright/test'
import { expect, test, type Studio, type WebApp } from './fixtures'

/**
 * A small file goes up as one request (browser mode). When it cannot be sent the user is told
 * why in words to act on, as for a large file: the file changed since it was chosen, or the server
 * is gone; never the browser's bare "Failed to fetch".
 */

/** Opens the start-up file and writes a small CSV (sent as one request) in the test's folder. */
async function openWithSmallCsv(app: WebApp, page: Page, studio: Studio): Promise<string> {
  const path = join(app.dataDir, 'small.csv')
  writeFileSync(path, `x\n${Array.from({ length: 500 }, (_, i) => i % 37).join('\n')}\n`)
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  return path
}

test('a small file changed on disk while it goes up: the same message as a large one, the open file stays', async ({
  app,
  page,
  studio,
}) => {
  const path = await openWithSmallCsv(app, page, studio)
  // The one request is held on its way until the file has changed: the browser then cannot read it.
  const held: Route[] = []
  await page.route(/\/api\/upload\?name=small\.csv$/, (route) => {
    held.push(route)
  })
  await page.getByTestId('file-input').setInputFiles(path)
  await expect.poll(() => held.length).toBe(1)
  writeFileSync(path, 'x\n1\n2\n')
  await held[0].continue().catch(() => undefined)
  await expect(page.getByTestId('error')).toContainText(
    /could not read small\.csv while sending it \(was it changed, moved or removed after it was chosen\?\)/,
  )
  await expect(page.getByTestId('error')).not.toContainText('Failed to fetch')
  await page.screenshot({ path: 'test-results/small-upload-changed.png' })
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  await expect(page.getByTestId('busy')).toHaveCount(0)
})

test('a small file chosen after the server stopped: the page says the server does not answer', async ({
  app,
  page,
  studio,
}) => {
  const path = await openWithSmallCsv(app, page, studio)
  const stopped = new Promise((resolve) => app.server.once('exit', resolve))
  app.server.kill()
  await stopped
  await page.getByTestId('file-input').setInputFiles(path)
  await expect(page.getByTestId('error')).toContainText(
    'small.csv was not sent: the MLE Studio server does not answer (was it stopped?)',
  )
  await page.screenshot({ path: 'test-results/small-upload-server-gone.png' })
})
