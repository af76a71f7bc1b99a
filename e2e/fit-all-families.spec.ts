import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

/** The Fit-all family choice kept by the last autosave, or null before one. */
function savedChoice(userData: string): string[] | null {
  if (!existsSync(userData)) return null
  const name = readdirSync(userData).find((n) => n.startsWith('autosave-'))
  if (!name) return null
  const saved = JSON.parse(readFileSync(join(userData, name), 'utf8')) as { fitAllFamilies?: string[] | null }
  return saved.fitAllFamilies ?? null
}

test('Fit all tries exactly the families chosen; the choice survives a reload', async ({ app, page }) => {
  await app.open(page)
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  const chooser = page.getByTestId('fit-all-families')
  const count = chooser.getByTestId('fit-all-count')
  await chooser.locator('summary').click()
  await chooser.getByRole('button', { name: 'None' }).click()
  await expect(count).toHaveText('0')
  await expect(page.getByRole('button', { name: 'Fit all' })).toBeDisabled()
  for (const label of ['Normal', 'Gamma', 'Weibull'])
    await chooser.getByLabel(`Fit all tries ${label}`, { exact: true }).check()
  await expect(count).toHaveText('3')
  await chooser.screenshot({ path: 'test-results/fit-all-families.png' })

  await page.getByRole('button', { name: 'Fit all' }).click()
  const table = page.getByTestId('comparison-table')
  await expect(table.locator('tbody tr')).toHaveCount(3, { timeout: 60_000 })
  expect(
    (await table.locator('tbody th').allTextContents()).map((t) => t.replace('!', '').trim()).sort(),
  ).toEqual(['Gamma', 'Normal', 'Weibull'])
  // Nothing outside the choice is listed as "not fitted" either.
  await expect(page.getByTestId('not-fitted')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/fit-all-families-table.png' })

  await expect.poll(() => savedChoice(app.userData)?.length ?? 0, { timeout: 10_000 }).toBe(3)

  await page.reload()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  await expect(page.getByTestId('fit-all-count')).toHaveText('3')
  await page.getByTestId('fit-all-families').locator('summary').click()
  for (const label of ['Normal', 'Gamma', 'Weibull'])
    await expect(page.getByLabel(`Fit all tries ${label}`, { exact: true })).toBeChecked()
  await expect(page.getByLabel('Fit all tries Lognormal', { exact: true })).not.toBeChecked()
  // "Applicable to this column" picks every family whose support holds the data: Poisson is not one.
  await page.getByRole('button', { name: 'Applicable to this column' }).click()
  await expect(page.getByLabel('Fit all tries Poisson', { exact: true })).not.toBeChecked()
  await expect(page.getByLabel('Fit all tries Lognormal', { exact: true })).toBeChecked()
  await expect(page.getByTestId('error')).toHaveCount(0)
})
