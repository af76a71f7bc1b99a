import { totalmem } from 'node:os'
import { formatBytes } from '../../../src-shared/format'
import { MAX_COLUMNS } from '../../../src-shared/shapes/primitives'
import { ImportError } from '../errors'
import { IMPORT_ACTIONS } from './import-actions'

/** Share of the machine's memory the imported columns may take by default. */
const MEMORY_SHARE = 0.5

/** Default memory limit for imported columns, bytes: half of this computer's memory. */
export function memoryLimit(): number {
  return Math.floor(totalmem() * MEMORY_SHARE)
}

/** The limit in words, saying where it comes from. */
export function describeLimit(limit: number, fromOption: boolean): string {
  if (fromOption) return formatBytes(limit)
  return `${formatBytes(limit)} (half of this computer's ${formatBytes(totalmem())} of memory)`
}

export { formatBytes }

/**
 * Most columns a file may have: the contract's limit (Excel's too). Far wider files are a wrong delimiter
 * or a transposed table, and each column costs memory whatever its rows (BYTES_PER_COLUMN).
 */
export { MAX_COLUMNS }

/**
 * Engine memory per column besides its cells: the column builder with its typed arrays (at least 16 cells
 * each), examples, name and column info, and the info's copies on the way to the renderer. Measured
 * ~2.4 KB per column in the import alone (20,000 vs 100,000 columns × 2 rows); 4 KB with the rest.
 */
export const BYTES_PER_COLUMN = 4096

/** Refuses a file with more columns than MAX_COLUMNS, saying how many it has. */
export function checkColumnCount(columns: number, fileName: string): void {
  if (columns <= MAX_COLUMNS) return
  throw new ImportError(
    `${fileName} has ${columns.toLocaleString('en-US')} columns; MLE Studio reads at most ` +
      `${MAX_COLUMNS.toLocaleString('en-US')}. ${IMPORT_ACTIONS.delimiter.app} (a wrong one can ` +
      'split every value apart), or remove or transpose columns.',
  )
}
