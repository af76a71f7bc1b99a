import { watch } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DatasetInfo } from '../../../src-shared/contract'
import { columnInfo, columnSummary, datasetInfo, WEIGHTS } from '../../../test/support/renderer/datasets'
import { boundaryError, settle } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { MAX_EARLIER } from './use-earlier-results'
import { setupWorkspace, startedWorkspace } from '../../../test/support/renderer/workspace'

let stop: (() => void) | null = null
afterEach(() => stop?.())

/** weights.csv as the core names its start-up import, and two later opens (each a new import id). */
const shown = { ...WEIGHTS, id: 'start' }
const other = (id: string, fileName = 'other.csv'): DatasetInfo => ({
  ...WEIGHTS,
  fileName,
  path: `/data/${fileName}`,
  id,
})

/** A started page of weights.csv whose own upload answers when the test says (`answer`). */
async function page(mode: 'browser' | 'electron' = 'browser') {
  const s = await startedWorkspace(
    {
      'workspace:get': { dataset: shown, session: null },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    },
    mode,
  )
  stop = s.stop
  let answer: (d: DatasetInfo) => void = () => undefined
  vi.mocked(s.api.openFile).mockImplementation(() => new Promise((resolve) => (answer = resolve)))
  const upload = () => s.ws.dataset.openFile(new File(['x\n1\n'], 'mine.csv'))
  return { ...s, upload, answer: (d: DatasetInfo) => answer(d) }
}

describe('a file another page opened', () => {
  it('is shown as its opener shows it (first column summarized, fits cleared), with a notice', async () => {
    const s = await page()
    await s.ws.dataset.selectColumn('height')
    s.ws.fits.store(syntheticNormalFit('height'), { column: 'height', dist: 'normal' })
    const before = s.ws.dataset.generation.value
    s.emit({ kind: 'dataset-opened', dataset: other('b') })
    await settle()
    expect(s.ws.dataset.dataset.value?.fileName).toBe('other.csv')
    expect(s.ws.dataset.generation.value).toBe(before + 1)
    expect(s.ws.dataset.column.value).toBe('weight')
    expect(s.ws.dataset.summary.value?.column).toBe('weight')
    expect(s.ws.fits.fits.value).toEqual([])
    expect(s.ws.status.notice.value).toBe('Another window opened other.csv; it is shown here too.')
  })

  it('the announcement of the file the page shows already changes nothing', async () => {
    const s = await page()
    const before = s.ws.dataset.generation.value
    s.emit({ kind: 'dataset-opened', dataset: shown })
    await settle()
    expect(s.ws.dataset.generation.value).toBe(before)
    expect(s.ws.status.notice.value).toBeNull()
  })

  it('in Electron (its menu, Open Recent, the OS) it is shown without a notice', async () => {
    const s = await page('electron')
    s.emit({ kind: 'dataset-opened', dataset: other('b') })
    await settle()
    expect(s.ws.dataset.dataset.value?.fileName).toBe('other.csv')
    expect(s.ws.status.notice.value).toBeNull()
  })
})

describe("the page's own open is processed once", () => {
  it('announced before its answer came: shown once, as its own', async () => {
    const s = await page()
    const before = s.ws.dataset.generation.value
    const done = s.upload()
    await settle()
    s.emit({ kind: 'dataset-opened', dataset: other('mine', 'mine.csv') })
    await settle()
    expect(s.ws.dataset.dataset.value?.id).toBe('start')
    s.answer(other('mine', 'mine.csv'))
    await done
    await settle()
    expect(s.ws.dataset.dataset.value?.id).toBe('mine')
    expect(s.ws.dataset.generation.value).toBe(before + 1)
    expect(s.ws.status.notice.value).toBeNull()
  })

  it('announced after its answer: shown once, as its own', async () => {
    const s = await page()
    const before = s.ws.dataset.generation.value
    const done = s.upload()
    await settle()
    s.answer(other('mine', 'mine.csv'))
    await done
    s.emit({ kind: 'dataset-opened', dataset: other('mine', 'mine.csv') })
    await settle()
    expect(s.ws.dataset.generation.value).toBe(before + 1)
    expect(s.ws.status.notice.value).toBeNull()
  })

  it("another page's open announced after this page's (the core opened it later) wins", async () => {
    const s = await page()
    const done = s.upload()
    await settle()
    s.emit({ kind: 'dataset-opened', dataset: other('older') })
    s.emit({ kind: 'dataset-opened', dataset: other('mine', 'mine.csv') })
    s.emit({ kind: 'dataset-opened', dataset: other('newer', 'newer.csv') })
    s.answer(other('mine', 'mine.csv'))
    await done
    await settle()
    expect(s.ws.dataset.dataset.value?.id).toBe('newer')
    expect(s.ws.status.notice.value).toBe('Another window opened newer.csv; it is shown here too.')
  })

  it("another page's open announced before this page's, whose answer comes before its own announcement: not shown", async () => {
    const s = await page()
    const done = s.upload()
    await settle()
    s.emit({ kind: 'dataset-opened', dataset: other('older') })
    s.answer(other('mine', 'mine.csv'))
    await done
    await settle()
    expect(s.ws.dataset.dataset.value?.id).toBe('mine')
    s.emit({ kind: 'dataset-opened', dataset: other('mine', 'mine.csv') })
    await settle()
    expect(s.ws.dataset.dataset.value?.id).toBe('mine')
    expect(s.ws.status.notice.value).toBeNull()
  })

  it("another page's open announced while this page's failed is shown", async () => {
    const s = await page()
    vi.mocked(s.api.openFile).mockRejectedValueOnce(new Error('mine.csv is empty.'))
    const done = s.upload()
    s.emit({ kind: 'dataset-opened', dataset: other('b') })
    await done
    await settle()
    expect(s.ws.dataset.dataset.value?.id).toBe('b')
    expect(s.ws.status.error.value).toBe('mine.csv is empty.')
  })
})

describe('work of this page that the open in another page stopped', () => {
  it('its warning stays in view beside the notice of the new file', async () => {
    const s = await page()
    s.ws.status.warn('Fitting Weibull was stopped because another file was opened.')
    s.emit({ kind: 'dataset-opened', dataset: other('b') })
    await settle()
    expect(s.ws.status.notice.value).toBe(
      'Fitting Weibull was stopped because another file was opened. ' +
        'Another window opened other.csv; it is shown here too.',
    )
    expect(s.ws.status.noticeTone.value).toBe('warn')
  })
})

describe('a session another page opened', () => {
  it('shows here with its data file, as in the page that opened it: its fit, family and method', async () => {
    const s = await page()
    const session = {
      format: 'mle-studio-session' as const,
      version: 1 as const,
      savedAt: '2026-11-22T16:40:00.000Z',
      source: { path: '/data/saved.csv', fileName: 'saved.csv', bytes: 1, sha256: 'ab' },
      importSettings: {},
      column: 'weight',
      family: 'normal',
      method: 'lbfgs' as const,
      options: {},
      fixed: {},
      trials: null,
      results: [syntheticNormalFit()],
      regressionResults: [],
      ui: { active: 'normal' },
    }
    s.emit({ kind: 'dataset-opened', dataset: other('b', 'saved.csv'), session })
    await settle()
    await settle()
    expect(s.ws.dataset.dataset.value?.fileName).toBe('saved.csv')
    expect(s.ws.fits.fits.value.map((f) => f.dist)).toEqual(['normal'])
    expect(s.ws.settings.method.value).toBe('lbfgs')
    expect(s.ws.status.notice.value).toBe(
      'Another window opened a session of saved.csv; it is shown here too.',
    )
  })
})

describe('a file the user opens while the page is still loading', () => {
  it('wins: the state loaded before it is not shown meanwhile, nor its column asked of it (no error)', async () => {
    const mine = { ...datasetInfo('mine.csv', [columnInfo(0, 'z')]), id: 'mine' }
    // What the engine holds: the start-up file, until the user's open lands.
    let engine = 'weights.csv'
    let answerState: (state: { dataset: DatasetInfo; session: null }) => void = () => undefined
    let answerOpen: (d: DatasetInfo) => void = () => undefined
    const s = setupWorkspace({
      'workspace:get': () => new Promise((resolve) => (answerState = resolve)),
      'column:get-summary': async ({ column }) => {
        await Promise.resolve()
        if (!(engine === 'mine.csv' ? ['z'] : ['weight', 'height']).includes(column))
          throw boundaryError('RequestError', `Column "${column}" is not in ${engine}.`)
        return columnSummary(column, 1, 9)
      },
    })
    stop = s.stop
    // Everything the page shows, as it shows it: not only where it ends.
    const seen: string[] = []
    watch(s.ws.dataset.dataset, (d) => void seen.push(d?.fileName ?? ''), { flush: 'sync' })
    watch(s.ws.status.error, (e) => void (e && seen.push(e)), { flush: 'sync' })
    vi.mocked(s.api.openFile).mockImplementation(() => new Promise((resolve) => (answerOpen = resolve)))
    const starting = s.ws.start()
    const upload = s.ws.dataset.openFile(new File(['z\n1\n'], 'mine.csv'))
    await settle()
    // The core read its state (the start-up file) just before the open landed in the engine.
    answerState({ dataset: { ...WEIGHTS, id: 'start' }, session: null })
    engine = 'mine.csv'
    await settle()
    answerOpen(mine)
    await Promise.all([upload, starting])
    await settle()
    expect(seen).toEqual(['mine.csv'])
    expect(s.ws.dataset.summary.value?.column).toBe('z')
  })
})

describe("this page's unsaved results when another page opens a file", () => {
  async function withFit() {
    const s = await startedWorkspace({
      'workspace:get': { dataset: shown, session: null },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'session:export': (snapshot) => ({
        text: JSON.stringify(snapshot),
        suggestedName: 'weights.mlestudio.json',
        mimeType: 'application/json' as const,
      }),
    })
    stop = s.stop
    s.ws.fits.store(syntheticNormalFit('weight'), { column: 'weight', dist: 'normal' })
    await settle()
    s.emit({ kind: 'dataset-opened', dataset: other('b') })
    await settle()
    return s
  }

  it('are kept, to be saved as a session of the file they were of; until then the page counts as unsaved', async () => {
    const s = await withFit()
    expect(s.ws.dataset.dataset.value?.fileName).toBe('other.csv')
    expect(s.ws.fits.fits.value).toEqual([])
    expect(s.ws.session.earlier.value.map((k) => k.text)).toEqual([
      'The fit on weights.csv is not saved. You can still save it as a session of weights.csv.',
    ])
    expect(vi.mocked(s.api.setUnsaved).mock.calls.at(-1)).toEqual([true])
    await s.ws.session.saveEarlier(s.ws.session.earlier.value[0])
    // The snapshot names the import it was of: the core saves it with that file, not the one open now.
    const [saved] = s.named('session:export')
    expect(saved?.datasetId).toBe('start')
    expect(saved?.results.map((f) => f.dist)).toEqual(['normal'])
    expect(s.ws.session.earlier.value).toEqual([])
    expect(s.ws.status.notice.value).toBe('Session saved: weights.mlestudio.json')
    expect(vi.mocked(s.api.setUnsaved).mock.calls.at(-1)).toEqual([false])
  })

  it('results another page has saved as a session since are not kept', async () => {
    const s = await startedWorkspace({
      'workspace:get': { dataset: shown, session: null },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'session:is-saved': (snapshot) => snapshot.datasetId === 'start',
    })
    stop = s.stop
    s.ws.fits.store(syntheticNormalFit('weight'), { column: 'weight', dist: 'normal' })
    await settle()
    s.emit({ kind: 'dataset-opened', dataset: other('b') })
    await settle()
    expect(s.named('session:is-saved').map((snap) => snap?.datasetId)).toEqual(['start'])
    expect(s.ws.session.earlier.value).toEqual([])
    expect(vi.mocked(s.api.setUnsaved).mock.calls.at(-1)).toEqual([false])
  })

  it('Discard lets them go', async () => {
    const s = await withFit()
    s.ws.session.discardEarlier(s.ws.session.earlier.value[0])
    await settle()
    expect(s.ws.session.earlier.value).toEqual([])
    expect(s.named('session:export')).toEqual([])
  })

  it('a second open over new unsaved results keeps both sets, each saved on its own as a session of its file', async () => {
    const s = await withFit()
    s.ws.fits.store(syntheticNormalFit('weight'), { column: 'weight', dist: 'normal' })
    await settle()
    s.emit({ kind: 'dataset-opened', dataset: other('c', 'third.csv') })
    await settle()
    const kept = s.ws.session.earlier.value
    expect(kept.map((k) => [k.snapshot.datasetId, k.file])).toEqual([
      ['start', 'weights.csv'],
      ['b', 'other.csv'],
    ])
    await s.ws.session.saveEarlier(kept[0])
    expect(s.named('session:export').map((snap) => snap?.datasetId)).toEqual(['start'])
    expect(s.ws.session.earlier.value).toEqual([kept[1]])
    expect(vi.mocked(s.api.setUnsaved).mock.calls.at(-1)).toEqual([true])
  })

  it(`keeps the ${MAX_EARLIER} newest sets, and says which one it no longer keeps`, async () => {
    const s = await withFit()
    for (let k = 1; k <= MAX_EARLIER; k++) {
      s.ws.fits.store(syntheticNormalFit('weight'), { column: 'weight', dist: 'normal' })
      await settle()
      s.emit({ kind: 'dataset-opened', dataset: other(`n${k}`, `next${k}.csv`) })
      await settle()
    }
    const kept = s.ws.session.earlier.value
    expect(kept.map((k) => k.file)).toEqual(['other.csv', 'next1.csv', 'next2.csv', 'next3.csv'])
    expect(s.ws.status.notice.value).toMatch(/^The unsaved results on weights.csv are no longer kept/)
  })

  it('withdraws its question before an open still waiting for an answer: the results it was about are kept', async () => {
    const s = await startedWorkspace({
      'workspace:get': { dataset: shown, session: null },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    })
    stop = s.stop
    s.ws.fits.store(syntheticNormalFit('weight'), { column: 'weight', dist: 'normal' })
    await settle()
    const opening = s.ws.dataset.openFile(new File(['x\n1\n'], 'mine.csv'))
    await settle()
    expect(s.ws.session.openQuestion.value?.text).toMatch(/^Open mine.csv\? The fit on weights.csv/)
    s.emit({ kind: 'dataset-opened', dataset: other('b') })
    await opening
    expect(s.ws.session.openQuestion.value).toBeNull()
    expect(s.api.openFile).not.toHaveBeenCalled()
    expect(s.ws.session.earlier.value.map((k) => k.snapshot.datasetId)).toEqual(['start'])
  })
})
