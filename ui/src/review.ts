// Pure helpers of the review screen (no IPC), unit-tested.
import type { Finding } from './bindings/Finding'
import type { ReviewedFile } from './bindings/ReviewedFile'

const KIND_LABELS: Record<ReviewedFile['kind'], string> = {
  budget_tables: '预算公开表',
  targets: '绩效目标表',
  self_evaluation: '绩效自评表',
  unknown: '未识别',
  unreadable: '无法读取',
  narrative: '情况说明',
}

export function kindLabel(kind: ReviewedFile['kind']): string {
  return KIND_LABELS[kind]
}

/** "T1 T3 T4 …" in table order. */
export function tableSummary(file: ReviewedFile): string {
  const order = (id: string) => Number(id.slice(1))
  return [...new Set(file.tables.map((t) => t.id))].sort((a, b) => order(a) - order(b)).join(' ')
}

/** Files opened again replace their earlier result; new ones are appended in the order given. */
export function mergeReviewed(current: ReviewedFile[], incoming: ReviewedFile[]): ReviewedFile[] {
  const byPath = new Map(incoming.map((f) => [f.file, f]))
  const kept = current.map((f) => byPath.get(f.file) ?? f)
  const known = new Set(current.map((f) => f.file))
  return [...kept, ...incoming.filter((f) => !known.has(f.file))]
}

/** Only the paths a workbook can be read from (drag and drop brings anything). */
export function workbookPaths(paths: string[]): string[] {
  return paths.filter((p) => /\.(xlsx|xls)$/i.test(p))
}

/** The sheet a finding points at, and which sheet to show first for a file. */
export function findingSheet(f: Finding): string | null {
  return f.sheet ?? null
}

export function firstSheet(file: ReviewedFile): string | null {
  const withError = file.findings.find((f) => f.severity === 'error' && f.sheet)
  return withError?.sheet ?? file.tables[0]?.sheet ?? file.unrecognised_sheets[0] ?? null
}

/** Every sheet worth showing for a file: recognised tables first (with their ids), then the rest. */
export function sheetTabs(file: ReviewedFile): { sheet: string; label: string }[] {
  const tabs = new Map<string, string>()
  for (const t of file.tables) {
    const prev = tabs.get(t.sheet)
    tabs.set(t.sheet, prev ? `${prev}/${t.id}` : `${t.id} ${t.sheet}`)
  }
  for (const s of file.unrecognised_sheets) if (!tabs.has(s)) tabs.set(s, s)
  return [...tabs].map(([sheet, label]) => ({ sheet, label }))
}

export function totals(files: ReviewedFile[]): { errors: number; warnings: number; unreadable: number } {
  return files.reduce(
    (acc, f) => ({
      errors: acc.errors + f.error_count,
      warnings: acc.warnings + f.warning_count,
      unreadable: acc.unreadable + (f.kind === 'unreadable' ? 1 : 0),
    }),
    { errors: 0, warnings: 0, unreadable: 0 },
  )
}

/** The key a finding's 说明 is kept under, as the backend's NoteKey. */
export function noteKey(file: ReviewedFile, f: Finding) {
  return { content_hash: file.content_hash, rule: f.rule, sheet: f.sheet ?? '', cell: f.cell ?? '' }
}

export function noteId(key: { content_hash: string; rule: string; sheet: string; cell: string }): string {
  return [key.content_hash, key.rule, key.sheet, key.cell].join('|')
}

/** Excel's name of a zero-based column: 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(col: number): string {
  let name = ''
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}

/** The zero-based row and column of an A1 reference ("D14"), or null. */
export function parseA1(a1: string | null | undefined): { row: number; col: number } | null {
  const m = /^([A-Z]+)([1-9][0-9]*)$/.exec(a1 ?? '')
  if (!m) return null
  const col = [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1
  return { row: Number(m[2]) - 1, col }
}
