import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import {
  syntheticLinearRegression,
  syntheticNormalFit,
  syntheticPoissonFit,
} from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'
import { buildDensityOption } from '../../../src-shared/present/charts/density-option'

let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  vi.unstubAllGlobals()
})

describe('exports', () => {
  it('exports the registered view’s chart in the chosen format, and says so when there is none', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    const { exports, view, status } = s.ws
    await exports.exportChart()
    expect(status.error.value).toMatch(/^There is no chart to export yet/)
    const scope = effectScope()
    const option = buildDensityOption(syntheticNormalFit('weight'), { title: 'weights.csv · weight' })
    const exportable = vi.fn(() => ({
      option,
      naming: { file: 'weights.csv', column: 'weight', dist: 'normal', chart: 'density' },
    }))
    scope.run(() =>
      view.register({
        exportable,
        tabCount: () => 1,
        selectTabByIndex: () => undefined,
        canExport: () => true,
      }),
    )
    expect(exports.canExport.value).toBe(true)
    exports.exportChoice.value = 'svg'
    await exports.exportChart()
    expect(exportable).toHaveBeenCalled()
    expect(s.api.saveText).toHaveBeenCalledWith(
      expect.objectContaining({
        suggestedName: 'weights-weight-normal-density.svg',
        mimeType: 'image/svg+xml',
        text: expect.stringContaining('<svg'),
      }),
    )
    expect(status.notice.value).toBe('Chart saved: weights-weight-normal-density.svg')
    scope.stop()
    expect(exports.canExport.value).toBe(false)
  })

  it('saves a report under the busy line, and says so when there is nothing to report (the menu can ask)', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    const { exports, status, mode, regression } = s.ws
    await exports.saveReport()
    expect(s.api.saveReport).not.toHaveBeenCalled()
    expect(status.notice.value).toBe('Nothing to report yet: fit a family (or a regression) first.')
    mode.value = 'regression'
    regression.restore(syntheticLinearRegression())
    let finish: (name: string) => void = () => undefined
    vi.mocked(s.api.saveReport).mockImplementationOnce(
      () => new Promise<string>((resolve) => (finish = resolve)),
    )
    const saving = exports.saveReport()
    await vi.waitFor(() => expect(s.api.saveReport).toHaveBeenCalled())
    expect(status.busy.value).toBe('Saving the report')
    finish('study-linear-report.pdf')
    await saving
    expect(status.busy.value).toBeNull()
    expect(status.notice.value).toMatch(/^Report saved: study-linear-report\.pdf/)
  })

  it('copies every fit of the column when there are several, else the shown one; in regression mode the regression', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const { exports, fits, mode, status, regression } = s.ws
    expect(exports.hasResults.value).toBe(false)
    fits.restore([syntheticNormalFit('weight'), syntheticPoissonFit('weight')], 'normal')
    expect(exports.hasResults.value).toBe(true)
    await exports.copyResults('csv')
    const csv = (writeText.mock.calls[0] as unknown as [string])[0]
    expect(csv.split('\n').filter((l) => l.startsWith('weights.csv,weight,'))).toHaveLength(3)
    expect(status.notice.value).toBe('Results copied to the clipboard as CSV.')
    await exports.saveJson()
    expect(s.api.saveText).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'weights-weight-results.json' }),
    )
    mode.value = 'regression'
    expect(exports.hasResults.value).toBe(false)
    expect(exports.canReport.value).toBe(false)
    regression.restore(syntheticLinearRegression())
    expect(exports.hasResults.value).toBe(true)
    // The regression's own report, figures drawn from the result.
    expect(exports.canReport.value).toBe(true)
    await exports.saveReport()
    expect(s.api.saveReport).toHaveBeenLastCalledWith({
      suggestedName: expect.stringMatching(/-linear-report\.html$/) as unknown,
      html: expect.stringContaining('<h2>Coefficients</h2>') as unknown,
    })
    await exports.copyResults('csv')
    const regressionCsv = (writeText.mock.calls[1] as unknown as [string])[0]
    expect(regressionCsv).toMatch(/^file,model,response,coefficient,/)
    writeText.mockImplementation(() => Promise.reject(new Error('denied')))
    await exports.copyResults('markdown')
    expect(status.error.value).toMatch(/The clipboard refused the text/)
    await exports.saveJson()
    expect(s.api.saveText).toHaveBeenLastCalledWith(
      expect.objectContaining({
        suggestedName: expect.stringMatching(/-linear-regression\.json$/) as unknown,
      }),
    )
  })
})
