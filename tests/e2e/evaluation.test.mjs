// End to end: a 决算 disclosure's self-evaluation — import seed 001's 自评表, see 100.00 / 优,
// type actual values and watch the total and grade follow the rules.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cellText, createUnitWithDisclosure, repoRoot, startDriver, Session, typeInCell } from './webdriver.mjs'

const fixture = join(repoRoot, 'tests', 'fixtures', 'seni-2023-self-evaluation.xlsx')

let driver
let dir

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-eval-'))
  driver = await startDriver({ BUDGET_DESK_TEST_PICK: fixture })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('typing actual values rescores the project by the rules', async () => {
  const db = join(dir, 'eval.sqlite')
  let app = await Session.launch(driver, ['--db', db])
  try {
    await createUnitWithDisclosure(app, { name: '色尼区人民政府办公室', code: '540102', year: 2023, finalAccounts: true })
    await app.click('#tab-evaluation')

    await app.click('[data-testid="import-evaluations"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导入 1 个项目的自评' })
    await app.waitFor('[data-testid="eval-total"]', { text: '100.00' })
    await app.waitFor('[data-testid="eval-grade"]', { text: '优' })

    // 扶持项目成功率 ≥90%, weight 10: 81% scores 10 × 81 ÷ 90 = 9.00
    await typeInCell(app, 'eval-grid', 1, 'actual', '81%')
    await app.waitFor('[data-testid="eval-grid"] [data-row="1"] [data-key="score"]', { text: '9.00' })
    await app.waitFor('[data-testid="eval-total"]', { text: '99.00' })
    // 受扶持单位数量 ≥1, weight 10: none at all scores 0, and the grade drops to 良
    await typeInCell(app, 'eval-grid', 0, 'actual', '0')
    await app.waitFor('[data-testid="eval-total"]', { text: '89.00' })
    await app.waitFor('[data-testid="eval-grade"]', { text: '良' })
    await app.screenshot('evaluation-rescored')
    await app.click('[data-testid="save-evaluation"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存“色尼区电子政务外网延伸项目”的绩效自评' })
  } finally {
    await app.close()
  }

  app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="nav-disclosure"]', { text: '2023年决算公开' })
    await app.click('#tab-evaluation')
    await app.waitFor('[data-testid="eval-total"]', { text: '89.00' })
    await app.waitFor('[data-testid="eval-grid"] [data-row="1"] [data-key="actual"]')
    assert.equal(await cellText(app, 'eval-grid', 1, 'actual'), '81%')
  } finally {
    await app.close()
  }
})
