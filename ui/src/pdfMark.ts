// Where to draw the mark of a finding on a PDF page: from the page's text pieces (as pdf.js
// gives them, turned to points from the page's top-left corner, y at the baseline) and the
// point the review found the figure or the quoted line at.
import type { PagePoint } from './bindings/PagePoint'

export interface TextPiece {
  x: number
  /** baseline, points from the top */
  y: number
  width: number
  height: number
}

export interface PageBox {
  x: number
  y: number
  width: number
  height: number
}

/** The box to mark: the piece printed at `point` (or, for a quoted sentence, the whole line it
 * starts on). With no text piece there, a small box at the point itself, so the place is still
 * shown. Page coordinates, points. */
export function markBox(pieces: TextPiece[], point: PagePoint, wholeLine: boolean): PageBox {
  const onLine = pieces.filter((p) => Math.abs(p.y - point.y) <= Math.max(2, 0.4 * p.height))
  let chosen: TextPiece[] = []
  if (wholeLine) {
    chosen = onLine.filter((p) => p.x + p.width >= point.x - 1)
  } else {
    const holding = onLine.filter((p) => p.x - 1.5 <= point.x && point.x <= p.x + p.width)
    const candidates = holding.length ? holding : onLine
    const nearest = candidates.reduce<TextPiece | null>(
      (best, p) => (!best || Math.abs(p.x - point.x) < Math.abs(best.x - point.x) ? p : best),
      null,
    )
    if (nearest && Math.abs(nearest.x - point.x) <= Math.max(40, nearest.width)) chosen = [nearest]
  }
  if (!chosen.length) return { x: point.x - 2, y: point.y - 11, width: 48, height: 14 }
  const left = Math.min(...chosen.map((p) => p.x))
  const right = Math.max(...chosen.map((p) => p.x + p.width))
  const height = Math.max(...chosen.map((p) => p.height)) || 10
  return { x: left - 2, y: point.y - height, width: right - left + 4, height: height * 1.25 }
}
