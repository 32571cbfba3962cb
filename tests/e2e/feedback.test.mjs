// End to end: the bureau's 审核意见 back to the department, in the real window. A department's
// 2024 决算 whose income is 10 万元 short is sent as a 报送包 and received by the bureau (budget-cli)
// as 未通过. On 县级汇总 the bureau opens the department's row and 导出审核意见… with a remark; the
// department opens its 决算 in 编制, 导入审核意见… on the 审核 tab, reads 财政局审核意见 with the
// decision, the remark and the findings; a double click on a finding of a table shows its cell of
// the 决算公开表, one on a problem of the data (an unknown 经济分类 on the second spending row) its
// cell of the data grid.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, startDriver, Session } from './webdriver.mjs'

const cliBin = join(repoRoot, 'target', 'debug', 'budget-cli')
const cli = (...args) => execFileSync(cliBin, args, { encoding: 'utf8' })

let driver
let dir
let dept
let bureau
let feedback

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-feedback-'))
  dept = join(dir, '教育局.sqlite')
  cli('init', '--db', dept)
  cli('unit', 'add', '--db', dept, '--code', '201', '--name', '县教育局')
  cli('import', join(repoRoot, 'tests', 'e2e', 'fixtures', '决算数据.xlsx'), '--db', dept, '--unit', '201', '--year', '2024', '--kind', '决算')
  execFileSync('python3', ['-c', `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE final_income SET amount_fen = amount_fen - 100000"); c.execute("UPDATE final_line SET economic_code = '30188' WHERE position = (SELECT position FROM final_line ORDER BY position LIMIT 1 OFFSET 1)"); c.commit()`, dept])
  const pkg = join(dir, '县教育局2024年决算.bdpkg')
  cli('package', 'export', '--db', dept, '--unit', '201', '--year', '2024', '--kind', '决算', '--out', pkg)
  bureau = join(dir, '财政局.sqlite')
  cli('init', '--db', bureau)
  cli('unit', 'add', '--db', bureau, '--code', '201', '--name', '县教育局')
  const got = spawnSync(cliBin, ['package', 'import', pkg, '--db', bureau], { encoding: 'utf8' })
  assert.equal(got.status, 1, `received as 未通过: ${got.stdout}${got.stderr}`)
  feedback = join(dir, '县教育局2024年决算审核意见.bdfb')
  // the save dialog (bureau) and the open dialog (department) both answer this file
  driver = await startDriver({ BUDGET_DESK_TEST_PICK: feedback, BUDGET_DESK_TEST_SAVE: feedback })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('the bureau exports its 审核意见 from the board and the department sees it beside its own checks', async () => {
  const app = await Session.launch(driver, ['--db', bureau])
  try {
    await app.click('[data-testid="mode-board"]')
    const year = await app.waitFor('[data-testid="board-year"] input')
    await app.cmd('POST', `/element/${year}/value`, { text: '\uE009a\uE0092024\uE007' })
    await app.click('[data-testid="board-kind"] .el-radio-button', { text: '部门决算' })
    await app.waitFor('[data-testid="board-status"]', { text: '审核未通过' })
    await app.waitGone('[data-testid="board-table"] .el-loading-mask')
    await app.click('[data-testid="board-table"] td', { text: '县教育局' })
    await app.waitFor('[data-testid="board-finding"]', { text: '收支不平衡' })
    await app.click('[data-testid="export-feedback"]')
    const remark = await app.waitFor('.feedback-remark textarea')
    await app.cmd('POST', `/element/${remark}/value`, { text: '请核对一般公共预算财政拨款收入，补足后重新报送。' })
    await app.screenshot('feedback-export')
    await app.click('.feedback-remark .el-button--primary')
    await app.waitFor('[data-testid="status-message"]', { text: '已导出“县教育局”的审核意见' })
  } finally {
    await app.close()
  }
  assert.ok(existsSync(feedback), 'the 审核意见 was written where the save dialog said')

  const desk = await Session.launch(driver, ['--db', dept])
  try {
    await desk.click('[data-testid="nav-disclosure"]', { text: '2024年决算公开' })
    await desk.waitFor('[data-testid="final-accounts-view"]')
    await desk.click('#tab-review')
    await desk.waitFor('[data-testid="feedback-panel"]', { text: '还没有导入审核意见' })
    await desk.click('[data-testid="import-feedback"]')
    await desk.waitFor('[data-testid="status-message"]', { text: '已导入财政局审核意见：结论 未通过' })
    await desk.waitFor('[data-testid="feedback-decision"]', { text: '未通过' })
    await desk.waitFor('[data-testid="feedback-remark"]', { text: '请核对一般公共预算财政拨款收入' })
    // the department's own check says the same beside it
    await desk.waitFor('[data-testid="final-review"]', { text: '收支不平衡' })
    const texts = await desk.script(
      `return Array.from(document.querySelectorAll('[data-testid="feedback-finding"]')).map((e) => e.innerText.replace(/\\s+/g, ' '))`,
    )
    assert.ok(texts.some((t) => t.includes('决算数据') && t.includes('收支不平衡')), texts.join('\n'))
    await desk.screenshot('feedback-imported')

    // a finding of a table: a double click shows its cell of the 决算公开表, holding the figure
    const tabled = await desk.waitFor('[data-testid="feedback-finding"]', { text: '公开01表 ' })
    const [, sheet, cell] = /(公开01表) ([A-Z]+\d+)/.exec(await desk.text(tabled)) ?? []
    assert.ok(cell, 'the finding names its cell')
    const quoted = /为 ([\d,]+\.\d\d)万元/.exec(await desk.text(tabled))?.[1]
    await desk.doubleClick(tabled)
    await desk.waitFor('[data-testid="tables-preview"]')
    await desk.waitFor('[data-testid="tables-preview"] .el-radio-button.is-active', { text: sheet })
    await desk.waitGone('[data-testid="tables-preview"] .el-loading-mask')
    const marked = await desk.waitFor(`[data-testid="tables-preview"] td.highlight[data-a1="${cell}"]`)
    assert.equal((await desk.text(marked)).trim(), quoted, `${sheet} ${cell} holds the figure the finding quotes`)
    await desk.screenshot('feedback-jump')

    // a finding of the data typed: a double click shows its row and column of the data grid
    await desk.click('#tab-review')
    const typed = await desk.waitFor('[data-testid="feedback-finding"]', { text: '30188' })
    assert.match(await desk.text(typed), /决算数据 支出 第 2 行 · 经济分类/)
    await desk.doubleClick(typed)
    await desk.waitFor('#tab-data.is-active')
    const at = await desk.waitFor('[data-testid="final-lines-grid"] [data-row="1"] [data-key="economic_code"].active')
    assert.equal((await desk.text(at)).trim(), '30188')
    await desk.screenshot('feedback-jump-data')
  } finally {
    await desk.close()
  }
})
