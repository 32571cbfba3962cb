import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import SheetTable from './SheetTable.vue'
import type { SheetView } from '../bindings/SheetView'

const cell = (row: number, col: number, text: string, span = 1) => ({
  col,
  a1: `${String.fromCharCode(65 + col)}${row + 1}`,
  text,
  numeric: /^[\d,.]+$/.test(text),
  row_span: 1,
  col_span: span,
})

const view: SheetView = {
  sheet: '表1',
  width: 4,
  truncated: false,
  rows: [
    { row: 0, cells: [cell(0, 0, '部门收支总体情况表', 4)] },
    { row: 1, cells: [cell(1, 0, '项目'), cell(1, 1, '预算数'), cell(1, 2, '功能分类'), cell(1, 3, '预算数')] },
    { row: 2, cells: [cell(2, 0, '一、本年收入'), cell(2, 1, '842.07'), cell(2, 2, '205 教育支出'), cell(2, 3, '16.27')] },
  ],
}

describe('SheetTable', () => {
  it('heads the sheet with column letters and row numbers, marking the cited cell', () => {
    const w = mount(SheetTable, { props: { view, highlight: 'D3', headings: true } })
    const letters = w.findAll('[data-testid="sheet-column-letters"] th').map((th) => th.text())
    expect(letters).toEqual(['', 'A', 'B', 'C', 'D'])
    expect(w.findAll('th.row-no').map((th) => th.text())).toEqual(['1', '2', '3'])
    expect(w.find('td.highlight').attributes('data-a1')).toBe('D3')
    expect(w.find('td.highlight').text()).toBe('16.27')
    expect(w.findAll('th.cited').map((th) => th.text())).toEqual(['D', '3'])
  })

  it('draws the sheet alone where no headings are asked for', () => {
    const w = mount(SheetTable, { props: { view } })
    expect(w.find('thead').exists()).toBe(false)
    expect(w.find('td.highlight').exists()).toBe(false)
  })
})
