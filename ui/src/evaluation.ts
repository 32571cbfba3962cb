// Pure helpers of the self-evaluation screen.
import type { EvaluatedIndicator } from './bindings/EvaluatedIndicator'
import type { EvaluationFunds } from './bindings/EvaluationFunds'
import type { FundExecution } from './bindings/FundExecution'
import type { ReportProse } from './bindings/ReportProse'
import type { SelfEvaluation } from './bindings/SelfEvaluation'
import { parseAmount } from './grid/amount'

export const FUND_ROWS: { key: keyof EvaluationFunds; label: string }[] = [
  { key: 'total', label: '年度资金总额' },
  { key: 'current_appropriation', label: '其中：当年财政拨款' },
  { key: 'carried_over', label: '上年结转资金' },
  { key: 'other', label: '其他资金' },
]

export const FUND_COLUMNS: { key: keyof FundExecution; label: string }[] = [
  { key: 'initial_budget', label: '年初预算数（万元）' },
  { key: 'full_year_budget', label: '全年预算数（万元）' },
  { key: 'executed', label: '全年执行数（万元）' },
]

function emptyFunds(): FundExecution {
  return { initial_budget: null, full_year_budget: null, executed: null }
}

export function emptyIndicator(level1 = '产出指标'): EvaluatedIndicator {
  // 分值 is a decimal for the scorer: 0 until one is typed
  return { level1, level2: '', name: '', target: '', actual: '', weight: '0', stated_score: null, grading: null, deviation: '' }
}

export function newEvaluation(year: number, department: string): SelfEvaluation {
  return {
    title: '部门预算支出绩效自评表',
    year,
    filled_by: department,
    filled_on: '',
    project: '',
    department,
    implementer: department,
    funds: {
      total: emptyFunds(),
      current_appropriation: emptyFunds(),
      carried_over: emptyFunds(),
      other: emptyFunds(),
    },
    overall_target: '',
    overall_actual: '',
    indicators: [emptyIndicator('产出指标'), emptyIndicator('效益指标'), emptyIndicator('满意度指标')],
    stated: {
      execution_weight: null,
      execution_rate: null,
      execution_score: null,
      weight_total: null,
      total: null,
      grade: null,
    },
  }
}

export function emptyProse(): ReportProse {
  return {
    background: '',
    content: '',
    stage_goals: '',
    evaluation_purpose: '',
    evaluation_process: '',
    experience: '',
    problems: '',
    application: '',
    other: '',
  }
}

/** An amount field as typed → the Money string the backend takes, `null` for blank, or an error. */
export function moneyField(text: string): { value: string | null } | { error: string } {
  const parsed = parseAmount(text)
  if (!parsed.ok) return { error: parsed.message }
  return { value: parsed.value === '' ? null : parsed.value }
}

/** The total line's sources add up when 年度资金总额 is left blank: fill it from its parts. */
export function fillTotals(funds: EvaluationFunds): EvaluationFunds {
  const parts = [funds.current_appropriation, funds.carried_over, funds.other]
  const total = { ...funds.total }
  for (const col of FUND_COLUMNS.map((c) => c.key)) {
    if (total[col] !== null) continue
    const given = parts.map((p) => p[col]).filter((v): v is string => v !== null)
    if (given.length === 0) continue
    let fen = 0n
    for (const v of given) {
      const neg = v.startsWith('-')
      const [i, f = '00'] = v.replace('-', '').split('.')
      const n = BigInt(i) * 100n + BigInt((f + '00').slice(0, 2))
      fen += neg ? -n : n
    }
    const abs = fen < 0n ? -fen : fen
    total[col] = `${fen < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
  }
  return { ...funds, total }
}
