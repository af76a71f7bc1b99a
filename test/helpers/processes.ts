import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

/** The built browser-mode entry (`npx electron-vite build`). */
export const WEB_ENTRY = join(__dirname, '../../out/main/web.js')

/** True while a process with this id exists (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Polls `check` every 10 ms until it holds; throws after `ms`. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A running `node out/main/web.js`: its process, URL (with the token) and everything it wrote to stderr. */
export interface BrowserMode {
  process: ChildProcess
  url: URL
  token: string
  stderr(): string
}

/** Starts browser mode with `args` and `env` added, and waits for the one line with its URL. */
export async function startBrowserMode(args: string[], env: NodeJS.ProcessEnv): Promise<BrowserMode> {
  const child = spawn(process.execPath, [WEB_ENTRY, '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}${err}`)), 20_000)
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(new URL(m[1]))
      }
    })
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${out}${err}`)))
  })
  return { process: child, url, token: url.searchParams.get('token')!, stderr: () => err }
}
