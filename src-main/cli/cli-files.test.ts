import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { referenceDataPath } from '../../test/helpers/reference'
import { CLI_CHARTS, parseCliArgs, UsageError } from './cli-args'
import { runCli } from './cli-main'

/** Runs the CLI in-process (the real engine, no child process) and keeps what it wrote. */
async function run(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** Every text node of an SVG document, parsed as XML (a malformed document throws). */
function svgTexts(svg: string): string[] {
  const texts: string[] = []
  const parser = new SaxesParser()
  parser.on('text', (t) => texts.push(t))
  parser.write(svg).close()
  return texts.map((t) => t.trim()).filter(Boolean)
}

/** Deterministic samples: a heavy right tail (lognormal, sigma 2: 6 decades) and a normal one. */
function sampleFile(dir: string): string {
  let seed = 12345
  const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
  const rows = Array.from(
    { length: 400 },
    () => `${Math.exp(3 + 2 * gauss()).toPrecision(6)},${(50 + 5 * gauss()).toFixed(3)}`,
  )
  const file = join(dir, 'claims.csv')
  writeFileSync(file, `loss,height\n${rows.join('\n')}\n`)
  return file
}

describe('--plot, --chart, --x-scale, --report (argument parsing)', () => {
  const base = ['d.csv', '--column', 'x', '--dist', 'gamma']

  it('defaults to the density on an automatic axis, and takes every chart the app draws', () => {
    const args = parseCliArgs([...base, '--plot', 'out.svg'])
    expect([args.plot, args.chart, args.xScale]).toEqual(['out.svg', 'density', 'auto'])
    for (const chart of CLI_CHARTS)
      expect(parseCliArgs([...base, '--plot', 'o.PNG', '--chart', chart, '--x-scale', 'log']).chart).toBe(
        chart,
      )
    expect(parseCliArgs([...base, '--report', 'r.html', '--x-scale', 'linear']).xScale).toBe('linear')
  })

  it.each([
    [['--plot', 'out.jpg'], '--plot writes .svg or .png files (got "out.jpg")'],
    [['--plot', '.svg'], '--plot writes .svg or .png files'],
    [['--report', 'out.pdf'], '--report writes .html or .htm files'],
    [['--plot', 'o.svg', '--chart', 'violin'], 'unknown chart "violin" (use density, cdf, qq, pp, survival'],
    [['--chart', 'qq'], '--chart needs --plot FILE'],
    [['--x-scale', 'log'], '--x-scale needs --plot FILE or --report FILE'],
    [['--plot', 'o.svg', '--x-scale', 'sqrt'], '--x-scale must be auto, log or linear (got "sqrt")'],
    [['--plot', 'o.svg', '--by', 'site'], '--plot and --report draw one fit per family: drop --by'],
    [['--plot', 'o.svg', '--report', 'o.svg'], '--report writes .html or .htm files'],
  ])('rejects %j', (extra, message) => {
    expect(() => parseCliArgs([...base, ...extra])).toThrow(UsageError)
    expect(() => parseCliArgs([...base, ...extra])).toThrow(message)
  })
})

describe('--plot and --report (in-process, the real engine)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mle-cli-files-'))
  const file = sampleFile(dir)

  it('auto draws a heavy tail on a log axis and a normal sample on a linear one; the legend names the fit', async () => {
    const heavy = join(dir, 'heavy.svg')
    const r = await run(file, '--column', 'loss', '--dist', 'lognormal', '--plot', heavy, '--json')
    expect(r.code).toBe(0)
    expect(() => JSON.parse(r.stdout)).not.toThrow()
    const heavyTexts = svgTexts(readFileSync(heavy, 'utf8'))
    expect(heavyTexts).toContain('loss (log scale)')
    expect(heavyTexts.some((t) => /^Lognormal \(μ = [\d.]+, σ = [\d.]+\)$/.test(t))).toBe(true)

    const normal = join(dir, 'normal.svg')
    expect((await run(file, '--column', 'height', '--dist', 'normal', '--plot', normal)).code).toBe(0)
    const normalTexts = svgTexts(readFileSync(normal, 'utf8'))
    expect(normalTexts).toContain('height')
    expect(normalTexts.join(' ')).not.toContain('log scale')
    expect(normalTexts.some((t) => /^Normal \(μ = 5\d(\.\d+)?, σ = [\d.]+\)$/.test(t))).toBe(true)
    for (const texts of [heavyTexts, normalTexts]) expect(texts.join(' ')).not.toMatch(/undefined|NaN/)
  })

  it('--x-scale overrides auto; every chart renders from the engine diagnostics', async () => {
    const linear = join(dir, 'linear.svg')
    await run(file, '--column', 'loss', '--dist', 'lognormal', '--plot', linear, '--x-scale', 'linear')
    expect(svgTexts(readFileSync(linear, 'utf8')).join(' ')).not.toContain('log scale')
    for (const chart of CLI_CHARTS) {
      const out = join(dir, `c-${chart}.svg`)
      const r = await run(file, '--column', 'loss', '--dist', 'gamma', '--plot', out, '--chart', chart)
      expect(r.code, r.stderr).toBe(0)
      const texts = svgTexts(readFileSync(out, 'utf8'))
      expect(texts.join(' '), chart).not.toMatch(/undefined|NaN/)
      expect(texts.some((t) => t.startsWith('claims.csv · loss · Gamma (k = '))).toBe(true)
    }
  })

  it('writes the report of several families with the comparison, JSON still on stdout', async () => {
    const report = join(dir, 'report.html')
    const r = await run(file, '--column', 'loss', '--dist', 'lognormal,weibull', '--report', report, '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).fits).toHaveLength(2)
    const html = readFileSync(report, 'utf8')
    expect(html).toContain('<h1>Lognormal fit to loss — claims.csv</h1>')
    expect(html).toContain('Comparison of the fitted families')
    expect(html).toContain('<svg')
    expect(html).toContain('Reproduce this fit')
    expect(html).not.toMatch(/https?:|undefined|NaN|<script/)
  })

  it('bad outputs: exit 2 with one line, before fitting, and nothing written', async () => {
    mkdirSync(join(dir, 'sub.html'))
    const before = readdirSync(dir).length
    const missing = await run(
      file,
      '--column',
      'loss',
      '--dist',
      'gamma',
      '--plot',
      join(dir, 'no/such/x.svg'),
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^mle-fit: --plot cannot write .*x\.svg: the folder does not exist\.$/)
    expect(missing.stdout).toBe('')
    const folder = await run(file, '--column', 'loss', '--dist', 'gamma', '--report', join(dir, 'sub.html'))
    expect(folder.code).toBe(2)
    expect(folder.stderr).toMatch(/--report cannot write .*sub\.html: a folder has that name\.$/)
    const chart = await run(
      file,
      '--column',
      'loss',
      '--dist',
      'gamma',
      '--plot',
      join(dir, 'x.svg'),
      '--chart',
      'pie',
    )
    expect(chart.code).toBe(2)
    expect(chart.stderr).toContain('unknown chart "pie"')
    expect(readdirSync(dir).length).toBe(before)
    expect(existsSync(join(dir, 'x.svg'))).toBe(false)
  })

  it('regression: --report writes the coefficient table, statistics and residual charts', async () => {
    const model = ['--model', 'linear', '--response', 'dist', '--predictors', 'speed']
    const report = join(dir, 'cars.html')
    const r = await run(referenceDataPath('cars.csv'), ...model, '--report', report, '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).model).toBe('linear')
    const html = readFileSync(report, 'utf8')
    expect(html).toContain('<h1>Linear regression of dist — cars.csv</h1>')
    expect(html).toContain('<th>speed</th>')
    expect(html).toContain('Residuals against fitted values.')
    expect(html).toContain('Normal Q-Q plot of the residuals.')
    expect(html).not.toMatch(/https?:|undefined|NaN/)
    const bad = await run(referenceDataPath('cars.csv'), ...model, '--report', 'r.txt')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--report writes .html or .htm files (got "r.txt")')
  })
})
