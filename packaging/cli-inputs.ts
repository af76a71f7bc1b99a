import { isAbsolute, relative, sep } from 'node:path'
import type { Plugin } from 'vite'

/** Where the main build lists the CLI bundle's sources (read by scripts/ensure-build.cjs). */
export const CLI_INPUTS_FILE = 'cli-inputs.json'

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
 * Vite plugin for the main build: writes out/main/cli-inputs.json, the project's source files the `cli`
 * entry's chunks were built from (its imports and dynamic imports, transitively). `mle-fit` checks that its bundle is newer than each of them (a few hundred
 * stats) instead of walking every source folder, app and tests included, on every run.
 */
export function cliInputs(root: string): Plugin {
  return {
    name: 'mle-studio-cli-inputs',
    apply: 'build',
    generateBundle(_options, bundle) {
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
      const source = `${JSON.stringify(projectFiles(root, ids), null, 1)}\n`
      this.emitFile({ type: 'asset', fileName: CLI_INPUTS_FILE, source })
    },
  }
}
