import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, session, type PrintToPDFOptions, type Session } from 'electron'
import { StudioError } from '../../src-shared/errors'
import { reportPdfWindowOptions, REPORT_PARTITION } from './window-policy'

/** A4 with room for the page-number footer; backgrounds kept (table header shading, chart fills). */
export const REPORT_PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  printBackground: true,
  margins: { top: 0.5, bottom: 0.6, left: 0.55, right: 0.55 },
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  footerTemplate:
    '<div style="font: 8px sans-serif; color: #555; width: 100%; text-align: center">' +
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
}

/** A report that never finishes loading or printing is given up after this long (a hung renderer). */
const PRINT_TIMEOUT_MS = 120_000

/** The report files being printed now: the only URLs the report session lets through. */
const allowedUrls = new Set<string>()
let policyApplied: Session | null = null

/**
 * The report's own session (in memory, not the app's): no permission granted, and every request that is
 * not a report being printed (a link, an image or font from the network, anything) is cancelled.
 */
function reportSession(): Session {
  const ses = session.fromPartition(REPORT_PARTITION)
  if (policyApplied === ses) return ses
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowedUrls.has(details.url) }))
  policyApplied = ses
  return ses
}

/**
 * Prints a self-contained HTML report to PDF bytes: the HTML goes to a private temporary file, which a
 * hidden, sandboxed window without preload, Node or JavaScript loads in its own session (nothing else may
 * load), then Chromium prints it. The window and the file are removed whatever happens.
 */
export async function printReportToPdf(html: string): Promise<Buffer> {
  reportSession()
  const dir = await mkdtemp(join(tmpdir(), 'mle-report-'))
  const file = join(dir, 'report.html')
  const url = pathToFileURL(file).href
  const win = new BrowserWindow(reportPdfWindowOptions())
  allowedUrls.add(url)
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the page did not finish printing in time')), PRINT_TIMEOUT_MS)
  })
  try {
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 })
    const print = async () => {
      await win.loadURL(url)
      return win.webContents.printToPDF(REPORT_PDF_OPTIONS)
    }
    return await Promise.race([print(), timeout])
  } catch (e) {
    throw new StudioError(
      'SaveError',
      `The PDF of the report could not be made (${(e as Error).message}). Nothing was written; save the ` +
        'report as HTML (choose .html in the Save dialog) and print it from a browser instead.',
    )
  } finally {
    clearTimeout(timer)
    allowedUrls.delete(url)
    if (!win.isDestroyed()) win.destroy()
    await rm(dir, { recursive: true, force: true }).catch(() => undefined)
  }
}
