import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { browserModeDataFolder } from '../core/data-folder'
import { nodeEngineFork } from '../core/node-engine-fork'
import { StudioCore } from '../core/studio-core'
import { WebServer } from './web-server'

/** `node out/main/web.js [--port N] [file.csv]`: browser mode. Prints exactly one line: the URL with its token. */
async function main(argv: string[]): Promise<void> {
  let port = 0
  let file: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--port') {
      port = Number(argv[++i])
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port needs a number from 0 to 65535`)
    } else if (a.startsWith('--port=')) {
      port = Number(a.slice(7))
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port needs a number from 0 to 65535`)
    } else if (a === '--help' || a === '-h') {
      console.log('Usage: npm run web [-- --port N] [-- file.csv]')
      process.exit(0)
    } else if (a.startsWith('-')) {
      usage(`unknown option ${a}`)
    } else {
      file = resolve(a)
      if (!existsSync(file)) usage(`no such file: ${a}`)
    }
  }
  const root = resolve(__dirname, '../..')
  let server: WebServer | null = null
  const core = new StudioCore({
    fork: nodeEngineFork(join(__dirname, 'engine.js')),
    emit: (event) => server?.broadcast(event),
    initialPath: file ?? join(root, 'resources/samples/process-measurements.csv'),
    dataDir: browserModeDataFolder(),
    warmSpare: true,
  })
  server = new WebServer({
    core,
    rendererDir: join(root, 'out/renderer'),
    token: randomBytes(24).toString('hex'),
    testHooks: process.env['MLE_STUDIO_TEST_HOOKS'] === '1',
    // The desktop build's icon; until it exists /favicon.ico answers 404.
    iconPath: join(root, 'resources/icon.png'),
  })
  const url = await server.listen(port)
  console.log(`MLE Studio (browser mode) is running at ${url}`)
  // Ctrl+C or a polite kill is a clean exit: the autosave is removed, so the next start offers no restore.
  const stop = () => {
    void core
      .shutdown()
      .then(() => server?.close())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function usage(problem: string): never {
  console.error(`mle-studio web: ${problem}. Usage: npm run web [-- --port N] [-- file.csv]`)
  process.exit(2)
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`mle-studio web: ${e.message}`)
  process.exit(1)
})
