import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { mleFit, PATIENCE } from '../helpers/mle-fit'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** A Pareto-like heavy-tailed column (skewness far above 3), deterministic. */
function heavyTailed(dir: string): string {
  const rows = Array.from({ length: 300 }, (_, i) => (1000 * (1 - (i + 0.5) / 300) ** (-1 / 1.4)).toFixed(3))
  const file = join(dir, 'losses.csv')
  writeFileSync(file, `loss\n${rows.join('\n')}\n`)
  return file
}

describe('mle-fit --plot / --report (separate process)', { timeout: PATIENCE }, () => {
  it('writes SVG, PNG and a self-contained HTML report of the fits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mle-cli-outputs-'))
    const file = heavyTailed(dir)
    const svg = join(dir, 'density.svg')
    const r1 = mleFit(file, '--column', 'loss', '--dist', 'lognormal', '--plot', svg)
    expect(r1.code, r1.stderr).toBe(0)
    expect(r1.stdout).toContain(`Wrote ${svg}`)
    const svgText = readFileSync(svg, 'utf8')
    expect(svgText).toMatch(/^<\?xml[^>]*>\s*<svg /)
    expect(svgText).toContain('loss (log scale)')

    const png = join(dir, 'summary.png')
    const r2 = mleFit(
      file,
      '--column',
      'loss',
      '--dist',
      'lognormal',
      '--plot',
      png,
      '--chart',
      'summary',
      '--json',
    )
    expect(r2.code, r2.stderr).toBe(0)
    expect(JSON.parse(r2.stdout).fits[0].dist).toBe('lognormal')
    const bytes = readFileSync(png)
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
    const image = PNG.sync.read(bytes)
    // The summary figure at twice its 1000 × 720 CSS pixels.
    expect([image.width, image.height]).toEqual([2000, 1440])
    expect(statSync(png).size).toBeGreaterThan(20_000)

    const html = join(dir, 'report.html')
    const r3 = mleFit(
      file,
      '--column',
      'loss',
      '--dist',
      'lognormal,gamma,weibull',
      '--report',
      html,
      '--json',
    )
    expect(r3.code, r3.stderr).toBe(0)
    expect(JSON.parse(r3.stdout).fits).toHaveLength(3)
    const report = readFileSync(html, 'utf8')
    expect(report.match(/<svg /g)?.length).toBeGreaterThanOrEqual(2)
    expect(report).toContain('<style>')
    expect(report).toContain('KS p')
    expect(report).not.toMatch(/https?:\/\/|<script|<link|src=|undefined|NaN/)
  })
})
