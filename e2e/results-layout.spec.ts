import { expect, test } from './fixtures'

// A common laptop width: the results' two halves must fit it, whatever a fit's criteria say.
test.use({ viewport: { width: 1360, height: 900 } })

test('a gradient fit at 1360 px keeps its criteria in view; the bins note counts the bars drawn', async ({
  page,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('eruptions')
  await page.getByTestId('dist-select').selectOption('normal')
  await page.getByLabel('Fitting method').selectOption('gradient')
  await studio.setField('Epochs', '300')
  await studio.fit()
  // Its n says how the data were split: a long value that wraps instead of widening the page.
  await expect(page.getByTestId('n')).toContainText('held out for validation')
  const criteria = page.getByTestId('fit-criteria')
  await criteria.scrollIntoViewIfNeeded()
  for (const width of [1280, 1360, 1440]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    const box = (await criteria.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(width)
    // The estimates keep every interval column in view: they scroll sideways only in narrower windows.
    const estimates = page.getByTestId('fit-table')
    if (width >= 1360)
      expect(
        await estimates.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth + 1),
      ).toBe(true)
  }
  await page.screenshot({ path: 'test-results/results-layout-gradient-1440.png' })
  // On a log axis the density draws log-spaced bins: the note counts those, not the linear histogram's.
  await page.getByRole('tab', { name: 'Density' }).click()
  const note = page.getByTestId('bins-note')
  await expect(note).toHaveText(/^Bins: FD \(\d+ bars\)/)
  await page.getByTestId('x-scale').selectOption('log')
  await expect(note).toHaveText(/^Bins: FD \(\d+ log-spaced bars\)/)
  const drawn = (await studio.seriesOf('density-chart')).find((s) => s.id === 'histogram')!.points
  await expect(note).toContainText(`(${drawn} log-spaced bars)`)
})

test("a three-component mixture's convergence chart names its own parameters", async ({ page, studio }) => {
  await studio.open()
  await studio.pickColumn('eruptions')
  await page.getByTestId('dist-select').selectOption('normal_mixture')
  await page.getByLabel('Mixture components').selectOption('3')
  await studio.fit()
  await page.getByRole('tab', { name: 'Convergence' }).click()
  const ids = (await studio.seriesOf('convergence-chart')).map((s) => s.id)
  // K = 3: two free weights (w3 is 1 − w1 − w2), three means and three sds.
  for (const name of ['w1', 'w2', 'mu1', 'mu2', 'mu3', 'sigma1', 'sigma2', 'sigma3'])
    expect(ids).toContain(`param-${name}`)
  expect(ids).not.toContain('param-w3')
  await page.screenshot({ path: 'test-results/results-layout-mixture3-convergence.png' })
})
