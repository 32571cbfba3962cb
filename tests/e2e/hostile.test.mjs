// End to end: hostile workbooks opened in 审核 beside a good one. A sheet inflating to 3 GB and
// a sheet of 2.1 million cells are refused with the limit they break; a workbook with one value
// in XFD1048576 is reviewed and its sheet shown; the good workbook is reviewed as if alone, and
// the window stays up and answers throughout.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { repoRoot, Session, startDriver } from './webdriver.mjs'

const clean = join(repoRoot, 'tests', 'fixtures', 'ruoqiang-2024-budget-tables.xlsx')

let driver
let dir

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-hostile-'))
  execFileSync('python3', [join(repoRoot, 'tests', 'e2e', 'hostile.py'), clean, dir])
  const files = ['炸弹.xlsx', '角落.xlsx', '百万格.xlsx'].map((f) => join(dir, f))
  driver = await startDriver({ BUDGET_DESK_TEST_PICK: [clean, ...files].join(delimiter) })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('hostile workbooks are refused or read, each on its own, and the window stays', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'hostile.sqlite')])
  try {
    await app.click('[data-testid="mode-review"]')
    await app.click('[data-testid="review-open"]')
    const status = await app.waitFor('[data-testid="status-message"]', { text: '已审核 4 个文件', timeout: 60000 })
    assert.match(await app.text(status), /2 个无法读取/)

    await app.click('[data-testid="review-file-name"]', { text: '炸弹' })
    await app.waitFor('[data-testid="review-workspace"] .el-alert', { text: '解压后超过 100 MB，已停止读取' })

    await app.click('[data-testid="review-file-name"]', { text: '百万格' })
    await app.waitFor('[data-testid="review-workspace"] .el-alert', { text: '超过 200 万个单元格，已停止读取' })

    await app.click('[data-testid="review-file-name"]', { text: '角落' })
    await app.waitFor('[data-testid="review-tables"]', { text: '表1' })
    // the sheet is drawn up to its last row of content, not out to the stray value
    await app.waitFor('[data-testid="sheet-view"] td', { text: '部门收支' })
    assert.ok((await app.script('return document.querySelectorAll("[data-testid=sheet-view] tr").length')) < 100)
    await app.waitGone('[data-testid="sheet-view"] .el-loading-mask', 20000)
    await app.waitFor('[data-testid="sheet-view"] .note', { text: '工作表较大' })
    await app.screenshot('hostile-far-corner')

    await app.click('[data-testid="review-file-name"]', { text: 'ruoqiang' })
    const tables = await app.text(await app.waitFor('[data-testid="review-tables"]', { text: '表1' }))
    assert.match(tables, /识别的表：表1、表3/)
    assert.equal(await app.script('return document.querySelectorAll(".el-message--error").length'), 0)
  } finally {
    await app.close()
  }
})
