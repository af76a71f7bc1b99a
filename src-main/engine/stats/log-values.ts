import { statistic, type Sample } from './sample'

/**
 * log x of every value, in the sample's order, computed once per sample: families of log x (weibull, burr,
 * log-logistic) then cost one exp per value per optimizer call and no log.
 */
export const logValues = statistic(({ values }: Sample) => {
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = Math.log(values[i])
  return out
})
