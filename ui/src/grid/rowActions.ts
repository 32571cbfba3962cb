// The toolbar actions every grid editor offers beside the grid's own keys: insert or append a
// row, remove the selected rows, undo and redo, each as one undoable edit.
import type { History } from './history'
import type { Row } from './spec'

export interface GridHandle {
  activeRow(): number
  selectedRows(): readonly [number, number]
}

export function rowActions(
  rows: Row[],
  history: () => History,
  grid: () => GridHandle | undefined,
  emptyRow: () => Row,
  changed: () => void,
) {
  const apply = (done: unknown) => {
    if (done) changed()
  }
  return {
    /** A blank row above the active one. */
    insertRow() {
      const at = grid()?.activeRow() ?? rows.length
      apply(history().commit(rows, { kind: 'insert', index: at, rows: [emptyRow()] }))
    },
    appendRow() {
      apply(history().commit(rows, { kind: 'insert', index: rows.length, rows: [emptyRow()] }))
    },
    removeSelected() {
      const [top, bottom] = grid()?.selectedRows() ?? [0, -1]
      if (bottom < top) return
      const removed = rows.slice(top, bottom + 1).map((r) => ({ ...r }))
      apply(history().commit(rows, { kind: 'remove', index: top, rows: removed }))
    },
    undo() {
      apply(history().undo(rows))
    },
    redo() {
      apply(history().redo(rows))
    },
  }
}
