// The status bar's message, shared by every workspace, and the one way errors reach the user.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { toAppError } from './api'
import type { ErrorCode } from './bindings/ErrorCode'

export const statusMessage = ref('正在打开数据库…')

export function setStatus(message: string) {
  statusMessage.value = message
}

/** How a failure is said: a database another program is writing, or a file Excel, Word or WPS
 * holds open, passes once that program is done, so it is a warning to try again; anything else
 * is an error. */
export function errorTone(code: ErrorCode): 'warning' | 'error' {
  return code === 'database_busy' || code === 'file_in_use' ? 'warning' : 'error'
}

export function reportError(err: unknown) {
  const e = toAppError(err)
  statusMessage.value = e.message
  const show = errorTone(e.code) === 'warning' ? ElMessage.warning : ElMessage.error
  show({ message: e.message, duration: 6000, showClose: true })
}
