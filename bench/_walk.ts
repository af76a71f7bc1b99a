import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumPath } from '../e2e/browser-path'
import { startWebApp } from '../e2e/fixtures'

async function main() {
  const csv = process.argv[2]
  const app = await startWebApp(csv, mkdtempSync(join(tmpdir(), 'walk-')))
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] })
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
  await page.goto(app.url)
  await page.getByText('Summary of').first().waitFor()
  await page.screenshot({ path: '/tmp/walk/00-open.png' })
  const col = process.argv[3]
  if (col) await page.getByTestId('column-list').getByRole('option', { name: new RegExp('^' + col) }).click()
  const fam = process.argv[4] ?? 'gamma'
  await page.getByTestId('dist-select').selectOption(fam)
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await page.waitForTimeout(4000)
  await page.screenshot({ path: '/tmp/walk/01-fit.png', fullPage: true })
  const tabs = await page.getByRole('tab').all()
  let k = 2
  for (const tab of tabs) {
    const name = ((await tab.textContent()) ?? '').trim().replace(/[^A-Za-z0-9]+/g, '_')
    if (!(await tab.isVisible())) continue
    await tab.click().catch(() => undefined)
    await page.waitForTimeout(2500)
    await page.screenshot({ path: `/tmp/walk/${String(k++).padStart(2, '0')}-${name}.png`, fullPage: true })
  }
  await browser.close()
  app.server.kill()
}
void main()
