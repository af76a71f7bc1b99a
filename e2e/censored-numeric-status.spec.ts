import { join } from 'node:path'
import { expect, test } from './fixtures'

/**
 * A status column of numbers other than 1/0 (R's lung: status 1 = censored, 2 = dead): the censoring
 * panel asks which code marks an observed time, as for text, and the fit is survreg's.
 */
test.use({ csvFixture: join(__dirname, 'data/lung-codes.csv') })

test('a numeric status coded 1/2: the observed code is asked for and fitted', async ({ page, studio }) => {
  await studio.open()
  await studio.pickColumn('time')
  await page.getByRole('combobox', { name: 'Censoring' }).selectOption('status:status')
  const event = page.getByRole('combobox', { name: 'Observed (event) value' })
  // Nothing is guessed: both codes are offered and none is chosen.
  await expect(event).toHaveValue('')
  await expect(event.locator('option')).toHaveText(['Choose one…', '1', '2'])
  await expect(page.getByTestId('censoring-hint')).toContainText('“status” holds the codes (“1”, “2”)')
  await page
    .getByTestId('censoring-role')
    .screenshot({ path: 'test-results/censoring-numeric-status-ask.png' })

  await event.selectOption('2')
  await expect(page.getByTestId('censoring-hint')).toContainText('“status” = “2”')
  await page.getByTestId('censoring-role').screenshot({ path: 'test-results/censoring-numeric-status.png' })
  await studio.fit('weibull')
  await expect(page.getByTestId('censoring-note')).toContainText('"2" = observed, "1" = right-censored')
  // survival::survreg(Surv(time, status) ~ 1, dist = "weibull") on lung: -1153.851188.
  expect(Number(await page.getByTestId('loglik').getAttribute('data-value'))).toBeCloseTo(-1153.8511880894, 5)
})
