// 年初预算 and 决算 of 一般公共预算财政拨款 per function 类, for the chart of 预决算对比.
import type { CatalogEntry } from '../../bindings/CatalogEntry'
import type { Completion } from '../../bindings/Completion'

export interface ClassBar {
  code: string
  name: string
  /** Drawn only, never shown as a figure or added to one: numbers are fine here. */
  budget: number
  actual: number
}

/** The 项 lines of a completion table summed per 类 (the first three digits), in code order. */
export function classBars(completion: Completion[], functions: CatalogEntry[]): ClassBar[] {
  const names = new Map(functions.filter((e) => e.level === '类').map((e) => [e.code, e.name]))
  const by = new Map<string, ClassBar>()
  for (const c of completion) {
    if (c.code === '') continue
    const code = c.code.slice(0, 3)
    const bar = by.get(code) ?? { code, name: names.get(code) ?? '', budget: 0, actual: 0 }
    bar.budget += Number(c.budget ?? 0)
    bar.actual += Number(c.actual)
    by.set(code, bar)
  }
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code))
}
