import { describe, expect, it } from 'vitest'
import { fillTotals, moneyField, newEvaluation } from './evaluation'

describe('self-evaluation helpers', () => {
  it('reads amount fields as exact strings, blank as null', () => {
    expect(moneyField('244.23')).toEqual({ value: '244.23' })
    expect(moneyField('1,000')).toEqual({ value: '1000.00' })
    expect(moneyField('')).toEqual({ value: null })
    expect(moneyField('二百')).toHaveProperty('error')
  })

  it('fills a blank 年度资金总额 from its parts, exactly', () => {
    const e = newEvaluation(2023, '色尼区经济和信息化局')
    e.funds.current_appropriation = { initial_budget: '244.23', full_year_budget: '0.1', executed: null }
    e.funds.carried_over = { initial_budget: '0.77', full_year_budget: '0.2', executed: null }
    e.funds.total.initial_budget = '300.00'
    const filled = fillTotals(e.funds)
    expect(filled.total).toEqual({ initial_budget: '300.00', full_year_budget: '0.30', executed: null })
  })

  it('starts a new evaluation with one indicator of each required level', () => {
    const e = newEvaluation(2023, '甲')
    expect(e.indicators.map((i) => i.level1)).toEqual(['产出指标', '效益指标', '满意度指标'])
    expect(e.department).toBe('甲')
  })
})
