// An editor's side of the save model: its dirty state, its registration for Ctrl+S and the
// leave guard, and a draft kept in the database while it is unsaved, offered back on reopening.
import { onBeforeUnmount, ref } from 'vue'
import { ElMessageBox } from 'element-plus'
import { api } from '../api'
import { reportError } from '../status'
import type { DraftEditor } from '../bindings/DraftEditor'
import { register } from './registry'

export interface EditorOptions {
  label: string
  active: () => boolean
  /** Saves; resolves false when the save was refused. Called only with unsaved changes. */
  save: () => Promise<boolean>
  /** Where unsaved work is kept: the disclosure, which editor, and what to keep. */
  draft: {
    disclosureId: () => number
    editor: DraftEditor
    content: () => string
    restore: (content: string) => void
  }
}

const DRAFT_DELAY_MS = 800

export function useEditor(options: EditorOptions) {
  const dirty = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined

  function writeDraft() {
    const { disclosureId, editor, content } = options.draft
    api.saveEditorDraft(disclosureId(), editor, content()).catch(reportError)
  }

  /** Something was typed: unsaved from now on, and kept as a draft shortly after. */
  function touch() {
    dirty.value = true
    clearTimeout(timer)
    timer = setTimeout(writeDraft, DRAFT_DELAY_MS)
  }

  /** The editor's content is what the database holds (just loaded or saved). */
  function markSaved() {
    clearTimeout(timer)
    dirty.value = false
  }

  async function save(): Promise<boolean> {
    if (!dirty.value) return true
    clearTimeout(timer)
    return options.save()
  }

  async function discard() {
    clearTimeout(timer)
    dirty.value = false
    await api.discardEditorDraft(options.draft.disclosureId(), options.draft.editor).catch(reportError)
  }

  /** After loading `saved`, offers a draft that differs from it; restoring leaves it unsaved. */
  async function offerDraft(saved: string) {
    const { disclosureId, editor, restore } = options.draft
    const draft = await api.loadEditorDraft(disclosureId(), editor).catch(() => null)
    if (draft === null) return
    if (draft === saved) {
      await api.discardEditorDraft(disclosureId(), editor).catch(reportError)
      return
    }
    try {
      await ElMessageBox.confirm(`${options.label}有上次未保存的修改（草稿）。是否恢复？`, '恢复草稿', {
        confirmButtonText: '恢复草稿',
        cancelButtonText: '放弃草稿',
        type: 'info',
        distinguishCancelAndClose: true,
      })
      restore(draft)
      dirty.value = true
    } catch (action) {
      if (action === 'cancel') await api.discardEditorDraft(disclosureId(), editor).catch(reportError)
    }
  }

  const unregister = register({ label: options.label, dirty, active: options.active, save, discard })
  onBeforeUnmount(() => {
    // a pending draft is written now, so that what was typed last is not lost
    if (timer !== undefined && dirty.value) {
      const { disclosureId, editor, content } = options.draft
      // (the disclosure may just have been deleted: then there is nothing to keep)
      api.saveEditorDraft(disclosureId(), editor, content()).catch(() => undefined)
    }
    clearTimeout(timer)
    unregister()
  })

  return { dirty, touch, markSaved, save, discard, offerDraft }
}
