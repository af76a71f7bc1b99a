import { join } from 'node:path'
import { expect, test } from './fixtures'

/**
 * Work that ends after another file was opened is of the old data (browser mode): its result never shows
 * against the new file, even where the columns are named alike, and the user is told why nothing came of
 * it. Here across a reload: the page that shows the fit running is not the page that started it.
 */

test.use({ csvFixture: join(__dirname, 'data/repair-times.csv') })

/** Another file with the same column, other values: 200 repair times from 1.0 to 11.0 hours. */
function otherRepairs(): Buffer {
  const rows = Array.from({ length: 200 }, (_, i) => (1 + ((i * 37) % 101) / 10).toFixed(1))
  return Buffer.from(`repair_hours\n${rows.join('\n')}\n`)
}

test('a fit that ends after a file with the same column was opened is not shown against it', async ({
  page,
  studio,
}) => {
  test.setTimeout(360_000)
  await studio.open()
  await studio.pickColumn('repair_hours')
  // 100,000 epochs of gradient ascent over 30,000 rows, no early stop (about 10 s of engine CPU on a quiet
  // machine, never less): it ends by itself, long after a reload and a 200-row import.
  await studio.startGradientFit('weibull', 100_000)
  const busy = page.getByTestId('busy')
  await expect(busy).toContainText(/iteration \d/, { timeout: 60_000 })
  // Reloaded: the answer goes to a page that is gone; the reloaded page shows the fit running.
  await page.reload()
  await expect(busy).toContainText('Fitting Weibull')

  await page.getByTestId('file-input').setInputFiles({
    name: 'other-repairs.csv',
    mimeType: 'text/csv',
    buffer: otherRepairs(),
  })
  await expect(page.getByTestId('file-name')).toContainText('other-repairs.csv')
  await expect(page.getByTestId('summary')).toContainText('Summary of repair_hours')
  // The old fit still runs, and the busy line says so after the import's own task ended.
  await expect(busy).toContainText('Fitting Weibull')
  await page.screenshot({ path: 'test-results/other-file-fit-running.png' })

  // When it ends: no result of the old data against the new file, and why said in plain words.
  await expect(page.getByTestId('notice')).toContainText(
    'Fitting Weibull ended after another file was opened: its result is of the earlier data and is not shown.',
    { timeout: 300_000 },
  )
  await expect(busy).toHaveCount(0)
  await expect(page.getByTestId('fit-table')).toHaveCount(0)
  await expect(page.getByTestId('error')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/other-file-fit-refused.png' })

  // Nor does the core keep it: another reload shows the new file without it.
  await page.reload()
  await expect(page.getByTestId('file-name')).toContainText('other-repairs.csv')
  await expect(page.getByTestId('summary')).toContainText('Summary of repair_hours')
  await expect(page.getByTestId('fit-table')).toHaveCount(0)

  // A fit now is the new file's: shape 2.18407 (mle-fit on the same 200 values, Newton).
  await page.getByLabel('Fitting method').selectOption('newton')
  await studio.fit('weibull')
  expect(await studio.estimate('shape')).toBeCloseTo(2.18407, 4)
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
