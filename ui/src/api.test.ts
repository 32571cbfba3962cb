import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { AppError, INTERNAL_MESSAGE, api, toAppError } from './api'

afterEach(() => clearMocks())

describe('api', () => {
  it('sends camelCase arguments the commands expect', async () => {
    const calls: Array<[string, unknown]> = []
    mockIPC((cmd, args) => {
      calls.push([cmd, args])
      return { id: 7, unit_id: 3, year: 2024, kind: '预算', template: 'county-11' }
    })
    const d = await api.createDisclosure(3, 2024, '预算')
    expect(d.id).toBe(7)
    expect(calls).toEqual([['create_disclosure', { unitId: 3, year: 2024, kind: '预算' }]])
  })

  it('turns a backend {code, message} into an AppError with the Chinese message', async () => {
    mockIPC(() => {
      throw { code: 'conflict', message: '单位编码“001”已被“甲”使用，请换一个编码。' }
    })
    const err = await api.createUnit({ name: '乙', code: '001', unit_type: '行政', parent_id: null }).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err.code).toBe('conflict')
    expect(err.message).toContain('已被“甲”使用')
  })
})

describe('toAppError', () => {
  it('never shows the raw text of an unexpected error, only a Chinese message', () => {
    const quiet = console.error
    console.error = () => undefined
    try {
      const ipc = toAppError('invalid args `evaluation` for command `score_evaluation`: invalid value: string ""')
      expect(ipc.code).toBe('internal')
      expect(ipc.message).toBe(INTERNAL_MESSAGE)
      expect(ipc.message).not.toMatch(/invalid|score_evaluation|[A-Za-z]{4,}/)
      expect(toAppError(new Error('x')).message).toBe(INTERNAL_MESSAGE)
      expect(toAppError(undefined).code).toBe('internal')
    } finally {
      console.error = quiet
    }
  })
})
