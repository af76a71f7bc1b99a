import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test, type Studio } from './fixtures'

// R mixtools' optimum on Old Faithful's eruptions (src-main/engine/distributions/fixtures/normal-mixture.json).
const reference = (
  JSON.parse(
    readFileSync(join(__dirname, '../src-main/engine/distributions/fixtures/normal-mixture.json'), 'utf8'),
  ) as { cases: { fit: { components: number; logLikelihood: number; params: Record<string, number> } }[] }
).cases.map((c) => c.fit)

async function chooseMixture(page: Page, studio: Studio) {
  await studio.open()
  await studio.pickColumn('eruptions')
  await expect(page.getByLabel('Mixture components')).toHaveCount(0)
  await page.getByTestId('dist-select').selectOption('normal_mixture')
  await expect(page.getByLabel('Mixture components')).toBeVisible()
}

test('a two-component normal mixture on Old Faithful shows both components and R’s optimum', async ({
  page,
  studio,
}) => {
  await chooseMixture(page, studio)
  await studio.fit()
  const two = reference.find((r) => r.components === 2)!
  expect(Number(await page.getByTestId('loglik').getAttribute('data-value'))).toBeCloseTo(
    two.logLikelihood,
    6,
  )
  await expect(page.getByTestId('converged')).toHaveText('yes')
  await expect(page.getByTestId('components')).toHaveText('2')
  // What ran: EM from its starts, then a polish (not "Newton" alone).
  await expect(page.getByTestId('method')).toHaveText(/^EM \(20 starts\) \+ (Newton|L-BFGS) polish$/)
  for (const name of ['w1', 'w2', 'mu1', 'mu2', 'sigma1', 'sigma2'])
    await expect(page.getByTestId(`param-${name}`)).toBeVisible()
  await expect(page.getByTestId('fit-table')).toContainText(two.params.mu1.toPrecision(6).slice(0, 5))
  // The unbounded likelihood is said in words beside the numbers.
  await expect(page.getByTestId('health')).toContainText('no global maximum')
  const density = await studio.seriesOf('density-chart')
  expect(density.map((s) => s.id)).toEqual(
    expect.arrayContaining(['histogram', 'density', 'part-1', 'part-2']),
  )
  expect(density.find((s) => s.id === 'part-2')?.points).toBe(200)
  await page.screenshot({ path: 'test-results/mixture-density.png' })
  // The convergence view plots EM's log-likelihood per iteration.
  await page.getByRole('tab', { name: 'Convergence' }).click()
  const trace = await studio.seriesOf('convergence-chart')
  expect(Math.max(...trace.map((s) => s.points))).toBeGreaterThan(10)
  await page.screenshot({ path: 'test-results/mixture-convergence.png' })
})

test('components auto picks K by BIC and lists every K', async ({ page, studio }) => {
  await chooseMixture(page, studio)
  await page.getByLabel('Mixture components').selectOption('auto')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  const choice = page.getByTestId('component-choice')
  await expect(choice).toBeVisible()
  for (const k of [1, 2, 3, 4, 5]) await expect(choice).toContainText(`K = ${k}:`)
  await expect(page.getByTestId('components')).toHaveText('3')
  await page.screenshot({ path: 'test-results/mixture-auto.png' })
})
