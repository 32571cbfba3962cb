// The inspector's side of the 公开情况检查表: what is typed per item (复核意见 and 备注) against
// what the database holds, so that only changed items are saved and leaving asks first.
import type { Checklist } from './bindings/Checklist'
import type { ChecklistItem } from './bindings/ChecklistItem'
import type { ChecklistOverride } from './bindings/ChecklistOverride'

/** 复核意见 as chosen: null keeps the verdict the review computed. */
export interface ItemEdit {
  meets: boolean | null
  remark: string
}

export function yesNo(meets: boolean): string {
  return meets ? '是' : '否'
}

/** The edits of a checklist as the database holds them, by item key. */
export function savedEdits(list: Checklist): Record<string, ItemEdit> {
  const out: Record<string, ItemEdit> = {}
  for (const item of list.items) out[item.key] = { meets: item.override_meets, remark: item.remark }
  return out
}

/** The items whose edit differs from what is kept (a remark differing only in spaces is the same). */
export function changedOverrides(list: Checklist, edits: Record<string, ItemEdit>): ChecklistOverride[] {
  const changed: ChecklistOverride[] = []
  for (const item of list.items) {
    const edit = edits[item.key]
    if (!edit) continue
    if (edit.meets !== item.override_meets || edit.remark.trim() !== item.remark.trim()) {
      changed.push({ item: item.key, meets: edit.meets, remark: edit.remark.trim() })
    }
  }
  return changed
}

/** The list as saved: the edits become what the database holds. */
export function applySaved(list: Checklist, edits: Record<string, ItemEdit>): Checklist {
  return {
    ...list,
    items: list.items.map((item: ChecklistItem) => {
      const edit = edits[item.key]
      return edit ? { ...item, override_meets: edit.meets, remark: edit.remark.trim() } : item
    }),
  }
}

/** Items not met with the edits on screen: the inspector's word where given. */
export function notMet(list: Checklist, edits: Record<string, ItemEdit>): number {
  return list.items.filter((item) => !(edits[item.key]?.meets ?? item.meets)).length
}
