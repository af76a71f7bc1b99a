import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { INLINED_IN_MAIN } from './packaging/dependency-tree'
import { shippedFiles } from './packaging/shipped-files'
import { cliInputs } from './packaging/cli-inputs'
import pkg from './package.json'

// stdlib's special functions are ~800 tiny CommonJS files: loaded from node_modules they cost every engine
// and CLI start-up hundreds of ms of module resolution, so the main-side bundles inline them instead.
// ECharts (the CLI's charts) is inlined too: packaging/dependency-tree.ts INLINED_IN_MAIN.
const inlined = [
  ...Object.keys(pkg.dependencies).filter((name) => name.startsWith('@stdlib/')),
  ...INLINED_IN_MAIN,
]

// The design card's folders are not electron-vite's defaults (src/main, ...), so every entry is explicit.
export default defineConfig({
  main: {
    // Help pages and the third-party licence list, opened from the app's Help menu and About dialog; the
    // list of the CLI bundle's sources, for mle-fit's quick staleness check (scripts/ensure-build.cjs).
    plugins: [shippedFiles(__dirname), cliInputs(__dirname)],
    build: {
      externalizeDeps: { exclude: inlined },
      rollupOptions: {
        input: {
          // Electron main process.
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          // Estimation engine: forked as a utility process (Electron) or a child process (browser mode, CLI tests).
          engine: resolve(__dirname, 'src-main/engine/entry.ts'),
          // fit-all's worker thread (half the families on large columns when a core is spare).
          'fit-all-worker': resolve(__dirname, 'src-main/engine/fit/fit-all-worker.ts'),
          // Parametric-bootstrap threads (one per core for large bootstraps).
          'bootstrap-worker': resolve(__dirname, 'src-main/engine/gof/bootstrap-worker.ts'),
          // bootstrap confidence intervals' threads (bootstrap/bootstrap-ci.ts).
          'bootstrap-ci-worker': resolve(__dirname, 'src-main/engine/bootstrap/ci-worker.ts'),
          // Browser mode: the same core behind a loopback HTTP server.
          web: resolve(__dirname, 'src-main/web/web-main.ts'),
          // mle-fit command line.
          cli: resolve(__dirname, 'src-main/cli/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() anything but electron: bundle it into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/preload/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [vue()],
    build: {
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
})
