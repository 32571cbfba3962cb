import { describe, expect, it } from 'vitest'
import { applySaved, changedOverrides, notMet, savedEdits, yesNo } from './checklist'
import type { Checklist } from './bindings/Checklist'

function list(): Checklist {
  return {
    file: 'a.pdf',
    file_name: 'a.pdf',
    content_hash: 'ab'.repeat(32),
    kind: 'budget_tables',
    unit: '万里街道办事处',
    year: 2024,
    document: '2024年度部门预算',
    note: null,
    items: [
      { key: 'cover', title: '封面', meets: true, problems: [], override_meets: null, remark: '' },
      {
        key: 'table:T10',
        title: '部门“三公”经费和机关运行经费预算表',
        meets: false,
        problems: ['第31页：……'],
        override_meets: true,
        remark: '已核实',
      },
    ],
  }
}

describe('checklist edits', () => {
  it('starts from what is kept and finds nothing changed', () => {
    const l = list()
    const edits = savedEdits(l)
    expect(edits['table:T10']).toEqual({ meets: true, remark: '已核实' })
    expect(changedOverrides(l, edits)).toEqual([])
    expect(notMet(l, edits)).toBe(0)
  })

  it('saves only what changed, trimmed, and counts the inspector’s verdict', () => {
    const l = list()
    const edits = savedEdits(l)
    edits['cover'] = { meets: false, remark: ' 无日期 ' }
    edits['table:T10'] = { meets: true, remark: '已核实  ' }
    expect(changedOverrides(l, edits)).toEqual([{ item: 'cover', meets: false, remark: '无日期' }])
    expect(notMet(l, edits)).toBe(1)
    const saved = applySaved(l, edits)
    expect(changedOverrides(saved, edits)).toEqual([])
    expect(saved.items[0]).toMatchObject({ meets: true, override_meets: false, remark: '无日期' })
  })

  it('a cleared override goes back to the computed verdict', () => {
    const l = list()
    const edits = savedEdits(l)
    edits['table:T10'] = { meets: null, remark: '' }
    expect(changedOverrides(l, edits)).toEqual([{ item: 'table:T10', meets: null, remark: '' }])
    expect(notMet(l, edits)).toBe(1)
    expect(yesNo(false)).toBe('否')
  })
})
