import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { ensureFolder, writeFileAtomic } from '../core/atomic-write'

// No runtime Electron import: what the shell remembers between runs is unit-tested in plain Node.

/** The file in Electron's userData folder. */
export const DESKTOP_STATE_FILE = 'desktop-state.json'
/** Entries of File > Open Recent. */
export const MAX_RECENT = 10

/** Folders the dialogs remember, one per kind of file. */
export const FOLDER_KINDS = ['data', 'sessions', 'charts', 'results'] as const
export type FolderKind = (typeof FOLDER_KINDS)[number]

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowPlacement extends Rect {
  maximized: boolean
}

/** Everything the shell keeps between runs (window placement, recent files, dialog folders). */
export interface DesktopState {
  window: WindowPlacement | null
  recentFiles: string[]
  folders: Partial<Record<FolderKind, string>>
}

const coordinate = v.pipe(v.number(), v.integer(), v.minValue(-100_000), v.maxValue(100_000))
const extent = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))
const PlacementSchema = v.object({
  x: coordinate,
  y: coordinate,
  width: extent,
  height: extent,
  maximized: v.optional(v.boolean(), false),
})
const PathSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(4096),
  v.check((p) => !p.includes('\0')),
)

export const EMPTY_STATE: DesktopState = { window: null, recentFiles: [], folders: {} }

/**
 * Reads the saved state field by field: a damaged or hand-edited file loses only what is wrong in it (a
 * bad window placement, a non-string recent entry), never the rest, and never stops the app.
 */
export function parseDesktopState(text: string): DesktopState {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return structuredClone(EMPTY_STATE)
  }
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
  const placement = v.safeParse(PlacementSchema, obj['window'])
  const recent = Array.isArray(obj['recentFiles']) ? obj['recentFiles'] : []
  const folders: DesktopState['folders'] = {}
  const rawFolders = (obj['folders'] && typeof obj['folders'] === 'object' ? obj['folders'] : {}) as Record<
    string,
    unknown
  >
  for (const kind of FOLDER_KINDS) {
    if (v.is(PathSchema, rawFolders[kind])) folders[kind] = rawFolders[kind]
  }
  return {
    window: placement.success ? placement.output : null,
    recentFiles: [...new Set(recent.filter((p): p is string => v.is(PathSchema, p)))].slice(0, MAX_RECENT),
    folders,
  }
}

/** The recent list with `path` first (moved up if already there), at most MAX_RECENT long. */
export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT)
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))

/**
 * Where to open the window: the saved placement if enough of it is on a display that is connected now
 * (at least a 120 x 80 px corner of its title area), shrunk to fit that display's work area; otherwise the
 * default size centred on the primary display. Displays come from Electron's `screen.getAllDisplays()`.
 */
export function placeWindow(
  saved: WindowPlacement | null,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number; minWidth: number; minHeight: number },
): WindowPlacement {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: defaults.width, height: defaults.height }
  const fit = (area: Rect, w: number, h: number) => ({
    width: Math.max(Math.min(w, area.width), Math.min(defaults.minWidth, area.width)),
    height: Math.max(Math.min(h, area.height), Math.min(defaults.minHeight, area.height)),
  })
  if (saved) {
    const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(80, saved.height) }
    const best = [...workAreas].sort((a, b) => overlap(titleBar, b) - overlap(titleBar, a))[0]
    if (best && overlap(titleBar, best) >= Math.min(120 * 80, titleBar.width * titleBar.height)) {
      const size = fit(best, saved.width, saved.height)
      return {
        ...size,
        x: Math.min(Math.max(saved.x, best.x), best.x + best.width - size.width),
        y: Math.min(Math.max(saved.y, best.y), best.y + best.height - size.height),
        maximized: saved.maximized,
      }
    }
  }
  const size = fit(primary, defaults.width, defaults.height)
  return {
    ...size,
    x: Math.round(primary.x + (primary.width - size.width) / 2),
    y: Math.round(primary.y + (primary.height - size.height) / 2),
    maximized: false,
  }
}

/** Reads and writes the state file in a folder (Electron's userData); writes are atomic. */
export class DesktopStateFile {
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly dir: string) {}

  async load(): Promise<DesktopState> {
    const text = await readFile(join(this.dir, DESKTOP_STATE_FILE), 'utf8').catch(() => null)
    return text === null ? structuredClone(EMPTY_STATE) : parseDesktopState(text)
  }

  /** Queues a write of `state`; writes never overlap, and a failure only costs what it would have kept. */
  save(state: DesktopState): Promise<void> {
    const bytes = Buffer.from(JSON.stringify(state, null, 2))
    this.writing = this.writing.then(async () => {
      try {
        await ensureFolder(this.dir)
        await writeFileAtomic(join(this.dir, DESKTOP_STATE_FILE), bytes)
      } catch {
        // Remembering the window and recent files is a convenience: never worth an error dialog.
      }
    })
    return this.writing
  }
}
