import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test, type Studio } from './fixtures'

test.use({ csvFixture: join(__dirname, '../src-main/engine/groups/fixtures/iris.csv') })

/** Opens iris with Sepal.Length and the normal family chosen. */
async function openIris(page: Page, studio: Studio): Promise<void> {
  await studio.open()
  await studio.pickColumn('Sepal.Length')
  await page.getByTestId('dist-select').selectOption('normal')
}

test('a By column: each group fitted with intervals, the LR test in words, densities and CDFs by group', async ({
  app,
  page,
  studio,
}) => {
  await openIris(page, studio)
  await page.getByRole('combobox', { name: 'By column' }).selectOption('Species')
  const groups = page.getByTestId('group-fits')
  await expect(groups).toContainText('By “Species”')
  await groups.getByTestId('fit-groups').click()

  const table = groups.getByTestId('group-table')
  await expect(table.locator('tbody th')).toContainText([
    'setosa',
    '',
    'versicolor',
    '',
    'virginica',
    '',
    'pooled',
  ])
  // setosa's mean is 5.006 (R: fitdistrplus), with its 95% interval beside it.
  const setosa = table.locator('tbody tr').first()
  await expect(setosa).toContainText('5.006')
  await expect(setosa.locator('td').nth(3)).toContainText('–')
  await expect(groups.getByTestId('group-test')).toContainText('The 3 groups differ')
  await expect(groups.getByTestId('group-test')).toContainText('on 4 df')
  const chart = groups.getByTestId('group-density-chart')
  await expect(chart.locator('canvas')).toBeVisible()
  await expect
    .poll(async () =>
      JSON.parse((await chart.getAttribute('data-series')) ?? '[]').map((s: { id: string }) => s.id),
    )
    .toEqual(['group-setosa', 'group-versicolor', 'group-virginica', 'group-pooled'])
  // The CDFs by group beside the densities: one line per group, the legend naming the groups.
  const cdf = groups.getByTestId('group-cdf-chart')
  await expect(cdf.locator('canvas')).toBeVisible()
  await expect
    .poll(async () =>
      JSON.parse((await cdf.getAttribute('data-series')) ?? '[]').map((s: { id: string }) => s.id),
    )
    .toEqual(['group-setosa', 'group-versicolor', 'group-virginica', 'group-pooled'])
  await page.screenshot({ path: 'test-results/groups-by-species.png' })
  await chart.scrollIntoViewIfNeeded()
  await groups.screenshot({ path: 'test-results/groups-results.png' })

  // The report of the normal fit includes the fit by Species, with the test sentence.
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-criteria')).toBeVisible()
  const saved = page.waitForEvent('download')
  await page.getByTestId('save-report').click()
  const path = join(app.dataDir, 'report.html')
  await (await saved).saveAs(path)
  const report = await page.context().newPage()
  await report.goto(`file://${path}`)
  const heading = report.getByRole('heading', { name: 'Normal by Species' })
  await expect(heading).toBeVisible()
  await expect(report.getByText('The 3 groups differ')).toBeVisible()
  await expect(report.locator('th', { hasText: 'virginica' })).toBeVisible()
  await heading.scrollIntoViewIfNeeded()
  await report.screenshot({ path: 'test-results/report-groups.png' })
})

test('an exclusion rule by category: listed with the rows it removed, and removable', async ({
  page,
  studio,
}) => {
  await openIris(page, studio)
  const rules = page.getByTestId('exclusion-rules')
  await rules.getByRole('combobox', { name: 'Column of the excluded value' }).selectOption('Species')
  await rules.getByRole('textbox', { name: 'Value to exclude' }).fill('virginica')
  await rules.getByRole('button', { name: 'Exclude value' }).click()
  await rules.getByRole('textbox', { name: 'Rows to exclude' }).fill('1-10')
  await rules.getByRole('button', { name: 'Exclude rows' }).click()
  // A row clicked in the preview is a rule too.
  await page.locator('summary', { hasText: 'Preview' }).click()
  await page.getByTestId('preview-table').getByRole('button', { name: 'Exclude row 60' }).click()
  await expect(rules.getByTestId('exclusion-list').locator('li')).toHaveCount(3)
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-criteria').getByTestId('n')).toContainText('89')
  await expect(rules.getByTestId('exclusion-count')).toHaveText([
    '(50 rows removed)',
    '(10 rows removed)',
    '(1 row removed)',
  ])
  await page.getByTestId('data-roles-groups').screenshot({ path: 'test-results/exclusion-rules.png' })
  // A row past the end is refused at once, saying why.
  await rules.getByRole('textbox', { name: 'Rows to exclude' }).fill('151')
  await rules.getByRole('button', { name: 'Exclude rows' }).click()
  await expect(page.getByTestId('exclusion-problem')).toContainText('past the last data row (150)')
  await rules.getByRole('button', { name: /Remove rule: rows where/ }).click()
  await expect(rules.getByTestId('exclusion-list').locator('li')).toHaveCount(2)
})
