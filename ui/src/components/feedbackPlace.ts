// Where a finding the bureau sent back is, as the department's window can show it: a sheet and
// cell of the standard tables ("表1 E6"), a row and column of the data typed (决算数据), or the
// table its message names.
import type { DataPart } from '../bindings/DataPart'
import type { DataProblem } from '../bindings/DataProblem'
import type { Finding } from '../bindings/Finding'
import { PART_NAMES, tableOf } from '../views/final/findings'

/** Sheets whose findings are about the data typed, not the tables derived from it. */
export const DATA_SHEETS = ['决算数据']

/** The place to show, or '' when the finding names none. */
export function feedbackPlace(f: Finding): string {
  if (f.sheet && f.cell) return `${f.sheet} ${f.cell}`
  const problem = dataProblemOf(f)
  if (problem) return `${f.sheet} ${f.table}${problem.row > 0 ? ` 第 ${problem.row} 行` : ''} · ${problem.column}`
  return tableOf(f)
}

/**
 * A 决算数据 finding as the problem of the data grid it is: the 审核 places it with `table` the
 * grid's section ("支出", as PART_NAMES names it), `row` the 1-based row among its filled rows
 * (absent for a figure or a fund) and `column` the column's name ("金额"). Null for any other
 * finding, or one without its section and column (a file of an earlier version).
 */
export function dataProblemOf(f: Finding): DataProblem | null {
  if (!f.sheet || !DATA_SHEETS.includes(f.sheet) || !f.table || !f.column) return null
  const part = (Object.keys(PART_NAMES) as DataPart[]).find((p) => PART_NAMES[p] === f.table)
  if (!part) return null
  const row = Number(f.row ?? 0)
  return { part, row: Number.isInteger(row) && row > 0 ? row : 0, column: f.column, message: f.message }
}

/** Where a double click goes: a sheet of the tables (with its cell, if known), or the data (at
 * the problem's row and column, when known). */
export type FeedbackTarget =
  | { kind: 'data'; problem: DataProblem | null }
  | { kind: 'table'; sheet: string; cell: string | null }

export function feedbackTarget(f: Finding): FeedbackTarget | null {
  if (f.sheet && DATA_SHEETS.includes(f.sheet)) return { kind: 'data', problem: dataProblemOf(f) }
  const sheet = f.sheet ?? tableOf(f)
  if (!sheet) return null
  return { kind: 'table', sheet, cell: f.cell ?? null }
}

/** The sheet of `sheets` a finding's table is: the same name, or the label its name starts
 * with ("公开01表《收入支出决算总表》" is on "公开01表"). */
export function sheetFor(want: string, sheets: string[]): string | null {
  return sheets.find((s) => s === want) ?? sheets.find((s) => want.startsWith(s) || s.startsWith(want)) ?? null
}
