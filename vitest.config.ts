import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'src-renderer/**/*.test.ts'],
          environment: 'node',
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
        },
      },
    ],
  },
})
