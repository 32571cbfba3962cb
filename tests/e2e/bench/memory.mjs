// Benchmark (run by scripts/bench-memory.sh, not a test): start-up time and idle memory of the
// real app, driven through WebKitWebDriver like the end-to-end tests.
//
// Usage: node tests/e2e/bench/memory.mjs LINES.xlsx [--runs N] [--idle SECONDS] [--floor]
//
// Sets up a database with one unit and the lines of LINES.xlsx imported by budget-cli as its
// 2025 预算 disclosure, and that disclosure exported as a standard workbook (the 审核 tour opens
// it). Then, RUNS times on a fresh copy of the database: launches the app, times it until the
// toolbar is there, reads the page's own timings, waits idle and reads the memory of the app and
// of every process under it (WebKitWebProcess, WebKitNetworkProcess, …); opens the disclosure,
// visits every tab, every table of 公开表 and every sheet of the workbook in 审核工作簿, goes back
// to the lines, waits idle and reads the memory again. Prints each run and the medians.
// With --floor, also measures WebKitGTK's own MiniBrowser on about:blank: what an empty web view
// costs on this machine before any app code. With --screenshots, the first run saves a picture of
// every screen of the tour in tests/e2e/artifacts (bench-*.png).
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { appBinary, inputOf, repoRoot, Session, startDriver } from '../webdriver.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const workbook = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
if (!workbook) {
  console.error('usage: memory.mjs LINES.xlsx [--runs N] [--idle SECONDS] [--floor] [--screenshots]')
  process.exit(2)
}
const runs = Number(option('--runs', 5))
const idleMs = Number(option('--idle', 5)) * 1000
const floor = args.includes('--floor')
const screenshots = args.includes('--screenshots')
const cli = process.env.BUDGET_CLI_BIN ?? join(repoRoot, 'target', 'debug', 'budget-cli')
const UNIT = { name: '基准测试单位', code: '990001' }
const YEAR = 2025

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b)
  if (!s.length) return null
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const mb = (kb) => (kb === null || kb === undefined ? '–' : (kb / 1024).toFixed(0))
const ms = (x) => (x === null || x === undefined ? '–' : `${Math.round(x)}`)

// ---- processes ------------------------------------------------------------------------------

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8')
  } catch {
    return null
  }
}

/** pid → parent pid of every process. */
function parents() {
  const map = new Map()
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    const stat = readProc(pid, 'stat')
    if (!stat) continue
    // the command name may hold spaces and parentheses: the fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    map.set(Number(pid), Number(fields[1]))
  }
  return map
}

function descendants(root) {
  const ppid = parents()
  const out = []
  const walk = (p) => {
    for (const [pid, parent] of ppid) {
      if (parent === p) {
        out.push(pid)
        walk(pid)
      }
    }
  }
  walk(root)
  return out
}

/** The browser process the driver launched (by default the app). */
async function appPid(driverPid, binary = appBinary, timeout = 10000) {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    for (const pid of descendants(driverPid)) {
      const cmd = (readProc(pid, 'cmdline') ?? '').split('\0')[0]
      if (cmd === binary) return pid
    }
    await sleep(20)
  }
  throw new Error(`${basename(binary)} was not found under the driver`)
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
// boot time in ms since the epoch, to 10 ms (/proc/stat's btime is in whole seconds)
const BOOT = Date.now() - Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000

/** When the process started, in ms since the epoch (resolution 1/CLK_TCK s). */
function startedAt(pid) {
  const stat = readProc(pid, 'stat')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return BOOT + (Number(fields[19]) / CLK_TCK) * 1000
}

function kb(text, key) {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text ?? '')
  return m ? Number(m[1]) : null
}

/** RSS and PSS (kB) of the app (or another browser) and every process under it, by name. */
function memory(pid, rootName = 'app (budget-desk)') {
  const rows = []
  for (const p of [pid, ...descendants(pid)]) {
    const cmd = (readProc(p, 'cmdline') ?? '').split('\0')[0]
    const name = p === pid ? rootName : basename(cmd) || (readProc(p, 'comm') ?? '?').trim()
    rows.push({ pid: p, name, rss: kb(readProc(p, 'status'), 'VmRSS'), pss: kb(readProc(p, 'smaps_rollup'), 'Pss') })
  }
  return rows
}

const GROUPS = ['app (budget-desk)', 'WebKitWebProcess', 'WebKitNetworkProcess']

/** Sums by process kind: the app, web processes, network process, anything else, total. */
function grouped(rows) {
  const out = {}
  for (const g of [...GROUPS, 'other', 'total']) out[g] = { rss: 0, pss: 0, n: 0 }
  for (const r of rows) {
    const g = GROUPS.includes(r.name) ? r.name : 'other'
    for (const k of [g, 'total']) {
      out[k].rss += r.rss ?? 0
      out[k].pss += r.pss ?? 0
      out[k].n++
    }
  }
  return out
}

function printRows(title, rows) {
  console.log(`  ${title}`)
  for (const r of rows) console.log(`    ${String(r.pid).padStart(7)}  ${r.name.padEnd(22)} RSS ${mb(r.rss).padStart(5)} MB  PSS ${mb(r.pss).padStart(5)} MB`)
  const t = grouped(rows).total
  console.log(`    ${''.padStart(7)}  ${'total'.padEnd(22)} RSS ${mb(t.rss).padStart(5)} MB  PSS ${mb(t.pss).padStart(5)} MB`)
}

// ---- the app --------------------------------------------------------------------------------

/** Launches the app and times it: from the request to the driver, and from the process start,
 * until the toolbar is in the page; and the page's own navigation and paint timings. */
async function launchTimed(driver, db) {
  const requested = Date.now()
  const app = await Session.start(driver, ['--db', db])
  const pid = await appPid(driver.pid)
  let toolbarAt = null
  for (const deadline = Date.now() + 30000; Date.now() < deadline; ) {
    const found = await app.findAll('[data-testid="toolbar"]').catch(() => [])
    if (found.length) {
      toolbarAt = Date.now()
      break
    }
    await sleep(10)
  }
  if (toolbarAt === null) throw new Error('no toolbar after 30 s')
  const page = await app.script(`
    const t = performance.timing
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')
    return {
      origin: performance.timeOrigin,
      domContentLoaded: t.domContentLoadedEventEnd ? t.domContentLoadedEventEnd - t.navigationStart : null,
      load: t.loadEventEnd ? t.loadEventEnd - t.navigationStart : null,
      fcp: fcp ? fcp.startTime : null,
      resources: Array.from(document.querySelectorAll('script[src], link[rel="modulepreload"], link[rel="stylesheet"]')).map((e) => e.src || e.href),
    }`)
  const started = startedAt(pid)
  return {
    app,
    pid,
    timing: {
      driver: toolbarAt - requested,
      process: toolbarAt - started,
      navigation: page.origin - started,
      domContentLoaded: page.domContentLoaded,
      fcp: page.fcp,
      fcpFromProcess: page.fcp === null ? null : page.origin + page.fcp - started,
    },
    resources: page.resources,
  }
}

async function waitText(app, css, pattern, timeout = 60000) {
  const deadline = Date.now() + timeout
  for (;;) {
    const text = await app.script(`return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.innerText).join('\\n')`, [css])
    if (pattern.test(text)) return text
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${css} to match ${pattern} (text: “${text.slice(0, 200)}”)`)
    await sleep(100)
  }
}

/** Opens the disclosure and visits every tab and table, then 审核工作簿 with the exported
 * workbook and each of its sheets, then goes back to the lines. With `shots`, saves a picture of
 * each screen. */
async function tour(app, shots = false) {
  // pictures after Element Plus's transitions (0.3 s) have ended
  const shot = async (name) => {
    if (!shots) return
    await sleep(400)
    await app.screenshot(`bench-${name}`)
  }
  await app.click('[data-testid="nav-disclosure"]')
  await waitText(app, '[data-testid="line-totals"]', /明细 [\d,]+ 条/)
  await waitText(app, '[data-testid="status-message"]', /已打开/)
  // scroll the grid through the middle to the end, as one looks over the lines
  for (const at of [0.5, 1]) {
    await app.script(`const s = document.querySelector('[data-testid="line-grid"]'); if (s) s.scrollTop = s.scrollHeight * arguments[0]`, [at])
    await sleep(300)
  }
  await shot('lines')
  await app.click('#tab-projects')
  await app.waitFor('[data-testid="projects-editor"]')
  await shot('projects')
  await app.click('#tab-targets')
  await app.waitFor('[data-testid="targets-editor"]', { timeout: 30000 })
  await shot('targets')
  await app.click('#tab-tables')
  await app.waitFor('[data-testid="tables-preview"] td', { timeout: 30000 })
  const sheets = await app.script(`return Array.from(document.querySelectorAll('[data-testid^="preview-tab-"]')).map((e) => e.dataset.testid)`)
  for (const id of sheets) {
    await app.click(`[data-testid="${id}"]`)
    await app.waitFor('[data-testid="tables-preview"] td')
    await app.waitGone('[data-testid="tables-preview"] .el-loading-mask')
    await sleep(200)
    await shot(id.replace('preview-tab-', 'tables-'))
  }
  await app.click('#tab-narrative')
  await app.waitFor('[data-testid="narrative-editor"]', { timeout: 30000 })
  await shot('narrative')
  await app.click('#tab-overview')
  await waitText(app, '[data-testid="overview"]', /已保存的预算合计/)
  await app.waitFor('[data-testid="overview"] canvas')
  await sleep(500)
  await shot('overview')

  await app.click('[data-testid="mode-review"]')
  await app.click('[data-testid="review-open"]')
  await waitText(app, '[data-testid="status-message"]', /已审核 1 个文件/)
  await app.waitFor('.sheet-tabs .el-tabs__item')
  const tabs = (await app.findAll('.sheet-tabs .el-tabs__item')).length
  for (let i = 0; i < tabs; i++) {
    const tab = (await app.findAll('.sheet-tabs .el-tabs__item'))[i]
    await app.clickElement(tab)
    await app.waitFor('[data-testid="sheet-view"] td', { timeout: 30000 })
    await app.waitGone('[data-testid="sheet-view"] .el-loading-mask', 30000)
    await sleep(200)
    if (i === 0 || i === tabs - 1) await shot(`review-sheet-${i + 1}`)
  }
  await app.click('[data-testid="mode-units"]')
  await app.click('#tab-lines')
  await app.waitFor('[data-testid="line-grid"]')
  await shot('back-to-lines')
  return { sheets: sheets.length, reviewSheets: tabs }
}

async function setUp(dir) {
  const db = join(dir, 'bench.sqlite')
  const driver = await startDriver()
  try {
    const app = await Session.launch(driver, ['--db', db])
    try {
      await app.click('[data-testid="new-unit"]')
      await app.type(inputOf('unit-name'), UNIT.name)
      await app.type(inputOf('unit-code'), UNIT.code)
      await app.click('[data-testid="unit-save"]')
      await app.waitFor('[data-testid="nav-unit"]', { text: UNIT.name })
    } finally {
      await app.close()
    }
  } finally {
    driver.stop()
  }
  const imported = execFileSync(cli, ['import', workbook, '--db', db, '--unit', UNIT.code, '--year', String(YEAR)], { stdio: ['ignore', 'pipe', 'inherit'] })
  console.log(imported.toString().split('\n')[0])
  const exported = join(dir, '基准测试单位2025年部门预算公开表.xlsx')
  execFileSync(cli, ['export', '--db', db, '--unit', UNIT.code, '--year', String(YEAR), '--out', exported], { stdio: ['ignore', 'ignore', 'inherit'] })
  return { db, exported }
}

async function measuredRun(n, dir, db, exported) {
  const copy = join(dir, `run-${n}.sqlite`)
  copyFileSync(db, copy)
  const driver = await startDriver({ BUDGET_DESK_TEST_PICK: exported })
  try {
    const { app, pid, timing, resources } = await launchTimed(driver, copy)
    try {
      await sleep(idleMs)
      const started = memory(pid)
      const visited = await tour(app, screenshots && n === 1)
      await sleep(idleMs)
      const toured = memory(pid)
      return { timing, started, toured, visited, resources }
    } finally {
      await app.close()
    }
  } finally {
    driver.stop()
  }
}

/** WebKitGTK's MiniBrowser, where the distribution installs it. */
function miniBrowser() {
  const candidates = ['/usr/libexec/webkit2gtk-4.1/MiniBrowser']
  for (const dir of readdirSync('/usr/lib')) candidates.push(join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser'))
  return candidates.find((c) => existsSync(c)) ?? null
}

/** MiniBrowser on about:blank, idle: the memory of an empty WebKitGTK web view, with GPU
 * compositing off as the app sets it on Linux unless the environment says otherwise. */
async function floorRun(binary) {
  const driver = await startDriver(process.env.WEBKIT_DISABLE_COMPOSITING_MODE === undefined ? { WEBKIT_DISABLE_COMPOSITING_MODE: '1' } : {})
  try {
    const caps = { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } } }
    const res = await fetch(`${driver.base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caps) })
    const body = await res.json()
    if (!res.ok) throw new Error(`MiniBrowser session failed: ${JSON.stringify(body)}`)
    try {
      const pid = await appPid(driver.pid, binary)
      await sleep(idleMs)
      return memory(pid, 'MiniBrowser')
    } finally {
      await fetch(`${driver.base}/session/${body.value.sessionId}`, { method: 'DELETE' }).catch(() => {})
    }
  } finally {
    driver.stop()
  }
}

/** "median (min–max)" of a figure over the runs. */
function spread(values, format) {
  const xs = values.filter((x) => x !== null && x !== undefined)
  if (!xs.length) return '–'
  return xs.length === 1 ? format(xs[0]) : `${format(median(xs))} (${format(Math.min(...xs))}–${format(Math.max(...xs))})`
}

/** What the page loaded at start, by kind: count and size (read from ui/dist, whose file names
 * carry a hash of their content; a file not there is counted without its size). */
function loaded(urls) {
  const out = []
  for (const ext of ['js', 'css']) {
    const files = urls.map((u) => basename(new URL(u).pathname)).filter((f) => f.endsWith(`.${ext}`))
    let size = 0
    let known = 0
    for (const f of files) {
      const path = join(process.env.BUDGET_DESK_UI_DIST ?? join(repoRoot, 'ui', 'dist'), 'assets', f)
      if (existsSync(path)) {
        size += statSync(path).size
        known++
      }
    }
    const sized = known === files.length ? ` (${(size / 1024).toFixed(0)} KB)` : known ? ` (${known} of them ${(size / 1024).toFixed(0)} KB)` : ''
    out.push(`${files.length} ${ext}${sized}`)
  }
  return out.join(', ')
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const dir = mkdtempSync(join(tmpdir(), 'budget-desk-bench-memory-'))
try {
  console.log(`app: ${appBinary}; load average at start: ${load()}`)
  const { db, exported } = await setUp(dir)
  const results = []
  for (let n = 1; n <= runs; n++) {
    const r = await measuredRun(n, dir, db, exported)
    results.push(r)
    const t = r.timing
    console.log(`\nrun ${n}: toolbar ${ms(t.process)} ms after the process started (${ms(t.driver)} ms after the driver was asked); ` +
      `navigation began at ${ms(t.navigation)} ms, DOMContentLoaded +${ms(t.domContentLoaded)} ms, first contentful paint +${ms(t.fcp)} ms ` +
      `(${ms(t.fcpFromProcess)} ms after the process started); loaded at start: ${loaded(r.resources)}; ` +
      `toured ${r.visited.sheets} tables and ${r.visited.reviewSheets} review sheets`)
    printRows(`idle ${idleMs / 1000} s after start`, r.started)
    printRows(`idle ${idleMs / 1000} s after the tour`, r.toured)
  }

  console.log(`\nMB, median (min–max) of ${runs} runs; load average now: ${load()}`)
  console.log(`| process | RSS after start | RSS after the tour | PSS after start | PSS after the tour |`)
  console.log(`|---|---|---|---|---|`)
  for (const g of [...GROUPS, 'other', 'total']) {
    const cell = (when, kind) => spread(results.map((r) => grouped(r[when])[g][kind]), mb)
    console.log(`| ${g} | ${cell('started', 'rss')} | ${cell('toured', 'rss')} | ${cell('started', 'pss')} | ${cell('toured', 'pss')} |`)
  }
  const timing = (k) => spread(results.map((r) => r.timing[k]), ms)
  console.log(`start (ms): process start → toolbar ${timing('process')}; process start → navigation ${timing('navigation')}; ` +
    `navigation → DOMContentLoaded ${timing('domContentLoaded')}; navigation → first contentful paint ${timing('fcp')}`)
  if (floor) {
    const binary = miniBrowser()
    const compositing = process.env.WEBKIT_DISABLE_COMPOSITING_MODE === '0' ? 'on' : 'off'
    if (binary) printRows(`floor: WebKitGTK's MiniBrowser on about:blank (compositing ${compositing}), idle ${idleMs / 1000} s`, await floorRun(binary))
    else console.log('floor: MiniBrowser not found')
  }
  const med = (f) => median(results.map(f))
  const part = (g) => mb(med((r) => grouped(r.toured)[g].rss))
  console.log(`\nsummary: idle after the tour ${mb(med((r) => grouped(r.toured).total.rss))} MB RSS in all ` +
    `(app ${part('app (budget-desk)')}, web ${part('WebKitWebProcess')}, network ${part('WebKitNetworkProcess')}), ` +
    `${mb(med((r) => grouped(r.toured).total.pss))} MB PSS; idle after start ${mb(med((r) => grouped(r.started).total.rss))} MB RSS; ` +
    `process start to toolbar ${ms(med((r) => r.timing.process))} ms (medians of ${runs})`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
