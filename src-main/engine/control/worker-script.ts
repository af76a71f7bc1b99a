import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * How to start one of the engine's worker threads: the bundled `NAME.js` beside the running code (or one
 * folder up from a shared chunk), else the TypeScript source `sourcePath` through tsx's CommonJS hook
 * (tests, benchmarks; `--import tsx` in a worker's execArgv does not reach its entry module on Node 20);
 * null when neither exists. `bundledDir` is the caller's `__dirname`.
 */
export function workerScript(
  name: string,
  bundledDir: string,
  sourcePath: string,
): { code: string; eval: boolean } | null {
  for (const path of [join(bundledDir, `${name}.js`), join(bundledDir, '..', `${name}.js`)]) {
    if (existsSync(path)) return { code: path, eval: false }
  }
  if (!existsSync(sourcePath)) return null
  return { code: `require('tsx/cjs'); require(${JSON.stringify(sourcePath)})`, eval: true }
}
