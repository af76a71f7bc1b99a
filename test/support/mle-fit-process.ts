// Test-only: runs `mle-fit ARGS` in its own process (tsx on the TypeScript entry), as a user runs it.
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

export function mleFit(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src-main/cli/entry.ts'), ...args], {
    encoding: 'utf8',
    // A cap for a hung child, not a speed check: tsx compiles the CLI, slow on a loaded machine.
    timeout: 300_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
