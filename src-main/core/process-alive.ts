/**
 * True while a process with this id runs (signal 0 only asks). EPERM means it runs under another user.
 * A recycled pid reads as alive: callers then leave a file alone, which is the safe mistake.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
