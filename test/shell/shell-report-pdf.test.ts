import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IpcChannel } from '../../src-shared/ipc-channels'
import { ShellProcess } from './driver'

/** A report as the page sends it: self-contained HTML (inline style and SVG, no script). */
const REPORT = {
  html:
    '<!doctype html><html><head><meta charset="utf-8"><title>Gamma fit to loss</title>' +
    '<style>body{font-family:sans-serif}</style></head><body><h1>Gamma fit to loss — k = 7.97</h1>' +
    '<figure><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg></figure>' +
    '</body></html>',
  suggestedName: 'danish-like-loss-gamma-report.html',
}

describe('Save report: PDF printed in a hidden sandboxed window, or the HTML', () => {
  let app: ShellProcess
  let reports: string
  beforeAll(async () => {
    app = ShellProcess.start()
    await app.started()
    reports = join(app.home, 'reports')
    mkdirSync(reports)
  })
  afterAll(() => app.stop())

  const windows = async () => (await app.state()).windows.length
  const saveAs = async (filePath: string) => {
    await app.call('answer', { kind: 'save', answer: { canceled: false, filePath } })
    return app.invoke<string>(IpcChannel.saveReport, REPORT)
  }

  it('File > Save Report… (the print shortcut) asks the page for the report of what it shows', async () => {
    const item = (await app.state()).menu[0].submenu?.find((i) => i.label === 'Save Report…')
    expect(item?.accelerator).toBe('CmdOrCtrl+P')
    const before = (await app.events()).length
    await app.call('click', { path: ['File', 'Save Report…'] })
    await app.waitForEvent('menu', (e) => e.action === 'save-report', before)
  })

  it('offers PDF (the default) and HTML, and writes the PDF Chromium printed from the report', async () => {
    const saved = await saveAs(join(reports, 'loss.pdf'))
    expect(saved).toEqual({ ok: true, value: join(reports, 'loss.pdf') })
    const bytes = readFileSync(join(reports, 'loss.pdf'))
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // The fake's PDF carries the page it printed: the bytes are that print's, not something else.
    expect(bytes.toString('utf8')).toContain('Gamma fit to loss — k = 7.97')

    const s = await app.state()
    const dialog = s.dialogs.filter((d) => d.kind === 'save').at(-1)?.options
    expect(dialog).toMatchObject({
      title: 'Save Report',
      defaultPath: join(app.home, 'Documents', 'danish-like-loss-gamma-report.pdf'),
      filters: [
        { name: 'PDF document', extensions: ['pdf'] },
        { name: 'HTML report (self-contained)', extensions: ['html', 'htm'] },
      ],
    })
    expect(s.pdfPrints).toHaveLength(1)
    const print = s.pdfPrints[0]
    // The page printed is exactly the report given, from a private temporary file removed afterwards.
    expect(print.html).toBe(REPORT.html)
    expect(print.url).toMatch(/^file:.*report\.html$/)
    expect(existsSync(fileURLToPath(print.url))).toBe(false)
    // Hidden, sandboxed, no preload, no Node, no JavaScript, in a session of its own.
    expect(print.visible).toBe(false)
    expect(print.windowOptions).toMatchObject({ show: false })
    expect(print.windowOptions.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      partition: 'mle-report-pdf',
    })
    expect(print.windowOptions.webPreferences).not.toHaveProperty('preload')
    // That session lets the report through and nothing else; it grants no permission.
    expect(print.pageAllowed).toBe(true)
    expect(print.networkAllowed).toBe(false)
    expect(s.partitions['mle-report-pdf']).toEqual({ deniesPermissions: true })
    expect(print.options).toMatchObject({ pageSize: 'A4', printBackground: true })
    // The print window is gone: only the app's window is left.
    expect(s.windows).toHaveLength(1)
  })

  it('writes the HTML itself when the user chose .html, and remembers the folder', async () => {
    const before = (await app.state()).pdfPrints.length
    expect(await saveAs(join(reports, 'loss.html'))).toEqual({ ok: true, value: join(reports, 'loss.html') })
    expect(readFileSync(join(reports, 'loss.html'), 'utf8')).toBe(REPORT.html)
    const s = await app.state()
    expect(s.pdfPrints).toHaveLength(before)
    // The second report dialog opened in the folder the first report went to.
    expect(s.dialogs.filter((d) => d.kind === 'save').at(-1)?.options['defaultPath']).toBe(
      join(reports, 'danish-like-loss-gamma-report.pdf'),
    )
  })

  it('a name without an extension gets .pdf (the first filter)', async () => {
    expect(await saveAs(join(reports, 'again'))).toEqual({ ok: true, value: join(reports, 'again.pdf') })
    expect(readFileSync(join(reports, 'again.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  it('a print that fails writes nothing, closes its window and says what to do instead', async () => {
    await app.call('failNextPrint', { message: 'render process gone' })
    const envelope = await saveAs(join(reports, 'failed.pdf'))
    expect(envelope).toMatchObject({ ok: false, error: { name: 'SaveError' } })
    const message = envelope.ok ? '' : envelope.error.message
    expect(message).toContain('The PDF of the report could not be made (render process gone)')
    expect(message).toContain('save the report as HTML')
    expect(existsSync(join(reports, 'failed.pdf'))).toBe(false)
    expect(await windows()).toBe(1)
    // The app is still usable: the next PDF saves.
    expect(await saveAs(join(reports, 'after.pdf'))).toMatchObject({ ok: true })
    expect(await windows()).toBe(1)
  })

  it('cancelling the dialog saves nothing; a malformed report is refused with where it is wrong', async () => {
    const before = (await app.state()).pdfPrints.length
    expect(await app.invoke(IpcChannel.saveReport, REPORT)).toEqual({ ok: true, value: null })
    const bad = await app.invoke(IpcChannel.saveReport, { html: 5, suggestedName: 'r.html' })
    expect(bad).toMatchObject({ ok: false, error: { name: 'ValidationError' } })
    expect(bad.ok ? '' : bad.error.message).toContain('html')
    expect((await app.state()).pdfPrints).toHaveLength(before)
  })
})
