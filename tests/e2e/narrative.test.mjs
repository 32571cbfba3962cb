// End to end: 情况说明 generated from the saved lines, a typed fact flowing into the text, a
// narrative typed elsewhere checked number by number, and the complete .docx exported.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createUnitWithDisclosure, inputOf, pasteIntoGrid, repoRoot, startDriver, Session } from './webdriver.mjs'

let driver
let dir
let docx
let xlsx

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-desk-narrative-'))
  docx = join(dir, '公开.docx')
  xlsx = join(dir, '公开.xlsx')
  driver = await startDriver({ BUDGET_DESK_TEST_SAVE: docx })
})

after(() => {
  driver?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})



async function narrativeText(app) {
  return app.script('return document.querySelector(\'[data-testid="narrative-text"]\').innerText')
}

test('part three is generated from the lines, and typed text is checked', async () => {
  const app = await Session.launch(driver, ['--db', join(dir, 'n.sqlite')])
  try {
    await createUnitWithDisclosure(app, { name: '若羌县人民政府办公室', code: '101001', year: 2024 })
    await app.click('[data-row="0"] [data-key="function_code"]')
    await pasteIntoGrid(app, '2010301\t30101\t一般公共预算\t人员经费\t\t800\r\n2010350\t30201\t一般公共预算\t公用经费\t\t42.07')
    await app.click('[data-testid="save-lines"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已保存 2 条明细' })

    await app.click('#tab-narrative')
    await app.waitFor('[data-testid="narrative-text"]', { text: '842.07' })
    const text = await narrativeText(app)
    assert.match(text, /收支总预算\s*842\.07\s*万元/)
    assert.match(text, /基本支出\s*842\.07\s*万元/)

    await app.type(inputOf('fact-office'), '38.69')
    await app.script('document.querySelector(arguments[0]).dispatchEvent(new Event("change"))', [inputOf('fact-office')])
    await app.waitFor('[data-testid="narrative-text"]', { text: '机关运行经费财政拨款预算38.69万元' })
    await app.click('[data-testid="save-document"]')
    await app.waitFor('[data-testid="status-message"]', { text: '情况说明已保存' })
    await app.screenshot('narrative-generated')

    await app.click('[data-testid="narrative-check-tab"]')
    await app.type(
      'textarea[data-testid="narrative-input"], [data-testid="narrative-input"] textarea',
      '若羌县人民政府办公室2024年一般公共预算支出 842.07 万元，比上年减少 20.00 万元，下降 4000%。',
    )
    await app.click('[data-testid="narrative-check"]')
    await app.waitFor('[data-testid="narrative-finding"]', { text: '4000%' })
    await app.screenshot('narrative-check')

    await app.click('[data-testid="narrative-check-tab"]')
    await app.click('[data-testid="export-docx"]')
    // facts never entered are listed before exporting, with the choice to go on
    await app.waitFor('[data-testid="gap"]', { text: '编制数' })
    await app.screenshot('narrative-gaps')
    await app.click('[data-testid="gaps-go"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导出' })
  } finally {
    await app.close()
  }
  assert.ok(existsSync(docx), 'the .docx was written')
  const xml = execFileSync('python3', [
    '-c',
    'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())',
    docx,
  ]).toString()
  assert.ok(xml.includes('842.07'), 'the document carries the numbers')
  assert.ok(xml.includes('情况说明'), 'the document has part three')
})

test('the complete document workbook has every part in the published order; only its unfilled facts are found', async () => {
  const own = await startDriver({ BUDGET_DESK_TEST_SAVE: xlsx })
  const app = await Session.launch(own, ['--db', join(dir, 'n.sqlite')])
  try {
    await app.click('[data-testid="nav-disclosure"]', { text: '2024年预算公开' })
    await app.click('#tab-narrative')
    await app.waitFor('[data-testid="narrative-text"]', { text: '机关运行经费财政拨款预算38.69万元' })
    await app.click('[data-testid="export-document-xlsx"]')
    await app.click('[data-testid="gaps-go"]')
    await app.waitFor('[data-testid="status-message"]', { text: '已导出' })
  } finally {
    await app.close()
    own.stop()
  }
  const sheets = execFileSync('python3', [
    '-c',
    'import re, sys, zipfile; print("|".join(re.findall(r\'<sheet name="([^"]+)"\', zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))',
    xlsx,
  ])
    .toString()
    .trim()
    .split('|')
  assert.deepEqual(sheets.slice(0, 7), ['封面', '目录', '主要职能', '机构设置', '名词解释', '情况说明', '表1'])
  assert.equal(sheets.at(-1), '其他重要事项')
  const report = JSON.parse(execFileSync(join(repoRoot, 'target', 'debug', 'budget-cli'), ['check', '--json', xlsx]).toString())
  assert.equal(report.files[0].tables.length, 11)
  // exported past the list of unfilled facts: its （待填写） places are what the 审核 finds, as
  // warnings at their sheets, and nothing else
  const findings = report.files[0].findings
  assert.ok(findings.length > 0)
  for (const f of findings) {
    assert.equal(f.rule, 'document_placeholder', JSON.stringify(f))
    assert.equal(f.severity, 'warning')
    assert.ok(f.quote.includes('待填写') && f.sheet, JSON.stringify(f))
  }
})
