// Undo/redo as a stack of diffs: each edit records what it changed, never a copy of the grid,
// so 10,000 lines cost nothing to edit.
import type { Row } from './spec'

export type Edit =
  | { kind: 'cells'; cells: { row: number; key: string; before: string; after: string }[] }
  | { kind: 'insert'; index: number; rows: Row[] }
  | { kind: 'remove'; index: number; rows: Row[] }

function apply(rows: Row[], edit: Edit, forward: boolean) {
  switch (edit.kind) {
    case 'cells':
      for (const c of edit.cells) rows[c.row][c.key] = forward ? c.after : c.before
      break
    case 'insert':
      if (forward) rows.splice(edit.index, 0, ...edit.rows.map((r) => ({ ...r })))
      else rows.splice(edit.index, edit.rows.length)
      break
    case 'remove':
      if (forward) rows.splice(edit.index, edit.rows.length)
      else rows.splice(edit.index, 0, ...edit.rows.map((r) => ({ ...r })))
      break
  }
}

export class History {
  private done: Edit[] = []
  private undone: Edit[] = []

  constructor(private readonly limit = 500) {}

  /** Applies `edit` to `rows` and remembers it. Empty edits are ignored. */
  commit(rows: Row[], edit: Edit): boolean {
    if (edit.kind === 'cells') {
      edit = { kind: 'cells', cells: edit.cells.filter((c) => c.before !== c.after) }
      if (edit.cells.length === 0) return false
    } else if (edit.rows.length === 0) {
      return false
    }
    apply(rows, edit, true)
    this.done.push(edit)
    if (this.done.length > this.limit) this.done.shift()
    this.undone = []
    return true
  }

  undo(rows: Row[]): Edit | null {
    const edit = this.done.pop()
    if (!edit) return null
    apply(rows, edit, false)
    this.undone.push(edit)
    return edit
  }

  redo(rows: Row[]): Edit | null {
    const edit = this.undone.pop()
    if (!edit) return null
    apply(rows, edit, true)
    this.done.push(edit)
    return edit
  }

  get canUndo() {
    return this.done.length > 0
  }

  get canRedo() {
    return this.undone.length > 0
  }

  clear() {
    this.done = []
    this.undone = []
  }
}
