import { describe, expect, it } from 'vitest'
import { buildNavTree, disclosureLabel, parentCandidates } from './nav'
import type { UnitSummary } from './bindings/UnitSummary'

function summary(id: number, name: string, parent: number | null, years: number[] = []): UnitSummary {
  return {
    unit: { id, name, code: String(100 + id), unit_type: '行政', parent_id: parent },
    disclosures: years.map((year, i) => ({ id: id * 100 + i, unit_id: id, year, kind: '预算', template: 'county-11' })),
  }
}

describe('buildNavTree', () => {
  it('nests units under their parent and lists disclosures first', () => {
    const tree = buildNavTree([summary(1, '县教育局', null, [2024]), summary(2, '第一中学', 1, [2024, 2023])])
    expect(tree).toHaveLength(1)
    const root = tree[0]
    expect(root.kind).toBe('unit')
    if (root.kind !== 'unit') return
    expect(root.children.map((c) => c.label)).toEqual(['2024年预算公开', '第一中学'])
    const child = root.children[1]
    expect(child.kind === 'unit' && child.children.map((c) => c.key)).toEqual(['d:200', 'd:201'])
  })

  it('keeps a unit whose parent is missing at the top level', () => {
    const tree = buildNavTree([summary(2, '孤立单位', 99)])
    expect(tree.map((n) => n.label)).toEqual(['孤立单位'])
  })
})

describe('parentCandidates', () => {
  const all = [summary(1, 'A', null), summary(2, 'B', 1), summary(3, 'C', 2), summary(4, 'D', null)]

  it('offers every unit for a new unit', () => {
    expect(parentCandidates(all, null).map((u) => u.id)).toEqual([1, 2, 3, 4])
  })

  it('never offers the unit itself or its descendants', () => {
    expect(parentCandidates(all, 1).map((u) => u.id)).toEqual([4])
    expect(parentCandidates(all, 2).map((u) => u.id)).toEqual([1, 4])
  })
})

describe('disclosureLabel', () => {
  it('names year and kind', () => {
    expect(disclosureLabel({ year: 2025, kind: '决算' })).toBe('2025年决算公开')
  })
})
