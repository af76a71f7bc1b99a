/** Column names from a header row plus notes on what was renamed. */
export interface HeaderNames {
  names: string[]
  warnings: string[]
}

/**
 * Unique column names for `count` columns: trimmed header cells; empty or absent ones become
 * `column N` (N 1-based position); repeated names get `_2`, `_3`, ... (skipping names already taken).
 * Says which columns were renamed.
 */
export function headerNames(header: readonly string[], count: number): HeaderNames {
  const names: string[] = []
  const taken = new Set<string>()
  const empty: number[] = []
  const renamed: string[] = []
  const bases = Array.from({ length: count }, (_, i) => (header[i] ?? '').trim().replace(/^\uFEFF/, ''))
  for (const b of bases) if (b !== '') taken.add(b)
  const used = new Set<string>()
  for (let i = 0; i < count; i++) {
    let name = bases[i]
    if (name === '') {
      if (i < header.length) empty.push(i + 1)
      name = `column ${i + 1}`
      for (let k = 2; taken.has(name) || used.has(name); k++) name = `column ${i + 1}_${k}`
    } else if (used.has(name)) {
      let k = 2
      while (taken.has(`${name}_${k}`) || used.has(`${name}_${k}`)) k++
      renamed.push(`"${name}" in column ${i + 1} became "${name}_${k}"`)
      name = `${name}_${k}`
    }
    used.add(name)
    names.push(name)
  }
  const warnings: string[] = []
  if (empty.length > 0) {
    const list = empty.slice(0, 10).map((c) => `"${names[c - 1]}"`)
    warnings.push(
      `The header has ${empty.length} empty name${empty.length === 1 ? '' : 's'}; named ${list.join(', ')}${empty.length > 10 ? ', ...' : ''}.`,
    )
  }
  if (renamed.length > 0) {
    warnings.push(
      `The header repeats ${renamed.length === 1 ? 'a name' : 'names'}; renamed: ${renamed.slice(0, 10).join('; ')}${renamed.length > 10 ? '; ...' : ''}.`,
    )
  }
  return { names, warnings }
}
