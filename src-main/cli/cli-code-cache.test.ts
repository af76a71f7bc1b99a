import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { crc32 } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { PATIENCE } from '../../test/helpers/mle-fit'

const ROOT = resolve(__dirname, '../..')

/** bin/mle-fit.js as a user runs it (the built bundle), its code cache in `cache` ('off': none). */
function mleFit(cache: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/mle-fit.js'), ...args], {
    encoding: 'utf8',
    timeout: PATIENCE,
    env: { ...process.env, MLE_CODE_CACHE: cache },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The --json document without its timings, which differ from run to run. */
const withoutSeconds = (json: string) => JSON.stringify(JSON.parse(json, (k, v) => (k === 'seconds' ? 0 : v)))

const entries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.cache'))

/** An entry rewritten with `data` under its own key and a matching checksum: only V8 can tell. */
function withData(file: string, data: Buffer) {
  const bytes = readFileSync(file)
  const key = bytes.subarray(0, bytes.indexOf(10)).toString('latin1').split('|')[0]
  writeFileSync(file, Buffer.concat([Buffer.from(`${key}|${crc32(data)}\n`, 'latin1'), data]))
}

describe(
  'mle-fit code cache (bin/compile-cache.js): a run is the same with or without it',
  { timeout: PATIENCE },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'mle-code-cache-'))
    const data = join(dir, 'x.csv')
    const cache = join(dir, 'cache')
    const args = [data, '--column', 'x', '--dist', 'gamma,weibull,negative_binomial']
    let plain: { code: number | null; stdout: string; stderr: string }
    let table: string

    // The first run builds the bundle when it is stale: as patient as the tests.
    beforeAll(() => {
      const counts = Array.from({ length: 300 }, (_, i) => 1 + ((i * 7919) % 23) + (i % 5))
      writeFileSync(data, `x\n${counts.join('\n')}\n`)
      plain = mleFit('off', ...args, '--json')
      table = mleFit('off', ...args).stdout
      expect(plain.code).toBe(0)
    }, PATIENCE)

    const expectSameRun = () => {
      const r = mleFit(cache, ...args, '--json')
      expect([r.code, r.stderr]).toEqual([plain.code, plain.stderr])
      expect(withoutSeconds(r.stdout)).toBe(withoutSeconds(plain.stdout))
      expect(mleFit(cache, ...args).stdout).toBe(table)
    }

    it('cold: the same output, and the cache written whole (no temporary files left)', () => {
      expectSameRun()
      expect(entries(cache).length).toBeGreaterThan(5)
      expect(readdirSync(cache).filter((f) => !f.endsWith('.cache'))).toEqual([])
    })

    it('warm: the same output, and a module that loads a package by import() still does (--plot PNG)', () => {
      expectSameRun()
      const png = join(dir, 'fit.png')
      const r = mleFit(cache, ...args, '--plot', png)
      expect([r.code, r.stderr]).toEqual([0, ''])
      expect(existsSync(png)).toBe(true)
    })

    it('damaged entries (garbage, cut short, data V8 rejects) are ignored and written again', () => {
      // Modules every fit loads: the CLI's entry, the engine's request handler, a package.
      const [a, b, c] = ['cli.js', 'handle-request', 'valibot'].map((part) =>
        join(
          cache,
          entries(cache).find((f) => decodeURIComponent(f).includes(part))!,
        ),
      )
      writeFileSync(a, 'not a cache\n\x00\x01')
      writeFileSync(b, readFileSync(b).subarray(0, 200))
      withData(c, Buffer.alloc(4096, 7))
      expectSameRun()
      expect(readFileSync(a).subarray(0, 14).toString()).toBe('mle-code-cache')
      expect(readFileSync(b).length).toBeGreaterThan(200)
      expect(readFileSync(c).includes(Buffer.alloc(4096, 7))).toBe(false)
    })

    it('the packaged layout (bin/ and out/ in app.asar, no scripts/ or sources): no staleness check, cached', () => {
      // What `mle-studio --cli` and resources/bin/mle-fit run: bin/mle-fit.js beside the bundle.
      const app = join(dir, 'app')
      mkdirSync(join(app, 'bin'), { recursive: true })
      for (const f of ['mle-fit.js', 'compile-cache.js']) cpSync(join(ROOT, 'bin', f), join(app, 'bin', f))
      cpSync(join(ROOT, 'out/main'), join(app, 'out/main'), { recursive: true })
      cpSync(join(ROOT, 'package.json'), join(app, 'package.json'))
      symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'))
      const r = spawnSync(process.execPath, [join(app, 'bin/mle-fit.js'), ...args, '--json'], {
        encoding: 'utf8',
        timeout: PATIENCE,
        env: { ...process.env, MLE_CODE_CACHE: join(dir, 'app-cache') },
      })
      expect([r.status, r.stderr]).toEqual([plain.code, plain.stderr])
      expect(withoutSeconds(r.stdout)).toBe(withoutSeconds(plain.stdout))
      expect(
        entries(join(dir, 'app-cache')).some((f) => decodeURIComponent(f) === 'out/main/cli.js.cache'),
      ).toBe(true)
    })

    it('a cache directory that cannot be written: the same output', () => {
      const file = join(dir, 'a-file')
      writeFileSync(file, '')
      const r = mleFit(join(file, 'cache'), ...args, '--json')
      expect(r.code).toBe(0)
      expect(withoutSeconds(r.stdout)).toBe(withoutSeconds(plain.stdout))
    })
  },
)
