// `npm run web [-- --port N] [-- file.csv]`: builds if needed, then serves browser mode on 127.0.0.1.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
require('./ensure-build.cjs').ensureBuilt()
const child = spawn(process.execPath, [join(root, 'out/main/web.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
})
child.on('exit', (code) => process.exit(code ?? 1))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
