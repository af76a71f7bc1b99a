import { join } from 'node:path'
import { expect, test } from './fixtures'

/**
 * Work running on a file when another file is opened (browser mode): once the new file is imported the
 * work is stopped (its result could never be shown against the new file, even where the columns are named
 * alike; it waited while the import ran), and the user is told why nothing came of it. Here across a
 * reload: the page that shows the fit running is not the page that started it. An open that fails leaves
 * the work running.
 */

test.use({ csvFixture: join(__dirname, 'data/repair-times.csv') })

/** Another file with the same column, other values: 200 repair times from 1.0 to 11.0 hours. */
function otherRepairs(): Buffer {
  const rows = Array.from({ length: 200 }, (_, i) => (1 + ((i * 37) % 101) / 10).toFixed(1))
  return Buffer.from(`repair_hours\n${rows.join('\n')}\n`)
}

test('opening a file with the same column stops the fit running on the old one; nothing of it shows', async ({
  page,
  studio,
}) => {
  test.setTimeout(180_000)
  // Ten million epochs, never stopping early: only the open ends it.
  await studio.reloadDuringGradientFit('repair_hours', 'weibull', 10_000_000)
  const busy = page.getByTestId('busy')
  await expect(busy).toContainText('Fitting Weibull')

  await page.getByTestId('file-input').setInputFiles({
    name: 'other-repairs.csv',
    mimeType: 'text/csv',
    buffer: otherRepairs(),
  })
  await expect(page.getByTestId('file-name')).toContainText('other-repairs.csv')
  await expect(page.getByTestId('summary')).toContainText('Summary of repair_hours')
  // Stopped: no busy line shows the old fit under the new file's name, and why is said in plain words.
  await expect(busy).toHaveCount(0)
  await expect(page.getByTestId('notice')).toContainText(
    'Fitting Weibull was stopped because another file was opened: its result would be of the earlier data.',
  )
  await expect(page.getByTestId('fit-table')).toHaveCount(0)
  await expect(page.getByTestId('error')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/other-file-fit-stopped.png' })

  // Nor does the core keep it: another reload shows the new file without it, nothing running.
  await page.reload()
  await expect(page.getByTestId('file-name')).toContainText('other-repairs.csv')
  await expect(page.getByTestId('summary')).toContainText('Summary of repair_hours')
  await expect(page.getByTestId('fit-table')).toHaveCount(0)
  await expect(busy).toHaveCount(0)

  // A fit now is the new file's: shape 2.18407 (mle-fit on the same 200 values, Newton).
  await page.getByLabel('Fitting method').selectOption('newton')
  await studio.fit('weibull')
  expect(await studio.estimate('shape')).toBeCloseTo(2.18407, 4)
})

test('an upload that cannot be opened leaves the running fit alone: the open says why, the fit goes on', async ({
  page,
  studio,
}) => {
  test.setTimeout(180_000)
  await studio.open()
  await studio.pickColumn('repair_hours')
  // Ten million epochs, never stopping early: still running, by construction, when the upload fails.
  await studio.startGradientFit('weibull', 10_000_000)
  const busy = page.getByTestId('busy')
  await expect(busy).toContainText(/iteration \d/, { timeout: 60_000 })

  // Not a text file: a PNG's first bytes under a .csv name.
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ])
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: png })
  await expect(page.getByTestId('error')).toContainText('broken.csv')
  await expect(page.getByTestId('file-name')).toContainText('repair-times.csv')
  // The fit runs on: its progress moves past where it was when the open failed.
  await expect(busy).toContainText('Fitting Weibull')
  const at = Number(/iteration ([\d,]+)/.exec((await busy.textContent()) ?? '')![1].replace(/,/g, ''))
  await expect
    .poll(async () =>
      Number(/iteration ([\d,]+)/.exec((await busy.textContent()) ?? '')?.[1].replace(/,/g, '')),
    )
    .toBeGreaterThan(at)
  await expect(page.getByTestId('notice')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/other-file-failed-open-fit-runs.png' })
  await busy.getByRole('button', { name: 'Cancel' }).click()
  await expect(busy).toHaveCount(0)
  await expect(page.getByTestId('notice')).toContainText('Fitting Weibull was cancelled')
})

test('a bootstrap the page is reloaded under says its replicates on the reloaded page, as the page that started it did', async ({
  page,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('repair_hours')
  await page.getByLabel('Fitting method').selectOption('newton')
  await studio.fit('gamma')
  await page.getByRole('tab', { name: 'Bootstrap' }).click()
  const panel = page.getByTestId('bootstrap-ci')
  // 10,000 re-fits of 30,000 rows: minutes of work, still running when the reloaded page asks.
  await panel.getByTestId('bootstrap-replicates').fill('10000')
  await panel.getByTestId('bootstrap-run').click()
  const busy = page.getByTestId('busy')
  const said = 'Bootstrapping Gamma (10,000 replicates)'
  await expect(busy).toContainText(said)
  await page.reload()
  await expect(busy).toContainText(said)
  await busy.screenshot({ path: 'test-results/other-file-bootstrap-reloaded-busy.png' })
  await busy.getByRole('button', { name: 'Cancel' }).click()
  await expect(busy).toHaveCount(0)
  await expect(page.getByTestId('notice')).toContainText(`${said} was cancelled.`)
})
