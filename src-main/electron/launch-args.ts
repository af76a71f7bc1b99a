import { isAbsolute, resolve } from 'node:path'

// No runtime Electron import: command-line handling is unit-tested in plain Node.

/**
 * How many leading argv entries are the program itself: the packaged app is `[exe, ...]`, a development
 * run `[electron, out/main/index.js, ...]`.
 */
export const programArgs = (isPackaged: boolean): number => (isPackaged ? 1 : 2)

/** `mle-studio --cli <mle-fit arguments>`: the CLI's arguments, or null for a normal start. */
export function cliArguments(argv: readonly string[], skip: number): string[] | null {
  return argv[skip] === '--cli' ? argv.slice(skip + 1) : null
}

/**
 * Files named on a command line (a double-click or "Open with" on Windows and Linux, a second instance):
 * the arguments after the program that are not switches (Chromium adds some of its own), resolved against
 * the folder the command ran in.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, skip: number): string[] {
  return argv
    .slice(skip)
    .filter((a) => a.length > 0 && !a.startsWith('-') && !a.includes('\0'))
    .map((a) => (isAbsolute(a) ? a : resolve(cwd, a)))
}

/**
 * The files a second instance handed over through `requestSingleInstanceLock(data)`; null when its data
 * is not what this app sends (another version, or nothing), so the caller falls back to its argv.
 */
export function filesFromInstanceData(data: unknown): string[] | null {
  const files = (data as { files?: unknown } | null)?.files
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && isAbsolute(f))) return null
  return files as string[]
}
