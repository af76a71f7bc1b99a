import { join } from 'node:path'
import { expect, stepsOn, test } from './fixtures'

/**
 * A status column of words (lung's days with dead/alive): the censoring panel asks which value marks an
 * observed time instead of guessing, the fit is then the 1/0 coding's (survreg's log-likelihood), and a
 * saved session keeps the choice.
 */
test.use({ csvFixture: join(__dirname, 'data/lung-words.csv') })

test('a text status column: the observed value is asked for, fitted, and kept by a session', async ({
  app,
  page,
  browser,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('days')
  await page.getByRole('combobox', { name: 'Censoring' }).selectOption('status:outcome')
  const event = page.getByRole('combobox', { name: 'Observed (event) value' })
  // Nothing is guessed: both values are shown and none is chosen.
  await expect(event).toHaveValue('')
  await expect(page.getByTestId('censoring-hint')).toContainText('“outcome” holds text (“alive”, “dead”)')
  await page.getByTestId('censoring-role').screenshot({ path: 'test-results/censoring-text-status-ask.png' })
  await page.getByTestId('dist-select').selectOption('weibull')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('error')).toContainText('say which value marks an observed time')

  await event.selectOption('dead')
  await expect(page.getByTestId('censoring-hint')).toContainText('“outcome” = “dead”')
  await page.getByTestId('censoring-role').screenshot({ path: 'test-results/censoring-text-status.png' })
  await studio.fit('weibull')
  await expect(page.getByTestId('censoring-note')).toContainText(
    '"dead" = observed, "alive" = right-censored',
  )
  // survival::survreg(Surv(time, status) ~ 1, dist = "weibull") on lung: -1153.851188.
  expect(Number(await page.getByTestId('loglik').getAttribute('data-value'))).toBeCloseTo(-1153.8511880894, 5)

  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  const saved = join(app.dataDir, 'text-status.mlestudio.json')
  await (await download).saveAs(saved)
  const fresh = await browser.newPage()
  await app.open(fresh)
  await expect(fresh.getByTestId('fit-table')).toBeVisible()
  await stepsOn(fresh).openSessionTakingOver(saved, /Session from .* opened: 1 result/)
  await expect(fresh.getByRole('combobox', { name: 'Observed (event) value' })).toHaveValue('dead')
  expect(await stepsOn(fresh).estimate('shape')).toBe(await studio.estimate('shape'))
})
