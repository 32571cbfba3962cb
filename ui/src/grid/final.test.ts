import { describe, expect, it } from 'vitest'
import { formatExactAmount, parseExactAmount, sumExactAmounts } from './amount'
import { CodeBook } from './catalog'
import {
  arrangeByHeader,
  emptyRowOf,
  finalSpec,
  fromFinalData,
  locateProblem,
  normalizeFinalCell,
  openingEdit,
  partTotals,
  toFinalData,
  type FinalRows,
} from './final'
import { History } from './history'
import { pasteEdits } from './operations'
import type { FinalData } from '../bindings/FinalData'

const DATA: FinalData = {
  lines: [
    {
      function_code: '2010301',
      economic_code: '30101',
      source: 'general_grant',
      kind: 'basic',
      amount: '60.005',
      project: null,
    },
    {
      function_code: '2010350',
      economic_code: '30227',
      source: 'upper_subsidy',
      kind: 'project',
      amount: '12.50',
      project: '信息化建设',
    },
  ],
  incomes: [{ function_code: '2010301', source: 'general_grant', amount: '60.005' }],
  carry_overs: [{ fund: 'non_fiscal', function_code: '2010350', opening: '2.00', closing: '1.50' }],
  use_of_non_fiscal_balance: '0.30',
  distribution: '0.20',
  three_public_budget: { outbound: '0.00', vehicle_purchase: '0.00', vehicle_operation: '3.10', reception: '2.85' },
}

const blankFigures = {
  use_of_non_fiscal_balance: '',
  distribution: '',
  outbound: '',
  vehicle_purchase: '',
  vehicle_operation: '',
  reception: '',
}

describe('exact amounts', () => {
  it('keeps every digit down to the 分 and reads 元 as 元', () => {
    expect(parseExactAmount('60.005')).toEqual({ ok: true, value: '60.005' })
    expect(parseExactAmount('1,234.5')).toEqual({ ok: true, value: '1234.50' })
    expect(parseExactAmount('60.00500')).toEqual({ ok: true, value: '60.005' })
    expect(parseExactAmount('1234.56元')).toEqual({ ok: true, value: '0.123456' })
    expect(parseExactAmount('12元')).toEqual({ ok: true, value: '0.0012' })
    expect(parseExactAmount('12万元')).toEqual({ ok: true, value: '12.00' })
    expect(parseExactAmount('（0.5）')).toEqual({ ok: true, value: '-0.50' })
    expect(parseExactAmount('-0')).toEqual({ ok: true, value: '0.00' })
    expect(parseExactAmount('')).toEqual({ ok: true, value: '' })
    expect(parseExactAmount('0.0000001').ok).toBe(false)
    expect(parseExactAmount('1.2.3').ok).toBe(false)
  })

  it('sums in 分 and formats with 千分位', () => {
    expect(sumExactAmounts(['0.1', '0.2', '0.000001'])).toBe('0.300001')
    expect(sumExactAmounts(['842.07', '-842.07', 'abc'])).toBe('0.00')
    expect(formatExactAmount('1234567.005')).toBe('1,234,567.005')
    expect(formatExactAmount('-0.5')).toBe('-0.50')
  })
})

describe('final cells', () => {
  it('reads the labels Rust gives and their short forms', () => {
    expect(normalizeFinalCell('source', '一般公共预算')).toEqual({ value: '一般公共预算财政拨款收入' })
    expect(normalizeFinalCell('source', '政府性基金预算拨款')).toEqual({ value: '政府性基金预算财政拨款收入' })
    expect(normalizeFinalCell('source', '上级补助')).toEqual({ value: '上级补助收入' })
    expect(normalizeFinalCell('source', '财政专户').error).toContain('资金来源应为')
    expect(normalizeFinalCell('kind', '项目')).toEqual({ value: '项目支出' })
    expect(normalizeFinalCell('kind', '人员经费')).toEqual({ value: '基本支出' })
    expect(normalizeFinalCell('kind', '附属单位补助')).toEqual({ value: '对附属单位补助支出' })
    expect(normalizeFinalCell('fund', '非财政')).toEqual({ value: '非财政拨款' })
    expect(normalizeFinalCell('fund', '一般公共预算')).toEqual({ value: '一般公共预算财政拨款' })
    expect(normalizeFinalCell('function_code', '2010301 行政运行')).toEqual({ value: '2010301' })
    expect(normalizeFinalCell('economic_code', '301').error).toContain('5位')
    expect(normalizeFinalCell('opening', '1,000.1')).toEqual({ value: '1000.10' })
  })
})

describe('rows and FinalData', () => {
  it('round-trips, with labels shown and ids saved', () => {
    const rows = fromFinalData(DATA)
    expect(rows.lines[0]).toEqual({
      function_code: '2010301',
      economic_code: '30101',
      source: '一般公共预算财政拨款收入',
      kind: '基本支出',
      amount: '60.005',
      project: '',
    })
    expect(rows.carry_overs[0].fund).toBe('非财政拨款')
    expect(rows.figures.reception).toBe('2.85')
    // blank rows between are skipped
    rows.lines.splice(1, 0, emptyRowOf('lines'))
    const { data, problems } = toFinalData(rows)
    expect(problems).toEqual([])
    expect(data).toEqual(DATA)
  })

  it('names every cell that stops saving, by its grid row', () => {
    const rows: FinalRows = {
      lines: [
        emptyRowOf('lines'),
        { function_code: '2010301', economic_code: '', source: '一般', kind: '基本', amount: 'x', project: '' },
      ],
      incomes: [],
      carry_overs: [{ fund: '非财政', function_code: '2010301', opening: '', closing: '1' }],
      figures: { ...blankFigures, reception: 'abc' },
    }
    const { data, problems } = toFinalData(rows)
    expect(problems.map((p) => `${p.part}:${p.row}:${p.key}`)).toEqual([
      'lines:1:economic_code',
      'lines:1:source',
      'lines:1:amount',
      'figures:0:reception',
    ])
    expect(problems[0].message).toBe('必填')
    // a blank 年初 is zero
    expect(data.carry_overs).toEqual([{ fund: 'non_fiscal', function_code: '2010301', opening: '0.00', closing: '1.00' }])
    expect(data.use_of_non_fiscal_balance).toBe('0.00')
  })

  it('puts a problem the backend found on its grid cell', () => {
    const rows = fromFinalData(DATA)
    rows.lines.unshift(emptyRowOf('lines'))
    expect(locateProblem({ part: 'lines', row: 2, column: '经济分类', message: 'm' }, rows)).toEqual({
      part: 'lines',
      row: 2,
      key: 'economic_code',
      message: 'm',
    })
    expect(locateProblem({ part: 'carry_overs', row: 1, column: '年末结转和结余', message: 'm' }, rows)?.key).toBe('closing')
    expect(locateProblem({ part: 'figures', row: 0, column: '公务接待费预算数', message: 'm' }, rows)?.key).toBe('reception')
    expect(locateProblem({ part: 'figures', row: 0, column: '使用非财政拨款结余', message: 'm' }, rows)?.key).toBe(
      'use_of_non_fiscal_balance',
    )
    expect(locateProblem({ part: 'balance', row: 0, column: '非财政拨款', message: 'm' }, rows)).toBeNull()
  })

  it('totals per amount column, per kind and 财政拨款', () => {
    const rows = fromFinalData(DATA)
    const t = partTotals('lines', rows.lines)
    expect(t.count).toBe(2)
    expect(t.sums.amount).toBe('72.505')
    expect(t.sums.basic).toBe('60.005')
    expect(t.sums.project).toBe('12.50')
    expect(t.sums.fiscal).toBe('60.005')
    expect(partTotals('carry_overs', rows.carry_overs).sums).toEqual({ opening: '2.00', closing: '1.50' })
  })
})

describe('paste with a header', () => {
  it('rearranges columns by name, drops name columns, reads 元', () => {
    const block = [
      ['金额（元）', '支出类型', '功能分类科目名称', '功能分类科目编码', '资金性质', '经济分类科目编码'],
      ['12,345.67', '项目', '行政运行', '2010301', '一般公共预算', '30201'],
    ]
    const { block: arranged, header } = arrangeByHeader('lines', block)
    expect(header).toBe(true)
    expect(arranged).toEqual([['2010301', '30201', '一般公共预算', '项目', '12,345.67元', '']])
    const spec = finalSpec('lines', new CodeBook({ year: 2024, function: [], economic: [] }, []))
    const rows = [emptyRowOf('lines')]
    const { edits, bad } = pasteEdits(spec, rows, arranged, 0, 0)
    expect(bad).toEqual([])
    const cells = edits.flatMap((e) => (e.kind === 'cells' ? e.cells : []))
    expect(Object.fromEntries(cells.map((c) => [c.key, c.after]))).toMatchObject({
      source: '一般公共预算财政拨款收入',
      kind: '项目支出',
      amount: '1.234567',
    })
  })

  it('reads the carry-over header in any order', () => {
    const { block } = arrangeByHeader('carry_overs', [
      ['年末结转和结余', '功能分类', '年初结转和结余', '资金性质'],
      ['1', '2010301', '2', '非财政拨款'],
    ])
    expect(block).toEqual([['非财政拨款', '2010301', '2', '1']])
  })

  it('leaves a block without a header as it is', () => {
    const block = [['2010301', '一般公共预算', '5']]
    expect(arrangeByHeader('incomes', block)).toEqual({ block, header: false })
  })
})

describe('openingEdit (从上年决算带入年初)', () => {
  const row = (fund: string, function_code: string, opening: string, closing: string) => ({ fund, function_code, opening, closing })
  const grid = () => [
    row('一般公共预算财政拨款', '2010301', '1.00', '2.50'),
    row('非财政拨款', '2050201', '3.00', '4.00'),
    emptyRowOf('carry_overs'),
  ]
  const brought = [
    { fund: 'general' as const, function_code: '2010301', opening: '7.25', closing: '0.00' },
    { fund: 'government_fund' as const, function_code: '2120501', opening: '5.00', closing: '0.00' },
    { fund: 'non_fiscal' as const, function_code: '2080501', opening: '0.50', closing: '0.00' },
  ]

  it('replaces the 年初 of the same 资金 and 功能分类, keeps other rows, adds the rest as one undoable edit', () => {
    const rows = grid()
    const { edit, extra, replaced, added } = openingEdit(rows, brought)
    expect({ extra, replaced, added }).toEqual({ extra: 1, replaced: 1, added: 2 })
    for (let i = 0; i < extra; i++) rows.push(emptyRowOf('carry_overs'))
    const history = new History()
    expect(history.commit(rows, edit)).toBe(true)
    expect(rows).toEqual([
      row('一般公共预算财政拨款', '2010301', '7.25', '2.50'),
      row('非财政拨款', '2050201', '3.00', '4.00'),
      row('政府性基金预算财政拨款', '2120501', '5.00', '0.00'),
      row('非财政拨款', '2080501', '0.50', '0.00'),
    ])
    history.undo(rows)
    expect(rows.slice(0, 3)).toEqual(grid())
    expect(rows[3]).toEqual(emptyRowOf('carry_overs'))
  })

  it('changes nothing when last year left nothing', () => {
    const rows = grid()
    const { edit, added, replaced } = openingEdit(rows, [])
    expect(added + replaced).toBe(0)
    expect(new History().commit(rows, edit)).toBe(false)
  })
})
