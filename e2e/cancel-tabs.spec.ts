import type { Page } from '@playwright/test'
import { expect, stepsOn, test } from './fixtures'

/**
 * Cancel in browser mode, several tabs on one server: a tab's Cancel stops the work it started and never
 * another tab's, whether it has work of its own or only shows another tab's as running.
 */

/**
 * Epochs of tab A's fit: it ends by itself, long after the other tabs' Cancel (about 20 s of engine time on
 * a loaded 2-core machine; the checks that it still runs then fail, rather than pass for nothing, on a
 * machine many times faster).
 */
const EPOCHS = 2_000_000

/** The Cancel of a page's busy line. */
const cancel = (page: Page) => page.getByTestId('busy').getByRole('button', { name: 'Cancel' }).click()

test("a tab's Cancel stops its own fit; another tab's fit runs on to its result", async ({
  app,
  browser,
  page,
  studio,
}) => {
  test.slow()
  await studio.open()
  const other = await browser.newPage()
  await app.open(other)
  const b = stepsOn(other)
  await b.pickColumn('eruptions')

  // Tab A: a gradient fit of a fixed number of epochs, which ends with its result.
  await studio.pickColumn('waiting')
  await studio.startGradientFit('weibull', EPOCHS)
  await expect(page.getByTestId('busy')).toContainText(/iteration [\d,]+/)

  // Tab B: its own fit, which never ends by itself, and its Cancel.
  await b.startGradientFit('gamma', 10_000_000)
  await expect(other.getByTestId('busy')).toContainText('Fitting Gamma')
  // Its busy line shows its own fit's progress, never tab A's (both stream at once).
  await expect(other.getByTestId('busy')).toContainText(/Gamma: iteration [\d,]+/)
  await expect(other.getByTestId('busy')).not.toContainText('Weibull')
  await cancel(other)
  await expect(other.getByTestId('busy')).toHaveCount(0)
  await expect(other.getByTestId('notice')).toContainText('cancelled')

  // A's fit was still running (by its epochs: the check makes the test mean something) and goes on.
  await expect(page.getByTestId('busy')).toContainText('Fitting Weibull')
  await page.screenshot({ path: 'test-results/cancel-tabs-a-runs-on.png' })

  // A tab opened now shows A's fit as running; its Cancel says whose it is, and A's fit goes on.
  const third = await browser.newPage()
  await app.open(third)
  await expect(third.getByTestId('busy')).toContainText('Fitting Weibull in another tab')
  await cancel(third)
  await expect(third.getByTestId('notice')).toContainText('started in another tab')
  await expect(third.getByTestId('busy')).toContainText('Fitting Weibull')
  await third.screenshot({ path: 'test-results/cancel-tabs-not-ours.png' })

  await expect(page.getByTestId('fit-table')).toBeVisible({ timeout: 240_000 })
  await expect(page.getByTestId('busy')).toHaveCount(0)
  await expect(page.getByTestId('notice')).not.toContainText('cancelled')
  await expect(page.getByTestId('error')).toHaveCount(0)
  expect(await studio.estimate('shape')).toBeGreaterThan(1)
  // The tab that showed it running sees it end (it lands in no workspace: tab B's column is another).
  await expect(third.getByTestId('busy')).toHaveCount(0)
  await expect(third.getByTestId('error')).toHaveCount(0)
})
