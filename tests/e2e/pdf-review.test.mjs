// End to end: a published PDF in the 审核 of the real app — its findings by page, and a double
// click that shows the page drawn by the bundled pdf.js with the figure marked.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, Session, startDriver } from './webdriver.mjs'

// The real 2024 决算 of 上海市普陀区规划和自然资源局, as published: on page 16 its 302 商品和服务支出
// prints 440.90 over 款 summing to 440.88.
const published = join(repoRoot, 'tests', 'fixtures', 'pdf', 'putuo-planning-2024-department-final-accounts.pdf')

let driver
let dir

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-pdf-'))
  driver = await startDriver({ BUDGET_DESK_TEST_PICK: published })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('a published PDF is reviewed and a double click marks the figure on its page', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'review.sqlite')])
  try {
    await app.click('[data-testid="mode-review"]')
    await app.click('[data-testid="review-open"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已审核 1 个文件', timeout: 30000 })
    await app.waitFor('[data-testid="review-totals"]', { text: '错误 4' })
    await app.waitFor('[data-testid="review-file-head"]', { text: '上海市普陀区规划和自然资源局' })
    // opened at the page of its first error, drawn
    await app.waitFor('[data-testid="pdf-page-number"]', { text: '第 16 页 / 共 30 页', timeout: 20000 })

    const finding = await app.waitFor('[data-testid="finding-message"]', { text: '302 商品和服务支出' })
    assert.match(await app.text(finding), /440\.90万元.*440\.88万元/)
    await app.doubleClick(finding)
    await app.waitFor('[data-testid="pdf-mark"]', { timeout: 20000 })
    const placed = await app.script(`
      const canvas = document.querySelector('[data-testid="pdf-canvas"]')
      const mark = document.querySelector('[data-testid="pdf-mark"]')
      const ctx = canvas.getContext('2d')
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      let ink = 0
      for (let i = 0; i < pixels.length; i += 4 * 97) if (pixels[i] < 128) ink++
      // page 16 is 595.3 pt wide; the figure 440.90 starts at x 507.6, baseline 137
      const scale = canvas.getBoundingClientRect().width / 595.3
      return { ink, left: mark.offsetLeft / scale, top: mark.offsetTop / scale, width: mark.offsetWidth / scale }
    `)
    assert.ok(placed.ink > 100, `the page is drawn (${placed.ink} dark samples)`)
    assert.ok(Math.abs(placed.left - 505.6) < 4, `mark at x ${placed.left}`)
    assert.ok(placed.top > 120 && placed.top < 137, `mark at y ${placed.top}`)
    assert.ok(placed.width > 20 && placed.width < 60, `mark ${placed.width} wide: the figure, not the row`)
    await app.screenshot('pdf-review-mark')

    // a sentence of the 情况说明: its page, the line marked
    const quoted = await app.waitFor('[data-testid="finding-message"]', { text: '人员经费为4896.98万元' })
    await app.doubleClick(quoted)
    await app.waitFor('[data-testid="pdf-page-number"]', { text: '第 24 页' })
    await app.waitFor('[data-testid="pdf-mark"]', { timeout: 20000 })
  } finally {
    await app.close()
  }
})
