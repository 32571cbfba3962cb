// End to end: the county board in the real window. A department's 2024 决算 is made with
// budget-cli and exported as a 报送包 whose data do not balance; the bureau's database knows
// three departments. On 县级汇总 all three are 未报送; the package is received through 导入报送包…,
// its department moves to 审核未通过, and a click on its row opens its findings. The department's
// side: 导出报送包… on the 决算 screen writes a package budget-cli can receive.
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
let pkg
let bureau
let saved

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-board-'))
  const dept = join(dir, '教育局.sqlite')
  cli('init', '--db', dept)
  cli('unit', 'add', '--db', dept, '--code', '201', '--name', '县教育局')
  cli('import', join(repoRoot, 'tests', 'e2e', 'fixtures', '决算数据.xlsx'), '--db', dept, '--unit', '201', '--year', '2024', '--kind', '决算')
  // The income typed 10 万元 short: the package's data do not balance.
  execFileSync('python3', ['-c', `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE final_income SET amount_fen = amount_fen - 100000"); c.commit()`, dept])
  pkg = join(dir, '县教育局2024年决算.bdpkg')
  cli('package', 'export', '--db', dept, '--unit', '201', '--year', '2024', '--kind', '决算', '--out', pkg)
  bureau = join(dir, '财政局.sqlite')
  cli('init', '--db', bureau)
  for (const [code, name] of [['101', '县政府办公室'], ['201', '县教育局'], ['301', '县财政局']]) cli('unit', 'add', '--db', bureau, '--code', code, '--name', name)
  saved = join(dir, '导出的报送包.bdpkg')
  driver = await startDriver({ BUDGET_DESK_TEST_PICK: pkg, BUDGET_DESK_TEST_SAVE: saved })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('the board shows each department, a received package moves one to 审核未通过, and its findings open', async () => {
  const app = await Session.launch(driver, ['--db', bureau])
  try {
    await app.click('[data-testid="mode-board"]')
    await app.waitFor('[data-testid="board"]')
    const year = await app.waitFor('[data-testid="board-year"] input')
    await app.cmd('POST', `/element/${year}/value`, { text: '\uE009a\uE0092024\uE007' })
    await app.click('[data-testid="board-kind"] .el-radio-button', { text: '部门决算' })
    await app.waitFor('[data-testid="board-table"]', { text: '县财政局' })
    const statuses = async () =>
      app.script(`return Array.from(document.querySelectorAll('[data-testid="board-status"]')).map((e) => e.textContent.trim())`)
    assert.deepEqual(await statuses(), ['未报送', '未报送', '未报送'])

    await app.click('[data-testid="receive-package"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已接收“县教育局”2024年决算公开，状态：未通过' })
    await app.waitFor('[data-testid="board-status"]', { text: '审核未通过' })
    assert.deepEqual(await statuses(), ['未报送', '审核未通过', '未报送'])
    await app.waitFor('[data-testid="board-chart"] canvas')
    await app.screenshot('board')

    // one 审核报告 for the county, written where the (answered) save dialog says
    await app.click('[data-testid="county-report"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导出全县审核报告' })
    assert.ok(existsSync(saved), 'the county report was written')
    rmSync(saved)

    // the table is reloaded after the receipt: its loading mask must be gone before a click
    await app.waitGone('[data-testid="board-table"] .el-loading-mask')
    await app.click('[data-testid="board-table"] td', { text: '县教育局' })
    await app.waitFor('[data-testid="board-finding"]', { text: '收支不平衡' })
    await app.screenshot('board-findings')
  } finally {
    await app.close()
  }

  // The department's side: the package the bureau has, opened in 编制 and exported again.
  const again = await Session.launch(driver, ['--db', bureau])
  try {
    await again.click('[data-testid="nav-disclosure"]', { text: '2024年决算公开' })
    await again.waitFor('[data-testid="final-accounts-view"]')
    await again.click('#tab-tables')
    await again.click('[data-testid="export-package"]')
    await again.waitFor('[data-testid="status-message"]', { text: '已导出报送包' })
  } finally {
    await again.close()
  }
  assert.ok(existsSync(saved), 'the package was written')
  // still 未通过 (exit 1), and nothing changed since the package received
  const run = spawnSync(cliBin, ['package', 'import', saved, '--db', bureau, '--dry-run'], { encoding: 'utf8' })
  assert.equal(run.status, 1, run.stderr)
  assert.match(run.stdout, /与上次报送相比没有变化/)
})
