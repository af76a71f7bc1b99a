import { createHash } from 'node:crypto'
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { enginePid, killEngine } from './engine-faults'
import { snapshot } from '../test/helpers/sessions'
import { copyFixture, expect, startWebApp, stepsOn, test, type PageSteps } from './fixtures'

/**
 * Sessions and crash recovery in browser mode, as the user sees them: a saved session opens again with
 * the same results, a killed engine leaves selections and results on screen, and a killed server offers
 * the lost session at the next start.
 */
process.env['MLE_STUDIO_TEST_HOOKS'] = '1'

/** Closed-form normal MLE of faithful.csv's eruptions (see fit-flow.spec.ts). */
const MU = 3.4877830882352936
const FAITHFUL = join(__dirname, 'data/faithful.csv')

/** Fits the normal to eruptions on the page of `steps`; its mu. */
async function fitNormal(steps: PageSteps): Promise<number> {
  await steps.pickColumn('eruptions')
  await steps.fit('normal')
  return steps.estimate('mu')
}

test('a saved session opens again in a fresh page with the same results', async ({
  app,
  page,
  browser,
  studio,
}) => {
  await studio.open()
  expect(await fitNormal(studio)).toBeCloseTo(MU, 12)

  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.mlestudio\.json$/)
  const saved = join(app.dataDir, file.suggestedFilename())
  await file.saveAs(saved)
  await expect(page.getByTestId('notice')).toContainText('Session saved')

  const fresh = await browser.newPage()
  await app.open(fresh)
  await expect(fresh.getByTestId('summary')).toContainText('Summary of eruptions')
  // A second tab takes over the running workspace (trust.spec.ts); opening the file must still work on it.
  await expect(fresh.getByTestId('fit-table')).toBeVisible()
  await fresh.getByTestId('session-input').setInputFiles(saved)
  // The fit it took over was saved as a session (this one): nothing can be lost, so nothing is asked.
  await expect(fresh.getByTestId('notice')).toContainText(/Session from .* opened: 1 result/)
  await expect(fresh.getByTestId('open-question')).toHaveCount(0)
  await expect(fresh.getByTestId('fit-table')).toBeVisible()
  expect(await stepsOn(fresh).estimate('mu')).toBe(await studio.estimate('mu'))
  await expect(fresh.getByTestId('dist-select')).toHaveValue('normal')
  await fresh.screenshot({ path: 'test-results/session-opened.png' })

  // An invalid file: main's message, and the workspace stays as it was.
  const bad = join(app.dataDir, 'bad.mlestudio.json')
  writeFileSync(bad, '{"format": "something else"}')
  await fresh.getByTestId('session-input').setInputFiles(bad)
  await expect(fresh.getByTestId('error')).toContainText(/not an MLE Studio session/)
  await expect(fresh.getByTestId('fit-table')).toBeVisible()
  await fresh.screenshot({ path: 'test-results/session-invalid.png' })

  // The data file changed since saving: the saved results are shown, with main's warning.
  appendFileSync(join(app.dataDir, 'faithful.csv'), '2.5,60\n')
  await fresh.getByTestId('session-input').setInputFiles(saved)
  await expect(fresh.getByTestId('notice')).toContainText(
    /faithful\.csv has changed since the session was saved/,
  )
  await expect(fresh.getByTestId('fit-table')).toBeVisible()
  expect(await stepsOn(fresh).estimate('mu')).toBe(await studio.estimate('mu'))
  await fresh.close()
})

test('engine killed after a fit: a notice, the results stay, and a new fit works', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  const before = await fitNormal(studio)
  const pid = await enginePid(app)
  process.kill(pid!, 'SIGKILL')
  await expect(page.getByTestId('notice')).toContainText(/engine stopped .*restarted/i)
  await expect(page.getByTestId('error')).toHaveCount(0)
  await expect(page.getByTestId('fit-table')).toBeVisible()
  await expect(page.getByTestId('dist-select')).toHaveValue('normal')
  await expect(page.getByTestId('notice')).toContainText(/imported again/, { timeout: 10_000 })
  await page.screenshot({ path: 'test-results/session-engine-killed.png' })
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('error')).toHaveCount(0)
  expect(await studio.estimate('mu')).toBe(before)
})

test('server killed mid-session: the next start offers the session, Restore brings it back', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mle-e2e-'))
  const csv = copyFixture(dataDir, FAITHFUL)
  // Both servers of this test share its data folder (<dataDir>/userdata): the second finds the first's autosave.
  const first = await startWebApp(csv, dataDir)
  let second: Awaited<ReturnType<typeof startWebApp>> | null = null
  try {
    await page.goto(first.url)
    const steps = stepsOn(page)
    const before = await fitNormal(steps)
    // Autosave: 500 ms in the page, then 1 s in main, written atomically.
    // Each running instance autosaves to its own file, autosave-<pid>-<token>.mlestudio.json; wait for
    // the one written after the fit (the first is written at page load, before it).
    const savedResults = () => {
      if (!existsSync(first.userData)) return 0
      const name = readdirSync(first.userData).find((n) => n.startsWith('autosave-'))
      if (!name) return 0
      const saved = JSON.parse(readFileSync(join(first.userData, name), 'utf8')) as { results: unknown[] }
      return saved.results.length
    }
    await expect.poll(savedResults, { timeout: 10_000 }).toBe(1)
    const orphan = await enginePid(first)
    first.server.kill('SIGKILL')
    await new Promise((r) => first.server.once('exit', r))
    // The killed server cannot stop its engine: do it here so no process outlives the test.
    if (orphan !== null) {
      try {
        process.kill(orphan, 'SIGKILL')
      } catch {
        // already gone with its parent
      }
    }

    second = await startWebApp(csv, dataDir)
    await page.goto(second.url)
    const prompt = page.getByTestId('recovery')
    await expect(prompt).toContainText(
      /MLE Studio did not close cleanly\. Restore the session from .+ \(faithful\.csv, eruptions, normal, 1 result\)\?/,
    )
    await page.screenshot({ path: 'test-results/session-recovery-prompt.png' })
    await prompt.getByRole('button', { name: 'Restore' }).click()
    await expect(prompt).toHaveCount(0)
    await expect(page.getByTestId('notice')).toContainText(/Session from .* restored: 1 result/)
    await expect(page.getByTestId('fit-table')).toBeVisible()
    expect(await steps.estimate('mu')).toBe(before)
    await page.screenshot({ path: 'test-results/session-recovered.png' })
  } finally {
    first.server.kill()
    second?.server.kill()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('three crashes: the banner offers “Restart engine”, and after it the results are still there', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  const before = await fitNormal(studio)
  await killEngine(app)
  await killEngine(app)
  await killEngine(app, false)
  const halted = page.getByTestId('halted')
  await expect(halted).toContainText(/stopped 3 times/)
  await expect(page.getByTestId('fit-table')).toBeVisible()
  await page.screenshot({ path: 'test-results/session-engine-halted.png' })
  await halted.getByRole('button', { name: 'Restart engine' }).click()
  await expect(halted).toHaveCount(0)
  await expect(page.getByTestId('notice')).toContainText(/faithful\.csv was imported again/)
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('error')).toHaveCount(0)
  expect(await studio.estimate('mu')).toBe(before)
})

test('a session naming a file not opened in this run asks first, shows the real path, imports on Import', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  const other = join(app.dataDir, 'other.csv')
  writeFileSync(other, 'waiting\n10\n12\n11\n14\n')
  const session = join(app.dataDir, 'crafted.mlestudio.json')
  writeFileSync(
    session,
    JSON.stringify({
      format: 'mle-studio-session',
      version: 1,
      savedAt: '2026-01-02T03:04:05.000Z',
      source: {
        path: other,
        fileName: 'innocent.csv',
        bytes: readFileSync(other).length,
        sha256: createHash('sha256').update(readFileSync(other)).digest('hex'),
      },
      importSettings: {},
      ...snapshot({ column: 'waiting' }),
    }),
  )
  await page.getByTestId('session-input').setInputFiles(session)
  const question = page.getByTestId('source-question')
  await expect(question).toContainText(`This session was made from ${other}`)
  await expect(question).toContainText('a file you have not opened in this run')
  // Nothing was imported yet: the open file is still the one the user chose.
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  await page.screenshot({ path: 'test-results/session-source-question.png' })
  await question.getByRole('button', { name: 'Import' }).click()
  await expect(question).toHaveCount(0)
  // Shown under its own name, not the one the session gave it.
  await expect(page.getByTestId('file-name')).toContainText('other.csv')
  await expect(page.getByTestId('error')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/session-source-imported.png' })
})
