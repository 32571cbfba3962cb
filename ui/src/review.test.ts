import { describe, expect, it } from 'vitest'
import {
  columnLetter,
  firstSheet,
  mergeReviewed,
  parseA1,
  ruleTitle,
  sheetTabs,
  tableName,
  tableSummary,
  totals,
  reviewablePaths,
  pdfPlace,
  firstPage,
} from './review'
import type { ReviewedFile } from './bindings/ReviewedFile'
import type { Finding } from './bindings/Finding'

function file(name: string, over: Partial<ReviewedFile> = {}): ReviewedFile {
  return {
    file: `/data/${name}`,
    file_name: name,
    content_hash: '00',
    kind: 'budget_tables',
    unit: '若羌县人民政府办公室',
    year: 2024,
    template: 'county-11',
    tables: [
      {
        id: 'T10',
        sheet: '表8',
        title: '财政拨款“三公”经费支出情况表',
        label: '表8',
        name: '表8 财政拨款“三公”经费支出情况表',
        cell: 'A1',
        empty: false,
      },
      {
        id: 'T1',
        sheet: '收支总表',
        title: '部门收支总体情况表',
        label: '表1',
        name: '表1 部门收支总体情况表',
        cell: 'A1',
        empty: false,
      },
      { id: 'T3', sheet: 'Sheet3', title: '部门支出总体情况表', label: null, name: '', cell: 'A1', empty: false },
    ],
    sheets: ['封面', '表8', '收支总表', 'Sheet3', '项目绩效目标'],
    unrecognised_sheets: ['封面'],
    projects: [],
    findings: [],
    error: null,
    error_count: 0,
    warning_count: 0,
    ...over,
  }
}

const error: Finding = {
  rule: 't3_row_total',
  title: '合计=各部分之和',
  severity: 'error',
  message: '合计不等于基本支出与项目支出之和',
  expected: '683.70',
  actual: '683.71',
  sheet: '表3',
  cell: 'E9',
}

describe('review helpers', () => {
  it('names tables by the number and title printed, never by internal id', () => {
    const summary = tableSummary(file('a.xlsx'))
    expect(summary).toBe('表8、表1、部门支出总体情况表')
    expect(summary).not.toMatch(/T\d/)
    const [t10, , t3] = file('a.xlsx').tables
    expect(tableName(t10)).toBe('表8 财政拨款“三公”经费支出情况表')
    expect(tableName(t3)).toBe('部门支出总体情况表')
  })

  it('shows a rule by its Chinese name', () => {
    expect(ruleTitle(error)).toBe('合计=各部分之和')
    expect(ruleTitle({ ...error, title: '' })).toBe('审核规则')
  })

  it('replaces a reopened file and appends new ones', () => {
    const a = file('a.xlsx')
    const b = file('b.xlsx')
    const a2 = file('a.xlsx', { error_count: 3 })
    const merged = mergeReviewed([a, b], [a2, file('c.xlsx')])
    expect(merged.map((f) => f.file_name)).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx'])
    expect(merged[0].error_count).toBe(3)
  })

  it('keeps only workbook and PDF paths from a drop', () => {
    expect(reviewablePaths(['/x/a.XLSX', '/x/b.xls', '/x/c.pdf', '/x/d.txt', '/x/xlsx'])).toEqual([
      '/x/a.XLSX',
      '/x/b.xls',
      '/x/c.pdf',
    ])
  })

  it('places a PDF finding by row and column, or by its quote, and opens at its page', () => {
    const cellFinding = { ...error, sheet: '第16页', page: 16, row: '302 商品和服务支出', column: '决算数' }
    const quoted = { ...error, sheet: undefined, cell: undefined, page: 24, quote: '人员经费4896.98万元' }
    expect(pdfPlace(cellFinding)).toBe('302 商品和服务支出 · 决算数')
    expect(pdfPlace(quoted)).toBe('人员经费4896.98万元')
    expect(firstPage(file('a.pdf', { findings: [{ ...error, severity: 'warning', page: 3 }, quoted] }))).toBe(24)
    expect(firstPage(file('a.pdf'))).toBe(1)
  })

  it('opens a file at the sheet of its first error, else its first table', () => {
    expect(firstSheet(file('a.xlsx', { findings: [error] }))).toBe('表3')
    expect(firstSheet(file('a.xlsx'))).toBe('表8')
    expect(firstSheet(file('a.xlsx', { tables: [], unrecognised_sheets: [] }))).toBeNull()
  })

  it('shows every sheet in workbook order, saying which table a sheet holds when its name does not', () => {
    const tabs = sheetTabs(file('a.xlsx'))
    expect(tabs.map((t) => t.label)).toEqual(['封面', '表8', '收支总表（表1）', 'Sheet3（部门支出总体情况表）', '项目绩效目标'])
    expect(tabs[1].tables).toBe('表8 财政拨款“三公”经费支出情况表')
    expect(tabs.map((t) => t.label).join()).not.toMatch(/T\d/)
    // A result without the sheet list (from an older version): tables first, then the rest.
    expect(sheetTabs(file('a.xlsx', { sheets: [] })).map((t) => t.sheet)).toEqual(['表8', '收支总表', 'Sheet3', '封面'])
  })

  it('adds up errors, warnings and unreadable files', () => {
    const t = totals([
      file('a.xlsx', { error_count: 2, warning_count: 1 }),
      file('b.xlsx', { kind: 'unreadable', error: '不是 Excel 工作簿' }),
    ])
    expect(t).toEqual({ errors: 2, warnings: 1, unreadable: 1 })
  })

  it('names columns and reads cell references as Excel does', () => {
    expect([0, 3, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'D',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ])
    expect(parseA1('D14')).toEqual({ row: 13, col: 3 })
    expect(parseA1('AA1')).toEqual({ row: 0, col: 26 })
    expect(parseA1('A0')).toBeNull()
    expect(parseA1(null)).toBeNull()
  })
})
