// The one save model of the app: every editor registers here with its dirty state and its save.
// Ctrl+S saves the editors in view; leaving a disclosure or closing the window asks
// 保存 / 不保存 / 取消 for every editor that holds unsaved changes.
import { computed, shallowReactive, type Ref } from 'vue'

export interface EditorEntry {
  /** What the user calls it: "预算明细", "绩效目标", "情况说明", "绩效自评". */
  label: string
  dirty: Ref<boolean>
  /** Whether the editor is in view, so that Ctrl+S and 保存 go to it. */
  active: () => boolean
  /** Saves what is on screen; false when it was refused (the editor says why). */
  save: () => Promise<boolean>
  /** Drops the unsaved changes and their draft. */
  discard: () => Promise<void>
}

const editors = shallowReactive(new Set<EditorEntry>())

export function register(entry: EditorEntry): () => void {
  editors.add(entry)
  return () => editors.delete(entry)
}

/** True while any registered editor holds unsaved changes. */
export const anyUnsaved = computed(() => [...editors].some((e) => e.dirty.value))

export function unsavedEditors(): EditorEntry[] {
  return [...editors].filter((e) => e.dirty.value)
}

export function activeEditors(): EditorEntry[] {
  return [...editors].filter((e) => e.active())
}

/** A choice asked of the user about unsaved changes, answered by LeaveDialog. */
export type LeaveChoice = 'save' | 'discard' | 'cancel'
export const leaveQuestion = shallowReactive<{ labels: string[]; answer: ((c: LeaveChoice) => void) | null }>({
  labels: [],
  answer: null,
})

function ask(labels: string[]): Promise<LeaveChoice> {
  return new Promise((resolve) => {
    leaveQuestion.labels = labels
    leaveQuestion.answer = (choice) => {
      leaveQuestion.answer = null
      resolve(choice)
    }
  })
}

/**
 * Settles unsaved changes before something leaves them behind: true when the caller may go on
 * (nothing unsaved, saved, or discarded on purpose), false to stay.
 */
export async function confirmLeave(): Promise<boolean> {
  const dirty = unsavedEditors()
  if (dirty.length === 0) return true
  const choice = await ask(dirty.map((e) => e.label))
  if (choice === 'cancel') return false
  if (choice === 'discard') {
    for (const e of dirty) await e.discard()
    return true
  }
  for (const e of dirty) {
    if (!(await e.save())) return false
  }
  return true
}

/**
 * Commits the field being typed in (its change event fires on blur), so that Ctrl+S saves the
 * text still under the cursor, then gives the focus back.
 */
export async function commitFocusedField(): Promise<HTMLElement | null> {
  const focused = document.activeElement
  if (!(focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement)) return null
  focused.blur()
  await Promise.resolve()
  return focused
}

/** Ctrl+S: saves every editor in view. */
export async function saveInView(): Promise<void> {
  const focused = await commitFocusedField()
  for (const e of activeEditors()) await e.save()
  focused?.focus()
}
