import type { Page } from '@playwright/test'
import { expect, stepsOn, test } from './fixtures'

/**
 * Cancel in browser mode, several tabs on one server: a tab's Cancel stops the work it started and never
 * another tab's, whether it has work of its own or only shows another tab's as running.
 */

/**
 * Epochs of both tabs' fits: more than any machine runs during the test, so a check that a fit still runs
 * means something (a fit of a fixed length ran out early once tied data made it several times faster).
 */
const ENDLESS = 10_000_000

/** The Cancel of a page's busy line. */
const cancel = (page: Page) => page.getByTestId('busy').getByRole('button', { name: 'Cancel' }).click()

test("a tab's Cancel stops its own fit, never another tab's", async ({ app, browser, page, studio }) => {
  test.slow()
  await studio.open()
  const other = await browser.newPage()
  await app.open(other)
  const b = stepsOn(other)
  await b.pickColumn('eruptions')

  // Tab A: a gradient fit that runs until it is stopped.
  await studio.pickColumn('waiting')
  await studio.startGradientFit('weibull', ENDLESS)
  await expect(page.getByTestId('busy')).toContainText(/iteration [\d,]+/)

  // Tab B: its own fit, which never ends by itself, and its Cancel.
  await b.startGradientFit('gamma', ENDLESS)
  await expect(other.getByTestId('busy')).toContainText('Fitting Gamma')
  // Its busy line shows its own fit's progress, never tab A's (both stream at once).
  await expect(other.getByTestId('busy')).toContainText(/Gamma: iteration [\d,]+/)
  await expect(other.getByTestId('busy')).not.toContainText('Weibull')
  await cancel(other)
  await expect(other.getByTestId('busy')).toHaveCount(0)
  await expect(other.getByTestId('notice')).toContainText('cancelled')

  // A's fit goes on.
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

  // A's own Cancel stops it, and the tab that showed it running sees it end.
  await cancel(page)
  await expect(page.getByTestId('busy')).toHaveCount(0)
  await expect(page.getByTestId('notice')).toContainText('cancelled')
  await expect(page.getByTestId('error')).toHaveCount(0)
  await expect(third.getByTestId('busy')).toHaveCount(0)
  await expect(third.getByTestId('error')).toHaveCount(0)
  // Pages opened on the browser itself outlive the test unless closed (and would be shot with a later failure).
  await Promise.all([other.close(), third.close()])
})
