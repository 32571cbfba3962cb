// Pure helpers of the performance-target screen.
import type { Indicator } from './bindings/Indicator'
import type { Operator } from './bindings/Operator'
import type { ProjectTargets } from './bindings/ProjectTargets'
import { parseTsv } from './grid/tsv'

export const OPERATORS: Operator[] = ['≥', '≤', '＝', '＞', '＜', '定性']
export const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标']
export const LEVEL2: Record<string, string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
}

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

const OPERATOR_ALIASES: Record<string, Operator> = {
  '>=': '≥',
  '≥': '≥',
  '<=': '≤',
  '≤': '≤',
  '=': '＝',
  '＝': '＝',
  '>': '＞',
  '＞': '＞',
  '<': '＜',
  '＜': '＜',
  定性: '定性',
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

/** Rows pasted from Excel in the table's column order: 一级, 二级, 三级, 运算符, 指标值, 单位, 权重. */
export function indicatorsFromTsv(text: string): Indicator[] {
  return parseTsv(text)
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) => {
      const [level1 = '', level2 = '', name = '', op = '', value = '', unit = '', weight = ''] = r.map((c) => c.trim())
      const operator = OPERATOR_ALIASES[op] ?? (op === '' ? null : null)
      return {
        ...emptyIndicator(level1 || '产出指标'),
        level1: level1 || '产出指标',
        level2,
        name: name.replace(/★$/, ''),
        core: name.endsWith('★'),
        operator,
        value,
        unit,
        weight: weight === '' ? null : weight,
        verbatim: operator === null && op !== '' ? `${op}${value}${unit}` : null,
      }
    })
}
