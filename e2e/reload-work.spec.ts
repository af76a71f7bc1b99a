import { join } from 'node:path'
import { expect, test } from './fixtures'

/**
 * Long work the page is reloaded under is not lost (browser mode): the reloaded page shows it running (its
 * busy line, as the page that started it said it) and then its result, which the core landed in the
 * workspace. Fits, Fit all, regressions and bootstrap intervals have theirs in their own specs.
 */

test.use({ csvFixture: join(__dirname, '../resources/samples/process-measurements.csv') })

test('a group fit the page is reloaded under shows as running on the reloaded page, then its groups', async ({
  page,
  studio,
}) => {
  // Long by construction (below): on a machine busy with other work it takes longer, never shorter.
  test.slow()
  await studio.open()
  await studio.pickColumn('fill_weight_g')
  await page.getByTestId('dist-select').selectOption('normal')
  // Thousands of goodness-of-fit bootstrap replicates in each of the 3 groups and the pool: seconds of work
  // (about 4 s of CPU here), far longer than a page load, so it still runs when the reloaded page asks.
  await studio.setField('GoF replicates (parametric bootstrap for goodness-of-fit p-values)', '4000')
  await page.getByRole('combobox', { name: 'By column' }).selectOption('line')
  const groups = page.getByTestId('group-fits')
  await groups.getByTestId('fit-groups').click()
  await expect(page.getByTestId('busy')).toContainText('Fitting by line')

  // The answer goes to a page that is gone.
  await page.reload()
  await expect(page.getByTestId('busy')).toContainText('Fitting by line')
  await page.screenshot({ path: 'test-results/reload-groups-running.png' })
  const table = page.getByTestId('group-fits').getByTestId('group-table')
  await expect(table.locator('tbody th')).toContainText(['A', '', 'B', '', 'C', '', 'pooled'], {
    timeout: 60_000,
  })
  await expect(page.getByTestId('busy')).toHaveCount(0)
  // Landed for the By column the page shows: not marked out of date, and the test between groups said.
  await expect(page.getByTestId('group-fits')).not.toContainText('Out of date')
  await expect(page.getByTestId('group-test')).toContainText('groups')
  await expect(page.getByTestId('error')).toHaveCount(0)
  await page.getByTestId('group-fits').screenshot({ path: 'test-results/reload-groups-landed.png' })
})
