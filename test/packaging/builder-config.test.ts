import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import type { FileAssociation } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import config, {
  builderConfig,
  DATA_ASSOCIATIONS,
  ICONS,
  SESSION_ASSOCIATION,
  WINDOWS_ASSOCIATIONS_SCRIPT,
} from '../../electron-builder.config'
import { productionPackages } from '../../packaging/dependency-tree'
import { DATA_EXTENSIONS } from '../../src-main/electron/file-types'

const ROOT = join(__dirname, '../..')
const require = createRequire(__filename)

// electron-builder's own file matching (the code that decides what goes into app.asar), not a copy of it.
type Filter = (file: string, stat: Stats) => boolean
interface Matcher {
  patterns: string[]
  createFilter(): Filter
}
const { FileMatcher, getMainFileMatchers, getNodeModuleFileMatcher } =
  require('app-builder-lib/out/fileMatcher') as {
    FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => Matcher
    getMainFileMatchers(...args: unknown[]): Matcher[]
    getNodeModuleFileMatcher(...args: unknown[]): Matcher
  }
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>
}

const packagerInfo = {
  projectDir: ROOT,
  buildResourcesDir: config.directories?.buildResources,
  isPrepackedAppAsar: false,
  config,
  debugLogger: { isEnabled: false },
}
const identity = (s: string) => s

/** The filter electron-builder applies to the project folder, built from this config's `files` globs. */
function appFilter(): Filter {
  const matchers = getMainFileMatchers(
    ROOT,
    '/app',
    identity,
    {},
    { info: packagerInfo },
    join(ROOT, 'dist'),
    false,
  )
  return matchers[0].createFilter()
}

/**
 * Whether electron-builder copies a file of an installed package: it matches each file, by its path in the
 * packaged app, against the `files` exclusions (as NodeModuleCopyHelper does).
 */
function nodeModuleKept(name: string, file = 'package.json'): boolean {
  const patterns = getNodeModuleFileMatcher(ROOT, '/app', identity, {}, packagerInfo).patterns
  const depDir = join(ROOT, 'node_modules', name)
  const filter = new FileMatcher(depDir, join('/app/node_modules', name), identity, patterns).createFilter()
  const stat = { ...fileStat, moduleFullFilePath: join('/app/node_modules', name, file) } as unknown as Stats
  return filter(join(depDir, file), stat)
}

/** A platform's associations as a list (the config type also allows a single one). */
const associationsOf = (a: FileAssociation | FileAssociation[] | null | undefined) =>
  Array.isArray(a) ? a : a ? [a] : []

const fileStat = { isDirectory: () => false, isFile: () => true } as Stats

/** The project's files (but node_modules and .git), plus the build output the app needs, whether built or not. */
function candidateFiles(): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', '.git', 'dist'].includes(entry.name) && dir === ROOT) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else files.push(path)
    }
  }
  walk(ROOT)
  const built = [
    'main/index.js',
    'main/engine.js',
    'main/cli.js',
    'main/web.js',
    'main/fit-all-worker.js',
    'main/bootstrap-worker.js',
  ]
  for (const f of [
    ...built,
    'main/index.js.map',
    'preload/index.js',
    'renderer/index.html',
    'renderer/assets/index.js',
  ]) {
    files.push(join(ROOT, 'out', f))
  }
  return [...new Set(files)]
}

/** What electron-builder would put in app.asar from the project folder (node_modules aside). */
function packagedAppFiles(): string[] {
  const filter = appFilter()
  return candidateFiles()
    .filter((f) => filter(f, fileStat))
    .map((f) => relative(ROOT, f))
    .sort()
}

describe('the installer configuration', () => {
  it('is valid for electron-builder (its own schema)', async () => {
    await expect(
      validateConfiguration(builderConfig({}), { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined()
  }, 60_000)

  it('(the schema check does catch a misspelled option)', async () => {
    const wrong = { ...builderConfig({}), linux: { ...builderConfig({}).linux, exectuableName: 'x' } }
    await expect(validateConfiguration(wrong, { isEnabled: false, add: () => undefined })).rejects.toThrow(
      /Invalid configuration object/,
    )
  }, 60_000)

  it('builds every installer: AppImage and .deb, NSIS, dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.appId).toMatch(/^[a-z]+(\.[A-Za-z]+)+$/)
    expect(config.productName).toBe('MLE Studio')
    expect(config.linux?.executableName).toBe('mle-studio')
  })

  it('associates every data file type the shell opens, and sessions, on every platform', () => {
    expect(DATA_ASSOCIATIONS.map((a) => a.ext)).toEqual([...DATA_EXTENSIONS])
    for (const platform of [config.linux, config.mac]) {
      const exts = associationsOf(platform?.fileAssociations).map((a) => a.ext)
      expect(exts).toEqual([SESSION_ASSOCIATION.ext, ...DATA_EXTENSIONS])
    }
    for (const a of associationsOf(config.linux?.fileAssociations))
      expect(a.mimeType).toMatch(/^[a-z]+\/[\w.+-]+$/)
    // macOS: data files only under "Open With", sessions owned.
    for (const a of associationsOf(config.mac?.fileAssociations)) {
      expect(a.rank).toBe(a.ext === SESSION_ASSOCIATION.ext ? 'Owner' : 'Alternate')
    }
    // Windows: the installer script offers the app for each extension, and removes it again.
    const script = readFileSync(join(ROOT, WINDOWS_ASSOCIATIONS_SCRIPT), 'utf8')
    expect(config.nsis?.include).toBe(WINDOWS_ASSOCIATIONS_SCRIPT)
    for (const ext of [...DATA_EXTENSIONS, 'json']) {
      expect(script).toContain(`!insertmacro mleStudioOpenWith "${ext}"`)
      expect(script).toContain(`!insertmacro mleStudioForget "${ext}"`)
    }
  })

  it('names an icon for every target, and each one holds the sizes its platform needs', () => {
    expect(config.linux?.icon).toBe(ICONS.linux)
    expect(config.win?.icon).toBe(ICONS.win)
    expect(config.nsis?.installerIcon).toBe(ICONS.win)
    expect(config.mac?.icon).toBe(ICONS.mac)
    expect(associationsOf(config.mac?.fileAssociations)[0].icon).toBe(ICONS.sessionMac)
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(join(ROOT, ICONS.linux, `${size}x${size}.png`))
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]) // IHDR width, height
    }
    for (const ico of [ICONS.win, ICONS.sessionWin]) {
      const bytes = readFileSync(join(ROOT, ico))
      const sizes = Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => bytes[6 + 16 * i] || 256)
      expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]))
    }
    for (const icns of [ICONS.mac, ICONS.sessionMac]) {
      const bytes = readFileSync(join(ROOT, icns))
      expect(bytes.toString('ascii', 0, 4)).toBe('icns')
      const types: string[] = []
      for (let at = 8; at < bytes.length; at += bytes.readUInt32BE(at + 4))
        types.push(bytes.toString('ascii', at, at + 4))
      expect(types).toEqual(
        expect.arrayContaining(['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10', 'ic13', 'ic14']),
      )
    }
  })

  it('signs macOS builds from the environment, ad-hoc without a certificate', () => {
    expect(builderConfig({}).mac).toMatchObject({ identity: '-', notarize: false })
    const signed = builderConfig({
      CSC_LINK: 'cert.p12',
      APPLE_ID: 'a',
      APPLE_APP_SPECIFIC_PASSWORD: 'p',
      APPLE_TEAM_ID: 't',
    })
    expect(signed.mac).toMatchObject({ hardenedRuntime: true, notarize: true })
    expect(signed.mac?.identity).toBeUndefined()
  })
})

describe('what goes into app.asar', () => {
  const files = packagedAppFiles()

  it('is the built app and package.json, without source maps', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'out/main/cli.js',
        'out/main/engine.js',
        'out/main/fit-all-worker.js',
        'out/main/bootstrap-worker.js',
        'out/main/index.js',
        'out/main/web.js',
        'out/preload/index.js',
        'out/renderer/index.html',
        'package.json',
        'bin/mle-fit.js',
        'bin/compile-cache.js',
      ]),
    )
    for (const f of files)
      expect(f).toMatch(
        /^(package\.json|bin\/(mle-fit|compile-cache)\.js|out\/(main|preload|renderer)\/.+[^p])$/,
      )
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
  })

  it('holds no tests, fixtures, sources, docs or tooling of the project', () => {
    const all = candidateFiles().map((f) => relative(ROOT, f))
    // The project does have them: each kind below is really there to be left out.
    for (const kind of [/\.test\.ts$/, /\/fixtures\//, /^e2e\//, /^test\//, /^src-main\//, /^resources\//]) {
      expect(all.some((f) => kind.test(f))).toBe(true)
      expect(files.filter((f) => kind.test(f))).toEqual([])
    }
  })

  it("ships main's production packages from node_modules, not the renderer's (bundled) or dev ones", () => {
    const production = new Set(productionPackages(ROOT).map((p) => p.name))
    for (const name of ['papaparse', 'valibot', '@stdlib/math-base-special-gammaln', 'resolve']) {
      expect(production.has(name)).toBe(true)
      expect(nodeModuleKept(name)).toBe(true)
    }
    for (const name of ['echarts', 'zrender', 'vue', '@vue/runtime-dom', 'tslib']) {
      expect(production.has(name)).toBe(true)
      expect(nodeModuleKept(name)).toBe(false)
    }
    // Dev dependencies are not in the production tree electron-builder collects.
    for (const name of ['vitest', 'electron', 'electron-builder', 'typescript', '@playwright/test']) {
      expect(production.has(name)).toBe(false)
    }
    expect(nodeModuleKept('@stdlib/math-base-special-gammaln', 'src/main.c')).toBe(false)
    expect(nodeModuleKept('@stdlib/types', 'test.ts')).toBe(false)
    expect(nodeModuleKept('@stdlib/math-base-special-gammaln', 'lib/main.js')).toBe(true)
    // Runtime code that happens to be called fixtures stays.
    expect(nodeModuleKept('@stdlib/utils-type-of', 'lib/fixtures/re.js')).toBe(true)
  })

  it('puts what the OS opens beside it: samples, help pages, licences and the mle-fit shims', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources/samples', to: 'samples' },
      { from: 'out/docs', to: 'docs' },
      { from: 'out/licenses', to: 'licenses' },
      { from: 'resources/bin', to: 'bin' },
    ])
    expect(
      readdirSync(join(ROOT, 'resources/samples')).filter((f) => f.endsWith('.csv')).length,
    ).toBeGreaterThan(0)
    expect(statSync(join(ROOT, 'resources/bin/mle-fit')).mode & 0o111).not.toBe(0)
  })
})
