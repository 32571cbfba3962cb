import { describe, expect, it } from 'vitest'
import { formatAmount, parseAmount, sumAmounts } from './amount'
import { History } from './history'
import { arrangeByHeader, emptyRow, fromLineSet, lineSpec, normalizeCell, toLineSet, type GridRow } from './lines'
import vocabulary from '../bindings/vocabulary.json'
import { clearEdit, fillDownEdit, pasteEdits } from './operations'
import { rowActions } from './rowActions'
import { parseTsv, toTsv } from './tsv'

describe('parseTsv', () => {
  it('reads Excel rows, CRLF and a trailing newline', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
  })

  it('keeps quoted tabs, line breaks and doubled quotes inside one cell', () => {
    expect(parseTsv('"1,234.50"\t"他说""好""\n第二行"\tx')).toEqual([['1,234.50', '他说"好"\n第二行', 'x']])
  })

  it('keeps empty cells', () => {
    expect(parseTsv('\t\tx\n')).toEqual([['', '', 'x']])
    expect(toTsv([['a\tb', 'c']])).toBe('"a\tb"\tc')
  })
})

describe('amounts', () => {
  it('parses as typed, rounding half away from zero', () => {
    expect(parseAmount('1,234.5')).toEqual({ ok: true, value: '1234.50' })
    expect(parseAmount('１２３４．５６')).toEqual({ ok: true, value: '1234.56' })
    expect(parseAmount('0.005')).toEqual({ ok: true, value: '0.01' })
    expect(parseAmount('2.675')).toEqual({ ok: true, value: '2.68' })
    expect(parseAmount('9.995')).toEqual({ ok: true, value: '10.00' })
    expect(parseAmount('0.004')).toEqual({ ok: true, value: '0.00' })
    expect(parseAmount('（12）')).toEqual({ ok: true, value: '-12.00' })
    expect(parseAmount('—')).toEqual({ ok: true, value: '' })
    expect(parseAmount('12万元')).toEqual({ ok: true, value: '12.00' })
    expect(parseAmount('abc').ok).toBe(false)
    expect(parseAmount('1.2.3').ok).toBe(false)
  })

  it('formats with 千分位 and sums exactly', () => {
    expect(formatAmount('1234567.8')).toBe('1,234,567.80')
    expect(formatAmount('-0.5')).toBe('-0.50')
    expect(sumAmounts(['0.1', '0.2', '0.30'])).toBe('0.60')
    expect(sumAmounts(['842.07', '-842.07'])).toBe('0.00')
  })
})

describe('cells', () => {
  it('accepts codes with names and the variants budget systems print', () => {
    expect(normalizeCell('function_code', '2010301 行政运行')).toEqual({ value: '2010301' })
    expect(normalizeCell('function_code', '20103').error).toContain('项级')
    expect(normalizeCell('economic_code', '[30101]基本工资')).toEqual({ value: '30101' })
    expect(normalizeCell('source', '一般公共预算拨款')).toEqual({ value: '一般公共预算' })
    expect(normalizeCell('spending', '项目')).toEqual({ value: '项目支出' })
    expect(normalizeCell('carried_over', '√')).toEqual({ value: '是' })
    expect(normalizeCell('source', '上级补助').error).toBeTruthy()
  })
})

const LINES = lineSpec(new CodeBook({ year: 2024, function: [], economic: [] }, []))

function rows(n: number): GridRow[] {
  return Array.from({ length: n }, emptyRow)
}

describe('paste, fill down and undo', () => {
  it('pastes a block, growing the grid, reporting bad cells but keeping them', () => {
    const grid = rows(1)
    const history = new History()
    const block = parseTsv('2010301\t30101\t一般公共预算\t人员经费\t\t"1,000.00"\t否\n2010302\t3010x\t基金\t人员\t\tabc\t否\n')
    const { edits, bad } = pasteEdits(LINES, grid, block, 0, 0)
    edits.forEach((e) => history.commit(grid, e))
    expect(grid).toHaveLength(2)
    expect(grid[0].amount).toBe('1000.00')
    expect(grid[1].source).toBe('政府性基金')
    expect(bad.map((b) => `${b.row}:${b.key}`)).toEqual(['1:economic_code', '1:amount'])
    expect(grid[1].amount).toBe('abc')

    history.undo(grid)
    expect(grid[1].amount).toBe('')
    history.undo(grid)
    expect(grid).toHaveLength(1)
    history.redo(grid)
    history.redo(grid)
    expect(grid[1].amount).toBe('abc')
  })

  it('pastes no further right than the last column', () => {
    const grid = rows(1)
    const { edits } = pasteEdits(LINES, grid, [['a', 'b', 'c']], 0, 6)
    const cells = edits.find((e) => e.kind === 'cells')
    expect(cells && cells.kind === 'cells' && cells.cells.map((c) => c.key)).toEqual(['carried_over', 'note'])
  })

  it('fills down and clears as single undoable edits', () => {
    const grid = rows(4)
    grid[0].source = '一般公共预算'
    const history = new History()
    history.commit(grid, fillDownEdit(grid, 0, 3, ['source']))
    expect(grid.map((r) => r.source)).toEqual(Array(4).fill('一般公共预算'))
    history.commit(grid, clearEdit(grid, 1, 2, ['source']))
    expect(grid.map((r) => r.source)).toEqual(['一般公共预算', '', '', '一般公共预算'])
    history.undo(grid)
    history.undo(grid)
    expect(grid.map((r) => r.source)).toEqual(['一般公共预算', '', '', ''])
    expect(history.canRedo).toBe(true)
  })
})

describe('toLineSet', () => {
  it('skips blank rows and names every bad or missing cell', () => {
    const grid = rows(3)
    Object.assign(grid[0], { function_code: '2010301', economic_code: '30101', source: '一般公共预算', spending: '人员经费', amount: '98.48' })
    Object.assign(grid[2], { function_code: '2010301', amount: 'x' })
    const { set, problems } = toLineSet(grid, [])
    expect(set.lines).toHaveLength(1)
    expect(set.lines[0]).toMatchObject({ carried_over: false, project_code: null, amount: '98.48' })
    expect(problems.map((p) => `${p.row}:${p.key}`)).toEqual([
      '2:amount',
      '2:economic_code',
      '2:source',
      '2:spending',
    ])
    const back = fromLineSet(set)
    expect(back[0].carried_over).toBe('否')
  })
})

import { CodeBook } from './catalog'

describe('CodeBook', () => {
  const book = new CodeBook(
    {
      year: 2024,
      function: [
        { code: '201', name: '一般公共服务支出', level: '类' },
        { code: '2010301', name: '行政运行', level: '项' },
        { code: '2010350', name: '事业运行', level: '项' },
      ],
      economic: [{ code: '30217', name: '公务接待费', level: '款' }],
    },
    [{ code: 'P1', name: '政务服务保障', category: '特定目标类' }],
  )

  it('describes codes with their names', () => {
    expect(book.describe('function_code', '2010301')).toBe('2010301 行政运行')
    expect(book.describe('project_code', 'P1')).toBe('P1 政务服务保障')
    expect(book.describe('economic_code', '39999')).toBe('39999')
  })

  it('suggests 项 by code prefix or part of the name, never a 类', () => {
    expect(book.suggest('function_code', '2010').map((s) => s.value)).toEqual(['2010301', '2010350'])
    expect(book.suggest('function_code', '事业').map((s) => s.value)).toEqual(['2010350'])
    expect(book.suggest('economic_code', '接待')[0].label).toBe('30217 公务接待费')
    expect(book.known('function_code', '201')).toBe(false)
  })
})

describe('the words the import reads', () => {
  it('the grid accepts every fund source and spending type the import accepts', () => {
    for (const [alias, label] of Object.entries(vocabulary.lines.fund_source_aliases)) {
      expect(normalizeCell('source', alias)).toEqual({ value: label })
    }
    for (const label of vocabulary.lines.fund_sources) {
      expect(normalizeCell('source', `${label}拨款`)).toEqual({ value: label })
    }
    for (const [alias, label] of Object.entries(vocabulary.lines.spending_type_aliases)) {
      expect(normalizeCell('spending', alias)).toEqual({ value: label })
    }
    for (const word of vocabulary.lines.carried_over_yes) expect(normalizeCell('carried_over', word).value).toBe('是')
    // the spellings a user found refused by the grid and accepted by the import
    expect(normalizeCell('source', '一般预算')).toEqual({ value: '一般公共预算' })
    expect(normalizeCell('source', '专户')).toEqual({ value: '财政专户' })
  })
})

describe('paste with a header row', () => {
  it('matches columns by name in any order and drops the header', () => {
    const block = parseTsv('金额（万元）\t项目名称\t功能分类科目编码\t支出类型\t资金性质\t经济分类科目编码\n12.50\t\t2010301\t人员经费\t一般公共预算\t30101\n')
    const arranged = arrangeByHeader(block)
    expect(arranged.header).toBe(true)
    expect(arranged.yuan).toBe(false)
    const grid = rows(1)
    pasteEdits(LINES, grid, arranged.block, 0, 0).edits.forEach((e) => new History().commit(grid, e))
    expect(grid[0]).toMatchObject({
      function_code: '2010301',
      economic_code: '30101',
      source: '一般公共预算',
      spending: '人员经费',
      amount: '12.50',
    })
  })

  it('leaves a block without a header as it is, and says when amounts are in 元', () => {
    const plain = parseTsv('2010301\t30101\t一般公共预算\t人员经费\t\t12.50\n')
    expect(arrangeByHeader(plain)).toEqual({ block: plain, header: false, yuan: false })
    expect(arrangeByHeader(parseTsv('功能分类\t经济分类\t金额（元）\n2010301\t30101\t125000\n')).yuan).toBe(true)
  })
})

describe('row actions of a grid editor', () => {
  it('append, remove the selection, undo and redo, each telling the editor once', () => {
    const grid = rows(3)
    grid[1].note = 'b'
    let changes = 0
    let history = new History()
    const selection = { activeRow: () => 1, selectedRows: () => [1, 1] as const }
    const act = rowActions(grid, () => history, () => selection, emptyRow, () => changes++)
    act.appendRow()
    expect(grid).toHaveLength(4)
    act.removeSelected()
    expect(grid.map((r) => r.note)).toEqual(['', '', ''])
    act.undo()
    expect(grid[1].note).toBe('b')
    act.redo()
    expect(grid).toHaveLength(3)
    expect(changes).toBe(4)
    history = new History()
    act.undo()
    expect(changes).toBe(4)
  })
})
