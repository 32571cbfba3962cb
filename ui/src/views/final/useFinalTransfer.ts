// What goes in and out of a 决算 disclosure as a file: the 决算公开表 exported as a workbook (from
// what was saved, so unsaved changes are offered a save first), and the year's 决算数据 replaced
// by an imported 决算数据 workbook (all or nothing, its problems listed).
import { h, ref, type Ref } from 'vue'
import { ElMessageBox } from 'element-plus'
import { api } from '../../api'
import { reportError, setStatus } from '../../status'
import type { DataProblem } from '../../bindings/DataProblem'
import { PART_NAMES } from './findings'

/** A list of lines in a message box (problems named one to a line). */
function listMessage(lead: string, items: string[]) {
  return h('div', [
    h('p', { style: 'margin: 0 0 6px' }, lead),
    h('ul', { class: 'problem-list', style: 'max-height: 300px; overflow: auto; margin: 0; padding-left: 1.4em' }, items.map((t) => h('li', t))),
  ])
}

/** Where the review places a problem of the data ("支出 第 3 行 · 金额", as on 审核). */
function reviewWhere(p: DataProblem): string {
  return p.row > 0 ? `${PART_NAMES[p.part]} 第 ${p.row} 行 · ${p.column}` : `${PART_NAMES[p.part]} · ${p.column}`
}

export interface TransferOptions {
  disclosureId: () => number
  /** The 决算数据 has unsaved changes. */
  dirty: Ref<boolean>
  /** The saved data holds something (an import would replace it). */
  hasSaved: Ref<boolean>
  editor: { save: () => Promise<boolean>; discard: () => Promise<unknown> }
  /** Reads the saved data again. */
  reload: () => Promise<void>
  /** The saved data changed: the tabs derived from it follow. */
  savedAnew: () => void
}

export function useFinalTransfer({ disclosureId, dirty, hasSaved, editor, reload, savedAnew }: TransferOptions) {
  const importing = ref(false)

  async function exportWorkbook() {
    if (dirty.value) {
      try {
        await ElMessageBox.confirm('决算数据有未保存的修改。导出的是已保存的数据，要先保存吗？', '导出决算公开表', {
          confirmButtonText: '保存并导出',
          cancelButtonText: '取消',
          type: 'info',
        })
      } catch {
        return
      }
      if (!(await editor.save())) return
    }
    try {
      const path = await api.exportFinalWorkbook(disclosureId())
      if (path) setStatus(`已导出决算公开表：${path}`)
    } catch (err) {
      reportError(err)
    }
  }

  /** Replaces the year's 决算数据 by a workbook the user picks (all or nothing), then reloads. */
  async function importData() {
    if (dirty.value || hasSaved.value) {
      try {
        await ElMessageBox.confirm(
          `导入将替换本年决算数据${dirty.value ? '，当前未保存的修改将丢失' : ''}（导入前自动备份数据库）。继续吗？`,
          '导入决算数据',
          { type: 'warning', confirmButtonText: '继续导入', cancelButtonText: '取消' },
        )
      } catch {
        return
      }
    }
    importing.value = true
    try {
      const done = await api.importFinalData(disclosureId())
      if (!done) return
      if (done.outcome === 'refused') {
        await ElMessageBox.alert(
          listMessage(
            `决算数据工作簿有 ${done.problems.length} 处问题，未导入，数据未作任何修改：`,
            done.problems.map((p) => `工作表“${p.sheet}”${p.cell}：${p.message}`),
          ),
          '导入失败',
          { type: 'error', customClass: 'import-problems' },
        ).catch(() => undefined)
        return
      }
      await editor.discard()
      await reload()
      savedAnew()
      const counts = `已导入决算数据：支出 ${done.lines} 条、收入 ${done.incomes} 条、结转和结余 ${done.carry_overs} 条`
      setStatus(done.problems.length ? `${counts}；数据有 ${done.problems.length} 个问题，见“审核”` : counts)
      if (done.problems.length) {
        await ElMessageBox.alert(
          listMessage(`${counts}。已保存的数据有 ${done.problems.length} 个问题（见“审核”），请更正：`, done.problems.map((p) => `${reviewWhere(p)}：${p.message}`)),
          '导入决算数据',
          { type: 'warning', customClass: 'import-problems' },
        ).catch(() => undefined)
      }
    } catch (err) {
      reportError(err)
    } finally {
      importing.value = false
    }
  }

  return { importing, exportWorkbook, importData }
}
