import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { syntheticNormalFit, syntheticPoissonFit } from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'

let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  vi.unstubAllGlobals()
})

describe('exports', () => {
  it('exports the registered view’s chart, and says so when there is none', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    const { exports, view, status } = s.ws
    await exports.exportPng()
    expect(status.error.value).toMatch(/^There is no chart to export yet/)
    const scope = effectScope()
    const exportPng = vi.fn(() => ({
      dataUrl: 'data:image/png;base64,AA',
      suggestedName: 'weights-weight-normal.png',
    }))
    scope.run(() =>
      view.register({
        exportPng,
        tabCount: () => 1,
        selectTabByIndex: () => undefined,
        canExport: () => true,
      }),
    )
    expect(exports.canExport.value).toBe(true)
    exports.pngSize.value = 'large'
    await exports.exportPng()
    expect(exportPng).toHaveBeenCalledWith('large')
    expect(s.api.savePng).toHaveBeenCalledWith({
      dataUrl: 'data:image/png;base64,AA',
      suggestedName: 'weights-weight-normal.png',
    })
    expect(status.notice.value).toBe('Chart saved: weights-weight-normal.png')
    scope.stop()
    expect(exports.canExport.value).toBe(false)
  })

  it('copies every fit of the column when there are several, else the shown one; results only in distributions mode', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const { exports, fits, mode, status } = s.ws
    expect(exports.hasResults.value).toBe(false)
    fits.restore([syntheticNormalFit('weight'), syntheticPoissonFit('weight')], 'normal')
    expect(exports.hasResults.value).toBe(true)
    await exports.copyResults('csv')
    const csv = (writeText.mock.calls[0] as unknown as [string])[0]
    expect(csv.split('\n').filter((l) => l.startsWith('weights.csv,weight,'))).toHaveLength(3)
    expect(status.notice.value).toBe('Results copied to the clipboard as CSV.')
    mode.value = 'regression'
    expect(exports.hasResults.value).toBe(false)
    writeText.mockImplementation(() => Promise.reject(new Error('denied')))
    await exports.copyResults('markdown')
    expect(status.error.value).toMatch(/The clipboard refused the text/)
    await exports.saveJson()
    expect(s.api.saveText).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'weights-weight-results.json' }),
    )
  })
})
