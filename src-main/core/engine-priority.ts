import { constants, setPriority } from 'node:os'

/** Below normal: nice 10 on Unix, BELOW_NORMAL_PRIORITY_CLASS on Windows. */
export const ENGINE_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL

/**
 * Lowers the engine process's scheduling priority. A fit computes flat out on a core; at normal priority
 * the UI's processes (renderer, compositor, the server relaying progress) wait for the CPU behind it on a
 * machine with few cores, and a live chart's redraws become long tasks. Below normal, the UI gets the CPU
 * when it needs it and the engine loses only that time (on an idle core it runs at full speed).
 * On Linux the priority is per thread: threads the engine starts later (fit-all, bootstrap workers)
 * inherit it from its main thread. It weighs only against processes of the same scheduling group (with
 * autogroups, a session): the desktop app's renderer and the browser-mode server, not a browser started in
 * another session (Playwright's Chromium, W7). Moving the engine into a session of its own at nice 10 was
 * measured and rejected: it then yields to every other session's work, and fits ran 1.5-4x longer on a
 * loaded machine. Best effort: a refusal (EACCES/EPERM, a sandbox, a process already
 * gone) leaves the engine at normal priority, which is only slower UI, never wrong results.
 */
export function lowerEnginePriority(
  pid: number | undefined,
  set: (pid: number, priority: number) => void = setPriority,
): void {
  if (!pid) return
  try {
    set(pid, ENGINE_PRIORITY)
  } catch {
    // Ignored on purpose: see above.
  }
}
