import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EngineState, family } from '../engine-state'
import { fitDistribution } from '../fit/fit-distribution'
import { importCsv } from '../import/csv-import'

// lung (survival::lung, status 1 = dead, 0 = censored) and its survreg reference: make-censored-references.R.
const FIXTURES = join(__dirname, '../../../test/fixtures/censoring')
const references = (
  JSON.parse(readFileSync(join(FIXTURES, 'censored-references.json'), 'utf8')) as {
    fits: { dataset: string; dist: string; loglik: number; survregLoglik?: number }[]
  }
).fits

/** lung.csv with its status written as words (and an extra numeric copy coded 2 = dead, 1 = alive). */
function lungAsWords(): string {
  const [header, ...rows] = readFileSync(join(FIXTURES, 'lung.csv'), 'utf8').trim().split(/\r?\n/)
  const dir = mkdtempSync(join(tmpdir(), 'mle-status-'))
  const path = join(dir, 'lung-words.csv')
  const words = rows.map((r) => {
    const [t, s] = r.split(',')
    return `${t},${s},${s === '1' ? 'dead' : 'alive'},${Number(s) + 1}`
  })
  writeFileSync(path, [`${header},"vital","coded"`, ...words].join('\n'))
  return path
}

async function weibullFit(state: EngineState, censoring: { status: string; event?: string }) {
  const request = { column: 'time', censoring }
  const { censored } = state.censoring(request)
  return fitDistribution({ column: 'time', dist: family('weibull'), sorted: censored!.exact, censored })
}

describe('a text status column read by its event value, through the importer', () => {
  it('fits lung exactly as its 1/0 status does, at the survreg log-likelihood', async () => {
    const state = new EngineState()
    state.open(await importCsv(lungAsWords()))
    const numeric = await weibullFit(state, { status: 'status' })
    const text = await weibullFit(state, { status: 'vital', event: 'dead' })
    const coded = await weibullFit(state, { status: 'coded', event: '2' })
    for (const f of [text, coded]) {
      expect(f.params).toEqual(numeric.params)
      expect(f.logLikelihood).toBe(numeric.logLikelihood)
      expect(f.estimates.map((e) => e.standardError)).toEqual(numeric.estimates.map((e) => e.standardError))
    }
    expect(text.censoring).toMatchObject({ exact: 165, right: 63, event: 'dead' })
    const ref = references.find((r) => r.dataset === 'lung' && r.dist === 'weibull')!
    expect(Math.abs(text.logLikelihood / (ref.survregLoglik ?? ref.loglik) - 1)).toBeLessThan(1e-9)
  })

  it('without an event value, a text status is refused naming its values and how to name one', async () => {
    const state = new EngineState()
    state.open(await importCsv(lungAsWords()))
    expect(() => state.censoring({ column: 'time', censoring: { status: 'vital' } })).toThrow(
      /Status column "vital" holds text \("alive", "dead"\): say which value marks an observed time .*--event-value/,
    )
  })
})
