// Pure helpers of the review screen (no IPC), unit-tested.
import type { Finding } from './bindings/Finding'
import type { RecognisedTable } from './bindings/RecognisedTable'
import type { ReviewedFile } from './bindings/ReviewedFile'

const KIND_LABELS: Record<ReviewedFile['kind'], string> = {
  budget_tables: '预算公开表',
  final_accounts: '决算公开表',
  targets: '绩效目标表',
  self_evaluation: '绩效自评表',
  unknown: '未识别',
  unreadable: '无法读取',
  narrative: '情况说明',
}

export function kindLabel(kind: ReviewedFile['kind']): string {
  return KIND_LABELS[kind]
}

/** A table as the workbook prints it: "表8 “三公”经费支出情况表" (never the internal id). */
export function tableName(t: RecognisedTable): string {
  if (t.name) return t.name
  return t.label ? `${t.label} ${t.title}` : t.title
}

/** "表1、表3、表10" in workbook order: the printed numbers, a title where none is printed. */
export function tableSummary(file: ReviewedFile): string {
  return [...new Set(file.tables.map((t) => t.label ?? tableName(t)))].join('、')
}

/** The Chinese name of a finding's rule (never its id). */
export function ruleTitle(f: Finding): string {
  return f.title || '审核规则'
}

/** Files opened again replace their earlier result; new ones are appended in the order given. */
export function mergeReviewed(current: ReviewedFile[], incoming: ReviewedFile[]): ReviewedFile[] {
  const byPath = new Map(incoming.map((f) => [f.file, f]))
  const kept = current.map((f) => byPath.get(f.file) ?? f)
  const known = new Set(current.map((f) => f.file))
  return [...kept, ...incoming.filter((f) => !known.has(f.file))]
}

/** Only the paths the 审核 reads: workbooks and published PDFs (drag and drop brings anything). */
export function reviewablePaths(paths: string[]): string[] {
  return paths.filter((p) => /\.(xlsx|xls|pdf)$/i.test(p))
}

export function isPdf(path: string): boolean {
  return /\.pdf$/i.test(path)
}

/** Where a finding in a PDF is, as the findings list shows it: the row and column of a table
 * ("302 商品和服务支出 · 决算数"), or the quoted sentence. */
export function pdfPlace(f: Finding): string {
  if (f.row) return f.column ? `${f.row} · ${f.column}` : f.row
  return f.quote ?? ''
}

/** The page to open a PDF at: that of its first error, else its first page. */
export function firstPage(file: ReviewedFile): number {
  return file.findings.find((f) => f.severity === 'error' && f.page)?.page ?? 1
}

/** The sheet a finding points at, and which sheet to show first for a file. */
export function findingSheet(f: Finding): string | null {
  return f.sheet ?? null
}

export function firstSheet(file: ReviewedFile): string | null {
  const withError = file.findings.find((f) => f.severity === 'error' && f.sheet)
  return withError?.sheet ?? file.tables[0]?.sheet ?? file.unrecognised_sheets[0] ?? null
}

/** Every sheet of a file in workbook order, as Excel shows its tabs: the sheet's name (with
 * the table's number or title when the name does not say it), and the tables it holds as
 * printed, for a tooltip. */
export function sheetTabs(file: ReviewedFile): { sheet: string; label: string; tables: string }[] {
  const sheets = file.sheets?.length
    ? file.sheets
    : [...new Set([...file.tables.map((t) => t.sheet), ...file.unrecognised_sheets])]
  return sheets.map((sheet) => {
    const held = file.tables.filter((t) => t.sheet === sheet)
    // "收支总表（表1）" when the sheet's name does not already say which table it is.
    const said = held.filter((t) => !(t.label && sheet.includes(t.label)))
    const hint = said.map((t) => t.label ?? t.title).join('、')
    return {
      sheet,
      label: hint ? `${sheet}（${hint}）` : sheet,
      tables: held.map(tableName).join('\n'),
    }
  })
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
