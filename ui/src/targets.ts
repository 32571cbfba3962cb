// Pure helpers of the performance-target screen.
import type { Indicator } from './bindings/Indicator'
import type { ProjectTargets } from './bindings/ProjectTargets'
import { LEVEL2 } from './grid/indicators'

export function emptyIndicator(level1 = '产出指标'): Indicator {
  return {
    level1,
    level2: LEVEL2[level1]?.[0] ?? '',
    name: '',
    core: false,
    operator: '≥',
    value: '',
    unit: '',
    weight: null,
    direction: '正向',
    basis: '',
    last_year: '',
    scoring_rule: '',
    evidence: '',
    verbatim: null,
    cells: null,
  }
}

export function newProjectTargets(code: string, name: string, amount: string | null): ProjectTargets {
  return {
    code,
    name,
    unit: '',
    manager: '',
    amount,
    fiscal: amount,
    other: null,
    goal: '',
    indicators: [emptyIndicator('产出指标'), emptyIndicator('效益指标'), emptyIndicator('满意度指标')],
    name_cell: null,
    amount_cell: null,
  }
}

/** Weight total of a project's indicators, exact on the digits (weights are small decimals). */
export function weightTotal(indicators: Indicator[]): string {
  let hundredths = 0
  for (const i of indicators) {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec((i.weight ?? '').trim())
    if (m) hundredths += Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  }
  return `${Math.floor(hundredths / 100)}${hundredths % 100 ? '.' + String(hundredths % 100).padStart(2, '0').replace(/0$/, '') : ''}`
}
