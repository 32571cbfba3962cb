// What a grid needs to know about its rows: the columns, how a typed or pasted text becomes the
// cell's canonical text (or why it cannot), how a cell is shown, and what to suggest while
// typing. The budget lines, the 绩效目标 indicators and the 自评 indicators each give one, and
// share one grid component with its keyboard, paste and undo.

export type Row = Record<string, string>

export interface Column {
  key: string
  title: string
  width: number
  /** computed: shown, never typed into or pasted over (e.g. a score). */
  kind: 'code' | 'choice' | 'amount' | 'text' | 'computed'
  options?: readonly string[]
}

export type CellCheck = { value: string; error?: string }

export interface Suggestion {
  value: string
  label: string
}

export interface GridSpec<R extends Row = Row> {
  columns: readonly Column[]
  emptyRow(): R
  normalize(key: string, raw: string): CellCheck
  /** The text shown in a cell; the raw value when not given. */
  display?(row: R, key: string, index: number): string
  /** Entries to pick from while typing in a code column. */
  suggest?(key: string, typed: string): Suggestion[]
  /** A pasted block's own header row: rearranged into the grid's columns, or as it is. */
  arrange?(block: string[][]): { block: string[][]; header: boolean }
}

export function isBlankRow(spec: GridSpec, row: Row): boolean {
  return spec.columns.every((c) => c.kind === 'computed' || (row[c.key] ?? '').trim() === '')
}
