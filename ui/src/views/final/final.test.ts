import { describe, expect, it } from 'vitest'
import { classBars } from './classBars'
import { tableOf } from './findings'
import type { Finding } from '../../bindings/Finding'

const finding = (message: string, sheet?: string): Finding => ({
  rule: 'f1_total',
  title: '合计=各部分之和',
  severity: 'error',
  message,
  expected: null,
  actual: null,
  sheet,
})

describe('the 审核 list', () => {
  it('names the table from the sheet or from the message', () => {
    expect(tableOf(finding('公开01表《收入支出决算总表》中本年收入合计应为……'))).toBe('公开01表《收入支出决算总表》')
    expect(tableOf(finding('“2010301 行政运行”的合计与《支出决算表》不符'))).toBe('《支出决算表》')
    expect(tableOf(finding('x', '表1'))).toBe('表1')
    expect(tableOf(finding('年初结转和结余与上年年末不符'))).toBe('')
  })
})

describe('the chart of 预决算对比', () => {
  it('sums the 项 per 类 with the 类 names, leaving 合计 out', () => {
    const line = (code: string, budget: string | null, actual: string) => ({
      code,
      name: '',
      budget,
      actual,
      rate: null,
      wording: '',
    })
    const bars = classBars(
      [line('2080501', '10.00', '9.50'), line('2010301', '100.00', '96.84'), line('2010350', null, '1.16'), line('', '110', '107.5')],
      [
        { code: '201', name: '一般公共服务支出', level: '类' },
        { code: '20103', name: '政府办公厅（室）及相关机构事务', level: '款' },
      ],
    )
    expect(bars).toEqual([
      { code: '201', name: '一般公共服务支出', budget: 100, actual: 98 },
      { code: '208', name: '', budget: 10, actual: 9.5 },
    ])
  })
})
