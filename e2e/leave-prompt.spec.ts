import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * The browser's "Leave site?" question stands for unsaved results (browser mode). Several tabs share one
 * server: results another tab has saved as a session are nothing to lose, and the question follows that
 * save.
 */

/**
 * Closes `page` as the user would (its beforeunload handlers run): whether the browser asked first. When it
 * asks, the user stays (the page stays open).
 */
async function asksBeforeClosing(page: Page): Promise<boolean> {
  const asked = page.waitForEvent('dialog', { timeout: 5_000 }).then(
    async (dialog) => {
      expect(dialog.type()).toBe('beforeunload')
      await dialog.dismiss()
      return true
    },
    () => false,
  )
  const closed = page.waitForEvent('close').then(() => false)
  await page.close({ runBeforeUnload: true })
  return Promise.race([asked, closed])
}

test('a tab showing results another tab saved does not ask before it is closed', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('eruptions')
  await studio.fit('normal')

  // Tab B takes the fit over: unsaved there too, so closing it asks first. (A tab of the same browser
  // context: closing a page of its own context would close the context without running beforeunload.)
  const other = await page.context().newPage()
  await app.open(other)
  await expect(other.getByTestId('fit-table')).toBeVisible()
  // The browser asks before leaving only a page the user has used.
  await other.getByRole('tab', { name: 'CDF' }).click()
  expect(await asksBeforeClosing(other)).toBe(true)
  expect(other.isClosed()).toBe(false)

  // Tab A saves the session (a download): tab B's results are saved, and it closes without a question.
  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  await download
  await expect(page.getByTestId('notice')).toContainText('Session saved')
  await expect.poll(() => asksBeforeClosing(other)).toBe(false)
  expect(other.isClosed()).toBe(true)
})
