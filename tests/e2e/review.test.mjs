// End to end: open workbooks for review through the real app, read the findings, and jump from a
// finding to its highlighted cell.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { repoRoot, Session, startDriver } from './webdriver.mjs'

const fixtures = join(repoRoot, 'tests', 'fixtures')
const clean = join(fixtures, 'ruoqiang-2024-budget-tables.xlsx')

// Element Plus puts the test id on the <input> itself or on its wrapper, depending on version.
const NOTE = 'input[data-testid="finding-note"], [data-testid="finding-note"] input'

let driver
let dir
let broken
let renamed
let report

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-review-'))
  broken = join(dir, '若羌-表3改错.xlsx')
  // 20103's 合计 668.70 → 668.80: no longer 基本 + 项目, nor the sum of its 项.
  execFileSync('python3', [join(repoRoot, 'tests', 'e2e', 'set_cell.py'), clean, broken, '表3', 'E7', '668.8'])
  // 2010301 printed as “行政运行费”: a warning (name does not match the code) that needs a 说明.
  renamed = join(dir, '若羌-科目名称.xlsx')
  execFileSync('python3', [join(repoRoot, 'tests', 'e2e', 'set_cell.py'), clean, renamed, '表3', 'D8', '行政运行费'])
  report = join(dir, '审核报告.xlsx')
  driver = await startDriver({
    BUDGET_DESK_TEST_PICK: [clean, broken, renamed].join(delimiter),
    BUDGET_DESK_TEST_SAVE: report,
  })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('reviewing workbooks lists findings and a double click highlights the cell', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'review.sqlite')])
  try {
    await app.click('[data-testid="mode-review"]')
    await app.click('[data-testid="review-open"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已审核 3 个文件' })
    await app.waitFor('[data-testid="review-totals"]', { text: '错误 3' })

    await app.click('[data-testid="review-file-name"]', { text: '若羌-表3改错' })
    await app.waitFor('[data-testid="review-file-head"]', { text: '若羌县人民政府办公室' })
    const finding = await app.waitFor('[data-testid="finding-message"]', { text: '请核对单元格 E7' })
    assert.match(await app.text(finding), /668\.80万元.*668\.70万元/)

    await app.doubleClick(finding)
    const cell = await app.waitFor('[data-testid="sheet-view"] td.highlight')
    assert.equal(await app.script('return document.querySelector("td.highlight").dataset.a1'), 'E7')
    assert.equal((await app.text(cell)).trim(), '668.80')
    await app.screenshot('review-highlight')

    await app.click('[data-testid="review-file-name"]', { text: 'ruoqiang-2024-budget-tables' })
    await app.waitFor('[data-testid="review-findings"]', { text: '没有发现问题' })
  } finally {
    await app.close()
  }
})

test('the 说明 of a warning is kept and goes into the exported 审核报告', async () => {
  const db = join(dir, 'notes.sqlite')
  let app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="mode-review"]')
    await app.click('[data-testid="review-open"]')
    await app.click('[data-testid="review-file-name"]', { text: '若羌-科目名称' })
    await app.waitFor('[data-testid="finding-message"]', { text: '行政运行费' })
    await app.type(NOTE, '按单位习惯简称，已核对编码无误')
    await app.script('document.querySelector(arguments[0]).dispatchEvent(new Event("change"))', [NOTE])
    await app.waitFor('[data-testid="status-message"]', { text: '说明已保存' })
  } finally {
    await app.close()
  }

  app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="mode-review"]')
    await app.click('[data-testid="review-open"]')
    await app.click('[data-testid="review-file-name"]', { text: '若羌-科目名称' })
    await app.waitFor('[data-testid="finding-message"]', { text: '行政运行费' })
    const kept = await app.script('return document.querySelector(arguments[0]).value', [NOTE])
    assert.equal(kept, '按单位习惯简称，已核对编码无误')
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
  assert.ok(strings.includes('按单位习惯简称，已核对编码无误'), 'the 说明 is in the report')
  assert.ok(strings.includes('若羌-表3改错.xlsx'), 'every opened file is in the report')
})
