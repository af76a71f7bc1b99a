import { createHash } from 'node:crypto'
import type { SessionSnapshot } from '../../src-shared/contract'
import { canonical } from './landing-rules'

/** Sets of saved results remembered (several tabs each save their own, e.g. results of an earlier file). */
const REMEMBERED = 16

/**
 * Whether results (the workspace's, or a page's) are ones saved as a session file, so a page that takes
 * them over (a reload, a new tab) does not count them as unsaved and ask before an open when there is
 * nothing to lose (saved, or opened from a session file). The mark is the results themselves (a hash of
 * the import they are of, the fits and the regression): any change (a new fit, a landed one, another
 * import) no longer matches, so nothing has to remember to clear it. In browser mode exporting a session
 * is saving it (a download); in Electron the shell's Save dialog may be cancelled, so an export counts
 * once the shell says its text was written.
 */
export class SavedMark {
  /** Hashes of the results saved last, oldest first. */
  private readonly saved: string[] = []
  /** The last export not yet written (Electron): its text's hash and its results' key. */
  private exported: { text: string; results: string } | null = null

  /**
   * `exportSaves`: an export is the save itself (browser mode); false: `written` says so (Electron).
   * `onSaved`: results were saved (or opened from a session file), so pages showing them may have nothing
   * unsaved any more.
   */
  constructor(
    private readonly exportSaves: boolean,
    private readonly onSaved: () => void = () => undefined,
  ) {}

  /** A session file `text` was made of `snapshot` (`session:export`). */
  exportedAs(snapshot: SessionSnapshot, text: string): void {
    const results = resultsKey(snapshot)
    if (this.exportSaves) this.remember(results)
    else this.exported = { text: hash(text), results }
  }

  /** Results a session file holds (one just opened) are saved as they are. */
  mark(held: HeldResults): void {
    this.remember(resultsKey(held))
  }

  /** The shell wrote a session file with this text: the export it is becomes the saved results. */
  written(text: string | Uint8Array): void {
    if (this.exported && this.exported.text === hash(text)) this.remember(this.exported.results)
  }

  /** True when `snapshot` holds results and they are saved. */
  holds(snapshot: SessionSnapshot | null): boolean {
    if (!snapshot || this.saved.length === 0) return false
    if (snapshot.results.length === 0 && snapshot.regressionResults.length === 0) return false
    return this.saved.includes(resultsKey(snapshot))
  }

  private remember(results: string): void {
    if (!this.saved.includes(results)) this.saved.push(results)
    if (this.saved.length > REMEMBERED) this.saved.shift()
    this.onSaved()
  }
}

/** What the mark is of: the import the results are of (none: no data open), the fits and the regression. */
type HeldResults = Pick<SessionSnapshot, 'datasetId' | 'results' | 'regressionResults'>

/** The results a snapshot holds, as a hash. */
function resultsKey(s: HeldResults): string {
  return hash(canonical([s.datasetId ?? null, s.results, s.regressionResults]))
}

function hash(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}
