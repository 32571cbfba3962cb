import { describe, expect, it } from 'vitest'
import type { Finding } from '../bindings/Finding'
import { feedbackPlace, feedbackTarget, sheetFor } from './feedbackPlace'

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'r',
  title: '合计=各部分之和',
  severity: 'error',
  message: '',
  expected: null,
  actual: null,
  ...over,
})

describe('where a finding of the bureau is shown', () => {
  it('a sheet and cell go to that cell of the tables', () => {
    const f = finding({ sheet: '表1', cell: 'E6' })
    expect(feedbackPlace(f)).toBe('表1 E6')
    expect(feedbackTarget(f)).toEqual({ kind: 'table', sheet: '表1', cell: 'E6' })
  })
  it('the data typed go to the data, a table named in the message to that table', () => {
    expect(feedbackTarget(finding({ sheet: '决算数据' }))).toEqual({ kind: 'data', problem: null })
    const named = finding({ message: '公开01表《收入支出决算总表》：支出总计为 100.00万元' })
    expect(feedbackTarget(named)).toEqual({ kind: 'table', sheet: '公开01表《收入支出决算总表》', cell: null })
    expect(sheetFor('公开01表《收入支出决算总表》', ['公开02表', '公开01表'])).toBe('公开01表')
  })
  it('a problem of the 决算数据 goes to its row and column of the data grid', () => {
    const f = finding({ sheet: '决算数据', table: '支出', row: '3', column: '金额', message: '第 3 行“金额”：支出金额不能为负数。' })
    expect(feedbackPlace(f)).toBe('决算数据 支出 第 3 行 · 金额')
    expect(feedbackTarget(f)).toEqual({
      kind: 'data',
      problem: { part: 'lines', row: 3, column: '金额', message: f.message },
    })
    const figure = finding({ sheet: '决算数据', table: '其他数字', column: '使用非财政拨款结余' })
    expect(feedbackPlace(figure)).toBe('决算数据 其他数字 · 使用非财政拨款结余')
    expect(feedbackTarget(figure)).toEqual({
      kind: 'data',
      problem: { part: 'figures', row: 0, column: '使用非财政拨款结余', message: '' },
    })
    expect(feedbackTarget(finding({ sheet: '决算数据', table: '别的', column: '金额' }))).toEqual({ kind: 'data', problem: null })
  })
  it('a finding that names no place is not a link', () => {
    expect(feedbackPlace(finding({ message: '未填写机构设置' }))).toBe('')
    expect(feedbackTarget(finding({}))).toBeNull()
  })
})
