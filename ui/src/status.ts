// The status bar's message, shared by every workspace, and the one way errors reach the user.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { toAppError } from './api'

export const statusMessage = ref('正在打开数据库…')

export function setStatus(message: string) {
  statusMessage.value = message
}

export function reportError(err: unknown) {
  const e = toAppError(err)
  statusMessage.value = e.message
  ElMessage.error({ message: e.message, duration: 6000, showClose: true })
}
