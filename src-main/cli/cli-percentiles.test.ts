import { describe, expect, it } from 'vitest'
import { mleFit, PATIENCE } from '../../test/helpers/mle-fit'
import { referenceDataPath } from '../../test/helpers/reference'
import { parseCliArgs, UsageError } from './cli-args'
import { runCli } from './cli-main'
import type { CliDocument } from './cli-output'

describe('mle-fit --percentiles / --exceed', { timeout: PATIENCE }, () => {
  it('parses probability lists, "default" and exceedance values; rejects probabilities outside (0, 1)', () => {
    const base = ['f.csv', '--column', 'x', '--dist', 'normal']
    expect(parseCliArgs([...base, '--percentiles', '0.5,0.99']).percentiles).toEqual([0.5, 0.99])
    expect(parseCliArgs([...base, '--percentiles', 'default']).percentiles).toEqual([
      0.01, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99,
    ])
    expect(parseCliArgs([...base, '--exceed=-1,100']).exceed).toEqual([-1, 100])
    expect(() => parseCliArgs([...base, '--percentiles', '0.5,1'])).toThrow(/between 0 and 1.*\(got 1\)/)
    expect(() => parseCliArgs([...base, '--percentiles', '50'])).toThrow(UsageError)
    expect(() => parseCliArgs([...base, '--exceed', '1,x'])).toThrow(/needs a number \(got "x"\)/)
  })

  it('prints each fit percentile table with delta-method SEs that match the normal closed form', () => {
    const r = mleFit(
      referenceDataPath('precip.csv'),
      '--column',
      'precip',
      '--dist',
      'normal,gamma',
      '--percentiles',
      '0.1,0.9',
      '--exceed',
      '50',
      '--json',
    )
    expect(r.stderr).toBe('')
    const doc = JSON.parse(r.stdout) as CliDocument
    const normal = doc.fits.find((f) => f.dist === 'normal')!
    const { mu, sigma } = normal.params
    const n = doc.data.used
    // MLE covariance of (mu, sigma): diag(sigma²/n, sigma²/(2n)); q = mu + z sigma.
    const z = 1.2815515655446004
    const table = normal.percentiles!
    expect(table.percentiles.map((p) => p.p)).toEqual([0.1, 0.9])
    expect(table.percentiles[1].estimate).toBeCloseTo(mu + z * sigma, 8)
    const se = Math.sqrt(sigma ** 2 / n + (z * z * sigma ** 2) / (2 * n))
    expect(table.percentiles[1].standardError! / se).toBeCloseTo(1, 5)
    expect(table.percentiles[1].method).toBe('delta')
    const [lo, hi] = table.exceedances[0].ci95!
    expect(lo).toBeLessThan(table.exceedances[0].estimate)
    expect(hi).toBeGreaterThan(table.exceedances[0].estimate)
    expect(doc.fits.find((f) => f.dist === 'gamma')!.percentiles!.percentiles).toHaveLength(2)

    const text = mleFit(
      referenceDataPath('precip.csv'),
      '--column',
      'precip',
      '--dist',
      'normal',
      '--percentiles',
      '0.999',
      '--exceed',
      '50',
    )
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/normal: percentiles and exceedance probabilities/)
    expect(text.stdout).toMatch(/P99\.9 /)
    expect(text.stdout).toMatch(/P\(X > 50\)/)
  })

  it('with --bootstrap-ci, gives each row the percentile interval of the replicates put through the quantile', () => {
    const precip = (...more: string[]) =>
      mleFit(referenceDataPath('precip.csv'), '--column', 'precip', '--dist', 'normal', ...more)
    const boot = ['--bootstrap-ci', '200', '--seed', '7']
    const r = precip(...boot, '--percentiles', '0.1,0.9', '--exceed', '50', '--json')
    expect(r.stderr).toBe('')
    const fit = (JSON.parse(r.stdout) as CliDocument).fits[0]
    const ci = fit.bootstrapCi!
    const [mu, sigma] = [ci.names.indexOf('mu'), ci.names.indexOf('sigma')]
    // Written out here: q_p(θ*) = mu* + z_p sigma*, then R's type-7 quantiles at 2.5% and 97.5%.
    const type7 = (sorted: number[], p: number) => {
      const h = (sorted.length - 1) * p
      const lo = Math.floor(h)
      return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo])
    }
    const z = 1.2815515655446004
    for (const [row, zp] of [
      [fit.percentiles!.percentiles[0], -z],
      [fit.percentiles!.percentiles[1], z],
    ] as const) {
      const qs = ci.estimates.map((e) => e[mu] + zp * e[sigma]).sort((a, b) => a - b)
      expect(row.bootstrap!.percentile![0]).toBeCloseTo(type7(qs, 0.025), 9)
      expect(row.bootstrap!.percentile![1]).toBeCloseTo(type7(qs, 0.975), 9)
      expect(row.bootstrap!.bca).not.toBeNull()
    }
    const exceed = fit.percentiles!.exceedances[0]
    expect(exceed.bootstrap!.percentile![0]).toBeLessThan(exceed.estimate)
    expect(exceed.bootstrap!.percentile![1]).toBeGreaterThan(exceed.estimate)
    expect(fit.percentiles!.bootstrap).toEqual({
      method: 'nonparametric',
      level: 0.95,
      replicates: ci.converged,
      bca: true,
    })
    expect(fit.percentiles!.note).toMatch(/Bootstrap 95% intervals/)

    const text = precip(...boot, '--percentiles', '0.5')
    expect(text.stdout).toMatch(/bootstrap 95% percentile and BCa/)
    expect(text.stdout).toMatch(/P50 .* boot \[.*\] BCa \[/)
  })

  it('leaves percentiles out of the JSON unless asked for', () => {
    const r = mleFit(referenceDataPath('precip.csv'), '--column', 'precip', '--dist', 'normal', '--json')
    expect((JSON.parse(r.stdout) as CliDocument).fits[0].percentiles).toBeUndefined()
  })

  it('reports profile progress to a terminal (io.progress) and clears it, never into the --json output', async () => {
    const out: string[] = []
    const err: string[] = []
    const progress: (string | null)[] = []
    const argv = [referenceDataPath('precip.csv'), '--column', 'precip', '--dist', 'normal,gamma']
    const code = await runCli([...argv, '--percentiles', '0.1,0.9', '--exceed', '50', '--json'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      progress: (t) => progress.push(t),
    })
    expect(code).toBe(0)
    expect(err).toEqual([])
    const doc = JSON.parse(out.join('\n')) as CliDocument
    expect(doc.fits.every((f) => f.percentiles!.percentiles[0].profile95)).toBe(true)
    const lines = progress.filter((t) => t !== null)
    for (const fit of ['normal (1 of 2)', 'gamma (2 of 2)']) {
      expect(lines).toEqual(
        expect.arrayContaining(
          [1, 2, 3].map((k) => `mle-fit: ${fit}: Profile intervals of percentiles: ${k} of 3`),
        ),
      )
    }
    expect(progress.at(-1)).toBeNull() // the line is cleared before the answer is printed
    // The text output shows the profile interval beside the delta-method one.
    const text: string[] = []
    await runCli([...argv, '--percentiles', '0.9'], { out: (t) => text.push(t), err: (t) => err.push(t) })
    expect(text.join('\n')).toMatch(/P90 .* \[[\d.]+, [\d.]+\] {2}profile \[[\d.]+, [\d.]+\]/)
  })
})
