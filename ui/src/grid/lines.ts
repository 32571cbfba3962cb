// The budget-line grid's model: columns, rows as the strings the user sees, normalisation of
// typed or pasted text, and conversion to and from the backend's LineSet.
import type { BudgetLine } from '../bindings/BudgetLine'
import type { FundSource } from '../bindings/FundSource'
import type { LineSet } from '../bindings/LineSet'
import type { Project } from '../bindings/Project'
import type { SpendingType } from '../bindings/SpendingType'
import { parseAmount } from './amount'

export type ColumnKey =
  | 'function_code'
  | 'economic_code'
  | 'source'
  | 'carried_over'
  | 'spending'
  | 'project_code'
  | 'amount'
  | 'note'

export interface Column {
  key: ColumnKey
  title: string
  width: number
  kind: 'code' | 'choice' | 'amount' | 'text'
  options?: readonly string[]
}

export const SOURCES: readonly FundSource[] = ['一般公共预算', '政府性基金', '国有资本经营', '财政专户', '单位资金']
export const SPENDING: readonly SpendingType[] = ['人员经费', '公用经费', '项目支出']

export const COLUMNS: readonly Column[] = [
  { key: 'function_code', title: '功能分类（项）', width: 260, kind: 'code' },
  { key: 'economic_code', title: '经济分类（款）', width: 200, kind: 'code' },
  { key: 'source', title: '资金来源', width: 110, kind: 'choice', options: SOURCES },
  { key: 'carried_over', title: '上年结转', width: 72, kind: 'choice', options: ['否', '是'] },
  { key: 'spending', title: '支出类型', width: 90, kind: 'choice', options: SPENDING },
  { key: 'project_code', title: '项目', width: 200, kind: 'code' },
  { key: 'amount', title: '金额（万元）', width: 120, kind: 'amount' },
  { key: 'note', title: '备注', width: 180, kind: 'text' },
]

export type GridRow = Record<ColumnKey, string>

export function emptyRow(): GridRow {
  return {
    function_code: '',
    economic_code: '',
    source: '',
    carried_over: '',
    spending: '',
    project_code: '',
    amount: '',
    note: '',
  }
}

export function isBlank(row: GridRow): boolean {
  return COLUMNS.every((c) => row[c.key].trim() === '')
}

const SOURCE_ALIASES: Record<string, FundSource> = {
  一般公共预算拨款: '一般公共预算',
  公共预算: '一般公共预算',
  政府性基金预算: '政府性基金',
  基金: '政府性基金',
  国有资本经营预算: '国有资本经营',
  国资: '国有资本经营',
  财政专户管理资金: '财政专户',
  财政专户核拨: '财政专户',
  单位: '单位资金',
}
const SPENDING_ALIASES: Record<string, SpendingType> = {
  人员: '人员经费',
  公用: '公用经费',
  日常公用经费: '公用经费',
  项目: '项目支出',
  项目经费: '项目支出',
}
const YES = ['是', 'Y', 'y', '1', '√', 'TRUE', 'true']
const NO = ['否', 'N', 'n', '0', '', 'FALSE', 'false']

export type CellCheck = { value: string; error?: string }

/** Turns what was typed or pasted into the cell's canonical text, or says why it cannot be. */
export function normalizeCell(key: ColumnKey, raw: string): CellCheck {
  const text = raw.replace(/\u3000/g, ' ').trim()
  switch (key) {
    case 'function_code':
    case 'economic_code': {
      if (text === '') return { value: '' }
      const m = /^\[?(\d{3,7})\]?\s*(.*)$/.exec(text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)))
      if (!m) return { value: text, error: '科目编码应为数字，如 2010301' }
      const want = key === 'function_code' ? 7 : 5
      if (m[1].length !== want)
        return { value: m[1], error: key === 'function_code' ? '功能分类应编到项级（7位）' : '经济分类应选到款级（5位）' }
      return { value: m[1] }
    }
    case 'source': {
      if (text === '') return { value: '' }
      const folded = text.replace(/\s/g, '')
      const hit = SOURCES.find((s) => s === folded) ?? SOURCE_ALIASES[folded]
      return hit ? { value: hit } : { value: text, error: `资金来源应为：${SOURCES.join('、')}` }
    }
    case 'spending': {
      if (text === '') return { value: '' }
      const folded = text.replace(/\s/g, '')
      const hit = SPENDING.find((s) => s === folded) ?? SPENDING_ALIASES[folded]
      return hit ? { value: hit } : { value: text, error: `支出类型应为：${SPENDING.join('、')}` }
    }
    case 'carried_over':
      if (YES.includes(text)) return { value: '是' }
      if (NO.includes(text)) return { value: text === '' ? '' : '否' }
      return { value: text, error: '上年结转应填“是”或“否”' }
    case 'amount': {
      const parsed = parseAmount(text)
      return parsed.ok ? { value: parsed.value } : { value: text, error: parsed.message }
    }
    case 'project_code':
      return { value: text }
    case 'note':
      return { value: raw }
  }
}

export function fromLineSet(set: LineSet): GridRow[] {
  return set.lines.map((l) => ({
    function_code: l.function_code,
    economic_code: l.economic_code,
    source: l.source,
    carried_over: l.carried_over ? '是' : '否',
    spending: l.spending,
    project_code: l.project_code ?? '',
    amount: parseAmount(l.amount).ok ? (parseAmount(l.amount) as { value: string }).value : l.amount,
    note: l.note,
  }))
}

export interface GridProblem {
  /** Index into the grid's rows. */
  row: number
  key: ColumnKey
  message: string
}

/** The LineSet to save, or every cell that stops it. Blank rows are skipped. */
export function toLineSet(rows: GridRow[], projects: Project[]): { set: LineSet; problems: GridProblem[] } {
  const problems: GridProblem[] = []
  const lines: BudgetLine[] = []
  rows.forEach((row, index) => {
    if (isBlank(row)) return
    const before = problems.length
    for (const c of COLUMNS) {
      const check = normalizeCell(c.key, row[c.key])
      if (check.error) problems.push({ row: index, key: c.key, message: check.error })
    }
    for (const key of ['function_code', 'economic_code', 'source', 'spending', 'amount'] as const) {
      if (row[key].trim() === '') problems.push({ row: index, key, message: '必填' })
    }
    if (problems.length > before) return
    lines.push({
      function_code: row.function_code,
      economic_code: row.economic_code,
      source: row.source as FundSource,
      carried_over: row.carried_over === '是',
      spending: row.spending as SpendingType,
      project_code: row.project_code.trim() === '' ? null : row.project_code.trim(),
      amount: normalizeCell('amount', row.amount).value,
      note: row.note,
    })
  })
  return { set: { projects, lines }, problems }
}
