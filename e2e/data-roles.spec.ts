import { join } from 'node:path'
import { copyFixture, expect, test } from './fixtures'

const SPREADSHEETS = join(__dirname, '../src-main/engine/import/fixtures/spreadsheets')

test.describe('a workbook', () => {
  test.use({ csvFixture: join(SPREADSHEETS, 'survey.xlsx') })

  test('the sheet picker lists every sheet with its size; choosing one re-imports it', async ({
    page,
    studio,
  }) => {
    await studio.open()
    const picker = page.getByTestId('sheet-picker')
    const select = picker.getByRole('combobox', { name: 'Sheet' })
    // The default is the first sheet with a numeric column (Notes is text only).
    await expect(select).toHaveValue('Eruptions')
    await expect(select.locator('option')).toHaveText([
      /^Notes \(\d+ × \d+\)$/,
      /^Eruptions \(\d+ × 7\) · default$/,
      /^Other \(4 × 2\)$/,
    ])
    // CSV-only settings are not offered for a workbook: its header row is.
    const settings = page.getByTestId('import-settings')
    await settings.locator('summary').click()
    await expect(settings).toContainText('sheet “Eruptions”')
    await expect(settings.getByLabel('Delimiter')).toHaveCount(0)
    await expect(settings.getByTestId('header-row')).toHaveValue('4')
    await page.screenshot({ path: 'test-results/sheet-picker.png' })

    await select.selectOption('Other')
    const columns = page.getByTestId('column-list')
    await expect(columns.getByRole('option')).toHaveText([/^x/, /^y/])
    await expect(select).toHaveValue('Other')
    await expect(page.getByTestId('file-name')).toContainText('3 rows')
  })

  test('the browser file input opens a spreadsheet', async ({ app, page, studio }) => {
    await studio.open()
    const input = page.getByTestId('file-input')
    await expect(input).toHaveAttribute('accept', /\.xlsx/)
    await input.setInputFiles(copyFixture(app.dataDir, join(SPREADSHEETS, 'survey.ods')))
    await expect(page.getByTestId('file-name')).toContainText('survey.ods')
    await expect(page.getByTestId('sheet-picker').getByRole('combobox')).toHaveValue('Eruptions')
  })
})

test.describe('a value/count table', () => {
  test.use({ csvFixture: join(__dirname, 'data/count-table.csv') })

  test('a Frequency column: the fit counts every observation, says so, and equals the expanded data', async ({
    page,
    studio,
  }) => {
    const x = [1, 2, 3, 4, 5, 6]
    const n = [3, 7, 12, 9, 4, 1]
    const total = n.reduce((a, b) => a + b)
    const mean = x.reduce((s, v, i) => s + n[i] * v, 0) / total
    const sd = Math.sqrt(x.reduce((s, v, i) => s + n[i] * (v - mean) ** 2, 0) / total)

    await studio.open()
    await studio.pickColumn('x')
    await page.getByRole('combobox', { name: 'Frequency column' }).selectOption('n')
    await expect(page.getByTestId('weights-hint')).toContainText('counts as many observations as “n” says')
    await studio.fit('normal')
    expect(await studio.estimate('mu')).toBeCloseTo(mean, 12)
    expect(await studio.estimate('sigma')).toBeCloseTo(sd, 12)
    await expect(page.getByTestId('n')).toContainText(`${total}`)
    await expect(page.getByTestId('fit-criteria').getByTestId('n')).toContainText('(weights “n”)')
    await expect(page.getByTestId('weights-note')).toContainText('6 rows stand for n = 36 observations')
    const loglik = -(total / 2) * Math.log(2 * Math.PI * sd * sd) - total / 2
    expect(Number(await page.getByTestId('loglik').getAttribute('data-value'))).toBeCloseTo(loglik, 8)
    // The histogram counts observations, not rows.
    const chart = page.getByTestId('density-chart')
    await expect(chart.locator('canvas')).toBeVisible()
    await page.screenshot({ path: 'test-results/frequency-weights.png' })

    // Back to unweighted: the weighted fit says it is out of date, and a new one counts rows.
    await page.getByRole('combobox', { name: 'Frequency column' }).selectOption('')
    await expect(page.getByTestId('out-of-date')).toContainText('weights n')
    await page.getByRole('button', { name: 'Fit', exact: true }).click()
    await expect(page.getByTestId('n')).toHaveText('6')
  })

  test('an exclusion rule by value range: only those values are fitted and the rule is listed', async ({
    page,
    studio,
  }) => {
    await studio.open()
    await studio.pickColumn('x')
    const lo = page.getByRole('textbox', { name: 'Lowest value to fit' })
    const hi = page.getByRole('textbox', { name: 'Highest value to fit' })
    await lo.fill('5')
    await hi.fill('2')
    await hi.press('Enter')
    await expect(page.getByTestId('range-problem')).toHaveText('The range is empty: 5 is above 2.')
    await lo.fill('2')
    await hi.fill('5')
    await hi.press('Enter')
    await expect(page.getByTestId('range-problem')).toHaveCount(0)
    await page.getByTestId('dist-select').selectOption('normal')
    await page.getByRole('button', { name: 'Fit', exact: true }).click()
    await expect(page.getByTestId('n')).toHaveText('4')
    await expect(page.getByTestId('exclusion')).toHaveText('Excluded values of "x" outside [2, 5]: 2 rows.')
    expect(await studio.estimate('mu')).toBeCloseTo(3.5, 12)
    await page.getByRole('tab', { name: 'CDF' }).click()
    await page.screenshot({ path: 'test-results/value-range.png' })
  })
})
