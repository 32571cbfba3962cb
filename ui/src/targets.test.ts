import { describe, expect, it } from 'vitest'
import { newProjectTargets, weightTotal } from './targets'
import { targetIndicators, targetRows, targetSpec } from './grid/indicators'
import { History } from './grid/history'
import { pasteEdits } from './grid/operations'
import { parseTsv } from './grid/tsv'

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

  it('reads indicators pasted from Excel into the grid, operators in their ASCII forms too', () => {
    const rows = targetRows([], 0)
    const block = parseTsv('产出指标\t数量指标\t慰问企业数量★\t>=\t3\t家\t20\n满意度\t服务对象满意度指标\t满意度\t\t≥90\t%\t10\n')
    pasteEdits(targetSpec, rows, block, 0, 0).edits.forEach((e) => new History().commit(rows, e))
    const indicators = targetIndicators(rows, [])
    expect(indicators).toHaveLength(2)
    expect(indicators[0]).toMatchObject({ name: '慰问企业数量', core: true, operator: '≥', value: '3', unit: '家', weight: '20' })
    expect(indicators[1]).toMatchObject({ level1: '满意度指标', operator: '≥', value: '90' })
  })

  it('marks a bad operator or weight at its cell and keeps it out of the indicator', () => {
    const rows = targetRows([], 0)
    const block = parseTsv('产出指标\t数量指标\t宣传次数\t约\t3\t次\t2o\n')
    const { bad } = pasteEdits(targetSpec, rows, block, 0, 0)
    expect(bad.map((b) => b.key)).toEqual(['operator', 'weight'])
  })
})
