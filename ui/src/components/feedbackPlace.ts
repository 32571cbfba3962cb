// Where a finding the bureau sent back is, as the department's window can show it: a sheet and
// cell of the standard tables ("表1 E6"), the data typed (决算数据), or the table its message names.
import type { Finding } from '../bindings/Finding'
import { tableOf } from '../views/final/findings'

/** Sheets whose findings are about the data typed, not the tables derived from it. */
export const DATA_SHEETS = ['决算数据']

/** The place to show, or '' when the finding names none. */
export function feedbackPlace(f: Finding): string {
  if (f.sheet && f.cell) return `${f.sheet} ${f.cell}`
  return tableOf(f)
}

/** Where a double click goes: a sheet of the tables (with its cell, if known), or the data. */
export type FeedbackTarget = { kind: 'data' } | { kind: 'table'; sheet: string; cell: string | null }

export function feedbackTarget(f: Finding): FeedbackTarget | null {
  if (f.sheet && DATA_SHEETS.includes(f.sheet)) return { kind: 'data' }
  const sheet = f.sheet ?? tableOf(f)
  if (!sheet) return null
  return { kind: 'table', sheet, cell: f.cell ?? null }
}

/** The sheet of `sheets` a finding's table is: the same name, or the label its name starts
 * with ("公开01表《收入支出决算总表》" is on "公开01表"). */
export function sheetFor(want: string, sheets: string[]): string | null {
  return sheets.find((s) => s === want) ?? sheets.find((s) => want.startsWith(s) || s.startsWith(want)) ?? null
}
