import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { expect, stepsOn, test, type WebApp } from './fixtures'

/**
 * Opening a file (browser mode, several tabs on one server): every tab shows the file opened last, a tab
 * that did not open it says so; and an open that would replace results no saved session holds asks first.
 */

/** A small file with other columns than faithful.csv's. */
function gaps(dataDir: string): string {
  const path = join(dataDir, 'gaps.csv')
  writeFileSync(path, 'gap,size\n1.2,3\n0.7,5\n2.9,2\n1.1,4\n0.4,6\n1.8,3\n2.2,1\n0.9,2\n')
  return path
}

/** A second tab on the same server, showing the start-up file. */
async function secondTab(app: WebApp, browser: Browser): Promise<Page> {
  const other = await browser.newPage()
  await app.open(other)
  await expect(other.getByTestId('file-name')).toContainText('faithful.csv')
  return other
}

/** Saves the session with Ctrl+S (browser mode: a download). */
async function saveByKey(page: Page): Promise<void> {
  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  await download
}

/** Opens `path` in `tab`, which must not ask first (nothing unsaved is replaced). */
async function opensWithoutAsking(tab: Page, path: string): Promise<void> {
  await tab.getByTestId('file-input').setInputFiles(path)
  await expect(tab.getByTestId('file-name')).toContainText(basename(path))
  await expect(tab.getByTestId('open-question')).toHaveCount(0)
}

test('a file opened in one tab is shown in the other, which says another window opened it', async ({
  app,
  browser,
  page,
  studio,
}) => {
  await studio.open()
  const other = await secondTab(app, browser)
  await stepsOn(other).pickColumn('waiting')

  await page.getByTestId('file-input').setInputFiles(gaps(app.dataDir))
  await expect(page.getByTestId('file-name')).toContainText('gaps.csv')
  // The tab that opened it is not told that another did.
  await expect(page.getByTestId('summary')).toContainText('Summary of gap')

  // The other tab shows the new file as its opener does: its first column, summarized, its preview.
  await expect(other.getByTestId('file-name')).toContainText('gaps.csv')
  await expect(other.getByTestId('summary')).toContainText('Summary of gap')
  await expect(other.getByTestId('notice')).toContainText(
    'Another window opened gaps.csv; it is shown here too.',
  )
  await other.screenshot({ path: 'test-results/open-file-other-tab.png' })
  await expect(page.getByTestId('notice')).toHaveCount(0)

  // Its next fit is of the file it shows.
  await stepsOn(other).fit('gamma')
  await expect(other.getByTestId('error')).toHaveCount(0)
  await other.close()
})

test('an open that would replace unsaved fits asks first: Escape cancels, Discard opens, Enter saves then opens', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  await studio.fit('normal')
  const input = page.getByTestId('file-input')
  const question = page.getByTestId('open-question')

  await input.setInputFiles(gaps(app.dataDir))
  await expect(question).toContainText('Open gaps.csv? The fit on faithful.csv is not saved.')
  await expect(question.getByRole('button', { name: 'Save session…' })).toBeFocused()
  await page.screenshot({ path: 'test-results/open-file-question.png' })
  // Escape is Cancel: everything as it was, nothing imported.
  await page.keyboard.press('Escape')
  await expect(question).toHaveCount(0)
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  await expect(page.getByTestId('fit-table')).toBeVisible()
  await expect(page.getByTestId('busy')).toHaveCount(0)

  // Discard opens it.
  await input.setInputFiles(gaps(app.dataDir))
  await question.getByRole('button', { name: 'Discard' }).click()
  await expect(page.getByTestId('file-name')).toContainText('gaps.csv')
  await expect(page.getByTestId('fit-table')).toHaveCount(0)

  // Enter is Save session…: the session is saved (a download here), then the file opens.
  await studio.fit('gamma')
  await input.setInputFiles(join(__dirname, 'data/faithful.csv'))
  await expect(question).toContainText('Open faithful.csv? The fit on gaps.csv is not saved.')
  const download = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  expect((await download).suggestedFilename()).toBe('gaps.mlestudio.json')
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
})

test("another tab's open keeps this tab's unsaved fit, to be saved as a session of the file it was of", async ({
  app,
  browser,
  page,
  studio,
}) => {
  await studio.open()
  const other = await secondTab(app, browser)
  await other.getByLabel('Fitting method').selectOption('newton')
  await stepsOn(other).fit('gamma')
  const shape = await stepsOn(other).estimate('shape')

  // The first tab, with nothing unsaved, opens another file: it is not asked.
  await page.getByTestId('file-input').setInputFiles(gaps(app.dataDir))
  await expect(page.getByTestId('file-name')).toContainText('gaps.csv')
  await expect(other.getByTestId('file-name')).toContainText('gaps.csv')
  const kept = other.getByTestId('earlier-results')
  await expect(kept).toContainText(
    'The fit on faithful.csv is not saved. You can still save it as a session of faithful.csv.',
  )
  await expect(other.getByTestId('notice')).toContainText('Another window opened gaps.csv')
  await other.screenshot({ path: 'test-results/open-file-other-tab-kept.png' })

  // Saved as a session of faithful.csv (its data file), though gaps.csv is open now.
  const download = other.waitForEvent('download')
  await kept.getByRole('button', { name: 'Save session…' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('faithful.mlestudio.json')
  const path = join(app.dataDir, 'earlier.mlestudio.json')
  await saved.saveAs(path)
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    source: { fileName: string }
    results: { dist: string }[]
  }
  expect(file.source.fileName).toBe('faithful.csv')
  expect(file.results.map((r) => r.dist)).toEqual(['gamma'])
  await expect(kept).toHaveCount(0)

  // Opening a session asks as opening a data file does when it would replace unsaved results.
  await stepsOn(other).fit('normal')
  const question = other.getByTestId('open-question')
  await other.getByTestId('session-input').setInputFiles(path)
  await expect(question).toContainText('Open earlier.mlestudio.json? The fit on gaps.csv is not saved.')
  await other.screenshot({ path: 'test-results/open-file-session-question.png' })
  await other.keyboard.press('Escape')
  await expect(question).toHaveCount(0)
  await expect(other.getByTestId('file-name')).toContainText('gaps.csv')
  // Discard opens it: the fit comes back with its own file.
  await other.getByTestId('session-input').setInputFiles(path)
  await question.getByRole('button', { name: 'Discard' }).click()
  await expect(other.getByTestId('file-name')).toContainText('faithful.csv')
  expect(await stepsOn(other).estimate('shape')).toBe(shape)
  await other.close()
})

test('a second open over new unsaved results keeps both sets, each with its own banner', async ({
  app,
  browser,
  page,
  studio,
}) => {
  await studio.open()
  const other = await secondTab(app, browser)
  await stepsOn(other).fit('gamma')
  await page.getByTestId('file-input').setInputFiles(gaps(app.dataDir))
  await expect(other.getByTestId('file-name')).toContainText('gaps.csv')
  await stepsOn(other).fit('gamma')
  await page.getByTestId('file-input').setInputFiles(join(__dirname, 'data/faithful.csv'))
  await expect(other.getByTestId('file-name')).toContainText('faithful.csv')
  const kept = other.getByTestId('earlier-results')
  await expect(kept).toHaveCount(2)
  await expect(kept.nth(0)).toContainText('The fit on faithful.csv is not saved.')
  await expect(kept.nth(1)).toContainText('The fit on gaps.csv is not saved.')
  await other.screenshot({ path: 'test-results/open-file-two-sets-kept.png' })
  const download = other.waitForEvent('download')
  await kept.nth(1).getByRole('button', { name: 'Save session…' }).click()
  expect((await download).suggestedFilename()).toBe('gaps.mlestudio.json')
  await expect(kept).toHaveCount(1)
  await expect(kept).toContainText('The fit on faithful.csv is not saved.')
  await other.close()
})

test('a new tab taking over results saved as a session opens a file without asking', async ({
  app,
  browser,
  page,
  studio,
}) => {
  await studio.open()
  await studio.fit('gamma')
  await saveByKey(page)
  const fresh = await secondTab(app, browser)
  await expect(fresh.getByTestId('fit-table')).toBeVisible()
  await opensWithoutAsking(fresh, gaps(app.dataDir))
  await fresh.close()
})

test('a tab that took over a fit before the other tab saved it opens a file without asking', async ({
  app,
  browser,
  page,
  studio,
}) => {
  await studio.open()
  await studio.fit('gamma')
  const other = await secondTab(app, browser)
  await expect(other.getByTestId('fit-table')).toBeVisible()
  await saveByKey(page)
  await expect(page.getByTestId('notice')).toContainText('Session saved')
  await opensWithoutAsking(other, gaps(app.dataDir))
  // The first tab showed the same saved fit: nothing of it is kept as unsaved there either.
  await expect(page.getByTestId('file-name')).toContainText('gaps.csv')
  await expect(page.getByTestId('earlier-results')).toHaveCount(0)
  await other.close()
})
