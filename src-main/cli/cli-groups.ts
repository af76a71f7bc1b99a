import { basename } from 'node:path'
import type { DatasetInfo, GroupFitRequest, GroupFitResult, GroupTest } from '../../src-shared/contract'
import { rankFits } from '../../src-shared/ranking'
import type { CliArgs } from './cli-args'
import { cliFit, cliTable, type CliDocument, type CliFit } from './cli-output'

/** Asks the in-process engine the group fit (cli-main's `ask`). */
export type Ask = (body: { kind: 'fit-groups'; request: GroupFitRequest }) => Promise<GroupFitResult>

type GroupData = GroupFitResult['pooled']['data']

/** `mle-fit --by COLUMN --json`: each group's fits in the usual shape, the pooled fit and the tests. */
export interface CliGroupDocument {
  file: string
  column: string
  by: string
  data: CliDocument['data']
  weights?: CliDocument['weights']
  exclusions: CliDocument['exclusions']
  groups: {
    group: string
    data: GroupData
    fits: CliFit[]
    notApplicable: { dist: string; reason: string }[]
  }[]
  /** Groups with too few values to fit, left out of the pooled fit and the test. */
  skipped: GroupFitResult['skipped']
  pooled: { data: GroupData; fits: CliFit[]; notApplicable: { dist: string; reason: string }[] }
  /** Per family: the likelihood-ratio test of one distribution for every group. */
  test: Record<string, Omit<GroupTest, 'dist'>>
}

const ranked = (fits: GroupFitResult['pooled']['fits']) => rankFits(fits).map((r) => cliFit(r.fit, r))

export function cliGroupDocument(file: string, dataset: DatasetInfo, r: GroupFitResult): CliGroupDocument {
  const info = dataset.columns.find((c) => c.name === r.column)
  return {
    file,
    column: r.column,
    by: r.by,
    data: {
      rows: dataset.rows,
      used: r.pooled.data.used,
      missing: info?.missing ?? 0,
      nonNumeric: info?.nonNumeric ?? 0,
      ...(dataset.sheet === undefined ? {} : { sheet: dataset.sheet }),
    },
    ...(r.weights ? { weights: r.weights } : {}),
    exclusions: r.exclusions,
    groups: r.groups.map((g) => ({ ...g, fits: ranked(g.fits) })),
    skipped: r.skipped,
    pooled: { ...r.pooled, fits: ranked(r.pooled.fits) },
    test: Object.fromEntries(r.tests.map(({ dist, ...test }) => [dist, test])),
  }
}

/** The readable form: one block per group, then the pooled fit and the tests. */
export function cliGroupTable(doc: CliGroupDocument, fileName: string): string {
  const block = (
    title: string,
    part: { data: GroupData; fits: CliFit[]; notApplicable: CliDocument['notApplicable'] },
  ) => {
    const table = cliTable(
      {
        file: doc.file,
        column: doc.column,
        data: { ...doc.data, ...part.data },
        fits: part.fits,
        notApplicable: part.notApplicable,
      },
      fileName,
    )
    return `${title}\n${table.split('\n').slice(2).join('\n')}`
  }
  const lines = [
    `${fileName}, column "${doc.column}" by "${doc.by}": ${doc.groups.length} groups, ${doc.data.used} values used of ${doc.data.rows} rows`,
  ]
  if (doc.weights) lines.push(doc.weights.note)
  for (const e of doc.exclusions ?? []) lines.push(`Excluded ${e.rule}: ${e.rows} rows.`)
  for (const s of doc.skipped) lines.push(`Group "${s.group}" not fitted: ${s.reason}`)
  for (const g of doc.groups) lines.push('', block(`${doc.by} = ${g.group} (${g.data.used} values)`, g))
  lines.push('', block(`pooled (${doc.pooled.data.used} values)`, doc.pooled), '')
  for (const [dist, t] of Object.entries(doc.test)) lines.push(`${dist}: ${t.note}`)
  return lines.join('\n')
}

/**
 * Runs `--by`: one `fit-groups` request. Exit codes as for one column: 0 when every requested family was
 * fitted at a confirmed maximum in every group and pooled, 1 when a group was too small or a fit failed
 * or did not converge (the JSON is still printed), 2 for a request the engine refuses (one line on stderr).
 */
export async function runGroupFits(
  args: CliArgs,
  file: string,
  dataset: DatasetInfo,
  ask: Ask,
  io: { out(text: string): void; err(text: string): void },
): Promise<number> {
  let result: GroupFitResult
  try {
    result = await ask({
      kind: 'fit-groups',
      request: {
        column: args.column,
        by: args.by!,
        dists: args.dists,
        method: args.method,
        options: args.options,
        ...(Object.keys(args.fixed).length > 0 ? { fixed: args.fixed } : {}),
        trials: args.trials,
        threshold: args.threshold,
        bootstrap: args.bootstrap,
        weights: args.weights,
        range: args.range,
        ...(args.exclude.length > 0 ? { exclude: args.exclude } : {}),
      },
    })
  } catch (e) {
    io.err(`mle-fit: ${(e as Error).message}`)
    return 2
  }
  const doc = cliGroupDocument(file, dataset, result)
  io.out(args.json ? JSON.stringify(doc, null, 2) : cliGroupTable(doc, basename(file)))
  const parts = [...result.groups, result.pooled]
  const failed = args.dists !== 'all' && parts.some((p) => p.notApplicable.length > 0)
  const notConverged = parts.some((p) => p.fits.some((f) => !f.converged))
  // A group with no value left (all missing or excluded by a rule) had nothing to fit: not a failure.
  const tooSmall = result.skipped.some((g) => g.used > 0)
  return failed || notConverged || tooSmall ? 1 : 0
}
