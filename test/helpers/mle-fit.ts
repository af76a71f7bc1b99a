import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

/**
 * Time allowed per CLI process and per test (several processes): these tests check outputs and exit codes,
 * never speed (that is the benchmark's CLI and W6 rows); a process that takes a second on an idle machine
 * takes tens of seconds on a loaded one.
 */
export const PATIENCE = 300_000

/** Runs the CLI as a user would (a separate process), through tsx on the TypeScript entry. */
export function mleFit(...args: string[]) {
  const r = spawnSync(TSX, [join(ROOT, 'src-main/cli/entry.ts'), ...args], {
    encoding: 'utf8',
    timeout: PATIENCE,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
