import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ImportSettingsSchema } from './dataset'

describe('import settings', () => {
  it('keeps a spreadsheet sheet and header row (sessions restore them), refuses nonsense', () => {
    expect(v.parse(ImportSettingsSchema, { sheet: 'Eruptions', headerRow: 4 })).toEqual({
      sheet: 'Eruptions',
      headerRow: 4,
    })
    expect(v.safeParse(ImportSettingsSchema, { headerRow: -1 }).success).toBe(false)
    expect(v.safeParse(ImportSettingsSchema, { headerRow: 1.5 }).success).toBe(false)
    expect(v.safeParse(ImportSettingsSchema, { sheet: 3 }).success).toBe(false)
  })
})
