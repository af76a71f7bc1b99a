/**
 * W1: the tutorial's gradient ascent on N(7.2, 2.8²) draws (100,000, seeded), 80/20 seeded split, learning
 * rate 0.1, 10,000 epochs without early stopping, training and validation mean log-likelihood every epoch.
 * Ours: the engine's gradientAscent (normal: O(1) centred sufficient statistics per epoch). Comparator: the
 * same algorithm as a per-point loop over every training and validation value every epoch.
 */
import { findDistribution } from '../src-main/engine/distributions/registry'
import { SILENT_CONTROL } from '../src-main/engine/control/work-control'
import {
  gradientAscent,
  gradientSettings,
  splitTrainValidation,
} from '../src-main/engine/fit/gradient-ascent'
import { TraceRecorder } from '../src-main/engine/control/trace-recorder'
import { Sample } from '../src-main/engine/stats/sample'
import { normalDraws, perPointNormalGradient } from '../test/support/per-point-gradient'
import { interleaved, round, type BenchOptions, type WorkloadResult } from './timing'

const N = 100_000
const EPOCHS = 10_000
const LEARNING_RATE = 0.1
const START = { mu: 0, sigma: 1 }
/** Runs W1 and checks every epoch's iterates and log-likelihoods against the per-point loop. */
export async function w1(options: BenchOptions): Promise<WorkloadResult> {
  const data = normalDraws(N, 7.2, 2.8, 2024).sort()
  const normal = findDistribution('normal')!
  const settings = gradientSettings({
    patience: 0,
    tolerance: 0,
    maxIterations: EPOCHS,
    learningRate: LEARNING_RATE,
  })
  let recorder = new TraceRecorder(normal, ['mu', 'sigma'], SILENT_CONTROL)
  const ours = async () => {
    recorder = new TraceRecorder(normal, ['mu', 'sigma'], SILENT_CONTROL)
    await gradientAscent(normal, Sample.sorted(data), {}, {}, START, settings, SILENT_CONTROL, recorder)
  }
  const { train, validation } = splitTrainValidation(data, settings.validationFraction, settings.seed)
  let reference = perPointNormalGradient(train, validation, START, LEARNING_RATE, EPOCHS)
  const timing = await interleaved(options.runs, ours, () => {
    reference = perPointNormalGradient(train, validation, START, LEARNING_RATE, EPOCHS)
  })
  let maxRelative = 0
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)
  for (let e = 0; e <= EPOCHS; e++) {
    const p = recorder.point(e)
    maxRelative = Math.max(
      maxRelative,
      rel(p.params.mu, reference.mu[e]),
      rel(p.params.sigma, reference.sigma[e]),
      rel(p.logLikelihood, reference.train[e]),
      rel(p.validationLogLikelihood ?? NaN, reference.validation[e]),
    )
  }
  const identical = recorder.length === EPOCHS + 1 && maxRelative <= 1e-9
  return {
    id: 'W1',
    workload: `gradient ascent, normal, ${N} draws, 80/20 split, lr ${LEARNING_RATE}, ${EPOCHS} epochs`,
    medianSeconds: round(timing.ours),
    comparatorMedianSeconds: round(timing.comparator),
    ratio: round(timing.ratio, 3),
    comparator: 'per-point JS loop of the same algorithm',
    goal: 'same iterates (1e-9 relative); >= 200x',
    goalMet: identical && timing.ratio >= 200,
    runs: options.runs,
    iteratesMatch: identical,
    maxRelativeDifference: maxRelative,
    epochsCompared: EPOCHS + 1,
  }
}
