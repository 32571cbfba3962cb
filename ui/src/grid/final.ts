// The 决算数据 grids' model: 支出 (spending lines), 收入 (income lines) and 结转和结余 (carry-overs),
// each a GridSpec for the one grid component, rows as the strings the user sees, and the
// conversion to and from the backend's FinalData. The words (income sources, spending kinds,
// funds, header names) come from Rust through vocabulary.json; amounts are exact 万元 strings.
import type { CarryFund } from '../bindings/CarryFund'
import type { CarryOver } from '../bindings/CarryOver'
import type { DataProblem } from '../bindings/DataProblem'
import type { FinalData } from '../bindings/FinalData'
import type { FinalIncome } from '../bindings/FinalIncome'
import type { FinalLine } from '../bindings/FinalLine'
import type { IncomeLine } from '../bindings/IncomeLine'
import type { SpendingKind } from '../bindings/SpendingKind'
import type { ThreePublicBudget } from '../bindings/ThreePublicBudget'
import { formatExactAmount, parseExactAmount, sumExactAmounts } from './amount'
import type { CodeBook } from './catalog'
import { normalizeCell as normalizeLineCell } from './lines'
import type { Edit } from './history'
import type { CellCheck, Column, GridSpec, Row } from './spec'
import { isBlankRow } from './spec'
import vocabulary from '../bindings/vocabulary.json'

interface Word<Id extends string> {
  id: Id
  label: string
  aliases: readonly string[]
}

const WORDS = vocabulary.final_accounts
const SOURCE_WORDS = WORDS.sources as Word<FinalIncome>[]
const KIND_WORDS = WORDS.spending_kinds as Word<SpendingKind>[]
const FUND_WORDS = WORDS.carry_funds as Word<CarryFund>[]

export const SOURCE_LABELS: readonly string[] = SOURCE_WORDS.map((w) => w.label)
export const KIND_LABELS: readonly string[] = KIND_WORDS.map((w) => w.label)
export const FUND_LABELS: readonly string[] = FUND_WORDS.map((w) => w.label)

function fold(text: string): string {
  return text.replace(/[\s\u3000\u00a0]/g, '')
}

/** The word a text names (its label or an alias, as Rust's parse reads it). */
function wordOf<Id extends string>(words: Word<Id>[], text: string): Word<Id> | null {
  const t = fold(text)
  if (t === '') return null
  return words.find((w) => w.label === t || w.aliases.includes(t)) ?? null
}

export const sourceOf = (text: string) => wordOf(SOURCE_WORDS, text)?.id ?? null
export const kindOf = (text: string) => wordOf(KIND_WORDS, text)?.id ?? null
export const fundOf = (text: string) => wordOf(FUND_WORDS, text)?.id ?? null
export const sourceLabel = (id: FinalIncome) => SOURCE_WORDS.find((w) => w.id === id)?.label ?? id
export const kindLabel = (id: SpendingKind) => KIND_WORDS.find((w) => w.id === id)?.label ?? id
export const fundLabel = (id: CarryFund) => FUND_WORDS.find((w) => w.id === id)?.label ?? id
/** The three 财政拨款 sources (whose money F4–F9 show). */
const FISCAL: readonly FinalIncome[] = ['general_grant', 'fund_grant', 'capital_grant']
export const isFiscalSource = (label: string) => FISCAL.includes(sourceOf(label) as FinalIncome)

export type Part = 'lines' | 'incomes' | 'carry_overs'

/** In the order a finance officer reads the accounts: code, fund, amount; the grid's paste
 * without a header fills them left to right. */
export const PART_COLUMNS: Record<Part, readonly Column[]> = {
  lines: [
    { key: 'function_code', title: '功能分类（项）', width: 200, kind: 'code' },
    { key: 'economic_code', title: '经济分类（款）', width: 150, kind: 'code' },
    { key: 'source', title: '资金来源', width: 180, kind: 'choice', options: SOURCE_LABELS },
    { key: 'kind', title: '支出类型', width: 132, kind: 'choice', options: KIND_LABELS },
    { key: 'amount', title: '金额（万元）', width: 120, kind: 'amount' },
    { key: 'project', title: '项目', width: 140, kind: 'text' },
  ],
  incomes: [
    { key: 'function_code', title: '功能分类（项）', width: 260, kind: 'code' },
    { key: 'source', title: '资金来源', width: 220, kind: 'choice', options: SOURCE_LABELS },
    { key: 'amount', title: '金额（万元）', width: 150, kind: 'amount' },
  ],
  carry_overs: [
    { key: 'fund', title: '资金', width: 196, kind: 'choice', options: FUND_LABELS },
    { key: 'function_code', title: '功能分类（项）', width: 260, kind: 'code' },
    { key: 'opening', title: '年初结转和结余（万元）', width: 176, kind: 'amount' },
    { key: 'closing', title: '年末结转和结余（万元）', width: 176, kind: 'amount' },
  ],
}

/** The cells a row of each part needs before it can be saved. */
const REQUIRED: Record<Part, readonly string[]> = {
  lines: ['function_code', 'economic_code', 'source', 'kind', 'amount'],
  incomes: ['function_code', 'source', 'amount'],
  carry_overs: ['fund', 'function_code'],
}

export function emptyRowOf(part: Part): Row {
  return Object.fromEntries(PART_COLUMNS[part].map((c) => [c.key, '']))
}

/** Turns what was typed or pasted into the cell's canonical text, or says why it cannot be. */
export function normalizeFinalCell(key: string, raw: string): CellCheck {
  const text = raw.replace(/\u3000/g, ' ').trim()
  const choice = (words: Word<string>[], what: string): CellCheck => {
    if (text === '') return { value: '' }
    const hit = wordOf(words, text)
    return hit ? { value: hit.label } : { value: text, error: `${what}应为：${words.map((w) => w.label).join('、')}` }
  }
  switch (key) {
    case 'function_code':
    case 'economic_code':
      return normalizeLineCell(key, raw)
    case 'source':
      return choice(SOURCE_WORDS, '资金来源')
    case 'kind':
      return choice(KIND_WORDS, '支出类型')
    case 'fund':
      return choice(FUND_WORDS, '资金')
    case 'amount':
    case 'opening':
    case 'closing': {
      const parsed = parseExactAmount(text)
      return parsed.ok ? { value: parsed.value } : { value: text, error: parsed.message }
    }
    default:
      return { value: text }
  }
}

/** Folds a header as the import does: no spaces, full-width letters and brackets half-width. */
function foldHeader(text: string): string {
  return fold(text).replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** The column a header names in `part` (null: one the grid has no place for), undefined for a
 * text that is no header. */
export function columnOfHeader(part: Part, text: string): string | null | undefined {
  const folded = foldHeader(text)
  if (folded === '') return undefined
  const rule = WORDS.header_rules[part].find((r) => r.contains.some((w) => folded.includes(w)))
  return rule ? rule.key : undefined
}

/**
 * A pasted block whose first row is a header (two or more of its cells name columns) is
 * rearranged into the grid's column order; its header row is dropped and columns the grid has
 * no place for are left out. Amounts under a header in 元 are read as 元 (exactly: 万元 to the 分).
 */
export function arrangeByHeader(part: Part, block: string[][]): { block: string[][]; header: boolean } {
  const first = block[0] ?? []
  const keys = first.map((h) => columnOfHeader(part, h))
  if (keys.filter((k) => k !== undefined).length < 2) return { block, header: false }
  const at = new Map<string, number>()
  keys.forEach((k, i) => {
    if (k && !at.has(k)) at.set(k, i)
  })
  const inYuan = (i: number) => {
    const h = foldHeader(first[i])
    return h.includes('元') && !h.includes('万元')
  }
  const rows = block.slice(1).map((cells) =>
    PART_COLUMNS[part].map((c) => {
      const i = at.get(c.key)
      if (i === undefined) return ''
      const v = (cells[i] ?? '').trim()
      return c.kind === 'amount' && v !== '' && inYuan(i) && !v.endsWith('元') ? `${v}元` : v
    }),
  )
  return { block: rows, header: true }
}

/** A grid of one part: codes shown with their names, amounts with 千分位 and every digit. */
export function finalSpec(part: Part, book: CodeBook): GridSpec {
  const columns = PART_COLUMNS[part]
  return {
    columns,
    emptyRow: () => emptyRowOf(part),
    normalize: normalizeFinalCell,
    display: (row, key) => {
      const v = row[key] ?? ''
      if (key === 'function_code' || key === 'economic_code') return book.describe(key, v)
      if (columns.find((c) => c.key === key)?.kind === 'amount') return formatExactAmount(v)
      return v
    },
    suggest: (key, typed) => (key === 'function_code' || key === 'economic_code' ? book.suggest(key, typed) : []),
    arrange: (block) => arrangeByHeader(part, block),
  }
}

/** The single figures of the data, as typed in the small form under the grids. */
export interface Figures {
  use_of_non_fiscal_balance: string
  distribution: string
  outbound: string
  vehicle_purchase: string
  vehicle_operation: string
  reception: string
}

export type FigureKey = keyof Figures

export const FIGURES: readonly { key: FigureKey; label: string; three: boolean }[] = [
  { key: 'use_of_non_fiscal_balance', label: '使用非财政拨款结余（含专用结余）', three: false },
  { key: 'distribution', label: '结余分配', three: false },
  { key: 'outbound', label: '因公出国（境）费', three: true },
  { key: 'vehicle_purchase', label: '公务用车购置费', three: true },
  { key: 'vehicle_operation', label: '公务用车运行维护费', three: true },
  { key: 'reception', label: '公务接待费', three: true },
]

/** Everything on the 决算数据 tab as text. */
export interface FinalRows {
  lines: Row[]
  incomes: Row[]
  carry_overs: Row[]
  figures: Figures
}

const shown = (amount: string) => {
  const parsed = parseExactAmount(amount)
  return parsed.ok ? parsed.value : amount
}

export function fromFinalData(data: FinalData): FinalRows {
  const tp = data.three_public_budget
  return {
    lines: data.lines.map((l) => ({
      function_code: l.function_code,
      economic_code: l.economic_code,
      source: sourceLabel(l.source),
      kind: kindLabel(l.kind),
      amount: shown(l.amount),
      project: l.project ?? '',
    })),
    incomes: data.incomes.map((i) => ({
      function_code: i.function_code,
      source: sourceLabel(i.source),
      amount: shown(i.amount),
    })),
    carry_overs: data.carry_overs.map((c) => ({
      fund: fundLabel(c.fund),
      function_code: c.function_code,
      opening: shown(c.opening),
      closing: shown(c.closing),
    })),
    figures: {
      use_of_non_fiscal_balance: shown(data.use_of_non_fiscal_balance),
      distribution: shown(data.distribution),
      outbound: shown(tp.outbound),
      vehicle_purchase: shown(tp.vehicle_purchase),
      vehicle_operation: shown(tp.vehicle_operation),
      reception: shown(tp.reception),
    },
  }
}

export interface FinalProblem {
  part: Part | 'figures'
  /** Index into the part's grid rows (0 for a figure). */
  row: number
  key: string
  message: string
}

/** The FinalData to save, or every cell that stops it. Blank rows are skipped. */
export function toFinalData(rows: FinalRows): { data: FinalData; problems: FinalProblem[] } {
  const problems: FinalProblem[] = []
  /** The canonical texts of a row, or null when one of its cells stops it. */
  const read = (part: Part, row: Row, index: number): Record<string, string> | null => {
    const before = problems.length
    const out: Record<string, string> = {}
    for (const c of PART_COLUMNS[part]) {
      const check = normalizeFinalCell(c.key, row[c.key] ?? '')
      if (check.error) problems.push({ part, row: index, key: c.key, message: check.error })
      else if (check.value === '' && REQUIRED[part].includes(c.key))
        problems.push({ part, row: index, key: c.key, message: '必填' })
      out[c.key] = check.value
    }
    return problems.length > before ? null : out
  }
  const each = <T>(part: Part, make: (cells: Record<string, string>) => T): T[] => {
    const spec = { columns: PART_COLUMNS[part] } as GridSpec
    const out: T[] = []
    rows[part].forEach((row, index) => {
      if (isBlankRow(spec, row)) return
      const cells = read(part, row, index)
      if (cells) out.push(make(cells))
    })
    return out
  }
  const lines = each<FinalLine>('lines', (c) => ({
    function_code: c.function_code,
    economic_code: c.economic_code,
    source: sourceOf(c.source)!,
    kind: kindOf(c.kind)!,
    amount: c.amount,
    project: c.project === '' ? null : c.project,
  }))
  const incomes = each<IncomeLine>('incomes', (c) => ({
    function_code: c.function_code,
    source: sourceOf(c.source)!,
    amount: c.amount,
  }))
  const carry_overs = each<CarryOver>('carry_overs', (c) => ({
    fund: fundOf(c.fund)!,
    function_code: c.function_code,
    opening: c.opening || '0.00',
    closing: c.closing || '0.00',
  }))
  const figure = (key: FigureKey): string => {
    const parsed = parseExactAmount(rows.figures[key])
    if (!parsed.ok) {
      problems.push({ part: 'figures', row: 0, key, message: parsed.message })
      return '0.00'
    }
    return parsed.value || '0.00'
  }
  const three_public_budget: ThreePublicBudget = {
    outbound: figure('outbound'),
    vehicle_purchase: figure('vehicle_purchase'),
    vehicle_operation: figure('vehicle_operation'),
    reception: figure('reception'),
  }
  const data: FinalData = {
    lines,
    incomes,
    carry_overs,
    use_of_non_fiscal_balance: figure('use_of_non_fiscal_balance'),
    distribution: figure('distribution'),
    three_public_budget,
  }
  return { data, problems }
}

/** The grid rows of a part that hold something, with their indices: the saved data's row n is
 * the n-th of them. */
export function filledIndices(part: Part, rows: Row[]): number[] {
  const spec = { columns: PART_COLUMNS[part] } as GridSpec
  return rows.flatMap((r, i) => (isBlankRow(spec, r) ? [] : [i]))
}

/** What DataProblem names a column by, as its grid column. */
const COLUMN_OF_NAME: Record<string, string> = {
  功能分类: 'function_code',
  经济分类: 'economic_code',
  资金来源: 'source',
  支出类型: 'kind',
  金额: 'amount',
  资金: 'fund',
  年初结转和结余: 'opening',
  年末结转和结余: 'closing',
}

/** Where a problem the backend found is on the screen: a grid cell, a figure of the form, or
 * nowhere (a fund that does not balance). */
export function locateProblem(problem: DataProblem, rows: FinalRows): FinalProblem | null {
  if (problem.part === 'lines' || problem.part === 'incomes' || problem.part === 'carry_overs') {
    const index = filledIndices(problem.part, rows[problem.part])[problem.row - 1] ?? problem.row - 1
    const key = COLUMN_OF_NAME[problem.column] ?? PART_COLUMNS[problem.part][0].key
    return { part: problem.part, row: index, key, message: problem.message }
  }
  if (problem.part === 'figures') {
    const figure = FIGURES.find((f) => problem.column.startsWith(f.label.replace(/（含专用结余）$/, '')))
    return figure ? { part: 'figures', row: 0, key: figure.key, message: problem.message } : null
  }
  return null
}

export interface PartTotals {
  count: number
  /** Rows whose amount is not a number: left out of the sums, and the footer says so. */
  unreadable: number
  sums: Record<string, string>
}

/** The totals under a grid: per amount column, and for 支出 per spending kind and 财政拨款. */
export function partTotals(part: Part, rows: Row[]): PartTotals {
  const filled = filledIndices(part, rows).map((i) => rows[i])
  const amountKeys = PART_COLUMNS[part].filter((c) => c.kind === 'amount').map((c) => c.key)
  const sums: Record<string, string> = {}
  for (const key of amountKeys) sums[key] = sumExactAmounts(filled.map((r) => r[key] ?? ''))
  if (part === 'lines' || part === 'incomes') {
    sums.fiscal = sumExactAmounts(filled.filter((r) => isFiscalSource(r.source ?? '')).map((r) => r.amount))
  }
  if (part === 'lines') {
    for (const w of KIND_WORDS)
      sums[w.id] = sumExactAmounts(filled.filter((r) => kindOf(r.kind ?? '') === w.id).map((r) => r.amount))
  }
  const unreadable = filled.filter((r) => amountKeys.some((k) => !parseExactAmount(r[k] ?? '').ok)).length
  return { count: filled.length, unreadable, sums }
}

/**
 * Last year's 年末 brought in as this year's 年初 (`opening_from_last_year`), as one undoable
 * edit of the 结转和结余 grid: a row of the same 资金 and 功能分类 takes the brought 年初 (its
 * 年末, if typed, is kept); the other rows stay; rows not in the grid fill the blank rows after
 * the last filled one. `extra` blank rows must be appended first when there are too few.
 */
export function openingEdit(rows: Row[], opening: CarryOver[]): { edit: Edit; extra: number; replaced: number; added: number } {
  const cells: { row: number; key: string; before: string; after: string }[] = []
  const set = (row: number, key: string, after: string) =>
    cells.push({ row, key, before: rows[row]?.[key] ?? '', after })
  const filled = filledIndices('carry_overs', rows)
  const last = filled.length ? filled[filled.length - 1] : -1
  const blanks = rows.flatMap((_, i) => (i > last && !filled.includes(i) ? [i] : []))
  let next = 0
  let replaced = 0
  let added = 0
  for (const c of opening) {
    const at = filled.find((i) => fundOf(rows[i].fund ?? '') === c.fund && (rows[i].function_code ?? '').trim() === c.function_code)
    if (at !== undefined) {
      set(at, 'opening', shown(c.opening))
      replaced++
      continue
    }
    const row = next < blanks.length ? blanks[next] : rows.length + (next - blanks.length)
    next++
    added++
    set(row, 'fund', fundLabel(c.fund))
    set(row, 'function_code', c.function_code)
    set(row, 'opening', shown(c.opening))
    set(row, 'closing', shown(c.closing))
  }
  return { edit: { kind: 'cells', cells }, extra: Math.max(0, next - blanks.length), replaced, added }
}
