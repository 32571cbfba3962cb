// End to end: the real app window, driven through WebDriver, on a real SQLite file.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputOf, Session, startDriver } from './webdriver.mjs'

let driver
let dir
let db

before(async () => {
  driver = await startDriver()
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-e2e-'))
  db = join(dir, 'e2e.sqlite')
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const nameInput = inputOf('unit-name')
const codeInput = inputOf('unit-code')

async function createUnit(app, name, code) {
  await app.click('[data-testid="new-unit"]')
  await app.type(nameInput, name)
  await app.type(codeInput, code)
  await app.click('[data-testid="unit-save"]')
}

test('a unit created in the window is still there after a restart', async () => {
  let app = await Session.launch(driver, ['--db', db])
  try {
    await app.waitFor('[data-testid="status-message"]', { text: '就绪' })
    await createUnit(app, '若羌县人民政府办公室', '101001')
    await app.waitFor('[data-testid="nav-unit"]', { text: '若羌县人民政府办公室' })
    await app.waitFor('[data-testid="status-message"]', { text: '已新建单位' })

    await app.click('[data-testid="new-disclosure"]')
    await app.waitFor('[data-testid="disclosure-year"] input')
    await app.type('[data-testid="disclosure-year"] input', '2024')
    await app.click('[data-testid="disclosure-save"]')
    await app.waitFor('[data-testid="nav-disclosure"]', { text: '2024年预算公开' })
    await app.screenshot('units-created')
  } finally {
    await app.close()
  }

  app = await Session.launch(driver, ['--db', db])
  try {
    await app.waitFor('[data-testid="nav-unit"]', { text: '若羌县人民政府办公室' })
    await app.waitFor('[data-testid="nav-disclosure"]', { text: '2024年预算公开' })
    await app.click('[data-testid="nav-unit"]', { text: '若羌县人民政府办公室' })
    await app.waitFor('[data-testid="unit-detail"]', { text: '101001' })
  } finally {
    await app.close()
  }
})

test('a duplicate unit code is refused with a Chinese message and nothing changes', async () => {
  const app = await Session.launch(driver, ['--db', db])
  try {
    await app.waitFor('[data-testid="nav-unit"]', { text: '若羌县人民政府办公室' })
    await createUnit(app, '另一个单位', '101001')
    await app.waitFor('.el-message--error', { text: '单位编码“101001”已被“若羌县人民政府办公室”使用' })
    const units = await app.findAll('[data-testid="nav-unit"]')
    assert.equal(units.length, 1)
    await app.screenshot('duplicate-code')
  } finally {
    await app.close()
  }
})

test('deleting a unit asks first and removes it with its disclosures', async () => {
  const app = await Session.launch(driver, ['--db', db])
  try {
    await app.click('[data-testid="nav-unit"]', { text: '若羌县人民政府办公室' })
    await app.click('[data-testid="delete-unit"]')
    const box = await app.waitFor('.el-message-box', { text: '连同它的 1 个公开表一并删除' })
    assert.ok(box)
    await app.click('.el-message-box .el-button--danger')
    await app.waitFor('[data-testid="status-message"]', { text: '已删除单位' })
    assert.equal((await app.findAll('[data-testid="nav-unit"]')).length, 0)
  } finally {
    await app.close()
  }
})
