// End to end: the 决算 screen — a unit's 2024 预算 with a few lines, then its 2024 决算: spending
// pasted from Excel with a header in another order, income typed, carry-overs pasted, Ctrl+S; the
// 完成率 against the 预算 on 预决算对比, the 情况说明 with a reason typed and saved, the data and
// the reason found again after a restart, a problem of the data shown at its cell from 审核, and
// the 情况说明 generated again when 决算数据 is saved. A 决算数据 workbook imported, last year's 年末
// brought in as 年初, and the complete 部门决算 document exported as .docx.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  artifacts,
  cellText,
  chooseOption,
  createUnitWithDisclosure,
  inputOf,
  pasteIntoGrid,
  repoRoot,
  startDriver,
  Session,
  typeInCell,
} from './webdriver.mjs'

let driver
let dir
let exported

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-final-'))
  exported = join(dir, '决算公开表.xlsx')
  driver = await startDriver({ BUDGET_DESK_TEST_SAVE: exported })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The whole screen as the user sees it (window frame included), beside WebDriver's pictures. */
function screen(name) {
  try {
    execFileSync('import', ['-window', 'root', join(artifacts, `${name}-screen.png`)])
  } catch {
    // no X display to take it from (WebDriver's own picture is still kept)
  }
}

/** How many paragraphs of the 情况说明 wait for a reason, as its tag says. */
async function waitingReasons(app) {
  const text = await app.text(await app.waitFor('[data-testid="final-narrative-waiting"]'))
  if (text.includes('已全部填写')) return 0
  const n = Number(/待填写 (\d+) 处/.exec(text)?.[1])
  assert.ok(n > 0, `the count of waiting paragraphs: “${text}”`)
  return n
}

/** The text the tag shows for `n` waiting paragraphs. */
const waitingText = (n) => (n ? `待填写 ${n} 处` : '已全部填写')

/** The test id of the reason field under the first paragraph waiting for one. */
async function firstWaitingField(app) {
  const id = await app.script(
    `return document.querySelector('[data-testid="final-narrative"] p.missing + .reason [data-testid^="final-text-"]')?.getAttribute('data-testid') ?? null`,
  )
  assert.ok(id, 'a paragraph waits for a reason and has its field')
  return id
}

const REASON = '部分办公设备购置延至下年'

async function ctrlS(app, css) {
  const el = await app.waitFor(css)
  await app.cmd('POST', `/element/${el}/value`, { text: '\uE009s\uE000' })
}

// The year's 预算: 2010301 行政运行, 122.00 万元 of 一般公共预算 (公务接待费 2.00 among it).
const BUDGET = [
  ['2010301', '30101', '一般公共预算', '人员经费', '', '100.00'],
  ['2010301', '30201', '一般公共预算', '公用经费', '', '20.00'],
  ['2010301', '30217', '一般公共预算', '公用经费', '', '2.00'],
]
  .map((r) => r.join('\t'))
  .join('\r\n')

// As an accounting system exports it: its own column order, a name column, short fund words.
const SPENDING = [
  ['金额（万元）', '支出类型', '资金性质', '经济分类科目编码', '功能分类科目名称', '功能分类科目编码'],
  ['96.84', '基本支出', '一般公共预算', '30101', '行政运行', '2010301'],
  ['19.50', '公用经费', '一般公共预算', '30201', '行政运行', '2010301'],
  ['1.80', '基本', '一般公共预算财政拨款', '30217', '行政运行', '2010301'],
]
  .map((r) => r.join('\t'))
  .join('\r\n')

const CARRY = ['年末结转和结余\t功能分类\t资金', '1.86\t2010301\t一般公共预算'].join('\r\n')

// The nine tables of the default template, by sheet, as the preview and the workbook name them.
const TABLES = [
  ['公开01表', '收入支出决算总表'],
  ['公开02表', '收入决算表'],
  ['公开03表', '支出决算表'],
  ['公开04表', '财政拨款收入支出决算总表'],
  ['公开05表', '一般公共预算财政拨款支出决算表'],
  ['公开06表', '一般公共预算财政拨款基本支出决算表'],
  ['公开07表', '财政拨款“三公”经费支出决算表'],
  ['公开08表', '政府性基金预算财政拨款收入支出决算表'],
  ['公开09表', '国有资本经营预算财政拨款收入支出决算表'],
]

test('决算数据 typed and pasted is saved, compared with the 预算, and found again', async () => {
  const db = join(dir, 'final.sqlite')
  let waiting = 0
  let app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县财政局', code: '101010', year: 2024 })
    await app.click('[data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, BUDGET)
    await app.waitFor('[data-testid="line-totals"]', { text: '合计 122.00 万元' })
    await app.click('[data-testid="save-lines"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 3 条明细' })

    // the 决算 of the same unit and year
    await app.click('[data-testid="nav-unit"]', { text: '若羌县财政局' })
    await app.click('[data-testid="new-disclosure"]')
    await app.type('[data-testid="disclosure-year"] input', '2024')
    await app.click('[data-testid="disclosure-dialog"] .el-radio-button', { text: '部门决算' })
    await app.click('[data-testid="disclosure-save"]')
    await app.waitFor('[data-testid="final-accounts-view"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已打开' })

    // 支出: pasted with its header; a fourth line typed, of the unit's own 事业收入
    await app.click('[data-testid="final-lines-grid"] [data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, SPENDING, 'final-lines-grid')
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '支出 3 条' })
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '合计 118.14 万元' })
    assert.equal(await cellText(app, 'final-lines-grid', 0, 'source'), '一般公共预算财政拨款收入')
    assert.equal(await cellText(app, 'final-lines-grid', 1, 'kind'), '基本支出')
    assert.equal(await cellText(app, 'final-lines-grid', 0, 'function_code'), '2010301 行政运行')
    assert.equal(await cellText(app, 'final-lines-grid', 2, 'amount'), '1.80')
    const invalid = await app.script('return document.querySelectorAll(".cell.invalid").length')
    assert.equal(invalid, 0, 'every pasted column was matched by its header')
    await typeInCell(app, 'final-lines-grid', 3, 'function_code', '2010301')
    await typeInCell(app, 'final-lines-grid', 3, 'economic_code', '30201')
    await typeInCell(app, 'final-lines-grid', 3, 'source', '事业')
    await typeInCell(app, 'final-lines-grid', 3, 'kind', '基本')
    await typeInCell(app, 'final-lines-grid', 3, 'amount', '5')
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '合计 123.14 万元' })
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '其中财政拨款 118.14' })
    await app.waitFor('[data-testid="final-unsaved"]')
    await app.screenshot('final-data-lines')
    screen('final-data-lines')

    // 收入: typed
    await app.click('[data-testid="final-section-incomes"]')
    await typeInCell(app, 'final-incomes-grid', 0, 'function_code', '2010301')
    await typeInCell(app, 'final-incomes-grid', 0, 'source', '一般公共预算')
    await typeInCell(app, 'final-incomes-grid', 0, 'amount', '120')
    await typeInCell(app, 'final-incomes-grid', 1, 'function_code', '2010301')
    await typeInCell(app, 'final-incomes-grid', 1, 'source', '事业收入')
    await typeInCell(app, 'final-incomes-grid', 1, 'amount', '5')
    await app.waitFor('[data-testid="final-incomes-totals"]', { text: '合计 125.00 万元' })
    await app.screenshot('final-data-incomes')

    // 结转和结余: pasted with a header; the blank 年初 counts as zero
    await app.click('[data-testid="final-section-carry_overs"]')
    await app.click('[data-testid="final-carry-grid"] [data-row="0"] [data-key="fund"]')
    await pasteIntoGrid(app, CARRY, 'final-carry-grid')
    await app.waitFor('[data-testid="final-carry_overs-totals"]', { text: '年末合计 1.86 万元' })
    assert.equal(await cellText(app, 'final-carry-grid', 0, 'fund'), '一般公共预算财政拨款')
    await app.screenshot('final-data-carry')

    await ctrlS(app, '[data-testid="final-carry-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存决算数据：支出 4 条，合计 123.14 万元' })
    await app.waitGone('[data-testid="final-unsaved"]')

    // 决算公开表: the nine tables derived from what was saved, as they will print
    await app.click('#tab-tables')
    for (const [sheet, title] of TABLES) {
      await app.click(`[data-testid="preview-tab-${sheet}"]`)
      await app.waitFor('[data-testid="tables-preview"] td', { text: title })
    }
    await app.click('[data-testid="preview-tab-公开05表"]')
    await app.waitFor('[data-testid="tables-preview"] td', { text: '118.14' })
    await app.screenshot('final-tables')
    screen('final-tables')
    await app.click('[data-testid="export-final"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导出决算公开表' })

    // 预决算对比: 118.14 of the 预算's 122.00 = 96.84%; 公务接待费 1.80 of 2.00 from the 预算
    await app.click('#tab-compare')
    await app.waitFor('[data-testid="budget-from"]', { text: '2024年预算' })
    await app.waitFor('[data-testid="completion-row"]', { text: '完成年初预算的96.84%' })
    await app.waitFor('[data-testid="completion-row"]', { text: '122.00' })
    await app.waitFor('[data-testid="three-public-table"]', { text: '公务接待费' })
    await app.waitFor('[data-testid="three-public-table"]', { text: '完成年初预算的90.00%' })
    await app.waitFor('[data-testid="comparison-chart"] canvas')
    await app.screenshot('final-compare')
    screen('final-compare')

    await app.click('#tab-review')
    await app.waitFor('[data-testid="final-review"]')
    await app.screenshot('final-review')

    // 情况说明: generated from what was saved; a reason typed under the first paragraph that
    // waits for one, Ctrl+S, and the reason stands in the text in place of （待填写）
    await app.click('#tab-narrative')
    await app.waitFor('[data-testid="final-narrative-text"]', { text: '完成年初预算的' })
    await app.waitFor('[data-testid="final-narrative-text"]', { text: '（待填写）' })
    waiting = await waitingReasons(app)
    screen('final-narrative-top')
    const field = await firstWaitingField(app)
    await app.type(inputOf(field), REASON)
    await ctrlS(app, inputOf(field))
    await app.waitFor('[data-testid="status-message"]', { text: '决算情况说明已保存' })
    await app.waitGone('[data-testid="final-narrative-unsaved"]')
    await app.waitFor('[data-testid="final-narrative-para"]', { text: `主要原因是：${REASON}。` })
    await app.waitFor('[data-testid="final-narrative-waiting"]', { text: waitingText(waiting - 1) })
    await app.screenshot('final-narrative')
    screen('final-narrative')
    // the whole text, for pasting into Word
    await app.click('[data-testid="final-narrative-copy"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已复制全文' })
  } finally {
    await app.close()
  }

  // the exported workbook, read back by the review engine as a 决算 of nine tables
  assert.ok(existsSync(exported), 'the workbook was written')
  let report
  try {
    report = execFileSync(join(repoRoot, 'target', 'debug', 'budget-cli'), ['check', '--json', exported]).toString()
  } catch (err) {
    assert.fail(`budget-cli check failed: ${err.stdout}`)
  }
  const file = JSON.parse(report).files[0]
  assert.equal(file.unit, '若羌县财政局')
  assert.equal(file.tables.length, 9)
  assert.deepEqual(file.findings, [])

  app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="nav-disclosure"]', { text: '2024年决算公开' })
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '支出 4 条' })
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '合计 123.14 万元' })
    assert.equal(await cellText(app, 'final-lines-grid', 3, 'source'), '事业收入')
    await app.click('[data-testid="final-section-carry_overs"]')
    await app.waitFor('[data-testid="final-carry-grid"] [data-row="0"] [data-key="closing"]', { text: '1.86' })

    // the reason typed before the restart is in the 情况说明
    await app.click('#tab-narrative')
    await app.waitFor('[data-testid="final-narrative-para"]', { text: `主要原因是：${REASON}。` })
    await app.waitFor('[data-testid="final-narrative-waiting"]', { text: waitingText(waiting - 1) })
    // a second reason typed and not saved: leaving asks, staying keeps it, Ctrl+S saves it
    assert.ok(waiting >= 2, 'a second paragraph waits for a reason')
    const second = await firstWaitingField(app)
    await app.type(inputOf(second), '人员减少')
    await app.click('[data-testid="nav-unit"]', { text: '若羌县财政局' })
    await app.waitFor('[data-testid="leave-dialog"]', { text: '决算情况说明' })
    await app.click('[data-testid="leave-cancel"]')
    await app.waitGone('[data-testid="leave-dialog"]')
    await app.waitFor('[data-testid="final-narrative-unsaved"]')
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '主要原因是：人员减少。' })
    await ctrlS(app, inputOf(second))
    await app.waitGone('[data-testid="final-narrative-unsaved"]')
    await app.waitFor('[data-testid="final-narrative-waiting"]', { text: waitingText(waiting - 2) })

    // the figures no table holds, typed beside the text: the text follows at once, a sum only
    // from its typed parts; problems rectified beyond those found are listed on 审核 once saved
    const ENTER = '\uE007'
    await app.type(inputOf('final-fact-goods'), `12.3${ENTER}`)
    await app.type(inputOf('final-fact-works'), `0${ENTER}`)
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '货物采购金额12.30万元、工程采购金额0.00万元、服务采购金额（待填写）万元' })
    await app.type(inputOf('final-fact-services'), `5.5${ENTER}`)
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '政府采购金额（以合同签订为准）为17.80万元，其中：货物采购金额12.30万元' })
    await app.type(inputOf('final-fact-enforcement_vehicles'), `2${ENTER}`)
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '执法执勤用车2辆' })
    await app.type(inputOf('final-fact-problems_found'), `1${ENTER}`)
    await app.type(inputOf('final-fact-problems_rectified'), `2${ENTER}`)
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '绩效自评中共发现问题1个，已经完成整改的2个' })
    await app.waitFor('[data-testid="final-narrative-unsaved"]')
    await app.screenshot('final-narrative-facts')
    screen('final-narrative-facts')
    await ctrlS(app, inputOf('final-fact-services'))
    await app.waitGone('[data-testid="final-narrative-unsaved"]')
    await app.click('#tab-review')
    await app.waitFor('[data-testid="final-finding"]', { text: '已完成整改2个、正在整改0个，合计2个，多于发现的问题1个' })
    await app.click('#tab-data')

    // a code the catalog does not have is saved, listed on 审核, and shown at its cell
    await app.click('[data-testid="final-section-lines"]')
    await typeInCell(app, 'final-lines-grid', 3, 'economic_code', '30188')
    await ctrlS(app, '[data-testid="final-lines-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '审核发现' })
    await app.waitFor('[data-testid="final-lines-grid"] [data-row="3"] [data-key="economic_code"].invalid')
    await app.click('#tab-review')
    await app.click('[data-testid="final-problem"]', { text: '30188' })
    await app.waitFor('[data-testid="final-lines-grid"] [data-row="3"] [data-key="economic_code"].active')
    await app.screenshot('final-review-jump')

    // the 三公 预算数 typed on 其他数字 replaces the one from the 预算
    await app.click('[data-testid="final-section-figures"]')
    await app.type(inputOf('figure-reception'), '3')
    await app.screenshot('final-data-figures')
    await ctrlS(app, inputOf('figure-reception'))
    await app.waitFor('[data-testid="status-message"]', { text: '已保存决算数据' })
    await app.click('#tab-compare')
    await app.waitFor('[data-testid="three-public-table"]', { text: '完成年初预算的60.00%' })
    // the 情况说明, opened before, was generated again from what was saved
    await app.click('#tab-narrative')
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '年初预算为3.00万元，支出决算为1.80万元，完成年初预算的60.00%' })
  } finally {
    await app.close()
  }

  // the typed figures, saved with Ctrl+S, are there after a restart
  app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="nav-disclosure"]', { text: '2024年决算公开' })
    await app.click('#tab-narrative')
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '政府采购金额（以合同签订为准）为17.80万元' })
    await app.waitFor('[data-testid="final-narrative-para"]', { text: '执法执勤用车2辆' })
    assert.equal(await app.script(`return document.querySelector('[data-testid="final-fact-services"] input, input[data-testid="final-fact-services"]').value`), '5.50')
  } finally {
    await app.close()
  }
})

test('the 绩效自评 of a 决算 is a tab of its screen', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'eval.sqlite')])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县审计局', code: '101009', year: 2024, finalAccounts: true })
    await app.click('#tab-evaluation')
    await app.waitFor('[data-testid="evaluation-editor"]')
    // without a 预算 of the year there is nothing to start from, and the dialog says why
    await app.click('[data-testid="start-evaluation"]')
    await app.waitFor('[data-testid="start-evaluation-dialog"] .el-alert', { text: '没有2024年的预算公开' })
    await app.screenshot('final-start-evaluation')
  } finally {
    await app.close()
  }
})

test('unsaved 决算数据 asks before it is left, and comes back as a draft after a crash', async () => {
  const db = join(dir, 'draft.sqlite')
  let app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县统计局', code: '101011', year: 2024, finalAccounts: true })
    await typeInCell(app, 'final-lines-grid', 0, 'function_code', '2010301')
    await typeInCell(app, 'final-lines-grid', 0, 'amount', '7')
    await app.waitFor('[data-testid="final-unsaved"]')
    await app.click('[data-testid="nav-unit"]', { text: '若羌县统计局' })
    await app.waitFor('[data-testid="leave-dialog"]', { text: '决算数据' })
    await app.click('[data-testid="leave-cancel"]')
    await app.waitGone('[data-testid="leave-dialog"]')
    assert.equal(await cellText(app, 'final-lines-grid', 0, 'amount'), '7.00', 'still there')
    // the draft is written shortly after typing stops; then the app goes away unasked
    await new Promise((resolve) => setTimeout(resolve, 1500))
  } finally {
    await app.close()
  }

  app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="nav-disclosure"]', { text: '2024年决算公开' })
    await app.click('.el-message-box .el-button--primary', { text: '恢复草稿' })
    await app.waitFor('[data-testid="final-unsaved"]')
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '合计 7.00 万元' })
    assert.equal(await cellText(app, 'final-lines-grid', 0, 'function_code'), '2010301 行政运行')
  } finally {
    await app.close()
  }
})

test('a 自评 starts from a project’s 绩效目标 of the year’s 预算', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'start.sqlite')])
  try {
    // the 预算: a project, its line and one indicator of its 绩效目标
    await createUnitWithDisclosure(app, { name: '若羌县人民政府办公室', code: '101001', year: 2024 })
    await app.click('#tab-projects')
    await app.click('[data-testid="projects-editor"] .actions button')
    await app.type('[data-testid="projects-editor"] .el-table__row:first-child td:nth-child(2) input', '政府办业务经费')
    await app.click('#tab-lines')
    await app.click('[data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, '2010399\t30299\t一般公共预算\t项目支出\tP001\t144.08')
    await ctrlS(app, '[data-testid="line-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 1 条明细' })
    await app.click('#tab-targets')
    await chooseOption(app, '[data-testid="add-target-project"]', 'P001 政府办业务经费')
    await typeInCell(app, 'target-grid', 0, 'name', '官方网站发布信息数量')
    await ctrlS(app, '[data-testid="target-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 1 个项目的绩效目标' })

    // the 决算 of the year: 从绩效目标开始 lists the project with its money, and starts its 自评
    await app.click('[data-testid="nav-unit"]', { text: '若羌县人民政府办公室' })
    await app.click('[data-testid="new-disclosure"]')
    await app.type('[data-testid="disclosure-year"] input', '2024')
    await app.click('[data-testid="disclosure-dialog"] .el-radio-button', { text: '部门决算' })
    await app.click('[data-testid="disclosure-save"]')
    await app.waitFor('[data-testid="final-accounts-view"]')
    await app.click('#tab-evaluation')
    await app.click('[data-testid="start-evaluation"]')
    await app.waitFor('[data-testid="start-evaluation-dialog"] .el-table__row', { text: '政府办业务经费' })
    await app.waitFor('[data-testid="start-evaluation-dialog"] .el-table__row', { text: '144.08' })
    await app.screenshot('final-start-evaluation-candidates')
    await app.click('[data-testid="start-evaluation-pick"]')
    await app.waitGone('[data-testid="start-evaluation-dialog"]')
    await app.waitFor('[data-testid="eval-grid"] [data-row="0"] [data-key="name"]', { text: '官方网站发布信息数量' })
    await app.waitFor('[data-testid="evaluation-unsaved"]')
    await app.click('[data-testid="save-evaluation"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存“政府办业务经费”的绩效自评' })
    await app.waitFor('[data-testid="evaluation-item"]', { text: '政府办业务经费' })
  } finally {
    await app.close()
  }
})

test('决算数据 imported from a workbook, the 部门决算 document exported, and last year’s 年末 brought in as 年初', async () => {
  const fixture = join(repoRoot, 'tests', 'e2e', 'fixtures', '决算数据.xlsx')
  const docx = join(dir, '部门决算.docx')
  const own = await startDriver({ BUDGET_DESK_TEST_PICK: fixture, BUDGET_DESK_TEST_SAVE: docx })
  const app = await Session.launch(own, ['--db', join(dir, 'import.sqlite')])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县林业和草原局', code: '101012', year: 2023, finalAccounts: true })
    // without a 决算 of 2022 there is nothing to bring in
    await app.click('[data-testid="final-section-carry_overs"]')
    await app.click('[data-testid="final-bring-opening"]')
    await app.waitFor('.el-message-box', { text: '没有上年决算，无法带入' })
    await app.click('.el-message-box .el-button--primary')
    await app.waitGone('.el-message-box')

    // 导入决算数据…: the workbook's three sheets and its 其他数据 fill the grids, saved
    await app.click('[data-testid="import-final-data"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导入决算数据：支出 2 条、收入 1 条、结转和结余 1 条' })
    await app.waitFor('[data-testid="final-carry-grid"] [data-row="0"] [data-key="closing"]', { text: '1.50' })
    assert.equal(await cellText(app, 'final-carry-grid', 0, 'fund'), '一般公共预算财政拨款')
    await app.click('[data-testid="final-section-lines"]')
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '合计 95.50 万元' })
    assert.ok((await cellText(app, 'final-lines-grid', 1, 'economic_code')).startsWith('30201'))
    await app.click('[data-testid="final-section-figures"]')
    assert.equal(await app.script('return document.querySelector(arguments[0]).value', [inputOf('figure-reception')]), '2.00')
    await app.waitGone('[data-testid="final-unsaved"]')
    // importing again replaces saved data: it asks first
    await app.click('[data-testid="final-section-lines"]')
    await app.click('[data-testid="import-final-data"]')
    await app.waitFor('.el-message-box', { text: '导入将替换本年决算数据' })
    await app.click('.el-message-box .el-button--primary', { text: '继续导入' })
    await app.waitFor('[data-testid="status-message"]', { text: '已导入决算数据' })
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '支出 2 条' })
    await app.screenshot('final-imported')
    screen('final-imported')

    // 情况说明: the complete 部门决算 document, saved where the (test) save dialog says
    await app.click('#tab-narrative')
    await app.waitFor('[data-testid="final-narrative-para"]')
    await app.click('[data-testid="export-final-document"]')
    await app.waitFor('[data-testid="status-message"]', { text: `已导出决算公开文档：${docx}` })
    assert.ok(existsSync(docx), 'the document was written')
    assert.equal(readFileSync(docx).subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a zip')
    assert.ok(readFileSync(docx).includes('word/document.xml'), 'a Word document')
    // the same document as one workbook (the test dialog answers the same path)
    await app.click('[data-testid="export-final-document-workbook"]')
    const deadline = Date.now() + 15000
    while (!readFileSync(docx).includes('xl/workbook.xml')) {
      assert.ok(Date.now() < deadline, 'the document workbook was written')
      await new Promise((r) => setTimeout(r, 200))
    }
    await app.screenshot('final-narrative-export')
    screen('final-narrative-export')

    // the 决算 of 2024: a row typed, then 2023's 年末 brought in as 年初 beside it, undoable, unsaved
    await app.click('[data-testid="nav-unit"]', { text: '若羌县林业和草原局' })
    await app.click('[data-testid="new-disclosure"]')
    await app.type('[data-testid="disclosure-year"] input', '2024')
    await app.click('[data-testid="disclosure-dialog"] .el-radio-button', { text: '部门决算' })
    await app.click('[data-testid="disclosure-save"]')
    await app.waitFor('[data-testid="final-accounts-view"] h2', { text: '2024年部门决算' })
    await app.click('[data-testid="final-section-carry_overs"]')
    await typeInCell(app, 'final-carry-grid', 0, 'fund', '非财政拨款')
    await typeInCell(app, 'final-carry-grid', 0, 'function_code', '2010301')
    await typeInCell(app, 'final-carry-grid', 0, 'closing', '3')
    await app.click('[data-testid="final-bring-opening"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已从上年决算带入年初结转和结余：更新 0 行、新增 1 行' })
    assert.equal(await cellText(app, 'final-carry-grid', 0, 'fund'), '非财政拨款', 'the typed row is kept')
    assert.equal(await cellText(app, 'final-carry-grid', 1, 'fund'), '一般公共预算财政拨款')
    assert.equal(await cellText(app, 'final-carry-grid', 1, 'opening'), '1.50')
    await app.waitFor('[data-testid="final-carry_overs-totals"]', { text: '年初合计 1.50 万元' })
    await app.waitFor('[data-testid="final-unsaved"]')
    await app.screenshot('final-opening-brought')
    screen('final-opening-brought')
    await app.click('[data-testid="final-accounts-view"] .bar .el-button', { text: '撤销' })
    await app.waitFor('[data-testid="final-carry_overs-totals"]', { text: '结转和结余 1 条' })
    assert.equal(await cellText(app, 'final-carry-grid', 1, 'fund'), '')
    await app.click('[data-testid="final-accounts-view"] .bar .el-button', { text: '重做' })
    await app.waitFor('[data-testid="final-carry_overs-totals"]', { text: '年初合计 1.50 万元' })
    await ctrlS(app, '[data-testid="final-carry-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存决算数据' })
    await app.waitGone('[data-testid="final-unsaved"]')
  } finally {
    await app.close()
    own.stop()
  }
})

test('a 决算数据 workbook with problems is refused, each problem named by sheet and cell', async () => {
  const broken = join(repoRoot, 'tests', 'e2e', 'fixtures', '决算数据-有误.xlsx')
  const own = await startDriver({ BUDGET_DESK_TEST_PICK: broken })
  const app = await Session.launch(own, ['--db', join(dir, 'refused.sqlite')])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县水利局', code: '101013', year: 2024, finalAccounts: true })
    await app.click('[data-testid="import-final-data"]')
    await app.waitFor('.import-problems', { text: '决算数据工作簿有 2 处问题，未导入' })
    await app.waitFor('.import-problems li', { text: '工作表“支出”E2' })
    await app.waitFor('.import-problems li', { text: '工作表“支出”A3' })
    await app.screenshot('final-import-refused')
    screen('final-import-refused')
    await app.click('.import-problems .el-button--primary')
    await app.waitGone('.import-problems')
    await app.waitFor('[data-testid="final-lines-totals"]', { text: '支出 0 条' })
  } finally {
    await app.close()
    own.stop()
  }
})
