// End to end: performance targets for a project — indicators typed through the UI, the weight
// finding appears, is fixed, and the 项目支出绩效目标表 is exported and read back.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chooseMenuItem, chooseOption, createUnitWithDisclosure, pasteIntoGrid, repoRoot, Session, startDriver, typeInCell } from './webdriver.mjs'

let driver
let dir
let exported

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-targets-'))
  exported = join(dir, '绩效目标表.xlsx')
  driver = await startDriver({ BUDGET_DESK_TEST_SAVE: exported })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})



test('a weight finding appears, is fixed, and the targets are exported', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'targets.sqlite')])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县人民政府办公室', code: '101001', year: 2024 })

    // the project, then a line that pays for it
    await app.click('#tab-projects')
    await app.click('[data-testid="projects-editor"] .actions button')
    await app.type('[data-testid="projects-editor"] .el-table__row:first-child td:nth-child(2) input', '政府办业务经费')
    await app.click('#tab-lines')
    await app.click('[data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, '2010399\t30299\t一般公共预算\t项目支出\tP001\t144.08')
    await app.click('[data-testid="save-lines"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 1 条明细' })

    await app.click('#tab-targets')
    await chooseOption(app, '[data-testid="add-target-project"]', 'P001 政府办业务经费')
    await app.waitFor('[data-testid="target-amount"]', { text: '144.08 万元' })
    const rows = [
      ['官方网站发布信息数量', '3500', '30'],
      ['有效保障单位正常运转', '100', '30'],
      ['信访人员满意度', '95', '20'],
    ]
    for (const [i, [name, value, weight]] of rows.entries()) {
      await typeInCell(app, 'target-grid', i, 'name', name)
      await typeInCell(app, 'target-grid', i, 'value', value)
      await typeInCell(app, 'target-grid', i, 'weight', weight)
    }
    await app.waitFor('[data-testid="weight-total"]', { text: '80' })
    await app.waitFor('[data-testid="target-finding"]', { text: '指标权重合计为80' })
    await app.screenshot('targets-weight-finding')

    await typeInCell(app, 'target-grid', 2, 'weight', '30')
    await app.waitFor('[data-testid="weight-total"]', { text: '90' })
    await app.waitFor('[data-testid="target-findings"]', { text: '没有发现问题' })
    await app.click('[data-testid="save-targets"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 1 个项目的绩效目标' })

    await chooseMenuItem(app, '[data-testid="export-targets"]', '[data-testid="export-targets-full"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导出' })
  } finally {
    await app.close()
  }

  const report = JSON.parse(
    execFileSync(join(repoRoot, 'target', 'debug', 'budget-cli'), ['check', '--json', exported]).toString(),
  )
  const file = report.files[0]
  assert.equal(file.kind, 'targets')
  assert.equal(file.projects[0].name, '政府办业务经费')
  assert.equal(file.projects[0].indicators, 3)
  assert.equal(file.projects[0].weight_total, '90')
})
