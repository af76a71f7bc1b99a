import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * Chromium for the browser-mode tests: `CHROMIUM_PATH`, else Playwright's own browser if it was installed,
 * else Debian's `/usr/bin/chromium` (Playwright cannot download its browser on these machines).
 */
export function chromiumPath(): string {
  const fromEnv = process.env['CHROMIUM_PATH']
  if (fromEnv) return fromEnv
  try {
    const own = chromium.executablePath()
    if (own && existsSync(own)) return own
  } catch {
    // Playwright's browser is not installed: fall through to the system one.
  }
  return '/usr/bin/chromium'
}
