import { describe, expect, it } from 'vitest'
import { columnLetter, firstSheet, mergeReviewed, parseA1, sheetTabs, tableSummary, totals, workbookPaths } from './review'
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
        sheet: '表10',
        title: '财政拨款“三公”经费支出情况表',
        label: '表10',
        name: '表10 财政拨款“三公”经费支出情况表',
        cell: 'A1',
        empty: false,
      },
      { id: 'T1', sheet: '表1', title: '部门收支总体情况表', label: '表1', name: '表1 部门收支总体情况表', cell: 'A1', empty: false },
      { id: 'T3', sheet: '表3', title: '部门支出总体情况表', label: '表3', name: '表3 部门支出总体情况表', cell: 'A1', empty: false },
    ],
    sheets: ['表10', '表1', '表3', '封面'],
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
  it('lists table ids in table order, not sheet order', () => {
    expect(tableSummary(file('a.xlsx'))).toBe('T1 T3 T10')
  })

  it('replaces a reopened file and appends new ones', () => {
    const a = file('a.xlsx')
    const b = file('b.xlsx')
    const a2 = file('a.xlsx', { error_count: 3 })
    const merged = mergeReviewed([a, b], [a2, file('c.xlsx')])
    expect(merged.map((f) => f.file_name)).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx'])
    expect(merged[0].error_count).toBe(3)
  })

  it('keeps only workbook paths from a drop', () => {
    expect(workbookPaths(['/x/a.XLSX', '/x/b.xls', '/x/c.pdf', '/x/xlsx'])).toEqual(['/x/a.XLSX', '/x/b.xls'])
  })

  it('opens a file at the sheet of its first error, else its first table', () => {
    expect(firstSheet(file('a.xlsx', { findings: [error] }))).toBe('表3')
    expect(firstSheet(file('a.xlsx'))).toBe('表10')
    expect(firstSheet(file('a.xlsx', { tables: [], unrecognised_sheets: [] }))).toBeNull()
  })

  it('names sheet tabs by table id and keeps unrecognised sheets last', () => {
    expect(sheetTabs(file('a.xlsx')).map((t) => t.label)).toEqual(['T10 表10', 'T1 表1', 'T3 表3', '封面'])
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
