import { basename, extname } from 'node:path'
import type { FolderKind } from './desktop-state'

// No runtime Electron import: dialog filters and file routing are unit-tested in plain Node.

/** Data files the app opens (the spreadsheet formats once their import lands; the engine says if not). */
export const DATA_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods'] as const
/** A saved session. The dialogs filter on `json`: macOS save panels mishandle two-part extensions. */
export const SESSION_SUFFIX = '.mlestudio.json'

/** Filters of the Open dialog for data. */
export const DATA_FILTERS = [
  { name: 'Data files (CSV, text, spreadsheets)', extensions: [...DATA_EXTENSIONS] },
  { name: 'CSV and text files', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'Spreadsheets', extensions: ['xlsx', 'xls', 'ods'] },
  { name: 'All files', extensions: ['*'] },
]

/** Filters of the Open session dialog. */
export const SESSION_FILTERS = [
  { name: 'MLE Studio sessions (*.mlestudio.json)', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
]

/** What a file handed to the app (OS, recent list, dialog) is: a session or data to import. */
export function fileRole(path: string): 'session' | 'data' {
  return basename(path).toLowerCase().endsWith(SESSION_SUFFIX) ? 'session' : 'data'
}

interface ExportType {
  suffix: string
  label: string
  /** The extensions of the dialog's filter (without the dot). */
  extensions: string[]
  folder: FolderKind
}

/** Every kind of file the app exports, by suffix (the longest suffix wins: sessions before JSON). */
const EXPORT_TYPES: ExportType[] = [
  { suffix: SESSION_SUFFIX, label: 'MLE Studio session', extensions: ['json'], folder: 'sessions' },
  { suffix: '.png', label: 'PNG image', extensions: ['png'], folder: 'charts' },
  { suffix: '.svg', label: 'SVG image', extensions: ['svg'], folder: 'charts' },
  { suffix: '.pdf', label: 'PDF document', extensions: ['pdf'], folder: 'charts' },
  { suffix: '.html', label: 'HTML report', extensions: ['html', 'htm'], folder: 'results' },
  { suffix: '.json', label: 'JSON', extensions: ['json'], folder: 'results' },
  { suffix: '.csv', label: 'CSV', extensions: ['csv'], folder: 'results' },
  { suffix: '.md', label: 'Markdown', extensions: ['md'], folder: 'results' },
]

/** The export type of a suggested file name; an unknown suffix still gets a filter of its own. */
export function exportType(suggestedName: string): ExportType {
  const lower = suggestedName.toLowerCase()
  const known = EXPORT_TYPES.find((t) => lower.endsWith(t.suffix))
  if (known) return known
  const ext = extname(lower).slice(1)
  return ext
    ? { suffix: `.${ext}`, label: `${ext.toUpperCase()} file`, extensions: [ext], folder: 'results' }
    : { suffix: '', label: 'File', extensions: ['*'], folder: 'results' }
}

/** A suggested name made safe as a file name on every OS (no separators, reserved characters or dots-only). */
export function safeFileName(name: string): string {
  // Control characters (below U+0020) are not allowed in Windows file names either.
  const cleaned = [...name]
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .trim()
  return /^\.*$/.test(cleaned) ? 'export' : cleaned
}

/** The Save report dialog's filters: PDF first (the default), then HTML. */
export const REPORT_FILTERS = [
  { name: 'PDF document', extensions: ['pdf'] },
  { name: 'HTML report (self-contained)', extensions: ['html', 'htm'] },
]

/** The default path's name of a report: the suggested name's stem as a PDF. */
export function reportDefaultName(suggestedName: string): string {
  return `${safeFileName(suggestedName).replace(/\.(html?|pdf)$/i, '')}.pdf`
}

/**
 * Where a report goes and as what: the extension the user chose decides (.html/.htm: the HTML, .pdf: a PDF);
 * a name with neither gets `.pdf`, the dialog's first filter (some dialogs add no extension of their own).
 */
export function reportTarget(path: string): { path: string; format: 'pdf' | 'html' } {
  const ext = extname(path).toLowerCase()
  if (ext === '.html' || ext === '.htm') return { path, format: 'html' }
  return { path: ext === '.pdf' ? path : `${path}.pdf`, format: 'pdf' }
}
