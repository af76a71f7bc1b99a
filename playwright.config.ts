import { defineConfig } from '@playwright/test'
import { chromiumPath } from './e2e/browser-path'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1360, height: 860 },
  },
  projects: [
    {
      // The real UI in Chromium through browser mode: what CI runs.
      name: 'browser',
      testIgnore: /electron\//,
      use: {
        browserName: 'chromium',
        acceptDownloads: true,
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      // The real Electron app; skips itself (with the reason) where no Electron binary exists.
      name: 'electron',
      testMatch: /electron\/.*\.spec\.ts/,
    },
  ],
})
