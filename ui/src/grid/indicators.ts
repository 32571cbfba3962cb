// The 绩效目标 and 自评 indicator tables as grids: their columns, how a typed or pasted text
// becomes the cell's text (with the operators, levels and directions Rust reads), and the
// conversion between rows of text and the typed indicators the backend takes.
import type { Achievement } from '../bindings/Achievement'
import type { Direction } from '../bindings/Direction'
import type { EvaluatedIndicator } from '../bindings/EvaluatedIndicator'
import type { Indicator } from '../bindings/Indicator'
import type { Operator } from '../bindings/Operator'
import vocabulary from '../bindings/vocabulary.json'
import type { CellCheck, Column, GridSpec, Row } from './spec'
import { isBlankRow } from './spec'

export const LEVEL1: readonly string[] = vocabulary.indicators.levels.map((l) => l.level1)
export const LEVEL2: Record<string, readonly string[]> = Object.fromEntries(
  vocabulary.indicators.levels.map((l) => [l.level1, l.level2]),
)
export const OPERATORS = vocabulary.indicators.operators.map((o) => o.label) as Operator[]
const DIRECTIONS = vocabulary.indicators.directions as readonly Direction[]
const ACHIEVEMENTS: readonly Achievement[] = ['达成', '部分达成', '未达成']
const DECIMAL = /^-?\d+(\.\d+)?$/

function fold(text: string): string {
  return text.replace(/[\s\u3000]/g, '')
}

function level1Of(text: string): string | null {
  const t = fold(text).replace(/^[一二三四五六七八九十]+、/, '')
  return LEVEL1.find((l) => l === t || l.replace(/指标$/, '') === t) ?? null
}

export function operatorOf(text: string): Operator | null {
  const t = fold(text)
  return (vocabulary.indicators.operators.find((o) => o.label === t || o.typed.includes(t))?.label as Operator) ?? null
}

function check(key: string, raw: string): CellCheck {
  const text = raw.trim()
  switch (key) {
    case 'level1': {
      if (text === '') return { value: '' }
      const l = level1Of(text)
      return l ? { value: l } : { value: text, error: `一级指标应为：${LEVEL1.join('、')}` }
    }
    case 'core':
      if (['★', '是', '√', '1', 'Y', 'y'].includes(text)) return { value: '★' }
      if (['', '否', '0', 'N', 'n'].includes(text)) return { value: '' }
      return { value: text, error: '核心指标填“★”或留空' }
    case 'operator': {
      if (text === '') return { value: '' }
      const op = operatorOf(text)
      return op ? { value: op } : { value: text, error: `运算符应为：${OPERATORS.join(' ')}` }
    }
    case 'weight':
    case 'grading_score':
      if (text === '') return { value: '' }
      return DECIMAL.test(text) ? { value: text } : { value: text, error: key === 'weight' ? '权重（分值）应为数字，如 10' : '得分应为数字，如 4.5' }
    case 'direction':
      if (text === '') return { value: '' }
      return (DIRECTIONS as readonly string[]).includes(text) ? { value: text } : { value: text, error: '指标方向填“正向”或“反向”' }
    case 'achievement':
      if (text === '') return { value: '' }
      return (ACHIEVEMENTS as readonly string[]).includes(text) ? { value: text } : { value: text, error: '定性评定填：达成、部分达成、未达成' }
    default:
      return { value: raw }
  }
}

/** A header row copied with the indicators (一级指标, 三级指标, 指标值…) is matched by name. */
function arrangeBy(columns: readonly Column[], words: Record<string, string[]>) {
  return (block: string[][]): { block: string[][]; header: boolean } => {
    const first = (block[0] ?? []).map(fold)
    const keyOf = (h: string) => columns.find((c) => (words[c.key] ?? [c.title]).some((w) => h.includes(w)))?.key
    const keys = first.map(keyOf)
    if (keys.filter(Boolean).length < 2) return { block, header: false }
    const editable = columns.filter((c) => c.kind !== 'computed')
    const rows = block.slice(1).map((cells) => editable.map((c) => cells[keys.indexOf(c.key)] ?? ''))
    return { block: rows, header: true }
  }
}

// ---- 绩效目标 ----

export const TARGET_COLUMNS: readonly Column[] = [
  { key: 'level1', title: '一级指标', width: 96, kind: 'choice', options: LEVEL1 },
  { key: 'level2', title: '二级指标', width: 110, kind: 'text' },
  { key: 'name', title: '三级指标', width: 200, kind: 'text' },
  { key: 'operator', title: '运算符', width: 60, kind: 'choice', options: OPERATORS },
  { key: 'value', title: '指标值', width: 90, kind: 'text' },
  { key: 'unit', title: '单位', width: 64, kind: 'text' },
  { key: 'weight', title: '权重', width: 56, kind: 'amount' },
  { key: 'direction', title: '方向', width: 56, kind: 'choice', options: DIRECTIONS },
  { key: 'basis', title: '指标值设置依据', width: 130, kind: 'text' },
  { key: 'last_year', title: '上年完成值', width: 90, kind: 'text' },
  { key: 'scoring_rule', title: '赋分规则', width: 130, kind: 'text' },
  { key: 'evidence', title: '佐证资料', width: 110, kind: 'text' },
  // last, so that the common seven columns (一级…权重) paste as Excel users copy them
  { key: 'core', title: '核心★', width: 52, kind: 'choice', options: ['★', ''] },
]

function emptyOf(columns: readonly Column[]): () => Row {
  return () => Object.fromEntries(columns.map((c) => [c.key, '']))
}

export const targetSpec: GridSpec = {
  columns: TARGET_COLUMNS,
  emptyRow: emptyOf(TARGET_COLUMNS),
  normalize: check,
  arrange: arrangeBy(TARGET_COLUMNS, {
    level1: ['一级'],
    level2: ['二级'],
    name: ['三级', '指标名称'],
    operator: ['运算符', '符号'],
    value: ['指标值'],
    unit: ['单位'],
    weight: ['权重', '分值'],
    direction: ['方向'],
    basis: ['依据'],
    last_year: ['上年'],
    scoring_rule: ['赋分'],
    evidence: ['佐证'],
  }),
}

export function targetRows(indicators: Indicator[], spare = 3): Row[] {
  const rows = indicators.map((i) => ({
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    operator: i.operator ?? '',
    value: i.value,
    unit: i.unit,
    weight: i.weight ?? '',
    direction: i.direction ?? '',
    basis: i.basis,
    last_year: i.last_year,
    scoring_rule: i.scoring_rule,
    evidence: i.evidence,
    core: i.core ? '★' : '',
  }))
  for (let n = 0; n < spare; n++) rows.push(targetSpec.emptyRow() as (typeof rows)[number])
  return rows
}

/** The indicators of the rows that hold something; cells that are not valid are left out of
 * the indicator (the grid marks them) so that nothing invalid reaches the backend. */
export function targetIndicators(rows: Row[], before: Indicator[]): Indicator[] {
  return rows
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => !isBlankRow(targetSpec, r))
    .map(({ r, index }) => {
      const ok = (key: string) => (check(key, r[key]).error ? '' : check(key, r[key]).value)
      const old = before[index]
      // forms print the ★ after the name, and often the operator inside the value ("≥3")
      const starred = r.name.trim().endsWith('★')
      const name = r.name.trim().replace(/★$/, '')
      const inValue = ok('operator') ? null : /^(>=|<=|≥|≤|＞＝|＜＝|=|＝|>|<|＞|＜)\s*(.*)$/.exec(r.value.trim())
      return {
        level1: ok('level1') || r.level1 || '产出指标',
        level2: r.level2.trim(),
        name,
        core: ok('core') === '★' || starred,
        operator: ((inValue ? operatorOf(inValue[1]) : ok('operator')) || null) as Operator | null,
        value: inValue ? inValue[2] : r.value.trim(),
        unit: r.unit.trim(),
        weight: ok('weight') || null,
        direction: (ok('direction') || null) as Direction | null,
        basis: r.basis,
        last_year: r.last_year,
        scoring_rule: r.scoring_rule,
        evidence: r.evidence,
        verbatim: old && old.name === name ? old.verbatim : null,
        cells: null,
      }
    })
}

/** Every cell of the rows that stops saving, as "row:key" → message. */
export function cellProblems(spec: GridSpec, rows: Row[]): Map<string, string> {
  const out = new Map<string, string>()
  rows.forEach((r, i) => {
    for (const c of spec.columns) {
      if (c.kind === 'computed') continue
      const e = spec.normalize(c.key, r[c.key] ?? '').error
      if (e) out.set(`${i}:${c.key}`, e)
    }
  })
  return out
}

// ---- 自评 ----

export const EVALUATION_COLUMNS: readonly Column[] = [
  { key: 'level1', title: '一级指标', width: 96, kind: 'choice', options: LEVEL1 },
  { key: 'level2', title: '二级指标', width: 110, kind: 'text' },
  { key: 'name', title: '三级指标', width: 180, kind: 'text' },
  { key: 'target', title: '年度指标值', width: 100, kind: 'text' },
  { key: 'actual', title: '实际完成值', width: 100, kind: 'text' },
  { key: 'weight', title: '分值', width: 56, kind: 'amount' },
  { key: 'score', title: '得分', width: 60, kind: 'computed' },
  { key: 'achievement', title: '定性评定', width: 84, kind: 'choice', options: ACHIEVEMENTS },
  { key: 'grading_score', title: '评定得分', width: 70, kind: 'amount' },
  { key: 'deviation', title: '偏差原因分析及改进措施', width: 200, kind: 'text' },
]

export function evaluationSpec(score: (index: number) => string): GridSpec {
  return {
    columns: EVALUATION_COLUMNS,
    emptyRow: emptyOf(EVALUATION_COLUMNS),
    normalize: check,
    display: (row, key, index) => (key === 'score' ? score(index) : (row[key] ?? '')),
    arrange: arrangeBy(EVALUATION_COLUMNS, {
      level1: ['一级'],
      level2: ['二级'],
      name: ['三级'],
      target: ['年度指标值', '指标值'],
      actual: ['实际完成', '完成值'],
      weight: ['分值', '权重'],
      achievement: ['定性'],
      grading_score: ['评定得分'],
      deviation: ['偏差', '原因'],
    }),
  }
}

export function evaluationRows(indicators: EvaluatedIndicator[], spare = 2): Row[] {
  const rows: Row[] = indicators.map((i) => ({
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    target: i.target,
    actual: i.actual,
    weight: i.weight === '0' ? '' : i.weight,
    score: '',
    achievement: i.grading?.achievement ?? '',
    grading_score: i.grading?.score ?? '',
    deviation: i.deviation,
  }))
  const blank = emptyOf(EVALUATION_COLUMNS)
  for (let n = 0; n < spare; n++) rows.push(blank())
  return rows
}

/** The evaluated indicators of the rows that hold something. A 分值 left blank counts 0; a 定性
 * band without a valid score yet leaves the indicator waiting for its grading. */
export function evaluationIndicators(rows: Row[], before: EvaluatedIndicator[]): EvaluatedIndicator[] {
  const spec = evaluationSpec(() => '')
  return rows
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => !isBlankRow(spec, r))
    .map(({ r, index }) => {
      const ok = (key: string) => (check(key, r[key]).error ? '' : check(key, r[key]).value)
      const achievement = ok('achievement') as Achievement | ''
      const gradingScore = ok('grading_score')
      return {
        level1: ok('level1') || r.level1 || '产出指标',
        level2: r.level2.trim(),
        name: r.name.trim(),
        target: r.target.trim(),
        actual: r.actual.trim(),
        weight: ok('weight') || '0',
        stated_score: before[index]?.stated_score ?? null,
        grading: achievement && gradingScore ? { achievement, score: gradingScore } : null,
        deviation: r.deviation,
      }
    })
}
