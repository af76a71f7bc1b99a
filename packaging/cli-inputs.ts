import { writeFileSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import type { Plugin } from 'vite'

/** The project files (relative, '/'-separated) among `ids`: no node_modules, no virtual modules. */
function projectFiles(root: string, ids: Iterable<string>): string[] {
  const files = new Set<string>()
  for (const id of ids) {
    const path = relative(root, id.split('?')[0])
    if (!isAbsolute(id) || path.startsWith('..') || path.split(sep).includes('node_modules')) continue
    files.add(path.split(sep).join('/'))
  }
  return [...files].sort()
}

/**
 * Vite plugin for the main build: writes out/cli-inputs.json (beside out/main, so the app does not ship it),
 * the project's source files the `cli` entry's chunks were built from (its imports and dynamic imports,
 * transitively), after the bundle. `mle-fit` checks that its bundle is newer than each of them (~230 stats)
 * instead of walking every source folder, app and tests included, on every run (scripts/ensure-build.cjs).
 */
export function cliInputs(root: string): Plugin {
  return {
    name: 'mle-studio-cli-inputs',
    apply: 'build',
    writeBundle(options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'cli')
      if (!entry) return
      const ids: string[] = []
      const seen = new Set<string>()
      const visit = (fileName: string) => {
        const chunk = bundle[fileName]
        if (seen.has(fileName) || chunk?.type !== 'chunk') return
        seen.add(fileName)
        ids.push(...chunk.moduleIds)
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next)
      }
      visit(entry.fileName)
      const list = `${JSON.stringify(projectFiles(root, ids), null, 1)}\n`
      writeFileSync(join(options.dir ?? join(root, 'out/main'), '..', 'cli-inputs.json'), list)
    },
  }
}
