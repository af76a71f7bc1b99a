import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, Route } from '@playwright/test'
import { UPLOAD_PART_BYTES, UPLOAD_PARTS_AT_ONCE } from '../src-shared/upload-parts'
import { expect, test, type Studio, type WebApp } from './fixtures'

/**
 * Browser mode sends a file larger than one upload part as parts, a few at once (`upload-parts.ts`), and the
 * engine imports it while they arrive. What a person sees must be the file, every row of it, whatever order
 * the parts land in; and a Cancel while it is on its way stops it and leaves the open file as it was.
 */

/** A CSV of six upload parts (~48 MB) whose columns' counts and means are known exactly. */
function largeCsv(dir: string): { path: string; rows: number } {
  const rows = 4_000_000
  const lines = ['k,i\n']
  for (let i = 0; i < rows; i++) lines.push(`${i % 1000},${i}\n`)
  const path = join(dir, 'large.csv')
  writeFileSync(path, lines.join(''))
  return { path, rows }
}

/** The part requests the page sends (their URLs carry `part=`). */
function countParts(page: Page): { count: () => number } {
  let parts = 0
  page.on('request', (r) => {
    if (r.url().includes('/api/upload') && /[?&]part=/.test(r.url())) parts++
  })
  return { count: () => parts }
}

/** The uploads kept in this machine's browser-mode upload folders (in the OS temp folder). */
function uploadedFiles(): string[] {
  return readdirSync(tmpdir())
    .filter((d) => d.startsWith('mle-studio-upload-'))
    .flatMap((d) => readdirSync(join(tmpdir(), d)).map((f) => `${d}/${f}`))
    .filter((f) => !f.endsWith('/owner.json'))
}

/** Every part but the first: held on their way by `chooseWithPartsHeld`. */
const LATER_PARTS = /\/api\/upload\?.*part=[1-9]/

/**
 * Opens the start-up file, then chooses the large file with every part but the first held on its way, so the
 * upload is certainly under way until the test lets them go. Returns the held parts (the later ones are held as
 * they come), the part requests sent, and the uploads kept before the choice.
 */
async function chooseWithPartsHeld(app: WebApp, page: Page, studio: Studio) {
  const { path } = largeCsv(app.dataDir)
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  const before = uploadedFiles()
  const held: Route[] = []
  await page.route(LATER_PARTS, (route) => {
    held.push(route)
  })
  const parts = countParts(page)
  await page.getByTestId('file-input').setInputFiles(path)
  await expect.poll(() => held.length).toBeGreaterThanOrEqual(UPLOAD_PARTS_AT_ONCE - 1)
  return { path, held, parts, before }
}

test('a file larger than one part goes up in parts and is imported whole, every row', async ({
  app,
  page,
  studio,
}) => {
  const { path, rows } = largeCsv(app.dataDir)
  const parts = countParts(page)
  await studio.open()
  await page.getByTestId('file-input').setInputFiles(path)
  await expect(page.getByTestId('file-name')).toContainText('large.csv', { timeout: 60_000 })
  const summary = page.getByTestId('summary')
  await expect(summary).toContainText('Summary of k')
  await expect(summary).toContainText(rows.toLocaleString('en-US'))
  // k runs 0..999 evenly: its mean is 499.5 exactly.
  await expect(summary).toContainText('499.5')
  // i is the row's number: its normal fit's mu (the mean, to full precision) moves with any row lost,
  // doubled, or cut where two parts meet out of order.
  await studio.pickColumn('i')
  await studio.fit('normal')
  expect(await studio.estimate('mu')).toBeCloseTo((rows - 1) / 2, 6)
  expect(parts.count()).toBeGreaterThan(4)
  expect(parts.count()).toBe(Math.ceil(statSync(path).size / UPLOAD_PART_BYTES))
  await page.screenshot({ path: 'test-results/large-upload-summary.png' })
})

test('Cancel while a large file is on its way stops it: the open file stays, nothing is kept', async ({
  app,
  page,
  studio,
}) => {
  const { path, parts, before } = await chooseWithPartsHeld(app, page, studio)
  const busy = page.getByTestId('busy')
  await expect(busy).toContainText('Importing large.csv')
  await busy.getByRole('button', { name: 'Cancel' }).click()
  await expect(busy).toHaveCount(0)
  await expect(page.getByTestId('notice').or(page.getByTestId('error'))).toContainText(/cancelled/i)
  await page.screenshot({ path: 'test-results/large-upload-cancelled.png' })
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  // The parts not yet sent are never sent, and what had arrived is removed.
  const all = Math.ceil(statSync(path).size / UPLOAD_PART_BYTES)
  expect(all).toBeGreaterThan(UPLOAD_PARTS_AT_ONCE + 1)
  expect(parts.count()).toBeLessThan(all)
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
  const { path, held } = await chooseWithPartsHeld(app, page, studio)
  // The held parts go on once the file has changed: the browser then cannot read them.
  writeFileSync(path, 'k,i\n1,2\n')
  await page.unroute(LATER_PARTS)
  for (const route of held) await route.continue().catch(() => undefined)
  await expect(page.getByTestId('error')).toContainText(
    /could not read large\.csv while sending it \(was it changed, moved or removed after it was chosen\?\)/,
  )
  await page.screenshot({ path: 'test-results/large-upload-changed.png' })
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  await expect(page.getByTestId('busy')).toHaveCount(0)
})
