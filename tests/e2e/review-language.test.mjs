// End to end: the review screen speaks the user's language. Tables are named by the number the
// workbook prints (表1, 表8 …), rules by their Chinese names, a finding sits on the cell that is
// wrong, the sheet viewer has column letters and row numbers, and the exported 审核报告 carries
// neither table ids (T1…T11) nor rule ids.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { repoRoot, Session, startDriver } from './webdriver.mjs'

const fixtures = join(repoRoot, 'tests', 'fixtures')
const clean = join(fixtures, 'ruoqiang-2024-budget-tables.xlsx')

let driver
let dir
let broken
let report

/** Text of every element matching `css`. */
async function texts(app, css) {
  return app.script('return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.trim())', [css])
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-review-language-'))
  broken = join(dir, '若羌-表1教育支出.xlsx')
  // 205 教育支出 typed in 表1 (D9) though no other table spends on it: 表1's 支出总计 (D35) is
  // right, the class is wrong, and the finding belongs on D9.
  execFileSync('python3', [join(repoRoot, 'tests', 'e2e', 'set_cell.py'), clean, broken, '表1', 'D9', '10'])
  report = join(dir, '审核报告.xlsx')
  driver = await startDriver({
    BUDGET_DESK_TEST_PICK: [clean, broken].join(delimiter),
    BUDGET_DESK_TEST_SAVE: report,
  })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('tables and rules are named as the user knows them, and the finding sits on the wrong cell', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'language.sqlite')])
  try {
    await app.click('[data-testid="mode-review"]')
    await app.click('[data-testid="review-open"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已审核 2 个文件' })

    await app.click('[data-testid="review-file-name"]', { text: '若羌-表1教育支出' })
    const head = await app.waitFor('[data-testid="review-tables"]', { text: '表1' })
    const tables = await app.text(head)
    assert.match(tables, /识别的表：表1、表3/)
    assert.doesNotMatch(tables, /T\d/)
    assert.doesNotMatch(await app.text(await app.find('[data-testid="review-file-head"]')), /T\d|未识别/)

    const finding = await app.waitFor('[data-testid="finding-message"]', { text: '单元格 D9' })
    assert.doesNotMatch(await app.text(finding), /T\d|D35/)
    const rules = await texts(app, '[data-testid="finding-rule"]')
    assert.ok(rules.includes('支出总计=各功能分类之和'), rules.join(' | '))
    for (const rule of rules) assert.doesNotMatch(rule, /[a-z]_[a-z]|T\d/)
    for (const cell of await texts(app, '[data-testid="review-findings"] .el-table__row td:nth-child(3)')) {
      assert.equal(cell, 'D9', 'every finding on the class typed wrong, none on 支出总计')
    }

    const tabs = await texts(app, '[data-testid="sheet-tab"]')
    assert.deepEqual(tabs.slice(0, 2), ['表1', '表3'])
    for (const tab of tabs) assert.doesNotMatch(tab, /T\d/)

    await app.doubleClick(finding)
    await app.waitFor('[data-testid="sheet-view"] td.highlight')
    assert.equal(await app.script('return document.querySelector("td.highlight").dataset.a1'), 'D9')
    const letters = await texts(app, '[data-testid="sheet-column-letters"] th')
    assert.deepEqual(letters.slice(0, 5), ['', 'A', 'B', 'C', 'D'])
    assert.deepEqual(await texts(app, '[data-testid="sheet-view"] th.cited'), ['D', '9'])
    await app.screenshot('review-language-headings')

    await app.click('[data-testid="export-report"]')
    await app.waitFor('[data-testid="status-message"]', { text: '审核报告已保存' })
  } finally {
    await app.close()
  }
  const strings = execFileSync('python3', [
    '-c',
    'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print("".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml")))',
    report,
  ]).toString()
  assert.ok(strings.includes('预算公开审核报告'), 'the report has its title')
  assert.ok(strings.includes('审核人：'), 'the report has a place for the reviewer')
  assert.ok(strings.includes('支出总计=各功能分类之和'), 'rules by their Chinese names')
  assert.ok(strings.includes('表1 部门收支总体情况表'), 'tables by their printed names')
  assert.ok(!strings.includes('t1_expenditure_total'), 'no rule ids in the report')
  assert.ok(!/>T\d+ /.test(strings), 'no table ids in the report')
})
