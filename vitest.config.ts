import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src-main/**/*.test.ts',
            'src-shared/**/*.test.ts',
            'src-renderer/**/*.test.ts',
            'test/packaging/**/*.test.ts',
            'test/scripts/**/*.test.ts',
          ],
          environment: 'node',
          setupFiles: ['test/support/fast-check-seed.ts'],
          // Property tests take a few seconds alone; on a loaded machine (2 cores, many jobs) 5 s is not enough.
          testTimeout: 30_000,
        },
      },
      {
        // Drives the built engine bundle (out/main/engine.js) in a real child process.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // Setups start engine processes: 10 s was too short on a loaded machine.
          hookTimeout: 60_000,
        },
      },
      {
        // The built Electron main process (out/main/index.js) on a fake Electron API: the shell's real flows.
        test: {
          name: 'shell',
          include: ['test/shell/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each test drives its own app process (and engine processes): one file at a time on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
