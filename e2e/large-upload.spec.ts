import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, Route } from '@playwright/test'
import { expect, test, type Studio, type WebApp } from './fixtures'

/**
 * Browser mode sends a large file in its upload form (`upload-form.ts`), and the engine imports it while it
 * arrives. What a person sees must be the file, every row of it; a Cancel while it is on its way stops it and
 * leaves the open file as it was; a file changed on disk meanwhile is said so at once.
 */

/** A CSV of ~48 MB (over the form's threshold) whose columns' counts and means are known exactly. */
function largeCsv(dir: string): { path: string; rows: number } {
  const rows = 4_000_000
  const lines = ['k,i\n']
  for (let i = 0; i < rows; i++) lines.push(`${i % 1000},${i}\n`)
  const path = join(dir, 'large.csv')
  writeFileSync(path, lines.join(''))
  return { path, rows }
}

/** The upload requests that carry the file or a part of it (their URLs carry `part=`). */
function countBodies(page: Page): { count: () => number; forms: () => number } {
  const urls: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/api/upload') && /[?&]part=/.test(r.url())) urls.push(r.url())
  })
  return { count: () => urls.length, forms: () => urls.filter((u) => /[?&]form=1/.test(u)).length }
}

/** The uploads kept in this machine's browser-mode upload folders (in the OS temp folder). */
function uploadedFiles(): string[] {
  return readdirSync(tmpdir())
    .filter((d) => d.startsWith('mle-studio-upload-'))
    .flatMap((d) => readdirSync(join(tmpdir(), d)).map((f) => `${d}/${f}`))
    .filter((f) => !f.endsWith('/owner.json'))
}

/** The upload form's post: held on its way by `chooseWithFormHeld`. */
const FORM_POST = /\/api\/upload\?.*part=0.*form=1/

/**
 * Opens the start-up file, then chooses the large file with its upload form's post held on its way, so the
 * upload is certainly under way until the test lets it go. Returns the held post and the uploads kept before.
 */
async function chooseWithFormHeld(app: WebApp, page: Page, studio: Studio) {
  const { path } = largeCsv(app.dataDir)
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  const before = uploadedFiles()
  const held: Route[] = []
  await page.route(FORM_POST, (route) => {
    held.push(route)
  })
  await page.getByTestId('file-input').setInputFiles(path)
  await expect.poll(() => held.length).toBe(1)
  return { path, held, before }
}

test('a large file goes up in the upload form and is imported whole, every row', async ({
  app,
  page,
  studio,
}) => {
  const { path, rows } = largeCsv(app.dataDir)
  const bodies = countBodies(page)
  await studio.open()
  await page.getByTestId('file-input').setInputFiles(path)
  await expect(page.getByTestId('file-name')).toContainText('large.csv', { timeout: 60_000 })
  const summary = page.getByTestId('summary')
  await expect(summary).toContainText('Summary of k')
  await expect(summary).toContainText(rows.toLocaleString('en-US'))
  // k runs 0..999 evenly: its mean is 499.5 exactly.
  await expect(summary).toContainText('499.5')
  // i is the row's number: its normal fit's mu (the mean, to full precision) moves with any row lost or
  // doubled, or a byte of the form's framing taken for data.
  await studio.pickColumn('i')
  await studio.fit('normal')
  expect(await studio.estimate('mu')).toBeCloseTo((rows - 1) / 2, 6)
  expect(statSync(path).size).toBeGreaterThan(40e6)
  expect(bodies.count()).toBe(1)
  expect(bodies.forms()).toBe(1)
  await page.screenshot({ path: 'test-results/large-upload-summary.png' })
})

test('Cancel while a large file is on its way stops it: the open file stays, nothing is kept', async ({
  app,
  page,
  studio,
}) => {
  const { before } = await chooseWithFormHeld(app, page, studio)
  const busy = page.getByTestId('busy')
  await expect(busy).toContainText('Importing large.csv')
  await busy.getByRole('button', { name: 'Cancel' }).click()
  await expect(busy).toHaveCount(0)
  await expect(page.getByTestId('notice').or(page.getByTestId('error'))).toContainText(/cancelled/i)
  await page.screenshot({ path: 'test-results/large-upload-cancelled.png' })
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  // What had arrived is removed.
  await expect.poll(() => uploadedFiles().sort()).toEqual(before.sort())
  await studio.pickColumn('eruptions')
  await studio.fit('normal')
  await expect(page.getByTestId('error')).toHaveCount(0)
})

test('a large file changed on disk while it goes up: a message at once, the open file stays', async ({
  app,
  page,
  studio,
}) => {
  const { path, held } = await chooseWithFormHeld(app, page, studio)
  // The held post goes on once the file has changed: the browser then cannot read it.
  writeFileSync(path, 'k,i\n1,2\n')
  await page.unroute(FORM_POST)
  for (const route of held) await route.continue().catch(() => undefined)
  // Chromium says so by an error page in the form's frame (the message below, at once) or, having sent part of
  // the file, by a body cut off; either way a clear message, never a wait for the 30 s stall.
  await expect(page.getByTestId('error')).toContainText(
    /could not read large\.csv while sending it \(was it changed, moved or removed after it was chosen\?\)|upload was cut off/,
    { timeout: 25_000 },
  )
  await page.screenshot({ path: 'test-results/large-upload-changed.png' })
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  await expect(page.getByTestId('busy')).toHaveCount(0)
})

test('a large file dropped on the window goes up in the form too, every row', async ({ page, studio }) => {
  const bodies = countBodies(page)
  await studio.open()
  // A file made in the page (held in memory, not read from disk), over the form's threshold.
  const size = await page.evaluate(() => {
    const lines = ['v,w']
    for (let i = 0; i < 1_000_000; i++) lines.push(`${i},${i % 7}`)
    const file = new File([`${lines.join('\n')}\n`], 'dropped.csv', { type: 'text/csv' })
    const dropped = new DataTransfer()
    dropped.items.add(file)
    const app = document.querySelector('.app')!
    app.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }))
    return file.size
  })
  expect(size).toBeGreaterThan(8 * 1024 * 1024)
  await expect(page.getByTestId('file-name')).toContainText('dropped.csv', { timeout: 60_000 })
  await expect(page.getByTestId('summary')).toContainText('1,000,000')
  await studio.fit('normal')
  expect(await studio.estimate('mu')).toBeCloseTo(499_999.5, 6)
  expect(bodies.forms()).toBe(1)
})
