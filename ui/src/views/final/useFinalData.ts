// The 决算数据 of a 决算 disclosure while it is edited: the rows of the three grids (支出, 收入,
// 结转和结余) with their undo histories, the few figures, the cells marked red, and the totals.
// The screen holds it (its toolbar, save, review and draft use it) and its 决算数据 tab shows it.
import { computed, reactive, ref, shallowRef } from 'vue'
import { ElMessageBox } from 'element-plus'
import { api } from '../../api'
import { reportError, setStatus } from '../../status'
import { parseExactAmount } from '../../grid/amount'
import type { CatalogListing } from '../../grid/catalog'
import { CodeBook } from '../../grid/catalog'
import {
  FIGURES,
  PART_COLUMNS,
  emptyRowOf,
  filledIndices,
  finalSpec,
  openingEdit,
  partTotals,
  type FigureKey,
  type FinalProblem,
  type FinalRows,
  type Figures,
  type Part,
} from '../../grid/final'
import { History } from '../../grid/history'
import { rowActions } from '../../grid/rowActions'
import type { Row } from '../../grid/spec'
import type DataGrid from '../../components/DataGrid.vue'
import { PART_NAMES } from './findings'

export const PARTS: readonly Part[] = ['lines', 'incomes', 'carry_overs']
export type Section = Part | 'figures'
export const TESTIDS: Record<Part, string> = { lines: 'final-lines-grid', incomes: 'final-incomes-grid', carry_overs: 'final-carry-grid' }

/** "支出第 3 行“金额（万元）”", "“公务接待费”". */
export function where(p: FinalProblem): string {
  if (p.part === 'figures') return `“${FIGURES.find((f) => f.key === p.key)?.label ?? ''}”`
  const title = PART_COLUMNS[p.part].find((c) => c.key === p.key)?.title ?? ''
  return `${PART_NAMES[p.part]}第 ${p.row + 1} 行“${title}”`
}

export type FinalData = ReturnType<typeof useFinalData>

/** `touch` is called on every change (the data is unsaved from then on). */
export function useFinalData(touch: () => void, disclosureId: () => number) {
  const section = ref<Section>('lines')
  const rows: Record<Part, Row[]> = { lines: reactive([]), incomes: reactive([]), carry_overs: reactive([]) }
  const histories = { lines: shallowRef(new History()), incomes: shallowRef(new History()), carry_overs: shallowRef(new History()) }
  const figures = reactive<Figures>({
    use_of_non_fiscal_balance: '',
    distribution: '',
    outbound: '',
    vehicle_purchase: '',
    vehicle_operation: '',
    reception: '',
  })
  const grids: Partial<Record<Part, InstanceType<typeof DataGrid>>> = {}
  const listing = ref<CatalogListing | null>(null)
  const book = computed(() => new CodeBook(listing.value ?? { year: 0, function: [], economic: [] }, []))
  const specs = computed(() => ({
    lines: finalSpec('lines', book.value),
    incomes: finalSpec('incomes', book.value),
    carry_overs: finalSpec('carry_overs', book.value),
  }))

  /** Cells marked red: what the last save refused, and what the last review found. */
  const marked = reactive<Record<Part | 'figures', Map<string, string>>>({
    lines: new Map(),
    incomes: new Map(),
    carry_overs: new Map(),
    figures: new Map(),
  })
  /** Ticks on every change of a grid (for the totals). */
  const tick = ref(0)

  function current(): FinalRows {
    return { lines: rows.lines, incomes: rows.incomes, carry_overs: rows.carry_overs, figures: { ...figures } }
  }

  /** What a draft holds: the filled rows of each part and the figures, as JSON. */
  function draftContent(): string {
    const filled = (part: Part) => filledIndices(part, rows[part]).map((i) => rows[part][i])
    return JSON.stringify({ lines: filled('lines'), incomes: filled('incomes'), carry_overs: filled('carry_overs'), figures })
  }

  function fill(next: FinalRows) {
    for (const part of PARTS) {
      const list = rows[part]
      list.splice(0, list.length, ...next[part].map((r) => ({ ...emptyRowOf(part), ...r })))
      const spare = Math.max(part === 'lines' ? 20 : 10, 30 - list.length)
      for (let i = 0; i < spare; i++) list.push(emptyRowOf(part))
      histories[part].value = new History()
      marked[part] = new Map()
    }
    Object.assign(figures, next.figures)
    marked.figures = new Map()
    tick.value++
  }

  const totals = computed(() => {
    void tick.value
    return {
      lines: partTotals('lines', rows.lines),
      incomes: partTotals('incomes', rows.incomes),
      carry_overs: partTotals('carry_overs', rows.carry_overs),
    }
  })
  const counts = computed(() => {
    void tick.value
    return { lines: totals.value.lines.count, incomes: totals.value.incomes.count, carry_overs: totals.value.carry_overs.count }
  })

  function figureError(key: FigureKey): string {
    const parsed = parseExactAmount(figures[key])
    return parsed.ok ? (marked.figures.get(key) ?? '') : parsed.message
  }

  function onChanged(part: Part) {
    touch()
    marked[part] = new Map()
    tick.value++
  }

  function onFigure(key: FigureKey) {
    touch()
    if (marked.figures.has(key)) {
      const next = new Map(marked.figures)
      next.delete(key)
      marked.figures = next
    }
  }

  function onPasted(part: Part, bad: { row: number; key: string; message: string }[]) {
    if (bad.length === 0) {
      setStatus('已粘贴')
      return
    }
    marked[part] = new Map(bad.map((b) => [`${b.row}:${b.key}`, b.message]))
    setStatus(`粘贴的内容中有 ${bad.length} 个单元格需要更正（已标红），如${where({ part, row: bad[0].row, key: bad[0].key, message: '' })}：${bad[0].message}`)
  }

  const actions = {
    lines: rowActions(rows.lines, () => histories.lines.value, () => grids.lines, () => emptyRowOf('lines'), () => onChanged('lines')),
    incomes: rowActions(rows.incomes, () => histories.incomes.value, () => grids.incomes, () => emptyRowOf('incomes'), () => onChanged('incomes')),
    carry_overs: rowActions(
      rows.carry_overs,
      () => histories.carry_overs.value,
      () => grids.carry_overs,
      () => emptyRowOf('carry_overs'),
      () => onChanged('carry_overs'),
    ),
  }
  const gridSection = computed(() => (section.value === 'figures' ? null : section.value))

  function markProblems(found: FinalProblem[]) {
    for (const part of [...PARTS, 'figures'] as const) {
      marked[part] = new Map(found.filter((p) => p.part === part).map((p) => [`${p.row}:${p.key}`, p.message]))
    }
  }

  /** Last year's 年末 into the 结转和结余 grid as 年初: one undoable edit, unsaved until Ctrl+S. */
  async function bringOpening() {
    try {
      const opening = await api.openingFromLastYear(disclosureId())
      if (opening.length === 0) {
        await ElMessageBox.alert('没有上年决算，无法带入', '从上年决算带入年初', { type: 'info' }).catch(() => undefined)
        return
      }
      const list = rows.carry_overs
      const { edit, extra, replaced, added } = openingEdit(list, opening)
      for (let i = 0; i < extra; i++) list.push(emptyRowOf('carry_overs'))
      if (histories.carry_overs.value.commit(list, edit)) onChanged('carry_overs')
      setStatus(`已从上年决算带入年初结转和结余：更新 ${replaced} 行、新增 ${added} 行（未保存，Ctrl+S 保存）`)
    } catch (err) {
      reportError(err)
    }
  }

  return {
    section,
    rows,
    histories,
    figures,
    grids,
    listing,
    specs,
    marked,
    totals,
    counts,
    current,
    draftContent,
    fill,
    figureError,
    onChanged,
    onFigure,
    onPasted,
    actions,
    gridSection,
    markProblems,
    bringOpening,
  }
}
