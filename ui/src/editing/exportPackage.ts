// 导出报送包… of a disclosure: the package holds what is saved, so unsaved work is saved first
// (or the export is left); both the 预算 and the 决算 screen use it.
import { ElMessageBox } from 'element-plus'
import { api } from '../api'
import { reportError, setStatus } from '../status'

export async function exportPackage(disclosureId: number, dirty: boolean, save: () => Promise<boolean>) {
  if (dirty) {
    try {
      await ElMessageBox.confirm('有未保存的修改。报送包按已保存的数据生成，要先保存吗？', '导出报送包', {
        confirmButtonText: '保存并导出',
        cancelButtonText: '取消',
        type: 'info',
      })
    } catch {
      return
    }
    if (!(await save())) return
  }
  try {
    const path = await api.exportPackage(disclosureId)
    if (path) setStatus(`已导出报送包：${path}（请交财政局）`)
  } catch (err) {
    reportError(err)
  }
}
