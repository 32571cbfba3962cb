import { describe, expect, it } from 'vitest'
import { errorTone } from './status'

describe('errorTone', () => {
  it('says a locked file or a busy database as a warning to try again, anything else as an error', () => {
    expect(errorTone('file_in_use')).toBe('warning')
    expect(errorTone('database_busy')).toBe('warning')
    expect(errorTone('corrupt_workbook')).toBe('error')
    expect(errorTone('internal')).toBe('error')
    expect(errorTone('io')).toBe('error')
  })
})
