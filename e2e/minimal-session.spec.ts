import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, stepsOn, test } from './fixtures'

/**
 * Issue 12: a session that passes the schema but leaves out everything it may (no estimates, no trace, no
 * histogram or curves, no goodness of fit; a regression without coefficients, summaries or plot) must
 * render in every pane without a script error: the UI shows what the schema allows.
 */
test('a session with every optional part left out renders in every view without a script error', async ({
  app,
  page,
  browser,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('eruptions')
  await studio.fit('normal')
  await page.getByRole('button', { name: 'Regression', exact: true }).click()
  await page.getByLabel('Response column').selectOption('waiting')
  await page.getByRole('button', { name: 'Fit regression' }).click()
  await expect(page.getByTestId('coefficient-table')).toBeVisible()

  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  const saved = join(app.dataDir, 'full.mlestudio.json')
  await (await download).saveAs(saved)
  const session = JSON.parse(readFileSync(saved, 'utf8')) as Record<string, unknown> & {
    results: Record<string, unknown>[]
    regressionResults: Record<string, unknown>[]
  }
  expect(session.results).toHaveLength(1)
  expect(session.regressionResults).toHaveLength(1)
  const empty = { x: [], y: [] }
  Object.assign(session.results[0], {
    estimates: [],
    covariance: null,
    trace: [],
    gradient: null,
    goodnessOfFit: null,
    histogram: [],
    density: empty,
    startDensity: empty,
  })
  Object.assign(session.regressionResults[0], {
    coefficients: [],
    trace: [],
    linear: null,
    logistic: null,
    plot: null,
  })
  const minimal = join(app.dataDir, 'minimal.mlestudio.json')
  writeFileSync(minimal, JSON.stringify(session))

  const fresh = await browser.newPage()
  const errors: string[] = []
  fresh.on('pageerror', (e) => errors.push(e.message))
  await app.open(fresh)
  await stepsOn(fresh).openSessionTakingOver(minimal, /Session from .* opened: 2 results/)
  // The session was saved in regression mode, so it opens there.
  await expect(fresh.getByRole('button', { name: 'Fit regression' })).toBeVisible()
  for (const tab of await fresh.getByRole('tab').all()) await tab.click()
  await fresh.screenshot({ path: 'test-results/minimal-session-regression.png' })
  await fresh.getByRole('button', { name: 'Distributions', exact: true }).click()
  await expect(fresh.getByTestId('fit-table')).toBeVisible()
  for (const tab of await fresh.getByRole('tab').all()) {
    await tab.click()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
  }
  await fresh.getByRole('tab', { name: 'Density' }).click()
  await fresh.screenshot({ path: 'test-results/minimal-session.png' })
  expect(errors).toEqual([])
  await fresh.close()
})
