// How the 审核 tab of a 决算 disclosure names where a problem is: a part and row of the data the
// officer typed, or the derived table a rule found it in (derived tables have no cells to show).
import type { DataPart } from '../../bindings/DataPart'
import type { Finding } from '../../bindings/Finding'

export const PART_NAMES: Record<DataPart, string> = {
  lines: '支出',
  incomes: '收入',
  carry_overs: '结转和结余',
  figures: '其他数字',
  balance: '收支平衡',
}

/** The table a finding is about: its sheet when it has one, else the first table its message
 * names ("公开01表《收入支出决算总表》"), else nothing. */
export function tableOf(finding: Finding): string {
  if (finding.sheet) return finding.sheet
  const m = /((?:公开\d+表|附?表\d+)?《[^》]+》)/.exec(finding.message)
  return m ? m[1] : ''
}
