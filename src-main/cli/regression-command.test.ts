import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runRegressionCommand } from './regression-command'

const DATA = '/work/shared/reference/data'

async function run(argv: string[]) {
  let out = ''
  let err = ''
  const code = await runRegressionCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

describe('mle-fit regression command', () => {
  it('prints exactly the issue JSON for a logistic fit', async () => {
    const { code, out, err } = await run([
      join(DATA, 'mtcars.csv'),
      '--model',
      'logistic',
      '--response',
      'am',
      '--predictors',
      'wt,hp',
      '--json',
    ])
    expect(code).toBe(0)
    expect(err).toBe('')
    const doc = JSON.parse(out) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual([
      'file',
      'model',
      'response',
      'predictors',
      'data',
      'coefficients',
      'standardErrors',
      'logLikelihood',
      'aic',
      'bic',
      'iterations',
      'converged',
      'factors',
      'termTests',
      'linear',
      'glm',
      'negbin',
    ])
    expect(doc.file).toBe(join(DATA, 'mtcars.csv'))
    expect(doc.data).toEqual({ rows: 32, used: 32, missing: 0 })
    const coefficients = doc.coefficients as Record<string, number>
    expect(Object.keys(coefficients)).toEqual(['(Intercept)', 'wt', 'hp'])
    expect(Math.abs(coefficients.wt / -8.0834751824446 - 1)).toBeLessThan(1e-8)
    expect(doc.converged).toBe(true)
  })

  it('poisson with exposure, no intercept, gradient method', async () => {
    const poisson = await run([
      join(DATA, 'mtcars.csv'),
      '--model',
      'poisson',
      '--response',
      'carb',
      '--predictors',
      'wt',
      '--exposure',
      'cyl',
      '--json',
    ])
    expect(poisson.code).toBe(0)
    const p = JSON.parse(poisson.out) as { coefficients: Record<string, number> }
    expect(Math.abs(p.coefficients.wt / 0.02100901761793883 - 1)).toBeLessThan(1e-10)
    const noIntercept = await run([
      join(DATA, 'cars.csv'),
      '--model',
      'linear',
      '--response',
      'dist',
      '--predictors',
      'speed',
      '--no-intercept',
      '--json',
    ])
    expect(Object.keys((JSON.parse(noIntercept.out) as { coefficients: object }).coefficients)).toEqual([
      'speed',
    ])
    const gradient = await run([
      join(DATA, 'cars.csv'),
      '--model',
      'linear',
      '--response',
      'dist',
      '--predictors',
      'speed',
      '--method',
      'gradient',
    ])
    expect(gradient.out).toMatch(/Gradient ascent on 40 training rows \(10 validation\)/)
  })

  it('exit 1 with JSON still printed when the MLE does not exist (separation)', async () => {
    const { code, out, err } = await run([
      join(DATA, 'mtcars.csv'),
      '--model',
      'logistic',
      '--response',
      'am',
      '--predictors',
      'gear',
      '--json',
    ])
    expect(code).toBe(1)
    const doc = JSON.parse(out) as { coefficients: Record<string, number | null>; converged: boolean }
    expect(doc.coefficients.gear).toBeNull()
    expect(doc.converged).toBe(false)
    expect(err.trim().split('\n')).toHaveLength(1)
    expect(err).toMatch(/Quasi-complete separation/)
  })

  it('exit 1 with JSON for a rank-deficient design', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regression-cli-'))
    const file = join(dir, 'collinear.csv')
    writeFileSync(file, 'y,a,b\n1,1,2\n2,2,4\n2,3,6\n4,4,8\n,5,10\n')
    const { code, out, err } = await run([
      file,
      '--model',
      'linear',
      '--response',
      'y',
      '--predictors',
      'a,b',
      '--json',
    ])
    expect(code).toBe(1)
    const doc = JSON.parse(out) as { data: unknown; coefficients: unknown }
    expect(doc.data).toEqual({ rows: 5, used: 4, missing: 1 })
    expect(doc.coefficients).toBeNull()
    expect(err).toMatch(/rank deficient: "b" is \(numerically\) a linear combination of "a"/)
  })

  it.each([
    [['--model', 'linear'], /no FILE given/],
    [['x.csv', '--model', 'probit', '--response', 'y', '--predictors', 'a'], /unknown model "probit"/],
    [['x.csv', '--model', 'linear', '--predictors', 'a'], /--response is required/],
    [['x.csv', '--model', 'linear', '--response', 'y'], /--predictors is required/],
    [
      ['x.csv', '--model', 'linear', '--response', 'y', '--predictors', 'a', '--exposure', 'e'],
      /only applies/,
    ],
    [
      ['x.csv', '--model', 'linear', '--response', 'y', '--predictors', 'a', '--method', 'bfgs'],
      /unknown method/,
    ],
    [['/nonexistent/x.csv', '--model', 'linear', '--response', 'y', '--predictors', 'a'], /Cannot open/],
    [
      [join(DATA, 'cars.csv'), '--model', 'linear', '--response', 'dist', '--predictors', 'nope'],
      /"nope" is not/,
    ],
    [['x.csv', '--model', 'linear', '--response', '--predictors', 'a'], /--response needs a value/],
    [['x.csv', 'y.csv', '--model', 'linear'], /unexpected argument y\.csv/],
    [['x.csv', '--model', 'linear', '--intercept'], /unknown option --intercept/],
  ])('exit 2 with one line on stderr: %j', async (argv, message) => {
    const { code, out, err } = await run(argv)
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(message)
    expect(err.trim().split('\n')).toHaveLength(1)
  })

  it('--help prints the usage and exits 0', async () => {
    const { code, out, err } = await run(['--model', 'linear', '--help'])
    expect(code).toBe(0)
    expect(out).toMatch(/^Usage: mle-fit FILE --model linear\|logistic\|poisson/)
    expect(err).toBe('')
  })

  it('runs as a process through its main file', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(__dirname, 'regression-command-main.ts'),
        join(DATA, 'cars.csv'),
        '--model',
        'linear',
        '--response',
        'dist',
        '--predictors',
        'speed',
        '--json',
      ],
      { cwd: join(__dirname, '../..') },
    )
    const doc = JSON.parse(stdout) as { coefficients: Record<string, number>; logLikelihood: number }
    expect(Math.abs(doc.coefficients.speed / 3.9324087591240877 - 1)).toBeLessThan(1e-8)
    expect(Math.abs(doc.logLikelihood / -206.5784 - 1)).toBeLessThan(1e-6)
    // A process start checked by its output, not its speed: room for a loaded machine.
  }, 300_000)

  it('fits a logistic regression on a two-level text response, as R takes a factor response', async () => {
    const file = join(__dirname, '../engine/regression/fixtures/mtcars.csv')
    const argv = [file, '--model', 'logistic', '--predictors', 'wt', '--json']
    // transmission is "automatic"/"manual", am the same as 0/1: the first level in sorted order is 0.
    const text = JSON.parse((await run([...argv, '--response', 'transmission'])).out) as {
      coefficients: Record<string, number>
      event: { column: string; level: string; reference: string }
    }
    const coded = JSON.parse((await run([...argv, '--response', 'am'])).out) as typeof text
    expect(text.coefficients).toEqual(coded.coefficients)
    expect(text.event).toEqual({ column: 'transmission', level: 'manual', reference: 'automatic' })
    const flipped = await run([...argv, '--response', 'transmission', '--reference', 'transmission=manual'])
    const back = JSON.parse(flipped.out) as typeof text
    expect(back.coefficients.wt).toBeCloseTo(-coded.coefficients.wt, 10)
    const table = await run([file, '--model', 'logistic', '--predictors', 'wt', '--response', 'transmission'])
    expect(table.out).toMatch(/Models P\(transmission = "manual"\): "manual" is 1 and "automatic" is 0/)
    const three = await run([file, '--model', 'logistic', '--predictors', 'wt', '--response', 'gears'])
    expect(three.code).toBe(2)
    expect(three.err).toMatch(/a text column of two values: "gears" has 3 \("g3", "g4", "g5"\)/)
  })

  it('fits text predictors with a chosen reference, interactions and negative binomial from the command line', async () => {
    const file = join(__dirname, '../engine/regression/fixtures/warpbreaks.csv')
    const argv = [
      file,
      '--model',
      'negbin',
      '--response',
      'breaks',
      '--predictors',
      'wool,tension,wool:tension',
    ]
    const { code, out } = await run([...argv, '--reference', 'tension=L', '--json'])
    expect(code).toBe(0)
    const doc = JSON.parse(out) as {
      coefficients: Record<string, number>
      negbin: { theta: number }
      termTests: { term: string; pValue: number | null }[]
    }
    expect(Object.keys(doc.coefficients)).toEqual([
      '(Intercept)',
      'wool = B',
      'tension = H',
      'tension = M',
      'wool = B:tension = H',
      'wool = B:tension = M',
    ])
    expect(doc.negbin.theta).toBeCloseTo(12.082164620640395, 6)
    expect(doc.termTests.map((t) => t.pValue === null)).toEqual([true, true, false])
    const table = await run([...argv])
    expect(table.out).toMatch(/"tension": reference level "H" \(3 levels\)/)
    expect(table.out).toMatch(/drop wool:tension: LR 7\.639\d+ on 2 df/)
    const bad = await run([...argv, '--reference', 'tension'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--reference takes COLUMN=LEVEL pairs/)
    const unknown = await run([...argv, '--reference', 'tension=Q'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/"Q" is not a level of "tension"/)
  })
})
