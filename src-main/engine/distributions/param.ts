import type { ParamDomain, ParamSpec } from './types'

/** A parameter in one line: contract name (`sigma`), display symbol (`σ`) and domain. */
export function param(name: string, symbol: string, domain: ParamDomain): ParamSpec {
  return { name, symbol, domain }
}
