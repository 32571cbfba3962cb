// Code names and suggestions for the grid, from the catalog listing the backend sends once.
import type { CatalogEntry } from '../bindings/CatalogEntry'
import type { Project } from '../bindings/Project'
import type { Suggestion } from './spec'

export type { Suggestion }

export interface CatalogListing {
  year: number
  function: CatalogEntry[]
  economic: CatalogEntry[]
}


export class CodeBook {
  private readonly names = new Map<string, string>()

  constructor(
    private readonly listing: CatalogListing,
    private readonly projects: Project[],
  ) {
    for (const e of [...listing.function, ...listing.economic]) this.names.set(e.code, e.name)
  }

  /** "2010301 行政运行" for display; the bare text when the code is unknown. */
  describe(key: 'function_code' | 'economic_code' | 'project_code', value: string): string {
    if (!value) return ''
    if (key === 'project_code') {
      const p = this.projects.find((x) => x.code === value)
      return p ? `${p.code} ${p.name}` : value
    }
    const name = this.names.get(value)
    return name ? `${value} ${name}` : value
  }

  known(key: 'function_code' | 'economic_code', value: string): boolean {
    const list = key === 'function_code' ? this.listing.function : this.listing.economic
    const level = key === 'function_code' ? '项' : '款'
    return list.some((e) => e.code === value && e.level === level)
  }

  /** A 7-digit 项 the catalog lacks under a 款 it knows: saved with a warning, not refused. */
  knownKuanOf(code: string): boolean {
    return /^\d{7}$/.test(code) && this.listing.function.some((e) => e.code === code.slice(0, 5) && e.level === '款')
  }

  /** Entries whose code starts with, or whose name contains, what was typed. */
  suggest(key: 'function_code' | 'economic_code' | 'project_code', typed: string, limit = 12): Suggestion[] {
    const q = typed.trim()
    if (key === 'project_code') {
      return this.projects
        .filter((p) => !q || p.code.startsWith(q) || p.name.includes(q))
        .slice(0, limit)
        .map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))
    }
    const list = key === 'function_code' ? this.listing.function : this.listing.economic
    const level = key === 'function_code' ? '项' : '款'
    const digits = /^\d+$/.test(q)
    return list
      .filter((e) => e.level === level && (!q || (digits ? e.code.startsWith(q) : e.name.includes(q) || e.code.startsWith(q))))
      .slice(0, limit)
      .map((e) => ({ value: e.code, label: `${e.code} ${e.name}` }))
  }
}
