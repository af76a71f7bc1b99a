import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'

/** One installed package of the production tree, as npm's lockfile (v3) records it. */
export interface LockedPackage {
  /** Folder relative to the project, e.g. `node_modules/a/node_modules/b`. */
  path: string
  name: string
  version: string
  /** SPDX expression from the package's manifest, or null when it declares none. */
  license: string | null
  /** Names it depends on at run time (dependencies and optionalDependencies). */
  dependencies: string[]
}

interface LockEntry {
  name?: string
  version?: string
  license?: string
  dev?: boolean
  devOptional?: boolean
  link?: boolean
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/**
 * Every package installed for production (not `dev`, not `devOptional`), read from package-lock.json: the
 * same tree electron-builder copies into the app (it asks npm for the non-dev dependencies).
 */
export function productionPackages(root: string): LockedPackage[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>
  }
  const out: LockedPackage[] = []
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.devOptional || entry.link) continue
    out.push({
      path,
      name: entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '0.0.0',
      license: entry.license ?? null,
      dependencies: Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }),
    })
  }
  return out.sort((a, b) => a.path.localeCompare(b.path))
}

// A specifier has no spaces or `$` (so prose such as `weights from "${column}"` in a message is not an import).
const SOURCE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"./$\s][^'"$\s]*)['"]/g

/** The package a bare specifier names: `@scope/name/deep` -> `@scope/name`, `name/deep` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function sourceFiles(dir: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...sourceFiles(path))
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(path)
  }
  return files
}

/**
 * Packages the main-process bundles load at run time: bare imports of the non-test sources that
 * electron-vite builds for main, the engine and the CLI (it leaves package dependencies external there),
 * without Node's built-ins and Electron itself. The renderer's libraries are bundled into its assets.
 */
/**
 * Packages the main-side bundles inline (electron.vite.config.ts) rather than load from node_modules: ECharts
 * (with zrender and tslib), which the CLI draws its charts with, tree-shaken as in the renderer, so the app
 * ships no 60 MB node_modules copy of it.
 */
export const INLINED_IN_MAIN = ['echarts', 'zrender', 'tslib']

export function mainProcessImports(root: string, folders = ['src-main', 'src-shared']): string[] {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
  const found = new Set<string>()
  for (const folder of folders) {
    for (const file of sourceFiles(join(root, folder))) {
      if (relative(root, file).includes('/preload/')) continue // bundled whole (sandboxed preload)
      for (const m of readFileSync(file, 'utf8').matchAll(SOURCE_IMPORT)) {
        const name = packageOf(m[1])
        const external = !INLINED_IN_MAIN.includes(name) && name !== 'electron'
        if (!builtins.has(m[1]) && !builtins.has(name) && !name.startsWith('node:') && external)
          found.add(name)
      }
    }
  }
  return [...found].sort()
}

/** Node's lookup of `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveInLock(byPath: Map<string, LockedPackage>, from: string, name: string): LockedPackage | null {
  let base = from
  for (;;) {
    const hit = byPath.get(base ? `${base}/node_modules/${name}` : `node_modules/${name}`)
    if (hit) return hit
    if (!base) return null
    const cut = base.lastIndexOf('/node_modules/')
    base = cut < 0 ? '' : base.slice(0, cut)
  }
}

/** The production packages reachable from `roots` (top-level names), following run-time dependencies. */
export function dependencyClosure(packages: LockedPackage[], roots: string[]): Set<LockedPackage> {
  const byPath = new Map(packages.map((p) => [p.path, p]))
  const seen = new Set<LockedPackage>()
  const visit = (from: string, name: string) => {
    const pkg = resolveInLock(byPath, from, name)
    if (!pkg || seen.has(pkg)) return
    seen.add(pkg)
    for (const dep of pkg.dependencies) visit(pkg.path, dep)
  }
  for (const name of roots) visit('', name)
  return seen
}

/**
 * Production packages the packaged app never loads from node_modules: the renderer's libraries (Vue,
 * ECharts and what they pull in), which Vite has already bundled into `out/renderer`. By name, because
 * electron-builder hoists nested copies to the top of the app's node_modules; a name with any copy that
 * main needs is kept.
 */
export function rendererOnlyPackageNames(root: string): string[] {
  const all = productionPackages(root)
  const needed = dependencyClosure(all, mainProcessImports(root))
  const neededNames = new Set([...needed].map((p) => p.name))
  return [...new Set(all.filter((p) => !neededNames.has(p.name)).map((p) => p.name))].sort()
}
