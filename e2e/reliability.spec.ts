import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { enginePid, killEngine, origin, token } from './engine-faults'
import { expect, test } from './fixtures'

/**
 * Engine faults in browser mode, as the user sees them: the real engine process is killed with SIGKILL
 * (its pid comes from the test-only `GET /api/test/engine-pid`, enabled by MLE_STUDIO_TEST_HOOKS=1) and
 * the page must say so, keep working, and fit again.
 */
process.env['MLE_STUDIO_TEST_HOOKS'] = '1'

/** Closed-form normal MLE of faithful.csv's eruptions, computed independently (see fit-flow.spec.ts). */
const MU = 3.4877830882352936

/** A larger seeded CSV (column x), so that an import and a fit take long enough to be interrupted. */
function bigCsv(dir: string, rows = 600_000): { path: string; mean: number } {
  const parts = ['x,k\n']
  let s = 4242
  let sum = 0
  for (let i = 0; i < rows; i++) {
    s = (s * 1103515245 + 12345) % 2147483648
    const x = (s / 2147483648) * 10 + 1
    const text = String(x)
    sum += Number(text)
    parts.push(`${text},${i % 13}\n`)
  }
  const path = join(dir, 'big.csv')
  writeFileSync(path, parts.join(''))
  return { path, mean: sum / rows }
}

/** The message banner (error or notice; both may show at once) that says `text`. */
const banner = (page: Page, text: RegExp) =>
  page.getByTestId('error').or(page.getByTestId('notice')).filter({ hasText: text }).first()

test('engine killed while idle: the page says it restarted, and a fit afterwards works', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  await killEngine(app)
  await expect(banner(page, /engine stopped .*restarted/i)).toBeVisible()
  await studio.pickColumn('eruptions')
  await studio.fit('normal')
  expect(await studio.estimate('mu')).toBeCloseTo(MU, 12)
})

test('engine killed during an import: the import fails with a message, the open file stays usable', async ({
  app,
  page,
  studio,
}) => {
  const { path } = bigCsv(app.dataDir, 1_500_000)
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  await page.getByTestId('file-input').setInputFiles(path)
  // The progress bar appears with the engine's first progress event: the import is running in the engine.
  await expect(page.getByTestId('busy').locator('progress')).toBeVisible()
  await killEngine(app)
  await expect(banner(page, /engine stopped/i)).toBeVisible()
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  await studio.pickColumn('eruptions')
  await studio.fit('normal')
  expect(await studio.estimate('mu')).toBeCloseTo(MU, 12)
})

test('engine killed during a fit: the fit fails with a message, the data comes back, fitting again works', async ({
  app,
  page,
  studio,
}) => {
  const { path, mean } = bigCsv(app.dataDir)
  await studio.open()
  await page.getByTestId('file-input').setInputFiles(path)
  await expect(page.getByTestId('file-name')).toContainText('big.csv', { timeout: 30_000 })
  await studio.pickColumn('x')
  await studio.fit('normal')
  const before = await studio.estimate('mu')
  expect(before).toBeCloseTo(mean, 9)

  // Freeze the engine first, so the fit is certainly in flight (not already done) when it is killed.
  process.kill((await enginePid(app))!, 'SIGSTOP')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('busy')).toBeVisible()
  await page.waitForTimeout(300)
  await killEngine(app)
  await expect(banner(page, /engine stopped/i)).toBeVisible()
  // Nothing lost: the dataset is re-imported by itself; a new fit gives the same estimate.
  await expect(page.getByTestId('fit-table')).toBeVisible() // the finished result stayed on screen
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('error')).toHaveCount(0)
  await expect(page.getByTestId('fit-table')).toBeVisible()
  expect(await studio.estimate('mu')).toBe(before)
})

test('three crashes: the engine waits for the user, and a restart brings it back', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  await killEngine(app)
  await killEngine(app)
  await killEngine(app, false)
  await studio.pickColumn('eruptions')
  await page.getByTestId('dist-select').selectOption('normal')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('error')).toContainText(/stopped 3 times/)
  // The UI's "Restart engine" button calls engine:restart; until it exists, call it as the button would.
  const restarted = await page.evaluate(
    async ([base, t]) => {
      const res = await fetch(`${base}/api/engine:restart`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mle-token': t },
        body: 'null',
      })
      return ((await res.json()) as { ok: boolean }).ok
    },
    [origin(app), token(app)] as const,
  )
  expect(restarted).toBe(true)
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-table')).toBeVisible()
  expect(await studio.estimate('mu')).toBeCloseTo(MU, 12)
})
