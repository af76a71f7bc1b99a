import fc from 'fast-check'

// Property tests draw the same cases on every run, so a red CI is a regression, not a new random draw.
// `FC_SEED=random` explores new cases locally; a failure prints its counterexample, to add as an example.
const seed = process.env['FC_SEED']
fc.configureGlobal(seed === 'random' ? {} : { seed: seed ? Number(seed) : 20_261_130 })
