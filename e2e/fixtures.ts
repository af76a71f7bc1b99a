import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'

const ROOT = join(__dirname, '..')

/** A browser-mode server started for one test, on its own temp copy of a CSV. */
export interface WebApp {
  /** Full URL with the per-run token. */
  url: string
  /** The temp folder holding this test's data files. */
  dataDir: string
  /** The server's own data folder (autosave, recovery): `<dataDir>/userdata`, never the user's ~/.config. */
  userData: string
  /** The `node out/main/web.js` process. */
  server: ChildProcess
  /** Starts over with another file (copied into dataDir first). */
  open(page: Page): Promise<void>
}

/** Copies a fixture into the test's folder, so tests never touch the originals. */
export function copyFixture(dataDir: string, fixture: string): string {
  const target = join(dataDir, basename(fixture))
  copyFileSync(fixture, target)
  return target
}

/**
 * Starts `node out/main/web.js --port 0 <csv>` and waits for the one line with its URL. Its data folder
 * (MLE_STUDIO_DATA_DIR) is inside the test's own folder: parallel runs and other tests never share
 * autosaves, and a second start in the same test (a restart) finds what the first left.
 */
export async function startWebApp(csv: string | null, dataDir: string): Promise<Omit<WebApp, 'open'>> {
  const args = [join(ROOT, 'out/main/web.js'), '--port', '0', ...(csv ? [csv] : [])]
  const userData = join(dataDir, 'userdata')
  const server = spawn(process.execPath, args, {
    env: { ...process.env, MLE_STUDIO_DATA_DIR: userData },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}${err}`)), 20_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    server.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    server.on('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${out}${err}`)))
  })
  return { url, dataDir, userData, server }
}

/** What a chart draws, as ChartCanvas writes it in `data-series`. */
export type SeriesInfo = { id: string; type: string; points: number }

/** The steps and reads most specs share, on the test's page (the `studio` fixture). */
export interface Studio {
  /** Opens the app of this test's server and waits for the page. */
  open(): Promise<void>
  /**
   * Opens the app, picks `column` and starts a gradient-ascent fit of `family` (`startGradientFit`); once
   * its progress shows, reloads the page: the fit's answer goes to a page that is gone.
   */
  reloadDuringGradientFit(column: string, family: string, epochs: number): Promise<void>
  /** Clicks a column of the column list by its name (its first word: `x` never picks `x2`). */
  pickColumn(column: string): Promise<void>
  /** Chooses a family (when given) and fits it; waits for the results table and the end of the work. */
  fit(family?: string): Promise<void>
  /** Types into a field by its exact label and commits it, as leaving the field does. */
  setField(label: string, value: string): Promise<void>
  /**
   * Starts a gradient-ascent fit of `family` that runs exactly `epochs` epochs (never stopping early:
   * patience 0, tolerance 0), so far more epochs than can run make it still running by construction.
   */
  startGradientFit(family: string, epochs: number): Promise<void>
  /** Switches to Regression mode and chooses the model (when given) and the response column. */
  regression(response: string, model?: string): Promise<void>
  /** The series a chart draws, once its canvas is there. */
  seriesOf(testId: string): Promise<SeriesInfo[]>
  /** A parameter's estimate in the results table (its exact value, not the formatted text). */
  estimate(param: string): Promise<number>
  /**
   * Opens a session file and waits for the notice that names what it brought (`opened`). A page that took
   * over another tab's results (if that tab's autosave reached the core first) may hold results the core
   * does not know saved (the other tab's save may not have matched its last push yet), so it may ask
   * first: the user discards them.
   */
  openSessionTakingOver(file: string, opened: RegExp): Promise<void>
}

/** The steps that need no server of their own: those of any page. */
export type PageSteps = Omit<Studio, 'open' | 'reloadDuringGradientFit'>

/**
 * The shared steps on any page (a second tab, a page of a server the test started itself); the `studio`
 * fixture is these on the test's page, with `open`.
 */
export function stepsOn(page: Page): PageSteps {
  const setField = async (label: string, value: string) => {
    const field = page.getByLabel(label, { exact: true })
    await field.fill(value)
    await field.dispatchEvent('change')
  }
  return {
    pickColumn: async (column) => {
      const name = new RegExp(`^${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`)
      await page.getByTestId('column-list').getByRole('option', { name }).click()
      await expect(page.getByTestId('summary')).toContainText(`Summary of ${column}`)
    },
    fit: async (family) => {
      if (family !== undefined) await page.getByTestId('dist-select').selectOption(family)
      await page.getByRole('button', { name: 'Fit', exact: true }).click()
      await expect(page.getByTestId('fit-table')).toBeVisible()
      await expect(page.getByTestId('busy')).toHaveCount(0)
    },
    setField,
    startGradientFit: async (family, epochs) => {
      await page.getByTestId('dist-select').selectOption(family)
      await page.getByLabel('Fitting method').selectOption('gradient')
      await setField('Epochs', String(epochs))
      await setField('Patience (epochs, 0 = never stop early)', '0')
      await setField('Tolerance (relative)', '0')
      await page.getByRole('button', { name: 'Fit', exact: true }).click()
    },
    regression: async (response, model) => {
      await page.getByRole('button', { name: 'Regression', exact: true }).click()
      if (model !== undefined) {
        await page.getByRole('combobox', { name: 'Regression model' }).selectOption(model)
      }
      await page.getByLabel('Response column').selectOption(response)
    },
    seriesOf: async (testId) => {
      const chart = page.getByTestId(testId)
      await expect(chart.locator('canvas').first()).toBeVisible()
      return JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as SeriesInfo[]
    },
    estimate: async (param) =>
      Number(await page.getByTestId(`param-${param}`).locator('td').first().getAttribute('data-value')),
    openSessionTakingOver: async (file, opened) => {
      await page.getByTestId('session-input').setInputFiles(file)
      const question = page.getByTestId('open-question')
      const notice = page.getByTestId('notice').filter({ hasText: opened })
      await expect(question.or(notice)).toBeVisible()
      if (await question.isVisible()) await question.getByRole('button', { name: 'Discard' }).click()
      await expect(notice).toBeVisible()
    },
  }
}

/**
 * `csvFixture` (test option) names the file browser mode opens; `app` is the running server; `studio` the
 * shared steps on the test's page.
 */
export const test = base.extend<{ csvFixture: string | null; app: WebApp; studio: Studio }>({
  csvFixture: [join(__dirname, 'data/faithful.csv'), { option: true }],
  app: async ({ csvFixture }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mle-e2e-'))
    const csv = csvFixture ? copyFixture(dataDir, csvFixture) : null
    const started = await startWebApp(csv, dataDir)
    await use({
      ...started,
      open: async (page) => {
        await page.goto(started.url)
        await expect(page.getByRole('heading', { name: 'MLE Studio' })).toBeVisible()
      },
    })
    started.server.kill()
    rmSync(dataDir, { recursive: true, force: true })
  },
  studio: async ({ app, page }, use) => {
    const steps = stepsOn(page)
    await use({
      ...steps,
      open: () => app.open(page),
      reloadDuringGradientFit: async (column, family, epochs) => {
        await app.open(page)
        await steps.pickColumn(column)
        await steps.startGradientFit(family, epochs)
        await expect(page.getByTestId('busy')).toContainText(/iteration \d/, { timeout: 60_000 })
        await page.reload()
      },
    })
  },
})

export { expect }
