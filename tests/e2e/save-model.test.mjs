// End to end: the one save model. What is typed on each tab is saved by Ctrl+S on that tab and
// is there after a restart; leaving a disclosure with unsaved changes asks 保存 / 不保存 / 取消;
// a draft survives the app being closed unsaved; typing a 自评 raises no error toast.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cellText, chooseOption, createUnitWithDisclosure, inputOf, pasteIntoGrid, startDriver, Session, typeInCell } from './webdriver.mjs'

let driver
let dir

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-save-'))
  driver = await startDriver()
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Presses Ctrl+S with the focus in the element matching `css`, as a user typing there would. */
async function ctrlS(app, css) {
  const el = await app.waitFor(css)
  await app.cmd('POST', `/element/${el}/value`, { text: '\uE009s\uE000' })
}

/** Types into an input without leaving it (no change event yet). */
async function typeInto(app, css, text) {
  await app.type(css, text)
}

async function valueOf(app, css) {
  return app.script('const e = document.querySelector(arguments[0]); return e ? e.value : null', [css])
}

async function openDisclosure(app, label) {
  await app.click('[data-testid="nav-disclosure"]', { text: label })
  await app.waitFor('[data-testid="disclosure-editor"]')
}

/** Opens the disclosure, its 情况说明 tab, and reads the 封面地区 field. */
async function regionAfterOpening(app, label) {
  await openDisclosure(app, label)
  await app.click('#tab-narrative')
  await app.waitFor(inputOf('doc-region'))
  return valueOf(app, inputOf('doc-region'))
}

async function errorToasts(app) {
  return app.script('return document.querySelectorAll(".el-message--error").length')
}

test('Ctrl+S on the 情况说明 and 绩效目标 tabs saves them, and they survive a restart', async () => {
  const db = join(dir, 'tabs.sqlite')
  let app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县人民政府办公室', code: '101001', year: 2024 })
    await app.click('#tab-projects')
    await app.click('[data-testid="projects-editor"] .actions button')
    await app.type('[data-testid="projects-editor"] .el-table__row:first-child td:nth-child(2) input', '政府办业务经费')
    await app.click('#tab-lines')
    await app.click('[data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, '2010399\t30299\t一般公共预算\t项目支出\tP001\t144.08')
    await ctrlS(app, '[data-testid="line-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 1 条明细' })

    // 情况说明: typed and saved with Ctrl+S while the cursor is still in the field
    await app.click('#tab-narrative')
    await typeInto(app, inputOf('doc-region'), '巴音郭楞蒙古自治州')
    await ctrlS(app, inputOf('doc-region'))
    await app.waitFor('[data-testid="status-message"]', { text: '情况说明已保存' })
    assert.equal(await valueOf(app, inputOf('doc-region')), '巴音郭楞蒙古自治州', 'the text stays on screen')

    // 绩效目标: an indicator typed and saved with Ctrl+S
    await app.click('#tab-targets')
    await chooseOption(app, '[data-testid="add-target-project"]', 'P001 政府办业务经费')
    await typeInCell(app, 'target-grid', 0, 'name', '官方网站发布信息数量')
    await ctrlS(app, '[data-testid="target-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 1 个项目的绩效目标' })

    // renaming it and saving again keeps the new name; the lines were not saved by either key
    await typeInCell(app, 'target-grid', 0, 'name', '政府网站发布信息数量')
    await ctrlS(app, '[data-testid="target-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 1 个项目的绩效目标' })
    assert.equal(await cellText(app, 'target-grid', 0, 'name'), '政府网站发布信息数量')
    await app.click('#tab-narrative')
    assert.equal(await valueOf(app, inputOf('doc-region')), '巴音郭楞蒙古自治州', 'switching tabs keeps the text')
    await app.screenshot('save-model-narrative')
  } finally {
    await app.close()
  }

  app = await Session.launch(driver, ['--db', db])
  try {
    assert.equal(await regionAfterOpening(app, '2024'), '巴音郭楞蒙古自治州')
    await app.click('#tab-targets')
    await app.waitFor('[data-testid="target-grid"] [data-row="0"] [data-key="name"]', { text: '政府网站发布信息数量' })
  } finally {
    await app.close()
  }
})

test('leaving a disclosure with unsaved text asks: 取消 stays, 不保存 discards, 保存 keeps', async () => {
  const db = join(dir, 'leave.sqlite')
  const app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县财政局', code: '101002', year: 2024 })
    await app.click('[data-testid="nav-unit"]', { text: '若羌县财政局' })
    await app.click('[data-testid="new-disclosure"]')
    await app.type('[data-testid="disclosure-year"] input', '2025')
    await app.click('[data-testid="disclosure-save"]')
    await app.waitFor('[data-testid="disclosure-editor"] h2', { text: '2025年' })

    await openDisclosure(app, '2024')
    await app.waitFor('[data-testid="disclosure-editor"] h2', { text: '2024年' })
    await app.click('#tab-narrative')
    await typeInto(app, inputOf('doc-region'), '若羌县')

    // 取消: still on 2024, text still there
    await app.click('[data-testid="nav-disclosure"]', { text: '2025' })
    await app.waitFor('[data-testid="leave-dialog"]', { text: '情况说明' })
    await app.screenshot('save-model-leave-dialog')
    await app.click('[data-testid="leave-cancel"]')
    await app.waitGone('[data-testid="leave-dialog"]')
    await app.waitFor('[data-testid="disclosure-editor"] h2', { text: '2024年' })
    assert.equal(await valueOf(app, inputOf('doc-region')), '若羌县')

    // 不保存: moves on; back on 2024 the text is gone and no draft is offered
    await app.click('[data-testid="nav-disclosure"]', { text: '2025' })
    await app.click('[data-testid="leave-discard"]')
    await app.waitFor('[data-testid="disclosure-editor"] h2', { text: '2025年' })
    await openDisclosure(app, '2024')
    await app.waitFor('[data-testid="disclosure-editor"] h2', { text: '2024年' })
    await app.click('#tab-narrative')
    await app.waitFor(inputOf('doc-region'))
    assert.equal(await valueOf(app, inputOf('doc-region')), '')

    // 保存: moves on, and the text is there when coming back
    await typeInto(app, inputOf('doc-region'), '若羌县')
    await app.click('[data-testid="nav-disclosure"]', { text: '2025' })
    await app.click('[data-testid="leave-save"]')
    await app.waitFor('[data-testid="disclosure-editor"] h2', { text: '2025年' })
    await openDisclosure(app, '2024')
    await app.waitFor('[data-testid="disclosure-editor"] h2', { text: '2024年' })
    await app.click('#tab-narrative')
    await app.waitFor(inputOf('doc-region'))
    assert.equal(await valueOf(app, inputOf('doc-region')), '若羌县')
  } finally {
    await app.close()
  }
})

/** Clicks the window's close button, as far as the app can tell. */
function closeButton() {
  return execFileSync('/usr/bin/python3', [join(dirname(fileURLToPath(import.meta.url)), 'wm_close.py')]).toString().trim()
}

test('closing the window with unsaved text asks; 取消 keeps it open, 保存 saves and closes', async () => {
  const db = join(dir, 'close.sqlite')
  let app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县民政局', code: '101005', year: 2024 })
    await app.click('#tab-narrative')
    await typeInto(app, inputOf('doc-region'), '若羌县')
    await app.waitFor('[data-testid="document-unsaved"]')
    assert.equal(closeButton(), '1')
    await app.waitFor('[data-testid="leave-dialog"]', { text: '情况说明' })
    await app.click('[data-testid="leave-cancel"]')
    await app.waitGone('[data-testid="leave-dialog"]')
    assert.equal(await valueOf(app, inputOf('doc-region')), '若羌县', 'still open, text still there')

    closeButton()
    await app.click('[data-testid="leave-save"]')
  } finally {
    await app.close()
  }

  app = await Session.launch(driver, ['--db', db])
  try {
    assert.equal(await regionAfterOpening(app, '2024'), '若羌县', 'saved on the way out')
  } finally {
    await app.close()
  }
})

test('text typed and never saved is offered back after the app was closed', async () => {
  const db = join(dir, 'draft.sqlite')
  let app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县教育局', code: '101003', year: 2024 })
    await app.click('#tab-narrative')
    await typeInto(app, inputOf('doc-region'), '新疆维吾尔自治区')
    await app.waitFor('[data-testid="document-unsaved"]')
    // the draft is written shortly after typing stops
    await new Promise((resolve) => setTimeout(resolve, 1500))
  } finally {
    await app.close()
  }

  app = await Session.launch(driver, ['--db', db])
  try {
    await openDisclosure(app, '2024')
    await app.click('#tab-narrative')
    await app.click('.el-message-box .el-button--primary', { text: '恢复草稿' })
    await app.waitFor('[data-testid="document-unsaved"]')
    assert.equal(await valueOf(app, inputOf('doc-region')), '新疆维吾尔自治区')
  } finally {
    await app.close()
  }
})

test('typing a new 自评 with a 定性 band and no score yet raises no error toast', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'eval.sqlite')])
  try {
    await createUnitWithDisclosure(app, { name: '色尼区财政局', code: '101004', year: 2023, finalAccounts: true })
    await app.click('#tab-evaluation')
    await app.click('[data-testid="new-evaluation"]')
    await app.type(inputOf('eval-project'), '城乡居民医疗救助')
    await typeInCell(app, 'eval-grid', 0, 'actual', '好')
    await typeInCell(app, 'eval-grid', 0, 'achievement', '部分达成')
    await typeInCell(app, 'eval-grid', 0, 'grading_score', '4.')
    await app.waitFor('[data-testid="eval-grid"] [data-row="0"] [data-key="grading_score"].invalid')
    await typeInCell(app, 'eval-grid', 0, 'grading_score', '')
    await typeInCell(app, 'eval-grid', 0, 'weight', '1o')
    await app.waitFor('[data-testid="eval-grid"] [data-row="0"] [data-key="weight"].invalid')
    await new Promise((resolve) => setTimeout(resolve, 600))
    assert.equal(await errorToasts(app), 0, 'no error toast while typing')
    const status = await app.script('return document.querySelector(\'[data-testid="status-message"]\').innerText')
    assert.doesNotMatch(status, /内部错误|invalid/, 'no internal error text reaches the status bar')
    await typeInCell(app, 'eval-grid', 0, 'weight', '10')
    await typeInCell(app, 'eval-grid', 0, 'grading_score', '4.5')
    await app.waitFor('[data-testid="evaluation-unsaved"]')
    await ctrlS(app, '[data-testid="eval-grid"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存“城乡居民医疗救助”的绩效自评' })
    assert.equal(await errorToasts(app), 0)
    await app.screenshot('save-model-evaluation')
  } finally {
    await app.close()
  }
})
