// The budget-line grid's model: columns, rows as the strings the user sees, normalisation of
// typed or pasted text, and conversion to and from the backend's LineSet.
import type { BudgetLine } from '../bindings/BudgetLine'
import type { FundSource } from '../bindings/FundSource'
import type { LineSet } from '../bindings/LineSet'
import type { Project } from '../bindings/Project'
import type { SpendingType } from '../bindings/SpendingType'
import { formatAmount, parseAmount } from './amount'
import type { CodeBook } from './catalog'
import type { CellCheck, Column, GridSpec } from './spec'
// Written from Rust's line vocabulary by its tests: the words file import reads, read here too.
import vocabulary from '../bindings/vocabulary.json'

export type ColumnKey =
  | 'function_code'
  | 'economic_code'
  | 'source'
  | 'carried_over'
  | 'spending'
  | 'project_code'
  | 'amount'
  | 'note'

export type LineColumn = Column & { key: ColumnKey }

export const SOURCES = vocabulary.lines.fund_sources as readonly FundSource[]
export const SPENDING = vocabulary.lines.spending_types as readonly SpendingType[]

/** In the order of the import template's first columns, so that rows copied from the
 * template or a budget-lines workbook land in the right columns without a header. */
export const COLUMNS: readonly LineColumn[] = [
  { key: 'function_code', title: '功能分类（项）', width: 230, kind: 'code' },
  { key: 'economic_code', title: '经济分类（款）', width: 180, kind: 'code' },
  { key: 'source', title: '资金来源', width: 104, kind: 'choice', options: SOURCES },
  { key: 'spending', title: '支出类型', width: 84, kind: 'choice', options: SPENDING },
  { key: 'project_code', title: '项目', width: 150, kind: 'code' },
  { key: 'amount', title: '金额（万元）', width: 120, kind: 'amount' },
  { key: 'carried_over', title: '上年结转', width: 68, kind: 'choice', options: ['否', '是'] },
  { key: 'note', title: '备注', width: 150, kind: 'text' },
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

const SOURCE_ALIASES = vocabulary.lines.fund_source_aliases as Record<string, FundSource>
const SPENDING_ALIASES = vocabulary.lines.spending_type_aliases as Record<string, SpendingType>
const YES: readonly string[] = vocabulary.lines.carried_over_yes
const NO: readonly string[] = vocabulary.lines.carried_over_no

/** A fund as the import reads it: a label, anything starting with one ("一般公共预算拨款"), or
 * an alias. */
export function fundSourceOf(text: string): FundSource | null {
  const folded = text.replace(/\s/g, '')
  if (folded === '') return null
  return SOURCES.find((s) => folded.startsWith(s)) ?? SOURCE_ALIASES[folded] ?? null
}

export function spendingTypeOf(text: string): SpendingType | null {
  const folded = text.replace(/\s/g, '')
  return SPENDING.find((s) => s === folded) ?? SPENDING_ALIASES[folded] ?? null
}

/** Folds a header as the import does: no spaces, full-width letters and brackets half-width. */
function foldHeader(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0]/g, '')
    .replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** The grid column a header names (by the import's rules), null for one the grid does not
 * have, undefined for a text that is no header at all. */
export function columnOfHeader(text: string): ColumnKey | null | undefined {
  const folded = foldHeader(text)
  if (folded === '') return undefined
  const rule = vocabulary.lines.header_rules.find(
    (r) => r.contains.some((k) => folded.includes(k)) || r.equals.some((k) => folded === k),
  )
  return rule ? (rule.key as ColumnKey | null) : undefined
}

/**
 * A pasted block whose first row is a header (two or more of its cells name line columns) is
 * rearranged into the grid's column order; its header row is dropped and columns the grid has
 * no place for are left out. Amounts under a header in 元 are refused by the caller. Without a
 * header the block is returned as it is.
 */
export function arrangeByHeader(block: string[][]): { block: string[][]; header: boolean; yuan: boolean } {
  const first = block[0] ?? []
  const keys = first.map(columnOfHeader)
  const named = keys.filter((k) => k !== undefined).length
  if (named < 2) return { block, header: false, yuan: false }
  const at = new Map<ColumnKey, number>()
  keys.forEach((k, i) => {
    if (k && !at.has(k)) at.set(k, i)
  })
  const amountHeader = at.has('amount') ? foldHeader(first[at.get('amount')!]) : ''
  const yuan = amountHeader.includes('元') && !amountHeader.includes('万元')
  const rows = block.slice(1).map((cells) => COLUMNS.map((c) => (at.has(c.key) ? (cells[at.get(c.key)!] ?? '') : '')))
  return { block: rows, header: true, yuan }
}


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
      const hit = fundSourceOf(text)
      return hit ? { value: hit } : { value: text, error: `资金来源应为：${SOURCES.join('、')}` }
    }
    case 'spending': {
      if (text === '') return { value: '' }
      const hit = spendingTypeOf(text)
      return hit ? { value: hit } : { value: text, error: `支出类型应为：${SPENDING.join('、')}` }
    }
    case 'carried_over':
      if (YES.includes(text)) return { value: '是' }
      if (NO.includes(text)) return { value: text === '' ? '' : '否' }
      return { value: text, error: '上年结转应填“是”或“否”' }
    case 'amount': {
      if (/[^万]元$/.test(text))
        return { value: text, error: '金额单位是元，网格按万元录入：请换算为万元，或用“导入明细”导入以元为单位的工作簿' }
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

/** The budget-line grid: codes shown with their names, amounts with 千分位, suggestions from the
 * catalog and the projects, a header row on the clipboard matched by name. */
export function lineSpec(book: CodeBook): GridSpec<GridRow> {
  const coded = (key: string): key is 'function_code' | 'economic_code' | 'project_code' =>
    key === 'function_code' || key === 'economic_code' || key === 'project_code'
  return {
    columns: COLUMNS,
    emptyRow,
    normalize: (key, raw) => normalizeCell(key as ColumnKey, raw),
    display: (row, key) => {
      const v = row[key as ColumnKey]
      if (coded(key)) return book.describe(key, v)
      if (key === 'amount') return formatAmount(v)
      return v
    },
    suggest: (key, typed) => (coded(key) ? book.suggest(key, typed) : []),
    arrange: (block) => {
      const arranged = arrangeByHeader(block)
      return { block: arranged.yuan ? markYuanAmounts(arranged.block) : arranged.block, header: arranged.header }
    },
  }
}

/** Amounts under a 元 header are kept as typed with their unit, so they show red and never
 * count as 万元; the message says what to do. */
function markYuanAmounts(block: string[][]): string[][] {
  const at = COLUMNS.findIndex((c) => c.key === 'amount')
  return block.map((r) => r.map((v, i) => (i === at && v.trim() !== '' ? `${v.trim()}元` : v)))
}
