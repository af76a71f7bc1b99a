import * as v from 'valibot'
import { Count, List, Name, Text } from './primitives'

/** Data rows are 1-based, as the preview and every message number them. */
const Row = v.pipe(Count(Number.MAX_SAFE_INTEGER), v.minValue(1))

/**
 * An exclusion rule (MATLAB's term) besides the value range: rows chosen by number (inclusive spans
 * [from, to], e.g. rows 3 and 7-9 are [[3, 3], [7, 9]]), or the rows where another column holds a value.
 */
export const ExclusionRuleSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('rows'), rows: List(v.strictTuple([Row, Row]), 10_000, 1) }),
  v.strictObject({ kind: v.literal('category'), column: Name, value: Text }),
])

/** The rules of one fit, in the order they are applied (after the value range). */
export const ExclusionRulesSchema = List(ExclusionRuleSchema, 100)
