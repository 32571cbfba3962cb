// The navigation tree: units nested under their parent unit (for consolidation), each with its
// disclosures, newest year first.
import type { Disclosure } from './bindings/Disclosure'
import type { Unit } from './bindings/Unit'
import type { UnitSummary } from './bindings/UnitSummary'

export type NavNode =
  | { key: string; kind: 'unit'; label: string; unit: Unit; children: NavNode[] }
  | { key: string; kind: 'disclosure'; label: string; unit: Unit; disclosure: Disclosure }

export function disclosureLabel(d: Pick<Disclosure, 'year' | 'kind'>): string {
  return `${d.year}年${d.kind}公开`
}

export function unitKey(id: number): string {
  return `u:${id}`
}

export function disclosureKey(id: number): string {
  return `d:${id}`
}

export function buildNavTree(summaries: UnitSummary[]): NavNode[] {
  const nodes = new Map<number, NavNode & { kind: 'unit' }>()
  for (const { unit, disclosures } of summaries) {
    nodes.set(unit.id, {
      key: unitKey(unit.id),
      kind: 'unit',
      label: unit.name,
      unit,
      children: disclosures.map((disclosure) => ({
        key: disclosureKey(disclosure.id),
        kind: 'disclosure' as const,
        label: disclosureLabel(disclosure),
        unit,
        disclosure,
      })),
    })
  }
  const roots: NavNode[] = []
  for (const { unit } of summaries) {
    const node = nodes.get(unit.id)
    if (!node) continue
    const parent = unit.parent_id === null ? undefined : nodes.get(unit.parent_id)
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** Every unit except `id` and its descendants: the units that may become its parent. */
export function parentCandidates(summaries: UnitSummary[], id: number | null): Unit[] {
  if (id === null) return summaries.map((s) => s.unit)
  const excluded = new Set<number>([id])
  let grew = true
  while (grew) {
    grew = false
    for (const { unit } of summaries) {
      if (unit.parent_id !== null && excluded.has(unit.parent_id) && !excluded.has(unit.id)) {
        excluded.add(unit.id)
        grew = true
      }
    }
  }
  return summaries.map((s) => s.unit).filter((u) => !excluded.has(u.id))
}
