// Grid operations that turn a user action into one Edit: paste a block, fill down, clear.
import type { Edit } from './history'
import type { GridSpec, Row } from './spec'

export interface Bad {
  row: number
  key: string
  text: string
  message: string
}

/** Pasting `block` with its top-left at (row, col): rows needed beyond the end are inserted
 * first. Every pasted text is kept (bad ones too, so nothing is silently dropped) and the bad
 * ones are listed. Computed columns are skipped, as Excel skips nothing: a block of the
 * editable columns pastes as it was copied. */
export function pasteEdits(spec: GridSpec, rows: Row[], block: string[][], row: number, col: number): { edits: Edit[]; bad: Bad[] } {
  const edits: Edit[] = []
  const bad: Bad[] = []
  const targets = spec.columns.slice(col).filter((c) => c.kind !== 'computed')
  const width = Math.min(...block.map((r) => r.length).concat(targets.length))
  const missing = row + block.length - rows.length
  if (missing > 0) {
    edits.push({ kind: 'insert', index: rows.length, rows: Array.from({ length: missing }, () => spec.emptyRow()) })
  }
  const cells: Extract<Edit, { kind: 'cells' }>['cells'] = []
  block.forEach((values, r) => {
    for (let c = 0; c < Math.min(values.length, width); c++) {
      const key = targets[c].key
      const check = spec.normalize(key, values[c])
      if (check.error) bad.push({ row: row + r, key, text: values[c], message: check.error })
      const before = rows[row + r]?.[key] ?? ''
      cells.push({ row: row + r, key, before, after: check.value })
    }
  })
  edits.push({ kind: 'cells', cells })
  return { edits, bad }
}

/** Ctrl+D: copies the first selected row's cells of the selected columns into the rows below. */
export function fillDownEdit(rows: Row[], fromRow: number, toRow: number, keys: string[]): Edit {
  const source = rows[fromRow]
  const cells: Extract<Edit, { kind: 'cells' }>['cells'] = []
  for (let r = fromRow + 1; r <= toRow && r < rows.length; r++) {
    for (const key of keys) cells.push({ row: r, key, before: rows[r][key], after: source[key] })
  }
  return { kind: 'cells', cells }
}

export function clearEdit(rows: Row[], fromRow: number, toRow: number, keys: string[]): Edit {
  const cells: Extract<Edit, { kind: 'cells' }>['cells'] = []
  for (let r = fromRow; r <= toRow && r < rows.length; r++) {
    for (const key of keys) cells.push({ row: r, key, before: rows[r][key], after: '' })
  }
  return { kind: 'cells', cells }
}
