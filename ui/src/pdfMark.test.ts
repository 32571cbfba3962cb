import { describe, expect, it } from 'vitest'
import { markBox, type TextPiece } from './pdfMark'

// A row of a 决算 table as pdf.js gives it (page 16 of the 规划和自然资源局 2024 决算): the
// code, the name, and the figure a finding is about.
const row: TextPiece[] = [
  { x: 320, y: 137, width: 16, height: 10.6 },
  { x: 345, y: 137, width: 64, height: 10.6 },
  { x: 507.6, y: 137.2, width: 27, height: 9 },
]
const nextRow: TextPiece[] = [{ x: 507.6, y: 152, width: 27, height: 9 }]

describe('markBox', () => {
  it('marks the figure printed at the point, not its neighbours or the next row', () => {
    const box = markBox([...row, ...nextRow], { x: 508, y: 137 }, false)
    expect(box.x).toBeCloseTo(505.6)
    expect(box.width).toBeCloseTo(31)
    expect(box.y).toBeCloseTo(128)
  })

  it('marks the whole line a quoted sentence starts on', () => {
    const box = markBox([...row, ...nextRow], { x: 320, y: 137 }, true)
    expect(box.x).toBeCloseTo(318)
    expect(box.x + box.width).toBeCloseTo(536.6)
  })

  it('still shows the place when the page has no text there', () => {
    const box = markBox(nextRow, { x: 100, y: 400 }, false)
    expect(box).toEqual({ x: 98, y: 389, width: 48, height: 14 })
  })
})
