// Grid operations that turn a user action into one Edit: paste a block, fill down, clear.
import { COLUMNS, emptyRow, normalizeCell, type ColumnKey, type GridRow } from './lines'
import type { Edit } from './history'

export interface Bad {
  row: number
  key: ColumnKey
  text: string
  message: string
}

/** Pasting `block` with its top-left at (row, col): rows needed beyond the end are inserted
 * first. Every pasted text is kept (bad ones too, so nothing is silently dropped) and the bad
 * ones are listed. */
export function pasteEdits(
  rows: GridRow[],
  block: string[][],
  row: number,
  col: number,
): { edits: Edit[]; bad: Bad[] } {
  const edits: Edit[] = []
  const bad: Bad[] = []
  const width = Math.min(...block.map((r) => r.length).concat(COLUMNS.length - col))
  const missing = row + block.length - rows.length
  if (missing > 0) {
    edits.push({ kind: 'insert', index: rows.length, rows: Array.from({ length: missing }, emptyRow) })
  }
  const cells: Extract<Edit, { kind: 'cells' }>['cells'] = []
  block.forEach((values, r) => {
    for (let c = 0; c < Math.min(values.length, width); c++) {
      const key = COLUMNS[col + c].key
      const check = normalizeCell(key, values[c])
      if (check.error) bad.push({ row: row + r, key, text: values[c], message: check.error })
      const before = rows[row + r]?.[key] ?? ''
      cells.push({ row: row + r, key, before, after: check.value })
    }
  })
  edits.push({ kind: 'cells', cells })
  return { edits, bad }
}

/** Ctrl+D: copies the first selected row's cells of the selected columns into the rows below. */
export function fillDownEdit(rows: GridRow[], fromRow: number, toRow: number, keys: ColumnKey[]): Edit {
  const source = rows[fromRow]
  const cells: Extract<Edit, { kind: 'cells' }>['cells'] = []
  for (let r = fromRow + 1; r <= toRow && r < rows.length; r++) {
    for (const key of keys) cells.push({ row: r, key, before: rows[r][key], after: source[key] })
  }
  return { kind: 'cells', cells }
}

export function clearEdit(rows: GridRow[], fromRow: number, toRow: number, keys: ColumnKey[]): Edit {
  const cells: Extract<Edit, { kind: 'cells' }>['cells'] = []
  for (let r = fromRow; r <= toRow && r < rows.length; r++) {
    for (const key of keys) cells.push({ row: r, key, before: rows[r][key], after: '' })
  }
  return { kind: 'cells', cells }
}
