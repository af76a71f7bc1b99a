import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mleFit, PATIENCE } from '../../test/helpers/mle-fit'
import { referenceDataPath, referenceDistributionFits } from '../../test/helpers/reference'
import { parseCliArgs, UsageError, VERSION } from './cli-args'
import type { CliDocument } from './cli-output'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

describe('mle-fit command line (separate process)', { timeout: PATIENCE }, () => {
  it('exits 1 when a fit is not at a confirmed maximum, with the reason, health codes and group in the JSON', () => {
    // Issue 11: gumbel by L-BFGS on 999 ones and one 1e12 stops at a saddle, 2,000 units short.
    const dir = mkdtempSync(join(tmpdir(), 'mle-cli-honest-'))
    const file = join(dir, 'ones.csv')
    writeFileSync(file, `x\n${'1\n'.repeat(999)}1e12\n`)
    const r = mleFit(file, '--column', 'x', '--dist', 'gumbel,normal', '--method', 'lbfgs', '--json')
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.fits.map((f) => [f.dist, f.converged])).toEqual([
      ['normal', true],
      ['gumbel', false],
    ])
    const gumbel = doc.fits[1]
    expect(gumbel.group).toBe('continuous')
    expect(gumbel.message).toMatch(/not a maximum|stopped short/)
    expect(gumbel.health.map((h) => h.code)).toContain('not-converged')
    expect(Object.keys(doc.fits[0].intervals)).toEqual(['mu', 'sigma'])
    expect(doc.fits[0].intervals.mu.wald).toHaveLength(2)
  })

  it('--json on a reference dataset: one document, fits sorted by AIC, matching the reference fits', () => {
    const refs = referenceDistributionFits().filter((r) => r.dataset === 'precip.csv')
    const r = mleFit(
      referenceDataPath('precip.csv'),
      '--column',
      'precip',
      '--dist',
      refs.map((x) => x.dist).join(','),
      '--json',
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.column).toBe('precip')
    expect(doc.data).toEqual({ rows: 70, used: 70, missing: 0, nonNumeric: 0 })
    expect(doc.fits.map((f) => f.dist).sort()).toEqual(refs.map((x) => x.dist).sort())
    for (let i = 1; i < doc.fits.length; i++)
      expect(doc.fits[i].aic).toBeGreaterThanOrEqual(doc.fits[i - 1].aic)
    for (const ref of refs) {
      const fit = doc.fits.find((f) => f.dist === ref.dist)!
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.loglik - 1e-6 * Math.abs(ref.loglik))
      for (const [name, value] of Object.entries(ref.params))
        expect(relative(fit.params[name], value)).toBeLessThan(2e-5)
      expect(fit.converged).toBe(true)
      expect(Object.keys(fit.standardErrors)).toEqual(Object.keys(ref.params))
      expect(fit.goodnessOfFit.ks).toBeGreaterThan(0)
      expect(fit.goodnessOfFit.pValues.ks).toBeGreaterThan(0)
      expect(typeof fit.seconds).toBe('number')
    }
    expect(doc.notApplicable).toEqual([])
  })

  it('--dist all lists families that do not apply, with the reason, and still exits 0', () => {
    const r = mleFit(
      referenceDataPath('discoveries.csv'),
      '--column',
      'discoveries',
      '--dist',
      'all',
      '--json',
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.fits.map((f) => f.dist)).toEqual(
      expect.arrayContaining(['poisson', 'negative_binomial', 'normal']),
    )
    expect(doc.notApplicable.find((n) => n.dist === 'gamma')!.reason).toMatch(
      /^gamma needs x > 0: \d+ values? <= 0, first at row \d+/,
    )
    expect(doc.fits.find((f) => f.dist === 'poisson')!.goodnessOfFit.chiSquare).toBeGreaterThan(0)
  })

  it('exit 1 when a requested family cannot be fitted (JSON still printed), with --fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mle-cli-'))
    const file = join(dir, 'neg.csv')
    writeFileSync(file, 'x\n1.5\n2.5\n-1\n4\n3\n')
    const r = mleFit(file, '--column', 'x', '--dist', 'gamma', '--json')
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.fits).toEqual([])
    expect(doc.notApplicable[0].reason).toMatch(/first at row 3/)
    const fixed = mleFit(
      referenceDataPath('precip.csv'),
      '--column',
      'precip',
      '--dist',
      'gamma',
      '--fix',
      'shape=4',
      '--json',
    )
    expect(fixed.code).toBe(0)
    const f = (JSON.parse(fixed.stdout) as CliDocument).fits[0]
    expect(f.params.shape).toBe(4)
    expect(f.standardErrors.shape).toBeNull()
  })

  it('exit 2 with one line on stderr for usage and file errors; a readable table without --json', () => {
    const usage = mleFit(referenceDataPath('precip.csv'), '--dist', 'normal')
    expect(usage.code).toBe(2)
    expect(usage.stderr.trim().split('\n')).toHaveLength(1)
    expect(usage.stderr).toMatch(/--column is required/)
    const missing = mleFit('/nonexistent/file.csv', '--column', 'x', '--dist', 'normal')
    expect(missing.code).toBe(2)
    expect(mleFit(referenceDataPath('precip.csv'), '--column', 'nope', '--dist', 'normal').code).toBe(2)
    const table = mleFit(referenceDataPath('precip.csv'), '--column', 'precip', '--dist', 'normal,gamma')
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/normal\s+-282\.074/)
    expect(table.stdout).toMatch(/gamma\s+-288\.465/)
  })

  it("the import's notes go to stderr (stdout stays the JSON alone), and --missing makes a text column numeric", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mle-cli-notes-'))
    const file = join(dir, 'stray.csv')
    // "inf" in 1 of 4 cells is more than a numeric column tolerates: x is read as text, and the note says why.
    writeFileSync(file, 'x,y\ninf,1\n1,2\n2\n3,4\n')
    const text = mleFit(file, '--column', 'x', '--dist', 'normal')
    expect(text.code).toBe(2)
    expect(text.stderr).toMatch(
      /^mle-fit: note: 1 row\(s\) do not have 2 fields like the header \(row 3 has 1\)/m,
    )
    expect(text.stderr).toMatch(
      /^mle-fit: note: Column "x" was read as text: 3 of 4 cells are numbers.*"inf"/m,
    )
    expect(text.stderr).toMatch(/^mle-fit: Column "x" is not numeric: it was read as text \(4 cells\)\.$/m)
    const fixed = mleFit(file, '--column', 'x', '--dist', 'normal', '--missing', 'inf', '--json')
    expect(fixed.code).toBe(0)
    const doc = JSON.parse(fixed.stdout) as CliDocument
    expect(doc.data).toMatchObject({ rows: 4, used: 3, missing: 1 })
    expect(doc.fits[0].params.mu).toBe(2)
    expect(fixed.stderr).toMatch(/^mle-fit: note: 1 row\(s\)/)
    expect(fixed.stderr).not.toMatch(/read as text/)
    const usage = mleFit(file, '--column', 'x', '--dist', 'normal', '--missing', 'inf,')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/--missing takes tokens of 1 to 100 characters/)
  })

  it('--version prints the package version and --help both usages, exit 0, without a FILE', () => {
    const version = mleFit('--version')
    expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/)
    const help = mleFit('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: mle-fit FILE --column NAME/)
    expect(help.stdout).toMatch(/--model linear\|logistic\|poisson/)
    expect(help.stdout).toMatch(/--version/)
  })
})

describe('argument parsing', () => {
  it('--missing adds tokens to the defaults, for fits and regression alike', async () => {
    const { DEFAULT_MISSING_TOKENS } = await import('../engine/import/number-parse')
    const { parseRegressionArgs } = await import('./regression-args')
    const fit = parseCliArgs(['f.csv', '--column', 'x', '--dist', 'normal', '--missing', ' inf , NA,?? '])
    expect(fit.settings.missingTokens).toEqual([...DEFAULT_MISSING_TOKENS, 'inf', '??'])
    const reg = parseRegressionArgs([
      'f.csv',
      '--model',
      'linear',
      '--response',
      'y',
      '--predictors',
      'x',
      '--missing',
      'inf',
    ])
    expect(reg).toMatchObject({ settings: { missingTokens: [...DEFAULT_MISSING_TOKENS, 'inf'] } })
  })
  it('regression takes the same import flags as fitting (the flags the import notes name)', async () => {
    const { parseRegressionArgs } = await import('./regression-args')
    const base = ['f.csv', '--model', 'linear', '--response', 'y', '--predictors', 'x']
    const reg = parseRegressionArgs([
      ...base,
      ...['--delimiter', ';', '--decimal', 'comma', '--sheet', 'S', '--header-row', '3'],
    ])
    expect(reg).toMatchObject({
      settings: { delimiter: ';', decimal: 'comma', sheet: 'S', headerRow: 3 },
    })
    expect(() => parseRegressionArgs([...base, '--header-row', 'x'])).toThrow(/--header-row needs a number/)
  })
  it('maps every option into the engine request', () => {
    const a = parseCliArgs([
      'f.csv',
      '--column',
      'x',
      '--dist',
      'normal',
      '--method',
      'gradient',
      '--learning-rate',
      '0.05',
      '--max-iterations',
      '300',
      '--tolerance',
      '1e-9',
      '--patience',
      '0',
      '--validation-fraction',
      '0.25',
      '--seed',
      '7',
      '--bootstrap',
      '99',
      '--delimiter',
      ';',
      '--decimal',
      'comma',
      '--trials',
      '12',
      '--json',
    ])
    expect(a).toMatchObject({
      file: 'f.csv',
      column: 'x',
      dists: ['normal'],
      method: 'gradient',
      options: {
        learningRate: 0.05,
        maxIterations: 300,
        tolerance: 1e-9,
        patience: 0,
        validationFraction: 0.25,
        seed: 7,
      },
      bootstrap: 99,
      trials: 12,
      settings: { delimiter: ';', decimal: 'comma' },
      json: true,
    })
    expect(
      parseCliArgs(['f', '--column', 'x', '--dist', 'all', '--delimiter', 'tab']).settings.delimiter,
    ).toBe('\t')
  })
  it('takes --flag=value (also for values starting with "-"), the last of a repeated flag, and -h/-v', () => {
    const a = parseCliArgs(['--column=-x', 'f', '--dist', 'normal', '--dist', 'gamma', '--fix=shape=2'])
    expect(a).toMatchObject({ file: 'f', column: '-x', dists: ['gamma'], fixed: { shape: 2 } })
    expect(parseCliArgs(['-h']).help).toBe(true)
    expect(parseCliArgs(['-v']).version).toBe(true)
    expect(parseCliArgs(['--column', 'x', '--dist', 'all', '--', '--odd-name.csv']).file).toBe(
      '--odd-name.csv',
    )
  })
  const bad: [string[], RegExp][] = [
    [['f', '--column', 'x', '--dist', 'normal', '--method', 'magic'], /unknown method/],
    [['f', '--column', 'x', '--dist', 'normal', '--trials', '2.5'], /whole number/],
    [['f', '--column', 'x', '--dist', 'normal', '--fix', 'sigma'], /name=value/],
    [['f', '--column', 'x', '--dist', 'all', '--fix', 'sigma=1'], /single --dist/],
    [['f', '--column', 'x', '--dist', 'normal', '--decimal', 'dot'], /point or comma/],
    [['f', '--column', 'x', '--dist', 'normal', '--wat'], /^unknown option --wat$/],
    [['f', '--column', 'x', '--dist', 'normal', '--seed'], /^--seed needs a value$/],
    [['f', '--column', 'x', '--dist', 'normal', '--learning-rate', '-1'], /write --learning-rate=VALUE/],
    [['f', '--column', 'x', '--dist', 'normal', '--json=yes'], /^--json takes no value$/],
    [['f', '--column', 'x', '--dist', 'normal', 'g'], /^unexpected argument "g"$/],
    [['f', '--column', 'x', '--dist', 'normal', '--trials=0'], /^--trials needs a whole number >= 1/],
  ]
  for (const [argv, message] of bad) {
    it(`rejects ${argv.slice(5).join(' ')}`, () => {
      expect(() => parseCliArgs(argv)).toThrow(UsageError)
      expect(() => parseCliArgs(argv)).toThrow(message)
    })
  }
})
