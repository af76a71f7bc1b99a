import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DatasetInfo } from '../../../src-shared/contract'
import { columnSummary, WEIGHTS } from '../../../test/support/renderer/datasets'
import { settle } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'

let stop: (() => void) | null = null
afterEach(() => stop?.())

const rivers: DatasetInfo = { ...WEIGHTS, fileName: 'rivers.csv', path: '/data/rivers.csv', id: 'rivers' }

/** A page of weights.csv with a fit no session file holds, and rivers.csv chosen in the file picker. */
async function unsavedPage() {
  const s = await startedWorkspace({
    'workspace:get': { dataset: { ...WEIGHTS, id: 'start' }, session: null },
    'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    'session:export': { text: '{}', suggestedName: 'weights.mlestudio.json', mimeType: 'application/json' },
    'dataset:reimport': { ...WEIGHTS, id: 'again' },
  })
  stop = s.stop
  vi.mocked(s.api.openFile).mockResolvedValue(rivers)
  s.ws.fits.store(syntheticNormalFit(), { column: 'weight', dist: 'normal' })
  await settle()
  const opening = s.ws.dataset.openFile(new File(['x\n1\n'], 'rivers.csv'))
  await settle()
  return { ...s, opening }
}

describe('opening a file while results are unsaved', () => {
  it('asks first, in the words of what would be lost; nothing is uploaded before the answer', async () => {
    const s = await unsavedPage()
    expect(s.ws.session.unsaved.value).toBe(true)
    expect(s.ws.session.openQuestion.value?.text).toBe(
      'Open rivers.csv? The fit on weights.csv is not saved.',
    )
    expect(s.api.openFile).not.toHaveBeenCalled()
  })

  it('Cancel leaves everything as it was: no import, the fit still shown', async () => {
    const s = await unsavedPage()
    s.ws.session.openQuestion.value!.answer('cancel')
    await s.opening
    expect(s.ws.session.openQuestion.value).toBeNull()
    expect(s.api.openFile).not.toHaveBeenCalled()
    expect(s.ws.dataset.dataset.value?.fileName).toBe('weights.csv')
    expect(s.ws.fits.fits.value).toHaveLength(1)
  })

  it('Discard opens the file', async () => {
    const s = await unsavedPage()
    s.ws.session.openQuestion.value!.answer('discard')
    await s.opening
    expect(s.api.openFile).toHaveBeenCalledOnce()
    expect(s.ws.dataset.dataset.value?.fileName).toBe('rivers.csv')
    expect(s.ws.fits.fits.value).toEqual([])
  })

  it('Save session… saves, then opens; a save the user cancels opens nothing', async () => {
    const s = await unsavedPage()
    vi.mocked(s.api.saveText).mockResolvedValueOnce(null)
    s.ws.session.openQuestion.value!.answer('save')
    await s.opening
    expect(s.api.saveText).toHaveBeenCalledOnce()
    expect(s.api.openFile).not.toHaveBeenCalled()

    const again = s.ws.dataset.openFile(new File(['x\n1\n'], 'rivers.csv'))
    await settle()
    s.ws.session.openQuestion.value!.answer('save')
    await again
    expect(s.api.saveText).toHaveBeenCalledTimes(2)
    expect(s.ws.dataset.dataset.value?.fileName).toBe('rivers.csv')
  })

  it('a re-import asks too; with nothing unsaved nothing is asked', async () => {
    const s = await unsavedPage()
    s.ws.session.openQuestion.value!.answer('cancel')
    await s.opening
    const reimport = s.ws.dataset.reimport({ delimiter: ';' })
    await settle()
    expect(s.ws.session.openQuestion.value?.text).toBe(
      'Re-import weights.csv? The fit on weights.csv is not saved.',
    )
    s.ws.session.openQuestion.value!.answer('discard')
    await reimport
    expect(s.named('dataset:reimport')).toEqual([{ delimiter: ';' }])
    // The fits went with the old import: the next open asks nothing.
    await s.ws.dataset.openFile(new File(['x\n1\n'], 'rivers.csv'))
    expect(s.ws.session.openQuestion.value).toBeNull()
    expect(s.ws.dataset.dataset.value?.fileName).toBe('rivers.csv')
  })

  it('a second open while the question is up answers the first with Cancel', async () => {
    const s = await unsavedPage()
    const second = s.ws.dataset.openWithDialog()
    await settle()
    await s.opening
    expect(s.ws.session.openQuestion.value?.text).toBe(
      'Open another file? The fit on weights.csv is not saved.',
    )
    expect(s.api.openFile).not.toHaveBeenCalled()
    s.ws.session.openQuestion.value!.answer('cancel')
    await second
    expect(s.api.openWithDialog).not.toHaveBeenCalled()
  })
})

describe('opening a session file while results are unsaved', () => {
  it('asks as opening a data file does; Cancel opens nothing, Discard opens it', async () => {
    const s = await unsavedPage()
    s.ws.session.openQuestion.value!.answer('cancel')
    await s.opening
    const file = new File(['{}'], 'saved.mlestudio.json')
    const declined = s.ws.session.openFile(file)
    await settle()
    expect(s.ws.session.openQuestion.value?.text).toBe(
      'Open saved.mlestudio.json? The fit on weights.csv is not saved.',
    )
    s.ws.session.openQuestion.value!.answer('cancel')
    expect(await declined).toBe(false)
    expect(s.named('session:open')).toEqual([])
    expect(s.ws.fits.fits.value).toHaveLength(1)

    const opening = s.ws.session.openFile(file)
    await settle()
    s.ws.session.openQuestion.value!.answer('discard')
    await opening
    expect(s.named('session:open')).toEqual([{ text: '{}' }])
  })
})
