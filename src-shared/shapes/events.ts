import * as v from 'valibot'
import { DatasetInfoSchema } from './dataset'
import { ERROR_NAMES } from '../errors'
import { SessionFileSchema, SessionOpenedSchema } from './session'
import { TracePointSchema } from './fit'
import { Count, List, Real, TaskTag, Text } from './primitives'

/** Progress of long work: import (bytes read), a fit (iterations, with new trace points), fit-all (families). */
export const ProgressSchema = v.strictObject({
  /** What is running. */
  task: v.picklist(['import', 'fit', 'fit-all', 'regress', 'bootstrap']),
  /** Completed fraction in [0, 1], or null when unknown. */
  fraction: v.nullable(Real),
  /** Short human-readable status, e.g. "12.5 MB of 86 MB, 150,000 rows". */
  message: Text,
  /** Import: bytes of the file read so far. */
  bytesRead: v.optional(Real),
  /** Import: size of the file in bytes. */
  bytesTotal: v.optional(Real),
  /** Import: data rows read so far. */
  rows: v.optional(Real),
  /** Fits: trace points since the previous progress event (coalesced to about 20 events a second). */
  trace: v.optional(List(TracePointSchema)),
  /** Which trace this is: the family id (fits), the model's label (regressions). */
  dist: v.optional(v.pipe(v.string(), v.maxLength(200))),
})

const event = <K extends string, E extends v.ObjectEntries>(kind: K, entries: E) =>
  v.strictObject({ kind: v.literal(kind), ...entries })

/** Events the main side pushes to the renderer. */
export const StudioEventSchema = v.variant('kind', [
  /**
   * Progress of running work, to every page. `page`: the page (tab, browser mode) whose work it is; absent
   * for the Electron window's and the app's own. A page shows its own, and another's only while it shows
   * that work as running (loaded while it ran), so two tabs' fits never mix in one busy line or live trace.
   */
  event('progress', { progress: ProgressSchema, page: v.optional(TaskTag) }),
  event('menu', { action: v.picklist(['open', 'export', 'save-report', 'save-session', 'open-session']) }),
  /** Something main did on its own (e.g. a menu action) failed; the message says what. */
  event('error', { message: Text }),
  /**
   * A data file was opened (by any page, the menu, the OS, a re-import, a session's data file): every page
   * shows it. `session`: opened as a session's data file, whose saved state the opener shows with it.
   */
  event('dataset-opened', { dataset: DatasetInfoSchema, session: v.optional(SessionFileSchema) }),
  /** A session file main opened itself (from the OS, File > Open session, or the recent list): show it. */
  event('session-opened', { opened: SessionOpenedSchema }),
  event('engine-stopped', {
    message: Text,
    /**
     * True: a fresh engine was started at once (the open file is being re-imported; `dataset-restored`
     * follows). False: it crashed too often and waits for the user (`engine-halted` follows).
     * Absent on events sent before this field existed.
     */
    restarted: v.optional(v.boolean()),
  }),
  /** The engine crashed 3 times within 5 minutes: ask the user, then call `engine:restart`. */
  event('engine-halted', { message: Text }),
  /** After an engine restart the open file was imported again; selections and results stay valid. */
  event('dataset-restored', { dataset: DatasetInfoSchema, message: Text }),
  /** After an engine restart the open file could not be imported again (moved, deleted, unreadable). */
  event('dataset-restore-failed', { message: Text }),
  /** A page restored or discarded the left-behind session: other pages stop offering it. */
  event('recovery-answered', {}),
  /**
   * Results were saved as a session file, or opened from one (by any page): a page showing results it
   * counts unsaved asks whether they are these (`session:is-saved`), so it does not ask before leaving.
   */
  event('session-saved', {}),
  /**
   * Work listed as `running` by `workspace:get` ended: `landed` when its result is now in the
   * workspace (`workspace:get` has it; not when it failed, was cancelled, or the selection moved on),
   * `error` why it failed (null when it did not). A page that took it over from a reload shows the outcome.
   */
  event('work-ended', {
    id: Count(Number.MAX_SAFE_INTEGER),
    landed: v.boolean(),
    error: v.nullable(v.strictObject({ name: v.picklist(ERROR_NAMES), message: Text })),
    /**
     * True when another file was opened (or this one re-imported) while it ran: its result is of data no
     * longer open, so it did not land (absent otherwise).
     */
    dataReplaced: v.optional(v.boolean()),
  }),
  /** An autosave could not be written (disk full, permission denied); work is not lost but not saved. */
  event('autosave-failed', { message: Text }),
])

/**
 * Chart export: a PNG (or vector PDF) data URL and the file name to suggest (charts are a few MB at pixel
 * ratio 2).
 */
export const PngExportSchema = v.strictObject({
  dataUrl: v.pipe(
    v.string(),
    v.regex(/^data:(image\/png|application\/pdf);base64,/),
    v.maxLength(64 * 1024 * 1024),
  ),
  suggestedName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
})

/** Results export (JSON, CSV, Markdown), SVG charts and HTML reports: text and the file name to suggest. */
export const TextExportSchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(256 * 1024 * 1024)),
  suggestedName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  mimeType: v.picklist(['application/json', 'text/csv', 'text/markdown', 'image/svg+xml', 'text/html']),
})

/**
 * The HTML report to save (Electron: the save dialog offers PDF, made by printing this HTML in a hidden
 * sandboxed window, and HTML; the extension chosen decides) and the file name to suggest (its stem is kept).
 */
export const ReportExportSchema = v.strictObject({
  html: v.pipe(v.string(), v.minLength(1), v.maxLength(256 * 1024 * 1024)),
  suggestedName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
})
