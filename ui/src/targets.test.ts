import { describe, expect, it } from 'vitest'
import { indicatorsFromTsv, newProjectTargets, weightTotal } from './targets'

describe('targets helpers', () => {
  it('adds weights exactly', () => {
    const p = newProjectTargets('P1', '甲', '10.00')
    p.indicators[0].weight = '30'
    p.indicators[1].weight = '29.5'
    p.indicators[2].weight = '30.5'
    expect(weightTotal(p.indicators)).toBe('90')
    p.indicators[2].weight = '30.25'
    expect(weightTotal(p.indicators)).toBe('89.75')
  })

  it('reads indicators pasted from Excel, operators in their ASCII forms too', () => {
    const rows = indicatorsFromTsv('产出指标\t数量指标\t慰问企业数量★\t>=\t3\t家\t20\n满意度指标\t服务对象满意度指标\t满意度\t约\t90\t%\t10\n')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ name: '慰问企业数量', core: true, operator: '≥', value: '3', unit: '家', weight: '20' })
    expect(rows[1]).toMatchObject({ operator: null, verbatim: '约90%' })
  })
})
