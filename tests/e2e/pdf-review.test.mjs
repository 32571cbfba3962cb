// End to end: a published PDF in the 审核 of the real app — its findings by page, and a double
// click that shows the page drawn by the bundled pdf.js with the figure marked.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { repoRoot, Session, startDriver } from './webdriver.mjs'

// The real 2024 决算 of 上海市普陀区规划和自然资源局, as published: on page 16 its 302 商品和服务支出
// prints 440.90 over 款 summing to 440.88.
const published = join(repoRoot, 'tests', 'fixtures', 'pdf', 'putuo-planning-2024-department-final-accounts.pdf')
// A clean published budget (区政府办公室 2025), for a 检查表 of two documents.
const clean = join(repoRoot, 'tests', 'fixtures', 'pdf', 'putuo-government-office-2025-department-budget.pdf')

let driver
let dir
let checklist

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-pdf-'))
  checklist = join(dir, '公开情况检查表.xlsx')
  driver = await startDriver({
    BUDGET_DESK_TEST_PICK: [published, clean].join(delimiter),
    BUDGET_DESK_TEST_SAVE: checklist,
  })
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
    await app.waitFor('[data-testid="status-message"]', { text: '已审核 2 个文件', timeout: 30000 })
    await app.waitFor('[data-testid="review-totals"]', { text: '错误 5' })
    await app.click('[data-testid="review-file-name"]', { text: 'putuo-planning' })
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

    // the 公开情况检查表 of both documents, exported and read back
    await app.click('[data-testid="open-checklist"]')
    await app.waitFor('[data-testid="checklist-meets"]', { text: '否' })
    await app.screenshot('pdf-checklist')
    await app.click('[data-testid="checklist-export"]')
    await app.waitFor('[data-testid="status-message"]', { text: '公开情况检查表已保存' })
  } finally {
    await app.close()
  }
})

test('the exported 检查表 has the 汇总 and a sheet per document, the 决算 failing where its errors are', () => {
  const read = execFileSync('python3', [
    '-c',
    `import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet [^>]*name="([^"]+)"', z.read('xl/workbook.xml').decode())
strings = z.read('xl/sharedStrings.xml').decode() if 'xl/sharedStrings.xml' in z.namelist() else ''
print('|'.join(names))
print(strings)`,
    checklist,
  ]).toString()
  const [sheets, strings] = [read.slice(0, read.indexOf('\n')), read.slice(read.indexOf('\n') + 1)]
  const names = sheets.split('|')
  assert.equal(names[0], '汇总', sheets)
  assert.equal(names.length, 3, sheets)
  assert.ok(names.some((n) => n.includes('规划和自然资源局')), sheets)
  assert.ok(names.some((n) => n.includes('人民政府办公室')), sheets)
  // the 决算's 302 error, by its page
  assert.ok(strings.includes('第16页'), 'the problem names its page')
  assert.ok(strings.includes('302'), 'the problem names its row')
})
