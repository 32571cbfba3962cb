// Typed wrappers over the app's IPC commands. Every failure becomes an AppError carrying the
// backend's {code, message}; messages are already Chinese and meant for the user.
import { invoke } from '@tauri-apps/api/core'
import type { AppInfo } from './bindings/AppInfo'
import type { Disclosure } from './bindings/Disclosure'
import type { DisclosureKind } from './bindings/DisclosureKind'
import type { ErrorPayload } from './bindings/ErrorPayload'
import type { ReviewedFile } from './bindings/ReviewedFile'
import type { SheetView } from './bindings/SheetView'
import type { LineSet } from './bindings/LineSet'
import type { NoteKey } from './bindings/NoteKey'
import type { DocumentInput } from './bindings/DocumentInput'
import type { DocumentGap } from './bindings/DocumentGap'
import type { DraftEditor } from './bindings/DraftEditor'
import type { ForeignOrigin } from './bindings/ForeignOrigin'
import type { Narrative } from './bindings/Narrative'
import type { NarrativeInput } from './bindings/NarrativeInput'
import type { PriorYear } from './bindings/PriorYear'
import type { CatalogChanges } from './bindings/CatalogChanges'
import type { ImportedEntry } from './bindings/ImportedEntry'
import type { Finding } from './bindings/Finding'
import type { LibraryIndicator } from './bindings/LibraryIndicator'
import type { ProjectTargets } from './bindings/ProjectTargets'
import type { TargetSet } from './bindings/TargetSet'
import type { EvaluationCandidate } from './bindings/EvaluationCandidate'
import type { EvaluationScore } from './bindings/EvaluationScore'
import type { CarryOver } from './bindings/CarryOver'
import type { DataProblem } from './bindings/DataProblem'
import type { FinalData } from './bindings/FinalData'
import type { FinalDataProblem } from './bindings/FinalDataProblem'
import type { FinalReview } from './bindings/FinalReview'
import type { ReportProse } from './bindings/ReportProse'
import type { ScoreFinding } from './bindings/ScoreFinding'
import type { SelfEvaluation } from './bindings/SelfEvaluation'
import type { SelfEvaluationReport } from './bindings/SelfEvaluationReport'
import type { StoredEvaluation } from './bindings/StoredEvaluation'
import type { ReviewNote } from './bindings/ReviewNote'
import type { Checklist } from './bindings/Checklist'
import type { ChecklistOverride } from './bindings/ChecklistOverride'
import type { DisclosureOverview } from './bindings/DisclosureOverview'
import type { CatalogListing } from './grid/catalog'
import type { Unit } from './bindings/Unit'
import type { Consolidation } from './bindings/Consolidation'
import type { BoardRow } from './bindings/BoardRow'
import type { ClassTotal } from './bindings/ClassTotal'
import type { Decision } from './bindings/Decision'
import type { Receipt } from './bindings/Receipt'
import type { Submission } from './bindings/Submission'
import type { FeedbackReceipt } from './bindings/FeedbackReceipt'
import type { ReviewFeedback } from './bindings/ReviewFeedback'
import type { UnitInput } from './bindings/UnitInput'
import type { UnitSummary } from './bindings/UnitSummary'
import type { ErrorCode } from './bindings/ErrorCode'

export class AppError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.code = code
    this.name = 'AppError'
  }
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    typeof (value as ErrorPayload).message === 'string'
  )
}

/** What the user reads when something failed that the backend did not explain: the raw text
 * (an IPC or JavaScript error, in English, naming commands and types) goes to the console for
 * support, never to the screen. */
export const INTERNAL_MESSAGE = '内部错误：操作未能完成，已保存的数据未受影响。请重试；如反复出现，请联系技术支持。'

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  if (isErrorPayload(err)) return new AppError(err.code, err.message)
  console.error('内部错误', err)
  return new AppError('internal', INTERNAL_MESSAGE)
}

/** What an import of 决算数据 did: the data replaced (and what it still lacks), or the workbook's
 * problems by sheet and cell (nothing was written). */
export type FinalImportReply =
  | { outcome: 'imported'; lines: number; incomes: number; carry_overs: number; backup: string; problems: DataProblem[] }
  | { outcome: 'refused'; problems: FinalDataProblem[] }

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (err) {
    throw toAppError(err)
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  listUnits: () => call<UnitSummary[]>('list_units'),
  createUnit: (input: UnitInput) => call<Unit>('create_unit', { input }),
  updateUnit: (id: number, input: UnitInput) => call<Unit>('update_unit', { id, input }),
  deleteUnit: (id: number) => call<null>('delete_unit', { id }),
  createDisclosure: (unitId: number, year: number, kind: DisclosureKind) =>
    call<Disclosure>('create_disclosure', { unitId, year, kind }),
  deleteDisclosure: (id: number) => call<null>('delete_disclosure', { id }),
  pickWorkbooks: () => call<string[]>('pick_workbooks'),
  reviewWorkbooks: (paths: string[]) => call<ReviewedFile[]>('review_workbooks', { paths }),
  reviewSheet: (path: string, sheet: string) => call<SheetView>('review_sheet', { path, sheet }),
  /** The bytes of a PDF under review, for its page view. */
  reviewPdfBytes: (path: string) => call<ArrayBuffer>('review_pdf_bytes', { path }),
  reviewNotes: (hashes: string[]) => call<ReviewNote[]>('review_notes', { hashes }),
  setReviewNote: (key: NoteKey, note: string, fileName: string) =>
    call<null>('set_review_note', { key, note, fileName }),
  exportReviewReport: (files: ReviewedFile[]) => call<string | null>('export_review_report', { files }),
  reviewChecklists: (files: ReviewedFile[]) => call<Checklist[]>('review_checklists', { files }),
  setChecklistOverrides: (contentHash: string, overrides: ChecklistOverride[], fileName: string) =>
    call<null>('set_checklist_overrides', { contentHash, overrides, fileName }),
  exportChecklists: (files: ReviewedFile[]) => call<string | null>('export_checklists', { files }),
  catalogEntries: (year: number) => call<CatalogListing>('catalog_entries', { year }),
  previewCatalogImport: (year: number) =>
    call<{ changes: CatalogChanges; entries: ImportedEntry[] } | null>('preview_catalog_import', { year }),
  applyCatalog: (year: number, entries: ImportedEntry[]) => call<null>('apply_catalog', { year, entries }),
  loadLines: (disclosureId: number) => call<LineSet>('load_lines', { disclosureId }),
  saveLines: (disclosureId: number, set: LineSet) => call<null>('save_lines', { disclosureId, set }),
  saveDraft: (disclosureId: number, content: string) => call<null>('save_draft', { disclosureId, content }),
  loadDraft: (disclosureId: number) => call<string | null>('load_draft', { disclosureId }),
  discardDraft: (disclosureId: number) => call<null>('discard_draft', { disclosureId }),
  saveEditorDraft: (disclosureId: number, editor: DraftEditor, content: string) =>
    call<null>('save_editor_draft', { disclosureId, editor, content }),
  loadEditorDraft: (disclosureId: number, editor: DraftEditor) =>
    call<string | null>('load_editor_draft', { disclosureId, editor }),
  discardEditorDraft: (disclosureId: number, editor: DraftEditor) =>
    call<null>('discard_editor_draft', { disclosureId, editor }),
  setUnsaved: (unsaved: boolean) => call<null>('set_unsaved', { unsaved }),
  closeWindow: () => call<null>('close_window'),
  disclosureOverview: (disclosureId: number) => call<DisclosureOverview>('disclosure_overview', { disclosureId }),
  pickLinesWorkbook: (disclosureId: number) =>
    call<{ path: string; foreign: ForeignOrigin | null } | null>('pick_lines_workbook', { disclosureId }),
  importLines: (disclosureId: number, path: string) =>
    call<{ lines: number; projects: number }>('import_lines', { disclosureId, path }),
  saveLinesTemplate: () => call<string | null>('save_lines_template'),
  disclosurePreview: (disclosureId: number) => call<SheetView[]>('disclosure_preview', { disclosureId }),
  exportDisclosure: (disclosureId: number) => call<string | null>('export_disclosure', { disclosureId }),
  listEvaluations: (disclosureId: number) => call<StoredEvaluation[]>('list_evaluations', { disclosureId }),
  saveEvaluation: (disclosureId: number, id: number | null, evaluation: SelfEvaluation, prose: ReportProse) =>
    call<StoredEvaluation>('save_evaluation', { disclosureId, id, evaluation, prose }),
  deleteEvaluation: (id: number) => call<null>('delete_evaluation', { id }),
  scoreEvaluation: (evaluation: SelfEvaluation) => call<EvaluationScore>('score_evaluation', { evaluation }),
  evaluationReport: (evaluation: SelfEvaluation, prose: ReportProse) =>
    call<SelfEvaluationReport>('evaluation_report', { evaluation, prose }),
  importEvaluations: (disclosureId: number) =>
    call<{ count: number; findings: ScoreFinding[] } | null>('import_evaluations', { disclosureId }),
  exportEvaluations: (disclosureId: number) => call<string | null>('export_evaluations', { disclosureId }),
  loadTargets: (disclosureId: number) => call<TargetSet>('load_targets', { disclosureId }),
  saveTargets: (disclosureId: number, set: TargetSet) => call<null>('save_targets', { disclosureId, set }),
  checkTargetSet: (disclosureId: number, set: TargetSet) => call<Finding[]>('check_target_set', { disclosureId, set }),
  projectsOfLines: (disclosureId: number) =>
    call<{ code: string; name: string; funds: { total: string; fiscal: string; other: string } | null }[]>(
      'projects_of_lines',
      { disclosureId },
    ),
  copyLastYearTargets: (disclosureId: number, code: string, name: string) =>
    call<ProjectTargets | null>('copy_last_year_targets', { disclosureId, code, name }),
  indicatorLibrary: (filter: string) => call<LibraryIndicator[]>('indicator_library', { filter }),
  importTargets: (disclosureId: number) => call<number | null>('import_targets', { disclosureId }),
  exportTargets: (disclosureId: number, which: 'projects_short' | 'projects_full' | 'department' | 'public') =>
    call<string | null>('export_targets', { disclosureId, which }),
  loadDocumentInput: (disclosureId: number) => call<DocumentInput>('load_document_input', { disclosureId }),
  saveDocumentInput: (disclosureId: number, doc: DocumentInput) =>
    call<null>('save_document_input', { disclosureId, doc }),
  generateNarrative: (disclosureId: number, input: NarrativeInput) =>
    call<Narrative>('generate_narrative', { disclosureId, input }),
  priorYearWorkbook: () => call<PriorYear | null>('prior_year_workbook'),
  checkNarrativeText: (disclosureId: number, text: string) =>
    call<Finding[]>('check_narrative_text', { disclosureId, text }),
  documentGaps: (disclosureId: number, doc: DocumentInput) =>
    call<DocumentGap[]>('document_gaps', { disclosureId, doc }),
  exportDocument: (disclosureId: number, doc: DocumentInput) =>
    call<string | null>('export_document', { disclosureId, doc }),
  exportDocumentWorkbook: (disclosureId: number, doc: DocumentInput) =>
    call<string | null>('export_document_workbook', { disclosureId, doc }),
  exportEvaluationReport: (evaluation: SelfEvaluation, prose: ReportProse) =>
    call<string | null>('export_evaluation_report', { evaluation, prose }),
  loadFinalData: (disclosureId: number) => call<FinalData>('load_final_data', { disclosureId }),
  saveFinalData: (disclosureId: number, data: FinalData) => call<null>('save_final_data', { disclosureId, data }),
  reviewFinalDisclosure: (disclosureId: number) => call<FinalReview>('review_final_disclosure', { disclosureId }),
  finalPreview: (disclosureId: number) => call<SheetView[]>('final_preview', { disclosureId }),
  exportFinalWorkbook: (disclosureId: number) => call<string | null>('export_final_workbook', { disclosureId }),
  /** Asks for a 决算数据 workbook and imports it (null: cancelled); a refused workbook names each
   * problem by sheet and cell, and nothing was written. */
  importFinalData: (disclosureId: number) =>
    call<FinalImportReply | null>('import_final_data', { disclosureId }),
  /** Last year's 决算 年末 as this year's 年初 rows (empty: no 决算 of last year). */
  openingFromLastYear: (disclosureId: number) => call<CarryOver[]>('opening_from_last_year', { disclosureId }),
  /** Saves the complete 部门决算 document (.docx) with the stored reasons; the path, or null. */
  exportFinalDocument: (disclosureId: number) => call<string | null>('export_final_document', { disclosureId }),
  exportFinalDocumentWorkbook: (disclosureId: number) =>
    call<string | null>('export_final_document_workbook', { disclosureId }),
  /** The reasons typed for the 决算 情况说明 (saved with saveDocumentInput). */
  loadFinalNarrativeInput: (disclosureId: number) => call<DocumentInput>('load_final_narrative_input', { disclosureId }),
  finalNarrative: (disclosureId: number, input: NarrativeInput) =>
    call<Narrative>('final_narrative', { disclosureId, input }),
  evaluationCandidates: (disclosureId: number) =>
    call<EvaluationCandidate[]>('evaluation_candidates', { disclosureId }),
  startEvaluation: (disclosureId: number, projectCode: string) =>
    call<SelfEvaluation>('start_evaluation', { disclosureId, projectCode }),
  /** What a 汇总 disclosure is the sum of (units, 调整, findings); null when it is not 汇总. */
  consolidation: (disclosureId: number) => call<Consolidation | null>('consolidation', { disclosureId }),
  setConsolidated: (disclosureId: number, on: boolean) =>
    call<Consolidation | null>('set_consolidated', { disclosureId, on }),
  setMerged: (disclosureId: number, unitId: number, merged: boolean) =>
    call<Consolidation | null>('set_merged', { disclosureId, unitId, merged }),
  /** The county board: every department against its disclosure of the year and kind. */
  countyBoard: (year: number, kind: DisclosureKind) => call<BoardRow[]>('county_board', { year, kind }),
  classTotals: (year: number, kind: DisclosureKind) => call<ClassTotal[]>('class_totals', { year, kind }),
  /** Asks for a 报送包; its path, or null when cancelled. */
  pickPackage: () => call<string | null>('pick_package'),
  /** What receiving the package would change; nothing is written. */
  previewPackage: (path: string) => call<Receipt>('preview_package', { path }),
  receivePackage: (path: string) => call<Receipt>('receive_package_file', { path }),
  submissions: (disclosureId: number) => call<Submission[]>('submissions', { disclosureId }),
  decide: (disclosureId: number, decision: Decision | null) => call<null>('decide', { disclosureId, decision }),
  /** Saves the disclosure's 报送包; the path, or null when cancelled. */
  exportPackage: (disclosureId: number) => call<string | null>('export_package', { disclosureId }),
  /** Saves one 审核报告 of the county's received packages; the path, or null when cancelled. */
  exportCountyReport: (year: number, kind: DisclosureKind) =>
    call<string | null>('export_county_report', { year, kind }),
  /** The bureau's 审核意见 on the disclosure's latest submission, saved where the user says; the
   * path, or null when cancelled. */
  exportFeedback: (disclosureId: number, remark: string) =>
    call<string | null>('export_feedback', { disclosureId, remark }),
  /** Asks for a 审核意见 file and imports it into this disclosure; null when cancelled. */
  importFeedback: (disclosureId: number) => call<FeedbackReceipt | null>('import_feedback', { disclosureId }),
  /** The 审核意见 in force for the disclosure, if one was imported. */
  reviewFeedback: (disclosureId: number) => call<ReviewFeedback | null>('review_feedback', { disclosureId }),
}
