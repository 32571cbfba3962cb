// The 绩效自评 of a disclosure's projects while they are edited: the list of saved 自评, the one
// open (a copy of what was saved, with its 自评报告 prose), its score computed live by the rules,
// its indicators as grid rows with their own undo, and what is done to them (new, start from the
// 绩效目标, save, delete, import and export). EvaluationEditor.vue shows it.
import { computed, onBeforeUnmount, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import { ElMessageBox } from 'element-plus'
import { useEditor } from '../../editing/useEditor'
import { confirmLeave } from '../../editing/registry'
import { api, toAppError } from '../../api'
import { reportError, setStatus } from '../../status'
import { emptyProse, fillTotals, moneyField, newEvaluation } from '../../evaluation'
import { History } from '../../grid/history'
import type { GridHandle } from '../../grid/rowActions'
import { isBlankRow, type Row } from '../../grid/spec'
import { evaluationIndicators, evaluationRows, evaluationSpec } from '../../grid/indicators'
import { rowActions } from '../../grid/rowActions'
import type { Disclosure } from '../../bindings/Disclosure'
import type { EvaluationFunds } from '../../bindings/EvaluationFunds'
import type { EvaluationScore } from '../../bindings/EvaluationScore'
import type { FundExecution } from '../../bindings/FundExecution'
import type { ReportProse } from '../../bindings/ReportProse'
import type { SelfEvaluation } from '../../bindings/SelfEvaluation'
import type { StoredEvaluation } from '../../bindings/StoredEvaluation'
import type { Unit } from '../../bindings/Unit'

/** `props` are the editor's; `grid` is its indicator grid (for the row actions). */
export function useEvaluations(props: { unit: Unit; disclosure: Disclosure; active: boolean }, grid: () => GridHandle | undefined) {
  const list = ref<StoredEvaluation[]>([])
  const selectedId = ref<number | null>(null)
  const current = ref<SelfEvaluation | null>(null)
  const prose = ref<ReportProse>(emptyProse())
  const result = ref<EvaluationScore | null>(null)
  const saving = ref(false)
  const fundErrors = ref(new Map<string, string>())
  const reportText = ref('')

  const editor = useEditor({
    label: '绩效自评',
    active: () => props.active,
    save,
    draft: {
      disclosureId: () => props.disclosure.id,
      editor: 'evaluation',
      content: () => JSON.stringify({ id: selectedId.value, evaluation: current.value, prose: prose.value }),
      restore: (content) => {
        const draft = JSON.parse(content) as { id: number | null; evaluation: SelfEvaluation | null; prose: ReportProse }
        selectedId.value = draft.id
        current.value = draft.evaluation
        prose.value = draft.prose
        loadRows()
        void rescore()
      },
    },
  })
  const dirty = editor.dirty
  const touch = editor.touch

  const scores = computed(() => result.value?.indicators ?? [])
  /** The indicators as the grid's rows of text, with their own undo; the evaluation is derived
   * from them on every change. */
  const rows = reactive<Row[]>([])
  const history = shallowRef(new History())
  /** Row → its indicator's score: blank rows have no indicator, so later rows shift. */
  const spec = evaluationSpec((index) => {
    if (isBlankRow(spec, rows[index] ?? {})) return ''
    const n = rows.slice(0, index).filter((r) => !isBlankRow(spec, r)).length
    return scores.value[n]?.score ?? '—'
  })

  function loadRows() {
    rows.splice(0, rows.length, ...evaluationRows(current.value?.indicators ?? []))
    history.value = new History()
  }

  function onGridChanged() {
    if (!current.value) return
    current.value.indicators = evaluationIndicators(rows, current.value.indicators)
    const last = rows[rows.length - 1]
    if (last && isBlankRow(spec, last) === false) rows.push(spec.emptyRow())
    changed()
  }

  async function load(selectId?: number | null, offerDraft = false) {
    try {
      list.value = await api.listEvaluations(props.disclosure.id)
      const pick = list.value.find((e) => e.id === (selectId ?? selectedId.value)) ?? list.value[0] ?? null
      open(pick)
      if (offerDraft) await editor.offerDraft(editor_content())
    } catch (err) {
      reportError(err)
    }
  }

  function open(stored: StoredEvaluation | null) {
    selectedId.value = stored?.id ?? null
    // a deep copy to edit; the list keeps what was saved (JSON: plain data, no reactive proxies)
    current.value = stored ? (JSON.parse(JSON.stringify(stored.evaluation)) as SelfEvaluation) : null
    prose.value = stored ? (JSON.parse(JSON.stringify(stored.prose)) as ReportProse) : emptyProse()
    loadRows()
    editor.markSaved()
    reportText.value = ''
    void rescore()
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  async function rescore() {
    if (!current.value) {
      result.value = null
      return
    }
    try {
      result.value = await api.scoreEvaluation(current.value)
    } catch (err) {
      // scoring runs as the user types: a problem goes to the status bar, never a toast per key
      setStatus(toAppError(err).message)
    }
  }

  function editor_content(): string {
    return JSON.stringify({ id: selectedId.value, evaluation: current.value, prose: prose.value })
  }

  function changed() {
    touch()
    clearTimeout(timer)
    timer = setTimeout(() => void rescore(), 120)
  }

  function setFund(row: keyof EvaluationFunds, col: keyof FundExecution, text: string) {
    if (!current.value) return
    const parsed = moneyField(text)
    const key = `${row}:${col}`
    const errors = new Map(fundErrors.value)
    if ('error' in parsed) {
      errors.set(key, parsed.error)
      fundErrors.value = errors
      return
    }
    errors.delete(key)
    fundErrors.value = errors
    current.value.funds[row] = { ...current.value.funds[row], [col]: parsed.value }
    changed()
  }

  function completeTotals() {
    if (!current.value) return
    current.value.funds = fillTotals(current.value.funds)
    changed()
  }

  const actions = rowActions(rows, () => history.value, grid, spec.emptyRow, onGridChanged)

  async function save(): Promise<boolean> {
    if (!current.value) return true
    saving.value = true
    try {
      const stored = await api.saveEvaluation(props.disclosure.id, selectedId.value, current.value, prose.value)
      await load(stored.id)
      setStatus(`已保存“${stored.evaluation.project}”的绩效自评`)
      return true
    } catch (err) {
      reportError(err)
      return false
    } finally {
      saving.value = false
    }
  }

  async function createNew() {
    if (!(await confirmLeave())) return
    selectedId.value = null
    current.value = newEvaluation(props.disclosure.year, props.unit.name)
    prose.value = emptyProse()
    loadRows()
    touch()
    void rescore()
  }

  const startOpen = ref(false)

  /** A new 自评 from a project's 绩效目标 of the year's 预算, unsaved until 保存. */
  async function startFrom(code: string) {
    if (!(await confirmLeave())) return
    try {
      const started = await api.startEvaluation(props.disclosure.id, code)
      startOpen.value = false
      selectedId.value = null
      current.value = started
      prose.value = emptyProse()
      loadRows()
      touch()
      void rescore()
      setStatus(`已按绩效目标新建“${started.project}”的自评：填写实际完成值后保存`)
    } catch (err) {
      reportError(err)
    }
  }

  async function select(stored: StoredEvaluation) {
    if (stored.id === selectedId.value || !(await confirmLeave())) return
    const fresh = list.value.find((e) => e.id === stored.id) ?? stored
    open(fresh)
  }

  async function remove() {
    const stored = list.value.find((e) => e.id === selectedId.value)
    if (!stored) return
    try {
      await ElMessageBox.confirm(`确定删除“${stored.evaluation.project}”的绩效自评？`, '删除自评', {
        type: 'warning',
        confirmButtonText: '删除',
        cancelButtonText: '取消',
        confirmButtonClass: 'el-button--danger',
      })
    } catch {
      return
    }
    try {
      await api.deleteEvaluation(stored.id)
      selectedId.value = null
      await load()
    } catch (err) {
      reportError(err)
    }
  }

  async function importWorkbook() {
    try {
      const done = await api.importEvaluations(props.disclosure.id)
      if (!done) return
      await load(null)
      const errors = done.findings.filter((f) => f.severity === 'error').length
      setStatus(`已导入 ${done.count} 个项目的自评` + (errors ? `；表中有 ${errors} 处得分与规则不符，见各项目的“问题”` : ''))
    } catch (err) {
      reportError(err)
    }
  }

  async function exportWorkbook() {
    try {
      const path = await api.exportEvaluations(props.disclosure.id)
      if (path) setStatus(`已导出自评表：${path}`)
    } catch (err) {
      reportError(err)
    }
  }

  async function showReport() {
    if (!current.value) return
    try {
      const r = await api.evaluationReport(current.value, prose.value)
      reportText.value = [r.title, ...r.sections.flatMap((s) => [s.heading, ...s.paragraphs])].join('\n')
    } catch (err) {
      reportError(err)
    }
  }

  async function exportReport() {
    if (!current.value) return
    try {
      const path = await api.exportEvaluationReport(current.value, prose.value)
      if (path) setStatus(`已导出自评报告：${path}`)
    } catch (err) {
      reportError(err)
    }
  }

  watch(() => props.disclosure.id, () => void load(null, true))
  onMounted(() => void load(null, true))
  onBeforeUnmount(() => clearTimeout(timer))

  return {
    list,
    selectedId,
    current,
    prose,
    result,
    saving,
    fundErrors,
    reportText,
    editor,
    dirty,
    touch,
    rows,
    history,
    spec,
    onGridChanged,
    changed,
    setFund,
    completeTotals,
    actions,
    createNew,
    startOpen,
    startFrom,
    select,
    remove,
    importWorkbook,
    exportWorkbook,
    showReport,
    exportReport,
  }
}
