/** The engine's "Reproduce this fit" table, for renderer tests (the renderer gets it through DistributionInfo). */
export { FAMILY_CODE } from '../../src-main/engine/distributions/family-code'
