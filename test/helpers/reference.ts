import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** `../shared` beside the checkout: public datasets with independently computed reference fits. */
export const SHARED_REFERENCE = join(__dirname, '../../../shared/reference')

export interface ReferenceFit {
  dataset: string
  column: string
  dist: string
  n: number
  params: Record<string, number>
  loglik: number
}

export function referenceDistributionFits(): ReferenceFit[] {
  return JSON.parse(readFileSync(join(SHARED_REFERENCE, 'distribution_fits.json'), 'utf8')) as ReferenceFit[]
}

export function referenceDataPath(dataset: string): string {
  return join(SHARED_REFERENCE, 'data', dataset)
}
