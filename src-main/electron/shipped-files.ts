import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

// No runtime Electron import: where the shipped files live and what About says are unit-tested in Node.

/** Folders of the files the app ships beside its code (samples, help pages, licences). */
export interface ShippedPaths {
  samples: string
  docs: string
  licenses: string
}

/**
 * Installed: beside the app archive in `resources/` (extraResources, so the OS can open the help pages and
 * the dialogs can browse the samples). From a checkout: the repository and its build output.
 */
export function shippedPaths(where: {
  isPackaged: boolean
  resourcesPath: string
  devRoot: string
}): ShippedPaths {
  if (where.isPackaged) {
    const r = where.resourcesPath
    return { samples: join(r, 'samples'), docs: join(r, 'docs'), licenses: join(r, 'licenses') }
  }
  const d = where.devRoot
  return {
    samples: join(d, 'resources/samples'),
    docs: join(d, 'out/docs'),
    licenses: join(d, 'out/licenses'),
  }
}

/** The dataset the app opens when it is started without a file. */
export const SAMPLE_FILE = 'process-measurements.csv'

/** Help menu entries: the pages `packaging/app-docs.ts` renders from README.md and docs/*.md. */
export const HELP_PAGES = [
  { label: 'MLE Studio Help', page: 'index.html' },
  { label: 'Importing Data', page: 'import.html' },
  { label: 'Sessions and Reliability', page: 'reliability.html' },
  { label: 'Command Line (mle-fit)', page: 'cli.html' },
] as const

export const LICENSES_PAGE = 'third-party-licenses.html'

interface LicenseSummary {
  count: number
  /** Licence name -> number of libraries under it, most common first. */
  byLicense: [string, number][]
}

/** Counts the bundled libraries by licence from the build's licenses.json; null when it is missing. */
export async function readLicenseSummary(licensesDir: string): Promise<LicenseSummary | null> {
  try {
    const report = JSON.parse(await readFile(join(licensesDir, 'licenses.json'), 'utf8')) as {
      packages: { license: string }[]
    }
    const counts = new Map<string, number>()
    for (const p of report.packages) counts.set(p.license, (counts.get(p.license) ?? 0) + 1)
    return {
      count: report.packages.length,
      byLicense: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    }
  } catch {
    return null
  }
}

/** The About dialog's text: version, runtime versions and the bundled libraries' licences. */
export function aboutText(
  version: string,
  runtime: { electron?: string; chrome?: string; node?: string },
  licenses: LicenseSummary | null,
): { message: string; detail: string } {
  const libraries = licenses
    ? `It includes ${licenses.count} open-source libraries (` +
      licenses.byLicense.map(([name, n]) => `${n} ${name}`).join(', ') +
      '); their licences are under Help > Third-Party Licences.'
    : 'The list of bundled libraries was not generated with this build (run `npm run build`).'
  return {
    message: `MLE Studio ${version}`,
    detail:
      'Fits probability distributions and regression models by maximum likelihood.\n\n' +
      `Electron ${runtime.electron ?? '?'}, Chromium ${runtime.chrome ?? '?'}, Node.js ${runtime.node ?? '?'}.\n\n` +
      libraries,
  }
}
