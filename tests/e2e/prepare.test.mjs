// End to end: prepare a disclosure in the real app — paste lines copied from Excel into the
// grid, save, see the totals, and find everything again after a restart.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { createUnitWithDisclosure, pasteIntoGrid, repoRoot, startDriver, Session } from './webdriver.mjs'

let driver
let dir
let exported

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-prepare-'))
  exported = join(dir, '公开表.xlsx')
  driver = await startDriver({ BUDGET_DESK_TEST_SAVE: exported })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// As Excel puts it on the clipboard: tabs, CRLF, a quoted amount with a thousands separator.
const PASTE = [
  ['2010301', '30101', '一般公共预算', '人员经费', '', '98.48', '否'],
  ['2010301', '30102', '一般公共预算拨款', '人员经费', '', '"1,167.06"', '否'],
  ['2010350', '30217', '一般公共预算', '公用', '', '0.25'],
]
  .map((r) => r.join('\t'))
  .join('\r\n')


test('lines pasted from Excel are saved and their totals shown', async () => {
  const db = join(dir, 'prepare.sqlite')
  let app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县人民政府办公室', code: '101001', year: 2024 })
    await app.waitFor('[data-testid="status-message"]', { text: '已打开' })

    await app.click('[data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, PASTE)
    await app.waitFor('[data-testid="line-totals"]', { text: '明细 3 条' })
    await app.waitFor('[data-testid="line-totals"]', { text: '合计 1,265.79 万元' })
    await app.waitFor('[data-row="1"] [data-key="function_code"]', { text: '2010301 行政运行' })
    await app.waitFor('[data-row="2"] [data-key="spending"]', { text: '公用经费' })
    await app.waitFor('[data-testid="unsaved"]')

    await app.click('[data-testid="save-lines"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 3 条明细，合计 1,265.79 万元' })
    await app.waitGone('[data-testid="unsaved"]')
    await app.screenshot('prepare-saved')

    // T3 derived from the saved lines: 合计 is the sum of what was pasted
    await app.click('#tab-tables')
    await app.click('[data-testid="preview-tab-表3"]')
    await app.waitFor('[data-testid="tables-preview"] td', { text: '1,265.79' })
    await app.waitFor('[data-testid="tables-preview"] td', { text: '政府办公厅（室）及相关机构事务' })
    await app.screenshot('prepare-tables')

    await app.click('#tab-overview')
    await app.waitFor('[data-testid="overview"]', { text: '已保存的预算合计 1,265.79 万元' })
    await app.screenshot('prepare-overview')

    await app.click('[data-testid="export-disclosure"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导出公开表' })
  } finally {
    await app.close()
  }

  // the exported workbook, read back by the review engine: every table, nothing to flag
  let report
  try {
    report = execFileSync(join(repoRoot, 'target', 'debug', 'budget-cli'), ['check', '--json', exported]).toString()
  } catch (err) {
    assert.fail(`budget-cli check failed: ${err.stdout}`)
  }
  const file = JSON.parse(report).files[0]
  assert.equal(file.unit, '若羌县人民政府办公室')
  assert.equal(file.tables.length, 11)
  assert.deepEqual(file.findings, [])

  app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="nav-disclosure"]', { text: '2024年预算公开' })
    await app.waitFor('[data-testid="line-totals"]', { text: '合计 1,265.79 万元' })
    await app.waitFor('[data-row="2"] [data-key="economic_code"]', { text: '30217 公务接待费' })
  } finally {
    await app.close()
  }
})

test('a bad pasted cell is marked and saving is refused with the line named', async () => {
  const db = join(dir, 'bad.sqlite')
  const app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '测试单位', code: '9' })
    await app.click('[data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, '2010301\t30101\t一般公共预算\t人员经费\t\tabc')
    await app.waitFor('[data-testid="status-message"]', { text: '第 1 行“金额（万元）”' })
    await app.waitFor('[data-row="0"] [data-key="amount"].invalid')
    await app.click('[data-testid="save-lines"]')
    await app.waitFor('[data-testid="status-message"]', { text: '未保存' })
  } finally {
    await app.close()
  }
})

test('rows pasted with a header in another order land in their columns; a bad amount is marked at once', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'header.sqlite')])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县审计局', code: '101009', year: 2024 })
    await app.click('[data-row="0"] [data-key="function_code"]')
    // as copied from a budget system's export: its own column order, with the header row
    await pasteIntoGrid(
      app,
      '金额（万元）\t资金性质\t支出类型\t功能分类科目编码\t经济分类科目编码\r\n98.48\t一般公共预算\t人员经费\t2010301\t30101\r\n12.00\t一般预算\t公用经费\t2010301\t30201',
    )
    await app.waitFor('[data-testid="line-totals"]', { text: '明细 2 条' })
    await app.waitFor('[data-testid="line-totals"]', { text: '合计 110.48 万元' })
    await app.waitFor('[data-row="1"] [data-key="source"]', { text: '一般公共预算' })
    await app.waitFor('[data-row="1"] [data-key="economic_code"]', { text: '30201' })
    const invalidAfterPaste = await app.script('return document.querySelectorAll(".cell.invalid").length')
    assert.equal(invalidAfterPaste, 0, 'nothing is marked: every column was matched by its header')

    // a mistyped amount is marked when committed, and the total says a line is left out
    const cell = await app.waitFor('[data-row="1"] [data-key="amount"]')
    await app.clickElement(cell)
    const grid = await app.waitFor('[data-testid="line-grid"]')
    await app.cmd('POST', `/element/${grid}/value`, { text: '12..5a\uE007' })
    await app.waitFor('[data-row="1"] [data-key="amount"].invalid')
    await app.waitFor('[data-testid="excluded-lines"]', { text: '1 条金额有误' })
    await app.waitFor('[data-testid="line-totals"]', { text: '合计 98.48 万元' })
    await app.screenshot('prepare-bad-amount-marked')
  } finally {
    await app.close()
  }
})
