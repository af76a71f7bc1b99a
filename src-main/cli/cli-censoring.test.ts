import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mleFit } from '../../test/support/mle-fit-process'
import { parseCliArgs } from './cli-args'
import type { CliDocument } from './cli-output'

// Public datasets with fitdistrplus/survival references (test/fixtures/censoring).
const FIXTURES = join(__dirname, '../../test/fixtures/censoring')
const references = (
  JSON.parse(readFileSync(join(FIXTURES, 'censored-references.json'), 'utf8')) as {
    fits: { dataset: string; dist: string; loglik: number; survregLoglik?: number }[]
  }
).fits
const ref = (dataset: string, dist: string) =>
  references.find((r) => r.dataset === dataset && r.dist === dist)!

/** Writes `text` to a file named `name` in a fresh temporary folder; its path. */
function csvFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mle-cens-')), name)
  writeFileSync(path, text)
  return path
}

describe('mle-fit censoring flags', () => {
  const parse = (...a: string[]) => parseCliArgs(['d.csv', '--dist', 'weibull', ...a])
  it('reads --status with --column, and --lower/--upper as the column and its upper bound', () => {
    expect(parse('--column', 't', '--status', 's')).toMatchObject({ column: 't', censoring: { status: 's' } })
    expect(parse('--lower', 'lo', '--upper', 'hi')).toMatchObject({
      column: 'lo',
      censoring: { upper: 'hi' },
    })
  })
  it('refuses half a form, both forms, and --lower beside another --column', () => {
    expect(() => parse('--lower', 'lo')).toThrow(/--lower and --upper come together/)
    expect(() => parse('--column', 't', '--status', 's', '--upper', 'u')).toThrow(/two forms/)
    expect(() => parse('--status', 's')).toThrow(/--status needs --column/)
    expect(() => parse('--column', 'x', '--lower', 'lo', '--upper', 'hi')).toThrow(/instead of --column/)
  })
  it('reads --event-value with --status only', () => {
    expect(parse('--column', 't', '--status', 's', '--event-value', 'failed')).toMatchObject({
      censoring: { status: 's', event: 'failed' },
    })
    expect(() => parse('--column', 't', '--event-value', 'failed')).toThrow(/give --status too/)
    expect(() => parse('--column', 't', '--status', 's', '--event-value', '')).toThrow(/needs a value/)
  })
})

describe('mle-fit on censored data', { timeout: 300_000 }, () => {
  it('status form (ovarian): the fitdistcens/survreg log-likelihood, and the JSON describes the censoring', () => {
    const r = mleFit(
      join(FIXTURES, 'ovarian.csv'),
      '--column',
      'time',
      '--status',
      'status',
      '--dist',
      'weibull,lognormal',
      '--json',
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.data.used).toBe(26)
    expect(doc.data.censoring).toMatchObject({
      form: 'status',
      column: 'time',
      status: 'status',
      exact: 12,
      right: 14,
    })
    expect(doc.data.censoring!.note).toMatch(/26 observations: 12 exact, 14 right-censored/)
    for (const f of doc.fits) {
      const expected = ref('ovarian', f.dist).survregLoglik!
      expect(Math.abs(f.logLikelihood / expected - 1)).toBeLessThan(1e-9)
      expect(f.goodnessOfFit.pValues).toEqual({})
    }
  })

  it('interval form (salinity) with --dist all: continuous regular families only, ranked', () => {
    const r = mleFit(
      join(FIXTURES, 'salinity.csv'),
      '--lower',
      'lower',
      '--upper',
      'upper',
      '--dist',
      'all',
      '--json',
    )
    // Exit 1: burr and student_t run off to a limit (normal and weibull nested in them), as uncensored.
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.data.censoring).toMatchObject({ form: 'interval', exact: 19, right: 60, interval: 29 })
    const gamma = doc.fits.find((f) => f.dist === 'gamma')!
    expect(Math.abs(gamma.logLikelihood / ref('salinity', 'gamma').loglik - 1)).toBeLessThan(1e-6)
    const reasons = Object.fromEntries(doc.notApplicable.map((n) => [n.dist, n.reason]))
    expect(reasons.poisson).toMatch(/discrete: censored counts are not supported/)
    expect(reasons.uniform).toMatch(/not fitted to censored data/)
    expect(reasons.beta).toMatch(/first at row 6 \(21\.5\)/)
  })

  it('a lower bound above its upper bound: exit 2 naming the row', () => {
    const bad = csvFile('bad.csv', 'lo,hi\n1,2\n,3\n5,4\n')
    const r = mleFit(bad, '--lower', 'lo', '--upper', 'hi', '--dist', 'normal')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Data row 3 has lower bound 5 \("lo"\) above its upper bound 4 \("hi"\)/)
  })

  it('a text status with --event-value: the same fit as its 1/0 coding (ovarian, survreg log-likelihood)', () => {
    const [header, ...rows] = readFileSync(join(FIXTURES, 'ovarian.csv'), 'utf8').trim().split(/\r?\n/)
    const words = rows.map((r) => `${r},${r.endsWith(',1') ? 'failed' : 'censored'}`)
    const file = csvFile('ovarian-words.csv', [`${header},"outcome"`, ...words].join('\n'))
    const run = (...a: string[]) => mleFit(file, '--column', 'time', '--dist', 'weibull', '--json', ...a)
    const numeric = JSON.parse(run('--status', 'status').stdout) as CliDocument
    const text = run('--status', 'outcome', '--event-value', 'failed')
    expect(text.code).toBe(0)
    const doc = JSON.parse(text.stdout) as CliDocument
    expect(doc.data.censoring).toMatchObject({ status: 'outcome', event: 'failed', exact: 12, right: 14 })
    expect(doc.data.censoring!.note).toMatch(/"failed" = observed, "censored" = right-censored/)
    expect(doc.fits[0].params).toEqual(numeric.fits[0].params)
    expect(doc.fits[0].logLikelihood).toBe(numeric.fits[0].logLikelihood)
    expect(Math.abs(doc.fits[0].logLikelihood / ref('ovarian', 'weibull').survregLoglik! - 1)).toBeLessThan(
      1e-9,
    )
  })

  it('a text status column or times censored all on one side: exit 2 saying why', () => {
    const words = csvFile('words.csv', 't,s\n5,failed\n7,censored\n9,failed\n12,censored\n14,lost\n15,\n')
    const text = mleFit(words, '--column', 't', '--status', 's', '--dist', 'weibull')
    expect(text.code).toBe(2)
    expect(text.stderr).toMatch(
      /Status column "s" holds text \("censored", "failed", "lost"\): say which value marks an observed time/,
    )
    const stray = mleFit(
      words,
      '--column',
      't',
      '--status',
      's',
      '--event-value',
      'failed',
      '--dist',
      'weibull',
    )
    expect(stray.code).toBe(2)
    expect(stray.stderr).toMatch(/has "lost" in data row 5, besides "censored" \(data row 2\)/)
    const censored = csvFile('censored.csv', 't,s\n5,0\n7,0\n9,0\n')
    const oneSided = mleFit(censored, '--column', 't', '--status', 's', '--dist', 'weibull')
    expect(oneSided.code).toBe(2)
    expect(oneSided.stderr).toMatch(/Every observation of "t" is right-censored \(3 of them\)/)
  })
})
